using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using static DeployAdvisor.Analyzers.Tests.Verify;

namespace DeployAdvisor.Analyzers.Tests
{
    /// <summary>The 0.2 .editorconfig keys: the Windows image sizes, a device set per target, and the targets the platform offers.</summary>
    public class PlatformOptionsTests
    {
        private static Task WithConfig(string config, string source, params DiagnosticResult[] expected)
            => ConfigurationTests.WithConfig(config, source, expected);

        [Fact]
        public Task A_platform_without_containers_excludes_them_as_DA6001() => WithConfig("deployadvisor.platform.targets = sandboxed-container, vm", @"
[Workload(""api"", WorkloadInterface.Web, DataSensitivity.Internal, {|DA6001:Target = DeploymentTarget.Container|})]
class Api { }");

        [Fact]
        public Task An_unknown_offered_target_is_DA0008() => WithConfig("deployadvisor.platform.targets = container, kata", @"
[Workload(""api"", WorkloadInterface.Web, DataSensitivity.Internal)]
class Api { }", new DiagnosticResult("DA0008", Microsoft.CodeAnalysis.DiagnosticSeverity.Error).WithNoLocation()
            .WithMessage("'deployadvisor.platform.targets = container, kata' is invalid: 'kata' is not a target; use container, sandboxed-container or vm, comma-separated"));

        [Fact]
        public Task A_sandbox_that_passes_no_gpu_excludes_it_as_DA1005() => WithConfig("deployadvisor.profile.sandboxed_container.devices = usb", @"
[Workload(""train"", WorkloadInterface.Headless, DataSensitivity.Confidential, Devices = WorkloadDevices.Gpu, {|DA1005:Target = DeploymentTarget.SandboxedContainer|})]
class Train { }");

        [Fact]
        public Task The_server_core_size_decides_for_a_server_core_image() => WithConfig("deployadvisor.profile.container.size_windows_servercore = 30GB", @"
[Workload(""wcf"", WorkloadInterface.Web, DataSensitivity.Internal, Os = TargetOs.Windows, WindowsImage = WindowsImage.ServerCore, SizeBudget = ""10GB"", {|DA3002:Target = DeploymentTarget.Container|})]
class Wcf { }");
    }
}
