using System.Runtime.Serialization;

namespace DeployAdvisor.Engine.Model
{
    // EnumMember values are the spec's spelling; the schema generator and the loader both read them,
    // so a YAML value, a JSON key and a rule file all use one vocabulary.

    public enum WorkloadInterface
    {
        [EnumMember(Value = "headless")] Headless,
        [EnumMember(Value = "cli")] Cli,
        [EnumMember(Value = "web")] Web,
        [EnumMember(Value = "gui")] Gui,
    }

    public enum TargetOs
    {
        [EnumMember(Value = "linux")] Linux,
        [EnumMember(Value = "windows")] Windows,
    }

    public enum Sensitivity
    {
        [EnumMember(Value = "public")] Public,
        [EnumMember(Value = "internal")] Internal,
        [EnumMember(Value = "confidential")] Confidential,
        [EnumMember(Value = "restricted")] Restricted,
    }

    public enum Target
    {
        [EnumMember(Value = "container")] Container,
        [EnumMember(Value = "sandboxed-container")] SandboxedContainer,
        [EnumMember(Value = "vm")] Vm,
    }
}
