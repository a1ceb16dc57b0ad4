using System.Collections.Generic;
using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Runtime.Serialization;

namespace DeployAdvisor.Engine.Rules
{
    // The rule-file format: data-contract classes from which schemas/rules.schema.json is generated
    // and against which rule files are validated (with locations) by the same ShapeBinder as descriptors.
    // Conditions are a declarative tree; nothing in a rule file can execute.

    public enum RuleEffect
    {
        /// <summary>Raised by the loaders about input that was not understood or configuration (DA0xxx).</summary>
        [EnumMember(Value = "input")] Input,
        /// <summary>Removes targets from the feasible set; reported when it removes the planned target.</summary>
        [EnumMember(Value = "exclude")] Exclude,
        /// <summary>Reported as a finding when its condition holds (after feasibility is known).</summary>
        [EnumMember(Value = "report")] Report,
        /// <summary>Found by the analyzers in a workload's code (DA11xx, DA21xx).</summary>
        [EnumMember(Value = "evidence")] Evidence,
    }

    public enum RuleSeverity
    {
        [EnumMember(Value = "error")] Error,
        [EnumMember(Value = "warning")] Warning,
        [EnumMember(Value = "info")] Info,
    }

    [DataContract]
    [Description("A DeployAdvisor rule file: rules, platform profiles and the ranking, as data.")]
    public sealed class RuleFileData
    {
        [DataMember(Name = "rules", EmitDefaultValue = false)]
        [Description("Rules defined by this file.")]
        public List<RuleData>? Rules { get; set; }

        [DataMember(Name = "profiles", EmitDefaultValue = false)]
        [Description("Platform profiles: the typical figures of each target, each with its source.")]
        public List<ProfileData>? Profiles { get; set; }

        [DataMember(Name = "ranking", EmitDefaultValue = false)]
        [Description("Orders of preference over the targets; the first entry whose condition holds applies.")]
        public List<RankingData>? Ranking { get; set; }
    }

    [DataContract]
    [Description("One rule: identity, meaning, condition, effect, message and fixtures.")]
    public sealed class RuleData
    {
        [DataMember(Name = "id", IsRequired = true)]
        [Required, RegularExpression("^[A-Z]{2,8}[0-9]{4}$")]
        [Description("Stable rule ID such as DA1001; user rules should use their own prefix.")]
        public string Id { get; set; } = "";

        [DataMember(Name = "name", IsRequired = true)]
        [Required, RegularExpression("^[a-z0-9]+(-[a-z0-9]+)*$")]
        [Description("Short kebab-case name.")]
        public string Name { get; set; } = "";

        [DataMember(Name = "category", IsRequired = true)]
        [Required, RegularExpression("^[a-z]+(-[a-z]+)*$")]
        [Description("Category such as input, security, isolation, interface, budgets, distribution, plan.")]
        public string Category { get; set; } = "";

        [DataMember(Name = "severity", IsRequired = true)]
        [Required]
        [Description("Default severity: error, warning or info.")]
        public RuleSeverity Severity { get; set; }

        [DataMember(Name = "effect", IsRequired = true)]
        [Required]
        [Description("input (raised by loaders), exclude (removes targets), report (a finding) or evidence (analyzers only).")]
        public RuleEffect Effect { get; set; }

        [DataMember(Name = "summary", IsRequired = true)]
        [Required]
        [Description("One line: what fires the rule.")]
        public string Summary { get; set; } = "";

        [DataMember(Name = "rationale", IsRequired = true)]
        [Required]
        [Description("Why the rule exists.")]
        public string Rationale { get; set; } = "";

        [DataMember(Name = "sources", EmitDefaultValue = false)]
        [Description("Where the rule's criteria and figures come from.")]
        public List<string>? Sources { get; set; }

        [DataMember(Name = "excludes", EmitDefaultValue = false)]
        [Description("For effect exclude: the targets the rule can exclude; the condition is evaluated once per target.")]
        public List<Model.Target>? Excludes { get; set; }

        [DataMember(Name = "when", EmitDefaultValue = false)]
        [Description("For effect exclude or report: the condition. For effect evidence: when the rule applies to a workload (its declaration the code can contradict); always when absent.")]
        public ConditionData? When { get; set; }

        [DataMember(Name = "evidence", EmitDefaultValue = false)]
        [Description("For effect evidence: what in a workload's code is evidence; the analyzers find it by symbol.")]
        public EvidenceData? Evidence { get; set; }

        [DataMember(Name = "fix", EmitDefaultValue = false)]
        [Description("For effect evidence: the declaration that matches the code, offered as a code fix.")]
        public FixData? Fix { get; set; }

        [DataMember(Name = "at", EmitDefaultValue = false)]
        [Description("For effect report: fields where the finding is located, the first one written wins (default spec.deployment.target, then spec).")]
        public List<string>? At { get; set; }

        [DataMember(Name = "message", IsRequired = true)]
        [Required]
        [Description("The finding's message. Placeholders: {target}, {planned}, {recommendation}, {name}, {remedies}, {field:<path>}, {profile:<figure>}, {detail}.")]
        public string Message { get; set; } = "";

        [DataMember(Name = "remediation", IsRequired = true)]
        [Required]
        [Description("How to fix it.")]
        public string Remediation { get; set; } = "";

        [DataMember(Name = "example", EmitDefaultValue = false)]
        [Description("A short YAML example of input that fires the rule.")]
        public string? Example { get; set; }

        [DataMember(Name = "fixtures", EmitDefaultValue = false)]
        [Description("Workloads on which the rule must fire and must not. For an evidence rule: workloads it applies to (evidence in their code would be reported) and does not.")]
        public FixturesData? Fixtures { get; set; }
    }

    [DataContract]
    [Description("A condition: exactly one of all, any, not, field (with one comparison), offered, feasible, recommended, reported, noFeasibleTarget.")]
    public sealed class ConditionData
    {
        [DataMember(Name = "all", EmitDefaultValue = false)]
        [Description("Holds when every condition holds.")]
        public List<ConditionData>? All { get; set; }

        [DataMember(Name = "any", EmitDefaultValue = false)]
        [Description("Holds when at least one condition holds.")]
        public List<ConditionData>? Any { get; set; }

        [DataMember(Name = "not", EmitDefaultValue = false)]
        [Description("Holds when the condition does not.")]
        public ConditionData? Not { get; set; }

        [DataMember(Name = "field", EmitDefaultValue = false)]
        [Description("A descriptor field path such as spec.budgets.startup, compared by one of the operators below. A comparison on an unset optional field is false.")]
        public string? Field { get; set; }

        [DataMember(Name = "equals", EmitDefaultValue = false)]
        [Description("The field equals this value.")]
        public object? EqualsValue { get; set; }

        [DataMember(Name = "notEquals", EmitDefaultValue = false)]
        [Description("The field is set and differs from this value.")]
        public object? NotEquals { get; set; }

        [DataMember(Name = "in", EmitDefaultValue = false)]
        [Description("The field equals one of these values.")]
        public List<object>? In { get; set; }

        [DataMember(Name = "lessThan", EmitDefaultValue = false)]
        [Description("The field is below this value or profile figure (profile.startup, profile.size, profile.sizeLinux, profile.sizeWindows, profile.sizeWindowsServerCore, profile.sizeWindowsServer, profile.memoryOverhead).")]
        public object? LessThan { get; set; }

        [DataMember(Name = "atMost", EmitDefaultValue = false)]
        [Description("The field is at most this value or profile figure.")]
        public object? AtMost { get; set; }

        [DataMember(Name = "greaterThan", EmitDefaultValue = false)]
        [Description("The field is above this value or profile figure.")]
        public object? GreaterThan { get; set; }

        [DataMember(Name = "atLeast", EmitDefaultValue = false)]
        [Description("The field is at least this value or profile figure.")]
        public object? AtLeast { get; set; }

        [DataMember(Name = "isSet", EmitDefaultValue = false)]
        [Description("true: the field is written (or has a default); false: it is not.")]
        public bool? IsSet { get; set; }

        [DataMember(Name = "subsetOf", EmitDefaultValue = false)]
        [Description("The field (a set, such as spec.host.devices) holds only values of this profile figure's set (profile.devices).")]
        public object? SubsetOf { get; set; }

        [DataMember(Name = "notSubsetOf", EmitDefaultValue = false)]
        [Description("The field (a set, such as spec.host.devices) holds a value that this profile figure's set (profile.devices) lacks.")]
        public object? NotSubsetOf { get; set; }

        [DataMember(Name = "contains", EmitDefaultValue = false)]
        [Description("The field (a set, such as spec.host.devices) holds this value (gpu, fpga or usb for devices).")]
        public object? Contains { get; set; }

        [DataMember(Name = "notContains", EmitDefaultValue = false)]
        [Description("The field (a set, such as spec.host.devices) is set and lacks this value; an unset field is neither.")]
        public object? NotContains { get; set; }

        [DataMember(Name = "offered", EmitDefaultValue = false)]
        [Description("In exclude rules: true when the platform offers the target being evaluated (configuration platform.targets), false when it does not.")]
        public bool? Offered { get; set; }

        [DataMember(Name = "feasible", EmitDefaultValue = false)]
        [Description("The target (container, sandboxed-container, vm, or planned) is feasible.")]
        public string? Feasible { get; set; }

        [DataMember(Name = "recommended", EmitDefaultValue = false)]
        [Description("The target (or planned) is the recommendation.")]
        public string? Recommended { get; set; }

        [DataMember(Name = "reported", EmitDefaultValue = false)]
        [Description("The rule with this ID is reported for the workload.")]
        public string? Reported { get; set; }

        [DataMember(Name = "noFeasibleTarget", EmitDefaultValue = false)]
        [Description("true: every target is excluded.")]
        public bool? NoFeasibleTarget { get; set; }
    }

    [DataContract]
    [Description("Evidence triggers: code elements found by symbol (metadata names, P/Invoke entry points), never by text. At least one.")]
    public sealed class EvidenceData
    {
        [DataMember(Name = "nativeCalls", EmitDefaultValue = false)]
        [Description("Calls of P/Invoke methods (DllImport or LibraryImport) with these entry points, into these native libraries, or both.")]
        public List<NativeCallData>? NativeCalls { get; set; }

        [DataMember(Name = "types", EmitDefaultValue = false)]
        [Description("Metadata names of types (Namespace.Type, nested types Namespace.Outer+Inner): calls of their members and of members of types derived from them, and creations of such types.")]
        public List<string>? Types { get; set; }

        [DataMember(Name = "namespaces", EmitDefaultValue = false)]
        [Description("Namespaces: calls of members of types in them or in namespaces below them (or derived from such types), and creations of such types.")]
        public List<string>? Namespaces { get; set; }

        [DataMember(Name = "members", EmitDefaultValue = false)]
        [Description("Members by their type's metadata name and their own name (Namespace.Type.Member, nested types Namespace.Outer+Inner.Member): calls of such methods (every overload; extension methods too), reads of such properties and fields (enum members included).")]
        public List<string>? Members { get; set; }

        [DataMember(Name = "attributes", EmitDefaultValue = false)]
        [Description("Metadata names of attribute classes: members, types and parameters declared with one of them or a subclass, reads of such properties and fields, and creations of such types.")]
        public List<string>? Attributes { get; set; }

        [DataMember(Name = "supportedOSPlatforms", EmitDefaultValue = false)]
        [Description("Platform names such as windows: calls, creations and property reads of APIs marked [SupportedOSPlatform] for that platform (any version), unless inside a check for it (OperatingSystem.Is<Platform>..., RuntimeInformation.IsOSPlatform) or in code marked for it itself.")]
        public List<string>? SupportedOSPlatforms { get; set; }
    }

    [DataContract]
    [Description("A P/Invoke entry point, a native library, or an entry point of one library: at least one of entryPoint and library.")]
    public sealed class NativeCallData
    {
        [DataMember(Name = "entryPoint", EmitDefaultValue = false)]
        [RegularExpression("^[^\\s]+$")]
        [Description("The entry point: the EntryPoint argument, else the method's name; any entry point of the library when absent.")]
        public string? EntryPoint { get; set; }

        [DataMember(Name = "library", EmitDefaultValue = false)]
        [RegularExpression("^[^\\s]+$")]
        [Description("The library name as imported, compared as a whole name without case, directory, 'lib' prefix, file extension (.dll, .so, .dylib) or version: cuda matches libcuda.so.1, CUDA.dll and libcuda, not nvcuda or libcudart; any library when absent.")]
        public string? Library { get; set; }
    }

    [DataContract]
    [Description("A code fix as data: the descriptor field to set and its value, written on the [Workload] attribute.")]
    public sealed class FixData
    {
        [DataMember(Name = "field", IsRequired = true)]
        [Required]
        [Description("A descriptor field path such as spec.security.sensitivity.")]
        public string Field { get; set; } = "";

        [DataMember(Name = "value", IsRequired = true)]
        [Required]
        [Description("The value to set, as in a descriptor (confidential, gui, true, windows); for a set field (spec.host.devices) one member, which the fix adds to the declared set (gpu).")]
        public object? Value { get; set; }
    }

    [DataContract]
    [Description("Fixtures: workloads on which the rule must fire and must not.")]
    public sealed class FixturesData
    {
        [DataMember(Name = "fires", EmitDefaultValue = false)]
        [Description("Workloads on which the rule must fire.")]
        public List<FixtureData>? Fires { get; set; }

        [DataMember(Name = "passes", EmitDefaultValue = false)]
        [Description("Workloads on which the rule must not fire.")]
        public List<FixtureData>? Passes { get; set; }
    }

    [DataContract]
    [Description("One fixture.")]
    public sealed class FixtureData
    {
        [DataMember(Name = "description", IsRequired = true)]
        [Required]
        [Description("What the fixture shows.")]
        public string Description { get; set; } = "";

        [DataMember(Name = "workload", IsRequired = true)]
        [Required]
        [Description("A complete deployadvisor/v1 Workload descriptor.")]
        public object? Workload { get; set; }

        [DataMember(Name = "excludes", EmitDefaultValue = false)]
        [Description("For fires fixtures of exclude rules: exactly the targets the rule must exclude.")]
        public List<Model.Target>? Excludes { get; set; }

        [DataMember(Name = "platform", EmitDefaultValue = false)]
        [Description("The platform the fixture is evaluated on, as the configuration's platform section says it (all three targets when absent).")]
        public FixturePlatformData? Platform { get; set; }
    }

    [DataContract]
    [Description("A fixture's platform: the targets it offers.")]
    public sealed class FixturePlatformData
    {
        [DataMember(Name = "targets", IsRequired = true)]
        [Required]
        [Description("The targets the platform offers.")]
        public List<Model.Target> Targets { get; set; } = new List<Model.Target>();
    }

    [DataContract]
    [Description("The typical figures of one target.")]
    public sealed class ProfileData
    {
        [DataMember(Name = "target", IsRequired = true)]
        [Required]
        [Description("The target these figures describe.")]
        public Model.Target Target { get; set; }

        [DataMember(Name = "startup", IsRequired = true)]
        [Required]
        [Description("Typical time from start request to ready.")]
        public FigureData Startup { get; set; } = new FigureData();

        [DataMember(Name = "sizeLinux", IsRequired = true)]
        [Required]
        [Description("Smallest typical artifact for a Linux workload.")]
        public FigureData SizeLinux { get; set; } = new FigureData();

        [DataMember(Name = "sizeWindows", IsRequired = true)]
        [Required]
        [Description("Smallest typical artifact for a Windows workload.")]
        public FigureData SizeWindows { get; set; } = new FigureData();

        [DataMember(Name = "memoryOverhead", IsRequired = true)]
        [Required]
        [Description("Typical per-instance memory overhead of the isolation layer.")]
        public FigureData MemoryOverhead { get; set; } = new FigureData();

        [DataMember(Name = "sizeWindowsServerCore", EmitDefaultValue = false)]
        [Description("Smallest typical artifact for a Windows workload on Server Core (windows.image: servercore); sizeWindows when absent.")]
        public FigureData? SizeWindowsServerCore { get; set; }

        [DataMember(Name = "sizeWindowsServer", EmitDefaultValue = false)]
        [Description("Smallest typical artifact for a Windows workload on Windows Server (windows.image: server); sizeWindows when absent.")]
        public FigureData? SizeWindowsServer { get; set; }

        [DataMember(Name = "devices", EmitDefaultValue = false)]
        [Description("The devices a workload on this target can reach (gpu, fpga, usb); all three when absent.")]
        public DevicesFigureData? Devices { get; set; }
    }

    [DataContract]
    [Description("A device set with its source.")]
    public sealed class DevicesFigureData
    {
        [DataMember(Name = "value", IsRequired = true)]
        [Required]
        [Description("The devices offered: a sequence of gpu, fpga, usb (empty: none).")]
        public List<Model.Device> Value { get; set; } = new List<Model.Device>();

        [DataMember(Name = "source", IsRequired = true)]
        [Required]
        [Description("Where the figure comes from.")]
        public string Source { get; set; } = "";
    }

    [DataContract]
    [Description("A figure with its source.")]
    public sealed class FigureData
    {
        [DataMember(Name = "value", IsRequired = true)]
        [Required]
        [Description("A duration (1s) or size (5MB) literal.")]
        public string Value { get; set; } = "";

        [DataMember(Name = "source", IsRequired = true)]
        [Required]
        [Description("Where the figure comes from.")]
        public string Source { get; set; } = "";
    }

    [DataContract]
    [Description("An order of preference over the targets and when it applies.")]
    public sealed class RankingData
    {
        [DataMember(Name = "when", EmitDefaultValue = false)]
        [Description("When this order applies; an entry without a condition always applies (put it last).")]
        public ConditionData? When { get; set; }

        [DataMember(Name = "order", IsRequired = true)]
        [Required]
        [Description("All three targets, most preferred first.")]
        public List<Model.Target> Order { get; set; } = new List<Model.Target>();

        [DataMember(Name = "reason", IsRequired = true)]
        [Required]
        [Description("Why this order, stated once per workload after the fields that chose it (\"security.sensitivity: restricted, so <reason>\"); an order chosen by no field is this reason alone.")]
        public string Reason { get; set; } = "";
    }
}
