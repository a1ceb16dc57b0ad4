using System.Collections.Generic;
using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Runtime.Serialization;
using DeployAdvisor.Engine.Literals;

namespace DeployAdvisor.Engine.Model
{
    // The descriptor of workload.md, version 1, as the single source of truth for its shape.
    // NJsonSchema generates schemas/workload-v1.schema.json from these classes, and ObjectShape
    // derives from the same attributes the shapes that Binding.WorkloadBinder validates every
    // source with, so the two cannot disagree about a field name, a required flag or an enum value.
    // No workload is bound to these classes: the binder builds the Workload itself.

    [DataContract]
    [Description("A DeployAdvisor workload descriptor (version 1): what a workload needs, so that DeployAdvisor can say where it should run.")]
    public sealed class WorkloadDescriptor
    {
        [DataMember(Name = "apiVersion", IsRequired = true)]
        [Required, RegularExpression("^deployadvisor/v1$")]
        [Description("Always deployadvisor/v1.")]
        public string ApiVersion { get; set; } = "";

        [DataMember(Name = "kind", IsRequired = true)]
        [Required, RegularExpression("^Workload$")]
        [Description("Always Workload.")]
        public string Kind { get; set; } = "";

        [DataMember(Name = "metadata", IsRequired = true)]
        [Required]
        [Description("Who the workload is.")]
        public WorkloadMetadata Metadata { get; set; } = new WorkloadMetadata();

        [DataMember(Name = "spec", IsRequired = true)]
        [Required]
        [Description("What the workload needs.")]
        public WorkloadSpec Spec { get; set; } = new WorkloadSpec();
    }

    [DataContract]
    [Description("Who the workload is.")]
    public sealed class WorkloadMetadata
    {
        [DataMember(Name = "name", IsRequired = true)]
        [Required, StringLength(63, MinimumLength = 1), RegularExpression("^[a-z0-9-]{1,63}$")]
        [Description("The workload's name: 1-63 characters, lowercase letters, digits and '-'. Unique across a run.")]
        public string Name { get; set; } = "";

        [DataMember(Name = "description", EmitDefaultValue = false)]
        [Description("What the workload does, in a sentence.")]
        public string? Description { get; set; }

        [DataMember(Name = "owner", EmitDefaultValue = false)]
        [Description("The team that owns the workload.")]
        public string? Owner { get; set; }
    }

    [DataContract]
    [Description("What the workload needs.")]
    public sealed class WorkloadSpec
    {
        [DataMember(Name = "interface", IsRequired = true)]
        [Required]
        [Description("How the workload meets people: headless (daemon, worker, batch job), cli (command-line program), web (serves HTTP) or gui (needs a graphical desktop session).")]
        public WorkloadInterface Interface { get; set; }

        [DataMember(Name = "os", EmitDefaultValue = false)]
        [DefaultValue("linux")]
        [Description("The operating system the workload runs on: linux (default) or windows.")]
        public TargetOs? Os { get; set; }

        [DataMember(Name = "windows", EmitDefaultValue = false)]
        [Description("Windows specifics; only for os: windows (on any other os it is a contradiction, DA0009).")]
        public WorkloadWindows? Windows { get; set; }

        [DataMember(Name = "security", IsRequired = true)]
        [Required]
        [Description("How sensitive the workload's data is and who its neighbours are.")]
        public WorkloadSecurity Security { get; set; } = new WorkloadSecurity();

        [DataMember(Name = "host", EmitDefaultValue = false)]
        [Description("What the workload needs from its host.")]
        public WorkloadHost? Host { get; set; }

        [DataMember(Name = "budgets", EmitDefaultValue = false)]
        [Description("Limits the platform must meet; an absent budget is unconstrained.")]
        public WorkloadBudgets? Budgets { get; set; }

        [DataMember(Name = "operations", EmitDefaultValue = false)]
        [Description("How the workload is shipped and run.")]
        public WorkloadOperations? Operations { get; set; }

        [DataMember(Name = "deployment", EmitDefaultValue = false)]
        [Description("What the team plans.")]
        public WorkloadDeployment? Deployment { get; set; }

        [DataMember(Name = "artifacts", EmitDefaultValue = false)]
        [Description("Paths or globs, relative to the descriptor's file, of the Kubernetes manifests, compose files, Dockerfiles and .NET project files of this workload.")]
        public List<string>? Artifacts { get; set; }
    }

    [DataContract]
    [Description("Windows specifics; only for os: windows.")]
    public sealed class WorkloadWindows
    {
        [DataMember(Name = "image", EmitDefaultValue = false)]
        [DefaultValue("nanoserver")]
        [Description("The smallest Windows base image the workload runs on: nanoserver (default; .NET and other portable stacks), servercore (.NET Framework, IIS, MSMQ, most Windows Server roles) or server (the full Windows API set: DirectX, GPU).")]
        public WindowsImage? Image { get; set; }
    }

    [DataContract]
    [Description("How sensitive the workload's data is and who its neighbours are.")]
    public sealed class WorkloadSecurity
    {
        [DataMember(Name = "sensitivity", IsRequired = true)]
        [Required]
        [Description("public: nothing secret; internal: ordinary business data; confidential: personal or commercially sensitive data; restricted: regulated or highest-value data (payment cards, health records, keys).")]
        public Sensitivity Sensitivity { get; set; }

        [DataMember(Name = "untrustedCode", EmitDefaultValue = false)]
        [DefaultValue(false)]
        [Description("Runs code or plugins from outside the organisation (default false).")]
        public bool? UntrustedCode { get; set; }

        [DataMember(Name = "multiTenant", EmitDefaultValue = false)]
        [DefaultValue(false)]
        [Description("Shares hosts with other tenants' workloads (default false).")]
        public bool? MultiTenant { get; set; }
    }

    [DataContract]
    [Description("What the workload needs from its host.")]
    public sealed class WorkloadHost
    {
        [DataMember(Name = "kernelModules", EmitDefaultValue = false)]
        [DefaultValue(false)]
        [Description("Needs its own kernel, kernel modules or kernel settings (default false).")]
        public bool? KernelModules { get; set; }

        [DataMember(Name = "privileged", EmitDefaultValue = false)]
        [DefaultValue(false)]
        [Description("Needs privileged mode or capabilities beyond the container runtime's default set (SYS_ADMIN, NET_ADMIN, SYS_PTRACE...) for its own work: Docker-in-Docker, mounting file systems, nested namespaces (default false).")]
        public bool? Privileged { get; set; }

        [DataMember(Name = "hostAccess", EmitDefaultValue = false)]
        [DefaultValue(false)]
        [Description("Must act on the real host it runs on (its PID, network or IPC namespaces, its file system, a Windows HostProcess): a node agent (default false).")]
        public bool? HostAccess { get; set; }

        [DataMember(Name = "devices", EmitDefaultValue = false)]
        [UniqueItems]
        [Description("Hardware the workload itself must reach: gpu, fpga, usb (a set: each at most once).")]
        public List<Device>? Devices { get; set; }
    }

    [DataContract]
    [Description("Limits the platform must meet; an absent budget is unconstrained.")]
    public sealed class WorkloadBudgets
    {
        [DataMember(Name = "startup", EmitDefaultValue = false)]
        [RegularExpression(Duration.Pattern), Literal(LiteralKind.Duration)]
        [Description("Longest acceptable time from start request to ready: a duration such as 250ms, 1.5s, 2m or 1h.")]
        public string? Startup { get; set; }

        [DataMember(Name = "size", EmitDefaultValue = false)]
        [RegularExpression(ByteSize.Pattern), Literal(LiteralKind.Size)]
        [Description("Largest acceptable deployable artifact (image) on disk: a size such as 500MB or 20GiB.")]
        public string? Size { get; set; }

        [DataMember(Name = "memoryOverhead", EmitDefaultValue = false)]
        [RegularExpression(ByteSize.Pattern), Literal(LiteralKind.Size)]
        [Description("Largest acceptable per-instance memory overhead of the isolation layer: a size such as 256MiB.")]
        public string? MemoryOverhead { get; set; }
    }

    [DataContract]
    [Description("How the workload is shipped and run.")]
    public sealed class WorkloadOperations
    {
        [DataMember(Name = "releasesPerWeek", EmitDefaultValue = false)]
        [Range(0, int.MaxValue)]
        [Description("How many releases a week, an integer >= 0.")]
        public int? ReleasesPerWeek { get; set; }

        [DataMember(Name = "instances", EmitDefaultValue = false)]
        [Range(1, int.MaxValue)]
        [Description("Concurrent instances in production, an integer >= 1.")]
        public int? Instances { get; set; }
    }

    [DataContract]
    [Description("What the team plans.")]
    public sealed class WorkloadDeployment
    {
        [DataMember(Name = "target", EmitDefaultValue = false)]
        [Description("The planned target: container, sandboxed-container or vm. lint checks it against the rules.")]
        public Target? Target { get; set; }

        [DataMember(Name = "hosts", EmitDefaultValue = false)]
        [DefaultValue("shared")]
        [Description("shared (default): the hosts also run other owners' or other sensitivities' workloads; dedicated: they run only workloads of the same owner and the same sensitivity (a dedicated node pool, cluster or host group).")]
        public HostTenancy? Hosts { get; set; }
    }

    /// <summary>Marks a sequence field whose items must be distinct (a set): the schema's uniqueItems, the binder's duplicate check.</summary>
    [System.AttributeUsage(System.AttributeTargets.Property)]
    public sealed class UniqueItemsAttribute : System.Attribute { }

    public enum LiteralKind { Duration, Size }

    /// <summary>Marks a string field whose value is a workload.md literal with exact semantics beyond its pattern.</summary>
    [System.AttributeUsage(System.AttributeTargets.Property)]
    public sealed class LiteralAttribute : System.Attribute
    {
        public LiteralAttribute(LiteralKind kind) { Kind = kind; }
        public LiteralKind Kind { get; }
    }
}
