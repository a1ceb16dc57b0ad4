using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using static DeployAdvisor.Analyzers.Tests.Verify;

namespace DeployAdvisor.Analyzers.Tests
{
    /// <summary>Stand-ins for the framework types the evidence rules recognise by metadata name.</summary>
    public static class Stubs
    {
        public static void AddTo(SolutionState state)
        {
            var project = state.AdditionalProjects["Frameworks"];
            project.Sources.Add(("/Frameworks/Stubs.cs", Source));
            project.AdditionalReferences.AddRange(NetReferences.References);
            state.AdditionalProjectReferences.Add("Frameworks");
        }

        public const string Source = @"
namespace Microsoft.Extensions.Compliance.Classification
{
    [System.AttributeUsage(System.AttributeTargets.All)]
    public class DataClassificationAttribute : System.Attribute { }
    public sealed class PrivateDataAttribute : DataClassificationAttribute { }
}
namespace Microsoft.AspNetCore.Identity
{
    [System.AttributeUsage(System.AttributeTargets.Property)]
    public class PersonalDataAttribute : System.Attribute { }
    public class ProtectedPersonalDataAttribute : PersonalDataAttribute { }
}
namespace System.Windows.Forms
{
    public class Form { public void Show() { } }
    public static class Application { public static void Run(Form form) { } }
}
namespace System.Windows
{
    public class Window { public void Show() { } }
}
namespace Avalonia.Controls { public class Window { } }
namespace Gtk { public class Window { public Window(string title) { } } }
namespace Microsoft.Maui.Controls { public class ContentPage { } }
public class Customer
{
    [Microsoft.AspNetCore.Identity.PersonalData] public string Email { get; set; } = """";
    [Microsoft.Extensions.Compliance.Classification.PrivateData] public string Name = """";
    public int Id { get; set; }
}
[Microsoft.Extensions.Compliance.Classification.PrivateData]
public class MedicalRecord { }
[System.Runtime.Versioning.SupportedOSPlatform(""windows"")]
public static class WinApi { public static void Beep() { } public static int Volume => 3; }
public static class Portable { public static void Beep() { } }
public static partial class Native
{
    [System.Runtime.InteropServices.DllImport(""libc"", SetLastError = true)]
    public static extern int mount(string source, string target, string type, ulong flags, System.IntPtr data);
    [System.Runtime.InteropServices.DllImport(""libc"", EntryPoint = ""setns"")]
    public static extern int JoinNamespace(int fd, int type);
    [System.Runtime.InteropServices.DllImport(""libc"")]
    public static extern int getpid();
    [System.Runtime.InteropServices.DllImport(""libc"")]
    public static extern int init_module(System.IntPtr image, ulong length, string parameters);
    [System.Runtime.InteropServices.DllImport(""libc"", EntryPoint = ""delete_module"")]
    public static extern int UnloadModule(string name, uint flags);
    [System.Runtime.InteropServices.DllImport(""libc"")]
    public static extern long ptrace(int request, int pid, System.IntPtr address, System.IntPtr data);
    [System.Runtime.InteropServices.LibraryImport(""libc"")]
    public static partial int unshare(int flags);
    public static partial int unshare(int flags) => 0;
    // GPU drivers, spelled as real imports spell them.
    [System.Runtime.InteropServices.DllImport(""nvcuda.dll"")]
    public static extern int cuInit(uint flags);
    [System.Runtime.InteropServices.DllImport(""libcuda.so.1"", EntryPoint = ""cuDeviceGetCount"")]
    public static extern int CudaDeviceCount(out int count);
    [System.Runtime.InteropServices.DllImport(""libnvidia-ml.so.1"")]
    public static extern int nvmlInit_v2();
    [System.Runtime.InteropServices.LibraryImport(""OpenCL"")]
    public static partial int clGetPlatformIDs(uint entries, System.IntPtr platforms, System.IntPtr count);
    public static partial int clGetPlatformIDs(uint entries, System.IntPtr platforms, System.IntPtr count) => 0;
    // A library whose name only starts like a GPU driver's.
    [System.Runtime.InteropServices.DllImport(""cudaconv"")]
    public static extern int convert(int x);
    // An FPGA runtime, for a user rule.
    [System.Runtime.InteropServices.DllImport(""libxrt_core.so.2"")]
    public static extern System.IntPtr xclOpen(uint index, string log, int level);
}
namespace ILGPU { public class Context : System.IDisposable { public static Context CreateDefault() => new Context(); public void Dispose() { } } }
namespace ILGPU.Runtime { public abstract class Accelerator { } }
namespace ILGPU.Runtime.Cuda
{
    public sealed class CudaAccelerator : ILGPU.Runtime.Accelerator { }
    public static class CudaContextExtensions { public static CudaAccelerator CreateCudaAccelerator(this ILGPU.Context context, int index) => new CudaAccelerator(); }
}
namespace ILGPU.Runtime.OpenCL { public sealed class CLAccelerator : ILGPU.Runtime.Accelerator { public CLAccelerator(ILGPU.Context context) { } } }
namespace ILGPU.Runtime.CPU { public sealed class CPUAccelerator : ILGPU.Runtime.Accelerator { public CPUAccelerator(ILGPU.Context context) { } } }
namespace ManagedCuda { public class CudaContext : System.IDisposable { public CudaContext(int deviceId) { } public void Dispose() { } } }
namespace Microsoft.ML.OnnxRuntime
{
    public class SessionOptions
    {
        public void AppendExecutionProvider_CUDA(int deviceId = 0) { }
        public void AppendExecutionProvider_Tensorrt(int deviceId = 0) { }
        public void AppendExecutionProvider_DML(int deviceId = 0) { }
        public void AppendExecutionProvider_CPU(int useArena = 1) { }
        public static SessionOptions MakeSessionOptionWithCudaProvider(int deviceId = 0) => new SessionOptions();
    }
}
namespace TorchSharp
{
    public enum DeviceType { CPU = 0, CUDA = 1 }
    public static class torch
    {
        public class Device { public Device(DeviceType type, int index = -1) { } }
        public class Tensor { public Tensor cuda() => this; public Tensor cpu() => this; }
        public static readonly Device CPU = new Device(DeviceType.CPU);
        public static Device CUDA => new Device(DeviceType.CUDA);
        public static Device device(DeviceType type, int index = -1) => new Device(type, index);
        public static Tensor zeros(long n) => new Tensor();
    }
}
namespace Acme.Fpga { public class Board { public static Board Open(int index) => new Board(); public void Close() { } } }
";
    }

    public class EvidenceTests
    {
        /// <summary>The framework stand-ins live in a referenced assembly, as the real frameworks do.</summary>
        private static Task Check(string source, params DiagnosticResult[] expected)
        {
            var test = new Test { TestCode = Usings + source };
            Stubs.AddTo(test.TestState);
            test.ExpectedDiagnostics.AddRange(expected);
            return test.RunAsync();
        }

        // DA1101 classified-data-low-sensitivity
        [Fact]
        public Task DA1101_declared_personal_data_property_with_the_message_naming_the_workload() => Check(@"
[Workload(""crm"", WorkloadInterface.Web, DataSensitivity.Internal)]
class Crm
{
    [Microsoft.AspNetCore.Identity.ProtectedPersonalData] public string {|#0:Phone|} { get; set; } = """";
}", Diagnostic("DA1101").WithLocation(0).WithSeverity(DiagnosticSeverity.Warning)
            .WithMessage("workload 'crm' handles classified or personal data but declares sensitivity internal"));

        [Fact]
        public Task DA1101_declared_classified_field_type_and_parameter() => Check(@"
[Workload(""crm"", WorkloadInterface.Web, DataSensitivity.Public)]
class Crm
{
    [Microsoft.Extensions.Compliance.Classification.PrivateData] string {|DA1101:secret|} = """";
    [Microsoft.Extensions.Compliance.Classification.PrivateData] class {|DA1101:Note|} { }
    void Store([Microsoft.Extensions.Compliance.Classification.PrivateData] string {|DA1101:ssn|}) { }
}");

        [Fact]
        public Task DA1101_use_of_classified_members_once_per_member() => Check(@"
[Workload(""crm"", WorkloadInterface.Web, DataSensitivity.Internal)]
class Crm
{
    string Mail(Customer c) { var id = c.Id; var a = {|DA1101:c.Email|}; return a + c.Email + c.Name; }
    string Name(Customer c) => {|DA1101:c.Name|};
    object Record() => {|DA1101:new MedicalRecord()|};
    int Id(Customer c) => c.Id;
}");

        [Theory]
        [InlineData("Confidential")]
        [InlineData("Restricted")]
        public Task DA1101_not_when_sensitivity_is_high_enough(string sensitivity) => Check(@"
[Workload(""crm"", WorkloadInterface.Web, DataSensitivity." + sensitivity + @")]
class Crm
{
    [Microsoft.AspNetCore.Identity.PersonalData] public string Phone { get; set; } = """";
    string Mail(Customer c) => c.Email;
}");

        [Fact]
        public Task DA1101_not_outside_any_workload() => Check(@"
class Plain { string Mail(Customer c) => c.Email; }");

        // DA1102 kernel-access-undeclared: kernel-module calls only
        [Fact]
        public Task DA1102_kernel_module_calls_by_name_and_entry_point() => Check(@"
[Workload(""loader"", WorkloadInterface.Headless, DataSensitivity.Internal)]
class Loader
{
    void Load() { Native.getpid(); {|#0:Native.init_module(System.IntPtr.Zero, 0, """")|}; }
    void Unload() => {|DA1102:Native.UnloadModule(""m"", 0)|};
}", Diagnostic("DA1102").WithLocation(0).WithMessage("workload 'loader' loads or unloads kernel modules but does not declare KernelModules = true"));

        [Fact]
        public Task DA1102_not_when_kernel_modules_are_declared() => Check(@"
[Workload(""loader"", WorkloadInterface.Headless, DataSensitivity.Internal, KernelModules = true)]
class Loader { void Load() => Native.init_module(System.IntPtr.Zero, 0, """"); }");

        // DA1103 privilege-undeclared: mount, namespaces, ptrace, port I/O
        [Fact]
        public Task DA1103_privileged_calls_by_name_entry_point_and_LibraryImport() => Check(@"
[Workload(""edge"", WorkloadInterface.Headless, DataSensitivity.Internal)]
class Edge
{
    void Mount() { Native.getpid(); {|#0:Native.mount(""a"", ""b"", ""c"", 0, System.IntPtr.Zero)|}; Native.mount(""a"", ""b"", ""c"", 0, System.IntPtr.Zero); }
    void Join() => {|DA1103:Native.JoinNamespace(3, 0)|};
    void Isolate() => {|DA1103:Native.unshare(0)|};
    long Trace() => {|DA1103:Native.ptrace(0, 1, System.IntPtr.Zero, System.IntPtr.Zero)|};
    int Pid() => Native.getpid();
}", Diagnostic("DA1103").WithLocation(0).WithMessage("workload 'edge' makes privileged calls but does not declare Privileged = true"));

        [Fact]
        public Task DA1103_not_when_privilege_is_declared() => Check(@"
[Workload(""edge"", WorkloadInterface.Headless, DataSensitivity.Internal, Privileged = true)]
class Edge { void Mount() => Native.mount(""a"", ""b"", ""c"", 0, System.IntPtr.Zero); }");

        [Fact]
        public Task DA1103_still_when_only_kernel_modules_are_declared() => Check(@"
[Workload(""edge"", WorkloadInterface.Headless, DataSensitivity.Internal, KernelModules = true)]
class Edge { void Mount() => {|DA1103:Native.mount(""a"", ""b"", ""c"", 0, System.IntPtr.Zero)|}; }");

        // DA1104 device-undeclared: GPU compute APIs while Devices lacks Gpu
        [Fact]
        public Task DA1104_calls_into_gpu_driver_libraries_by_any_entry_point() => Check(@"
[Workload(""trainer"", WorkloadInterface.Headless, DataSensitivity.Internal)]
class Trainer
{
    int Init() { Native.getpid(); return {|#0:Native.cuInit(0)|}; }
    int Count() => {|DA1104:Native.CudaDeviceCount(out _)|};
    int Nvml() => {|DA1104:Native.nvmlInit_v2()|};
    int Platforms() => {|DA1104:Native.clGetPlatformIDs(0, System.IntPtr.Zero, System.IntPtr.Zero)|};
}", Diagnostic("DA1104").WithLocation(0).WithSeverity(DiagnosticSeverity.Warning)
            .WithMessage("workload 'trainer' uses a GPU compute API but declares devices none"));

        [Fact]
        public Task DA1104_not_for_other_libraries() => Check(@"
[Workload(""trainer"", WorkloadInterface.Headless, DataSensitivity.Internal)]
class Trainer { int M() => Native.getpid() + Native.convert(1); }");

        [Fact]
        public Task DA1104_ILGPU_accelerators_and_ManagedCuda_by_namespace() => Check(@"using ILGPU.Runtime.Cuda;
[Workload(""trainer"", WorkloadInterface.Headless, DataSensitivity.Internal)]
class Trainer
{
    object Cuda(ILGPU.Context c) => {|DA1104:ILGPU.Runtime.Cuda.CudaContextExtensions.CreateCudaAccelerator(c, 0)|};
    object CudaExtension(ILGPU.Context c) => {|DA1104:c.CreateCudaAccelerator(0)|};
    object OpenCl(ILGPU.Context c) => {|DA1104:new ILGPU.Runtime.OpenCL.CLAccelerator(c)|};
    object Cpu(ILGPU.Context c) => new ILGPU.Runtime.CPU.CPUAccelerator(ILGPU.Context.CreateDefault());
    object Managed() => {|DA1104:new ManagedCuda.CudaContext(0)|};
}");

        [Fact]
        public Task DA1104_ONNX_Runtime_execution_providers_and_TorchSharp_CUDA_by_member() => Check(@"
[Workload(""scorer"", WorkloadInterface.Web, DataSensitivity.Internal, Devices = WorkloadDevices.Usb)]
class Scorer
{
    void Cuda(Microsoft.ML.OnnxRuntime.SessionOptions o) { o.AppendExecutionProvider_CPU(); {|#0:o.AppendExecutionProvider_CUDA(0)|}; }
    void TensorRt(Microsoft.ML.OnnxRuntime.SessionOptions o) => {|DA1104:o.AppendExecutionProvider_Tensorrt()|};
    void DirectMl(Microsoft.ML.OnnxRuntime.SessionOptions o) => {|DA1104:o.AppendExecutionProvider_DML()|};
    object Made() => {|DA1104:Microsoft.ML.OnnxRuntime.SessionOptions.MakeSessionOptionWithCudaProvider()|};
    object Cpu(Microsoft.ML.OnnxRuntime.SessionOptions o) { o.AppendExecutionProvider_CPU(); return TorchSharp.torch.CPU; }
    object Device() => {|DA1104:TorchSharp.torch.CUDA|};
    object ByType() => TorchSharp.torch.device({|DA1104:TorchSharp.DeviceType.CUDA|});
    object Moved() => {|DA1104:TorchSharp.torch.zeros(3).cuda()|};
}", Diagnostic("DA1104").WithLocation(0).WithMessage("workload 'scorer' uses a GPU compute API but declares devices usb"));

        [Theory]
        [InlineData("WorkloadDevices.Gpu")]
        [InlineData("WorkloadDevices.Usb | WorkloadDevices.Gpu")]
        [InlineData("(WorkloadDevices)7")]
        public Task DA1104_not_when_the_gpu_is_declared(string devices) => Check(@"
[Workload(""trainer"", WorkloadInterface.Headless, DataSensitivity.Internal, Devices = " + devices + @")]
class Trainer
{
    int Init() => Native.cuInit(0);
    object Device() => TorchSharp.torch.CUDA;
    object Managed() => new ManagedCuda.CudaContext(0);
}");

        // DA2101 gui-code-undeclared
        [Fact]
        public Task DA2101_gui_frameworks_once_per_member() => Check(@"
[Workload(""tool"", WorkloadInterface.Cli, DataSensitivity.Internal)]
class Tool
{
    void WinForms() { var f = {|#0:new System.Windows.Forms.Form()|}; f.Show(); System.Windows.Forms.Application.Run(f); }
    void Wpf() => {|DA2101:new System.Windows.Window()|}.Show();
    object Avalonia() => {|DA2101:new Avalonia.Controls.Window()|};
    object Gtk() => {|DA2101:new Gtk.Window(""t"")|};
    object Maui() => {|DA2101:new Microsoft.Maui.Controls.ContentPage()|};
    object Derived() => {|DA2101:new MainForm()|};
    class MainForm : System.Windows.Forms.Form { }
}", Diagnostic("DA2101").WithLocation(0).WithMessage("workload 'tool' uses a desktop GUI framework but declares interface cli"));

        [Fact]
        public Task DA2101_not_for_gui_workloads() => Check(@"
[Workload(""tool"", WorkloadInterface.Gui, DataSensitivity.Internal)]
class Tool { void M() => new System.Windows.Forms.Form().Show(); }");

        // DA2102 windows-api-in-linux-workload
        [Fact]
        public Task DA2102_windows_only_api_in_a_linux_workload() => Check(@"
[Workload(""svc"", WorkloadInterface.Headless, DataSensitivity.Internal)]
class Svc
{
    void Beep() { {|#0:WinApi.Beep()|}; WinApi.Beep(); }
    int Volume() => {|DA2102:WinApi.Volume|};
    object Registry() => {|DA2102:Microsoft.Win32.Registry.GetValue(""HKEY_CURRENT_USER\\x"", ""y"", null)|};
    void Portable() => global::Portable.Beep();
}", Diagnostic("DA2102").WithLocation(0).WithMessage("workload 'svc' calls a Windows-only API but declares os linux"));

        [Fact]
        public Task DA2102_not_when_guarded_or_windows_or_windows_only_member() => Check(@"
[Workload(""svc"", WorkloadInterface.Headless, DataSensitivity.Internal)]
class Svc
{
    void Guarded() { if (System.OperatingSystem.IsWindows()) WinApi.Beep(); else Portable.Beep(); }
    void Guarded2() { if (System.Runtime.InteropServices.RuntimeInformation.IsOSPlatform(System.Runtime.InteropServices.OSPlatform.Windows)) { WinApi.Beep(); } }
    [System.Runtime.Versioning.SupportedOSPlatform(""windows"")] void WindowsOnly() => WinApi.Beep();
}
[Workload(""win"", WorkloadInterface.Headless, DataSensitivity.Internal, Os = TargetOs.Windows)]
class Win { void Beep() => WinApi.Beep(); }");

        // Scope: assembly-level attribute, type override, nested types.
        [Fact]
        public Task Assembly_workload_covers_the_whole_compilation_and_a_type_attribute_overrides_it() => Check(@"
[assembly: {|#1:Workload(""app"", WorkloadInterface.Web, DataSensitivity.Public)|}]
class Anywhere { void M() => {|#0:new System.Windows.Forms.Form()|}.Show(); }
[Workload(""desktop"", WorkloadInterface.Gui, DataSensitivity.Public)]
class Desktop { void M() => new System.Windows.Forms.Form().Show(); }",
            new DiagnosticResult("DA2101", DiagnosticSeverity.Warning).WithLocation(0).WithLocation(1)
                .WithMessage("workload 'app' uses a desktop GUI framework but declares interface web"));

        [Fact]
        public Task Nested_types_belong_to_the_enclosing_workload() => Check(@"
[Workload(""svc"", WorkloadInterface.Headless, DataSensitivity.Internal)]
class Svc
{
    class Helper { void M() => {|DA1103:Native.unshare(0)|}; }
}");

        [Fact]
        public Task Evidence_still_found_when_another_argument_is_invalid() => Check(@"
[Workload(""svc"", WorkloadInterface.Headless, DataSensitivity.Internal, {|DA0002:StartupBudget = ""soon""|})]
class Svc { void M() => {|DA1103:Native.unshare(0)|}; }");

        [Fact]
        public Task Declared_privilege_still_counts_when_another_argument_is_invalid() => Check(@"
[Workload(""svc"", WorkloadInterface.Headless, DataSensitivity.Internal, Privileged = true, {|DA0002:SizeBudget = ""huge""|})]
class Svc { void M() => Native.unshare(0); }");
    }
}
