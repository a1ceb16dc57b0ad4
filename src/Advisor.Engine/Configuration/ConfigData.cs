using System.Collections.Generic;
using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Runtime.Serialization;
using DeployAdvisor.Engine.Model;

namespace DeployAdvisor.Engine.Configuration
{
    // The `.deployadvisor.yaml` format, as the single source of truth for its shape: the CLI's test
    // project generates schemas/config.schema.json from these classes with NJsonSchema, and ShapeBinder
    // (which also binds rule files) validates and binds config files with located DA0008s.

    /// <summary>A rule's severity as a config file writes it; <c>off</c> disables the rule.</summary>
    public enum ConfigSeverity
    {
        [EnumMember(Value = "error")] Error,
        [EnumMember(Value = "warning")] Warning,
        [EnumMember(Value = "info")] Info,
        [EnumMember(Value = "off")] Off,
    }

    [DataContract]
    [Description("DeployAdvisor configuration (.deployadvisor.yaml): rule severities, disabled rules, ignored paths, platform-profile overrides and extra rule folders. Found by walking up from the working directory.")]
    public sealed class ConfigData
    {
        [DataMember(Name = "rules", EmitDefaultValue = false)]
        [Description("Severity overrides: one entry per rule. severity off disables the rule (a disabled excluding rule no longer excludes). DA0001-DA0003 and DA0007 cannot be changed.")]
        public List<RuleSettingData>? Rules { get; set; }

        [DataMember(Name = "ignore", EmitDefaultValue = false)]
        [Description("Paths that directory scans and globs skip, as glob patterns relative to this file's folder (*, ** and ? as in .gitignore; a pattern without / matches at any depth; a folder's pattern skips everything under it).")]
        public List<string>? Ignore { get; set; }

        [DataMember(Name = "profiles", EmitDefaultValue = false)]
        [Description("Platform-profile overrides: figures measured on your platform that replace the default profiles.")]
        public List<ProfileOverrideData>? Profiles { get; set; }

        [DataMember(Name = "platform", EmitDefaultValue = false)]
        [Description("What the organisation's platform offers.")]
        public PlatformData? Platform { get; set; }

        [DataMember(Name = "ruleFolders", EmitDefaultValue = false)]
        [Description("Folders of extra rule files (*.yaml, *.yml), relative to this file's folder.")]
        public List<string>? RuleFolders { get; set; }

        [DataMember(Name = "docs", EmitDefaultValue = false)]
        [Description("Where rule documentation is published.")]
        public DocsData? Docs { get; set; }
    }

    [DataContract]
    [Description("One rule's severity override.")]
    public sealed class RuleSettingData
    {
        [DataMember(Name = "id", IsRequired = true)]
        [Required, RegularExpression("^[A-Z]{2,8}[0-9]{4}$")]
        [Description("The rule ID, such as DA4002.")]
        public string Id { get; set; } = "";

        [DataMember(Name = "severity", IsRequired = true)]
        [Required]
        [Description("error, warning, info, or off to disable the rule.")]
        public ConfigSeverity Severity { get; set; }
    }

    [DataContract]
    [Description("Figures of one target that replace the default platform profile; every figure is optional.")]
    public sealed class ProfileOverrideData
    {
        [DataMember(Name = "target", IsRequired = true)]
        [Required]
        [Description("The target whose figures change: container, sandboxed-container or vm.")]
        public Target Target { get; set; }

        [DataMember(Name = "startup", EmitDefaultValue = false)]
        [RegularExpression(Literals.Duration.Pattern), Literal(LiteralKind.Duration)]
        [Description("Time from start request to ready: a duration such as 500ms or 10s.")]
        public string? Startup { get; set; }

        [DataMember(Name = "size", EmitDefaultValue = false)]
        [RegularExpression(Literals.ByteSize.Pattern), Literal(LiteralKind.Size)]
        [Description("Smallest artifact for both operating systems: a size such as 50MB.")]
        public string? Size { get; set; }

        [DataMember(Name = "sizeLinux", EmitDefaultValue = false)]
        [RegularExpression(Literals.ByteSize.Pattern), Literal(LiteralKind.Size)]
        [Description("Smallest artifact of a Linux workload: a size such as 50MB.")]
        public string? SizeLinux { get; set; }

        [DataMember(Name = "sizeWindows", EmitDefaultValue = false)]
        [RegularExpression(Literals.ByteSize.Pattern), Literal(LiteralKind.Size)]
        [Description("Smallest artifact of a Windows workload: a size such as 2GB.")]
        public string? SizeWindows { get; set; }

        [DataMember(Name = "memoryOverhead", EmitDefaultValue = false)]
        [RegularExpression(Literals.ByteSize.Pattern), Literal(LiteralKind.Size)]
        [Description("Per-instance memory overhead of the isolation layer: a size such as 64MiB.")]
        public string? MemoryOverhead { get; set; }

        [DataMember(Name = "sizeWindowsServerCore", EmitDefaultValue = false)]
        [RegularExpression(Literals.ByteSize.Pattern), Literal(LiteralKind.Size)]
        [Description("Smallest artifact of a Windows workload on Server Core (windows.image: servercore): a size such as 1.25GB.")]
        public string? SizeWindowsServerCore { get; set; }

        [DataMember(Name = "sizeWindowsServer", EmitDefaultValue = false)]
        [RegularExpression(Literals.ByteSize.Pattern), Literal(LiteralKind.Size)]
        [Description("Smallest artifact of a Windows workload on Windows Server (windows.image: server): a size such as 3.1GB.")]
        public string? SizeWindowsServer { get; set; }

        [DataMember(Name = "devices", EmitDefaultValue = false)]
        [UniqueItems]
        [Description("The devices a workload on this target can reach: a set of gpu, fpga, usb ([] for none).")]
        public List<Device>? Devices { get; set; }
    }

    [DataContract]
    [Description("What the organisation's platform offers.")]
    public sealed class PlatformData
    {
        [DataMember(Name = "targets", EmitDefaultValue = false)]
        [UniqueItems]
        [Description("The targets the platform offers: container, sandboxed-container, vm (all three when absent). The others are excluded (DA6001).")]
        public List<Target>? Targets { get; set; }
    }

    [DataContract]
    [Description("Where rule documentation is published.")]
    public sealed class DocsData
    {
        [DataMember(Name = "baseUrl", IsRequired = true)]
        [Required, RegularExpression("^https?://[^\\s]+$")]
        [Description("Absolute http(s) URL of the folder that holds the rule pages (DA1001.md, ...), such as https://github.com/acme/platform/blob/main/docs/rules/. SARIF output then carries a helpUri per rule.")]
        public string BaseUrl { get; set; } = "";
    }
}
