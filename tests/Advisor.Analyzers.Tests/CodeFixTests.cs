using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using static DeployAdvisor.Analyzers.Tests.Verify;

namespace DeployAdvisor.Analyzers.Tests
{
    public class CodeFixTests
    {
        // Plan violations: "Change target to <recommended>".
        [Theory]
        [InlineData("DataSensitivity.Restricted", "", "DA1001", "Container", "Vm")]
        [InlineData("DataSensitivity.Internal", "UntrustedCode = true, ", "DA1002", "Container", "SandboxedContainer")]
        [InlineData("DataSensitivity.Internal", "KernelModules = true, ", "DA1003", "SandboxedContainer", "Vm")]
        [InlineData("DataSensitivity.Internal", "StartupBudget = \"10s\", ", "DA3001", "Vm", "Container")]
        [InlineData("DataSensitivity.Internal", "SizeBudget = \"500MB\", ", "DA3002", "Vm", "Container")]
        [InlineData("DataSensitivity.Internal", "MemoryOverheadBudget = \"100MiB\", ", "DA3003", "SandboxedContainer", "Container")]
        [InlineData("DataSensitivity.Confidential", "", "DA1004", "Container", "SandboxedContainer")]
        [InlineData("DataSensitivity.Public", "", "DA4002", "Vm", "Container")]
        [InlineData("DataSensitivity.Internal", "ReleasesPerWeek = 10, ", "DA5001", "Vm", "Container")]
        public Task Plan_findings_change_the_target_to_the_recommendation(string sensitivity, string extra, string id, string planned, string recommended)
        {
            var attribute = "[Workload(\"svc\", WorkloadInterface.Web, " + sensitivity + ", " + extra;
            return Fix(
                attribute + "{|" + id + ":Target = DeploymentTarget." + planned + "|})]\nclass Svc { }",
                attribute + "Target = DeploymentTarget." + recommended + ")]\nclass Svc { }",
                // Fix All has tests of its own; one scope here keeps the suite fast.
                t => t.CodeFixTestBehaviors |= CodeFixTestBehaviors.SkipFixAllInProjectCheck | CodeFixTestBehaviors.SkipFixAllInSolutionCheck);
        }

        [Fact]
        public Task DA2001_gui_on_sandboxed_container_changes_to_vm_keeping_qualification() => Fix(@"
[Workload(""designer"", WorkloadInterface.Gui, DataSensitivity.Internal, {|DA2001:Target = global::DeployAdvisor.DeploymentTarget.SandboxedContainer|})]
class Designer { }", @"
[Workload(""designer"", WorkloadInterface.Gui, DataSensitivity.Internal, Target = global::DeployAdvisor.DeploymentTarget.Vm)]
class Designer { }");

        [Fact]
        public async Task The_code_action_is_titled_with_the_target_name()
        {
            var test = new Test
            {
                TestCode = Usings + "[Workload(\"crm\", WorkloadInterface.Web, DataSensitivity.Confidential, {|DA1004:Target = DeploymentTarget.Container|})] class C { }",
                FixedCode = Usings + "[Workload(\"crm\", WorkloadInterface.Web, DataSensitivity.Confidential, Target = DeploymentTarget.SandboxedContainer)] class C { }",
                CodeActionEquivalenceKey = "DeployAdvisor.Target.SandboxedContainer",
            };
            test.CodeActionVerifier = (action, verifier) => verifier.Equal("Change target to sandboxed-container", action.Title);
            await test.RunAsync();
        }

        [Fact]
        public Task No_fix_without_a_feasible_target() => Fix(@"
[Workload(""kiosk"", WorkloadInterface.Gui, DataSensitivity.Public, StartupBudget = ""1s"", {|#0:Target = DeploymentTarget.Vm|})]
class Kiosk { }", @"
[Workload(""kiosk"", WorkloadInterface.Gui, DataSensitivity.Public, StartupBudget = ""1s"", {|#0:Target = DeploymentTarget.Vm|})]
class Kiosk { }", t => t.FixedState.ExpectedDiagnostics.AddRange(new[] { Diagnostic("DA3001").WithLocation(0), Diagnostic("DA4001").WithLocation(0) }),
            Diagnostic("DA3001").WithLocation(0), Diagnostic("DA4001").WithLocation(0));

        // Evidence: the declaration that matches the code.
        [Fact]
        public Task DA2101_declares_the_gui_interface() => EvidenceFix(@"
[Workload(""tool"", WorkloadInterface.Cli, DataSensitivity.Internal)]
class Tool { void M() => {|DA2101:new System.Windows.Forms.Form()|}.Show(); }", @"
[Workload(""tool"", WorkloadInterface.Gui, DataSensitivity.Internal)]
class Tool { void M() => new System.Windows.Forms.Form().Show(); }");

        [Fact]
        public Task DA1101_declares_confidential_sensitivity_for_a_named_argument() => EvidenceFix(@"
[Workload(""crm"", WorkloadInterface.Web, sensitivity: DataSensitivity.Public)]
class Crm { string M(Customer c) => {|DA1101:c.Email|}; }", @"
[Workload(""crm"", WorkloadInterface.Web, sensitivity: DataSensitivity.Confidential)]
class Crm { string M(Customer c) => c.Email; }");

        [Fact]
        public Task DA1102_adds_KernelModules_true() => EvidenceFix(@"
[Workload(""edge"", WorkloadInterface.Headless, DataSensitivity.Internal)]
class Edge { void M() => {|DA1102:Native.init_module(System.IntPtr.Zero, 0, """")|}; }", @"
[Workload(""edge"", WorkloadInterface.Headless, DataSensitivity.Internal, KernelModules = true)]
class Edge { void M() => Native.init_module(System.IntPtr.Zero, 0, """"); }");

        [Fact]
        public Task DA1102_replaces_KernelModules_false() => EvidenceFix(@"
[Workload(""edge"", WorkloadInterface.Headless, DataSensitivity.Internal, KernelModules = false, ReleasesPerWeek = 1)]
class Edge { void M() => {|DA1102:Native.init_module(System.IntPtr.Zero, 0, """")|}; }", @"
[Workload(""edge"", WorkloadInterface.Headless, DataSensitivity.Internal, KernelModules = true, ReleasesPerWeek = 1)]
class Edge { void M() => Native.init_module(System.IntPtr.Zero, 0, """"); }");

        [Fact]
        public Task DA1103_adds_Privileged_true() => EvidenceFix(@"
[Workload(""edge"", WorkloadInterface.Headless, DataSensitivity.Internal)]
class Edge { void M() => {|DA1103:Native.unshare(0)|}; }", @"
[Workload(""edge"", WorkloadInterface.Headless, DataSensitivity.Internal, Privileged = true)]
class Edge { void M() => Native.unshare(0); }");

        [Fact]
        public Task DA1103_replaces_Privileged_false() => EvidenceFix(@"
[Workload(""edge"", WorkloadInterface.Headless, DataSensitivity.Internal, Privileged = false)]
class Edge { void M() => {|DA1103:Native.mount(""a"", ""b"", ""c"", 0, System.IntPtr.Zero)|}; }", @"
[Workload(""edge"", WorkloadInterface.Headless, DataSensitivity.Internal, Privileged = true)]
class Edge { void M() => Native.mount(""a"", ""b"", ""c"", 0, System.IntPtr.Zero); }");

        [Fact]
        public async Task Fix_all_DA1103_sets_Privileged_once_across_documents()
        {
            var test = new Test();
            Stubs.AddTo(test.TestState);
            test.TestState.Sources.Add(("/0/Assembly.cs", Usings + "[assembly: Workload(\"app\", WorkloadInterface.Headless, DataSensitivity.Internal)]"));
            test.TestState.Sources.Add(("/0/A.cs", "class A { void M() => {|DA1103:Native.unshare(0)|}; void N() => {|DA1103:Native.JoinNamespace(3, 0)|}; }"));
            test.TestState.Sources.Add(("/0/B.cs", "class B { void M() => {|DA1103:Native.unshare(0)|}; }"));
            Stubs.AddTo(test.FixedState);
            test.FixedState.Sources.Add(("/0/Assembly.cs", Usings + "[assembly: Workload(\"app\", WorkloadInterface.Headless, DataSensitivity.Internal, Privileged = true)]"));
            test.FixedState.Sources.Add(("/0/A.cs", "class A { void M() => Native.unshare(0); void N() => Native.JoinNamespace(3, 0); }"));
            test.FixedState.Sources.Add(("/0/B.cs", "class B { void M() => Native.unshare(0); }"));
            test.CodeFixTestBehaviors |= CodeFixTestBehaviors.SkipFixAllInDocumentCheck;
            test.NumberOfIncrementalIterations = 1;
            test.NumberOfFixAllIterations = 1;
            await test.RunAsync();
        }

        [Fact]
        public Task DA2102_sets_Os_windows() => EvidenceFix(@"
[Workload(""svc"", WorkloadInterface.Headless, DataSensitivity.Internal)]
class Svc { void M() => {|DA2102:WinApi.Beep()|}; }", @"
[Workload(""svc"", WorkloadInterface.Headless, DataSensitivity.Internal, Os = TargetOs.Windows)]
class Svc { void M() => WinApi.Beep(); }");

        [Fact]
        public Task DA2102_qualifies_like_the_other_arguments() => EvidenceFix(@"
[Workload(""svc"", DeployAdvisor.WorkloadInterface.Headless, DeployAdvisor.DataSensitivity.Internal)]
class Svc { void M() => {|DA2102:WinApi.Beep()|}; }", @"
[Workload(""svc"", DeployAdvisor.WorkloadInterface.Headless, DeployAdvisor.DataSensitivity.Internal, Os = DeployAdvisor.TargetOs.Windows)]
class Svc { void M() => WinApi.Beep(); }");

        [Fact]
        public Task DA2102_replaces_Os_linux() => EvidenceFix(@"
[Workload(""svc"", WorkloadInterface.Headless, DataSensitivity.Internal, Os = TargetOs.Linux)]
class Svc { void M() => {|DA2102:WinApi.Beep()|}; }", @"
[Workload(""svc"", WorkloadInterface.Headless, DataSensitivity.Internal, Os = TargetOs.Windows)]
class Svc { void M() => WinApi.Beep(); }");

        // DA1104: WorkloadDevices.Gpu or-ed into Devices.
        [Theory]
        [InlineData("", ", Devices = WorkloadDevices.Gpu")]
        [InlineData(", Devices = WorkloadDevices.None", ", Devices = WorkloadDevices.Gpu")]
        [InlineData(", Devices = WorkloadDevices.Usb", ", Devices = WorkloadDevices.Usb | WorkloadDevices.Gpu")]
        [InlineData(", Devices = WorkloadDevices.Fpga | WorkloadDevices.Usb, ReleasesPerWeek = 1", ", Devices = WorkloadDevices.Fpga | WorkloadDevices.Usb | WorkloadDevices.Gpu, ReleasesPerWeek = 1")]
        [InlineData(", Devices = DeployAdvisor.WorkloadDevices.Usb", ", Devices = DeployAdvisor.WorkloadDevices.Usb | DeployAdvisor.WorkloadDevices.Gpu")]
        [InlineData(", Devices = (WorkloadDevices)4", ", Devices = (WorkloadDevices)4 | WorkloadDevices.Gpu")]
        public Task DA1104_ors_Gpu_into_Devices(string before, string after) => EvidenceFix(@"
[Workload(""trainer"", WorkloadInterface.Headless, DataSensitivity.Internal" + before + @")]
class Trainer { int M() => {|DA1104:Native.cuInit(0)|}; }", @"
[Workload(""trainer"", WorkloadInterface.Headless, DataSensitivity.Internal" + after + @")]
class Trainer { int M() => Native.cuInit(0); }");

        [Fact]
        public Task DA1104_qualifies_a_new_argument_like_the_other_arguments() => EvidenceFix(@"
[Workload(""trainer"", DeployAdvisor.WorkloadInterface.Headless, DeployAdvisor.DataSensitivity.Internal)]
class Trainer { object M() => {|DA1104:TorchSharp.torch.CUDA|}; }", @"
[Workload(""trainer"", DeployAdvisor.WorkloadInterface.Headless, DeployAdvisor.DataSensitivity.Internal, Devices = DeployAdvisor.WorkloadDevices.Gpu)]
class Trainer { object M() => TorchSharp.torch.CUDA; }");

        [Fact]
        public async Task DA1104_the_code_action_is_titled_with_the_device()
        {
            var test = new Test
            {
                TestCode = Usings + "[Workload(\"t\", WorkloadInterface.Headless, DataSensitivity.Internal)] class T { int M() => {|DA1104:Native.cuInit(0)|}; }",
                FixedCode = Usings + "[Workload(\"t\", WorkloadInterface.Headless, DataSensitivity.Internal, Devices = WorkloadDevices.Gpu)] class T { int M() => Native.cuInit(0); }",
                CodeActionEquivalenceKey = "DeployAdvisor.Devices.Gpu",
            };
            Stubs.AddTo(test.TestState);
            Stubs.AddTo(test.FixedState);
            test.CodeFixTestBehaviors |= CodeFixTestBehaviors.SkipFixAllCheck;
            test.CodeActionVerifier = (action, verifier) => verifier.Equal("Add WorkloadDevices.Gpu to Devices", action.Title);
            await test.RunAsync();
        }

        [Fact]
        public async Task Fix_all_DA1104_adds_Gpu_once_per_attribute_across_documents()
        {
            var test = new Test();
            Stubs.AddTo(test.TestState);
            test.TestState.Sources.Add(("/0/Assembly.cs", Usings + "[assembly: Workload(\"app\", WorkloadInterface.Headless, DataSensitivity.Internal, Devices = WorkloadDevices.Usb)]"));
            test.TestState.Sources.Add(("/0/A.cs", "class A { int M() => {|DA1104:Native.cuInit(0)|}; object N() => {|DA1104:TorchSharp.torch.CUDA|}; }"));
            test.TestState.Sources.Add(("/0/B.cs", "class B { object M() => {|DA1104:new ManagedCuda.CudaContext(0)|}; }"));
            test.TestState.Sources.Add(("/0/C.cs", Usings + "[Workload(\"c\", WorkloadInterface.Web, DataSensitivity.Internal)] class C { void M(Microsoft.ML.OnnxRuntime.SessionOptions o) => {|DA1104:o.AppendExecutionProvider_CUDA()|}; }"));
            Stubs.AddTo(test.FixedState);
            test.FixedState.Sources.Add(("/0/Assembly.cs", Usings + "[assembly: Workload(\"app\", WorkloadInterface.Headless, DataSensitivity.Internal, Devices = WorkloadDevices.Usb | WorkloadDevices.Gpu)]"));
            test.FixedState.Sources.Add(("/0/A.cs", "class A { int M() => Native.cuInit(0); object N() => TorchSharp.torch.CUDA; }"));
            test.FixedState.Sources.Add(("/0/B.cs", "class B { object M() => new ManagedCuda.CudaContext(0); }"));
            test.FixedState.Sources.Add(("/0/C.cs", Usings + "[Workload(\"c\", WorkloadInterface.Web, DataSensitivity.Internal, Devices = WorkloadDevices.Gpu)] class C { void M(Microsoft.ML.OnnxRuntime.SessionOptions o) => o.AppendExecutionProvider_CUDA(); }"));
            test.CodeFixTestBehaviors |= CodeFixTestBehaviors.SkipFixAllInDocumentCheck;
            test.NumberOfIncrementalIterations = 2;
            test.NumberOfFixAllIterations = 1;
            await test.RunAsync();
        }

        // Fix All: many diagnostics about one attribute change it once, across documents.
        [Fact]
        public async Task Fix_all_changes_each_attribute_once_across_documents()
        {
            var test = new Test();
            Stubs.AddTo(test.TestState);
            test.TestState.Sources.Add(("/0/Assembly.cs", Usings + "[assembly: Workload(\"app\", WorkloadInterface.Cli, DataSensitivity.Internal)]"));
            test.TestState.Sources.Add(("/0/A.cs", "class A { void M() => {|DA2101:new System.Windows.Forms.Form()|}.Show(); void N() => {|DA2101:new System.Windows.Forms.Form()|}.Show(); }"));
            test.TestState.Sources.Add(("/0/B.cs", Usings + "[Workload(\"b\", WorkloadInterface.Web, DataSensitivity.Internal)] class B { object M() => {|DA2101:new System.Windows.Forms.Form()|}; }"));
            Stubs.AddTo(test.FixedState);
            test.FixedState.Sources.Add(("/0/Assembly.cs", Usings + "[assembly: Workload(\"app\", WorkloadInterface.Gui, DataSensitivity.Internal)]"));
            test.FixedState.Sources.Add(("/0/A.cs", "class A { void M() => new System.Windows.Forms.Form().Show(); void N() => new System.Windows.Forms.Form().Show(); }"));
            test.FixedState.Sources.Add(("/0/B.cs", Usings + "[Workload(\"b\", WorkloadInterface.Gui, DataSensitivity.Internal)] class B { object M() => new System.Windows.Forms.Form(); }"));
            test.CodeFixTestBehaviors |= CodeFixTestBehaviors.SkipFixAllInDocumentCheck;
            test.NumberOfIncrementalIterations = 2;
            test.NumberOfFixAllIterations = 1;
            await test.RunAsync();
        }

        [Fact]
        public async Task Fix_all_in_document_changes_the_target_of_every_workload()
        {
            var source = @"
[Workload(""a"", WorkloadInterface.Web, DataSensitivity.Restricted, {|DA1001:Target = DeploymentTarget.Container|})] class A { }
[Workload(""b"", WorkloadInterface.Gui, DataSensitivity.Public, {|DA2001:Target = DeploymentTarget.Container|})] class B { }";
            var fixedSource = @"
[Workload(""a"", WorkloadInterface.Web, DataSensitivity.Restricted, Target = DeploymentTarget.Vm)] class A { }
[Workload(""b"", WorkloadInterface.Gui, DataSensitivity.Public, Target = DeploymentTarget.Vm)] class B { }";
            await Fix(source, fixedSource, t => { t.NumberOfFixAllIterations = 1; t.NumberOfIncrementalIterations = 2; });
        }

        private static Task EvidenceFix(string source, string fixedSource)
            => Fix(source, fixedSource, t =>
            {
                Stubs.AddTo(t.TestState);
                Stubs.AddTo(t.FixedState);
                t.CodeFixTestBehaviors |= CodeFixTestBehaviors.SkipFixAllInProjectCheck | CodeFixTestBehaviors.SkipFixAllInSolutionCheck;
            });
    }
}
