using System.ComponentModel;
using System.Runtime.Serialization;

namespace DeployAdvisor.Engine.Model
{
    // EnumMember values are the spec's spelling; the schema generator and the loader both read them,
    // so a YAML value, a JSON key and a rule file all use one vocabulary.

    [Description("How the workload meets people: headless (daemon, worker, batch job), cli (command-line program), web (serves HTTP), gui (needs a graphical desktop session).")]
    public enum WorkloadInterface
    {
        [EnumMember(Value = "headless")] Headless,
        [EnumMember(Value = "cli")] Cli,
        [EnumMember(Value = "web")] Web,
        [EnumMember(Value = "gui")] Gui,
    }

    [Description("The operating system the workload runs on.")]
    public enum TargetOs
    {
        [EnumMember(Value = "linux")] Linux,
        [EnumMember(Value = "windows")] Windows,
    }

    [Description("public: nothing secret; internal: ordinary business data; confidential: personal or commercially sensitive data; restricted: regulated or highest-value data.")]
    public enum Sensitivity
    {
        [EnumMember(Value = "public")] Public,
        [EnumMember(Value = "internal")] Internal,
        [EnumMember(Value = "confidential")] Confidential,
        [EnumMember(Value = "restricted")] Restricted,
    }

    [Description("container: shared-kernel runtime; sandboxed-container: the same image behind a VM-grade boundary (Kata, Firecracker, gVisor, Hyper-V isolation); vm: a full virtual machine.")]
    public enum Target
    {
        [EnumMember(Value = "container")] Container,
        [EnumMember(Value = "sandboxed-container")] SandboxedContainer,
        [EnumMember(Value = "vm")] Vm,
    }

    [Description("The smallest Windows base image the workload runs on: nanoserver (.NET and other portable stacks), servercore (.NET Framework, IIS, MSMQ, most Windows Server roles) or server (the full Windows API set: DirectX, GPU).")]
    public enum WindowsImage
    {
        [EnumMember(Value = "nanoserver")] NanoServer,
        [EnumMember(Value = "servercore")] ServerCore,
        [EnumMember(Value = "server")] Server,
    }

    [Description("Hardware a workload must reach: gpu, fpga or usb.")]
    public enum Device
    {
        [EnumMember(Value = "gpu")] Gpu,
        [EnumMember(Value = "fpga")] Fpga,
        [EnumMember(Value = "usb")] Usb,
    }

    [Description("shared: the hosts also run other owners' or other sensitivities' workloads; dedicated: they run only workloads of the same owner and sensitivity.")]
    public enum HostTenancy
    {
        [EnumMember(Value = "shared")] Shared,
        [EnumMember(Value = "dedicated")] Dedicated,
    }
}
