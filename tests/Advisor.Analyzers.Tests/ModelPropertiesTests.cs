using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DeployAdvisor.Engine.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;
using static DeployAdvisor.Analyzers.Tests.Verify;

namespace DeployAdvisor.Analyzers.Tests
{
    /// <summary>
    /// The 0.2 attribute properties (Privileged, HostAccess, Devices, Hosts, WindowsImage) bind through
    /// the same field source as the others: into the engine's workload, and DA0002 at the argument.
    /// </summary>
    public class ModelPropertiesTests
    {
        private static Workload? Bind(string attribute)
        {
            Compilation compilation = CSharpCompilation.Create("props",
                new[] { CSharpSyntaxTree.ParseText("using DeployAdvisor;\n" + attribute + "\nclass W { }", path: "/p/W.cs") },
                NetReferences.References, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
            CSharpGeneratorDriver.Create(new WorkloadAttributeGenerator()).RunGeneratorsAndUpdateCompilation(compilation, out compilation, out var diagnostics);
            Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
            var declarations = WorkloadDeclarations.For(compilation)!;
            var decl = declarations.OfType(compilation.GetTypeByMetadataName("W")!, CancellationToken.None)!;
            Assert.Empty(decl.Errors);
            return decl.Workload;
        }

        [Fact]
        public void Defaults_when_not_written()
        {
            var w = Bind("[Workload(\"w\", WorkloadInterface.Web, DataSensitivity.Internal)]")!;
            Assert.False(w.Privileged);
            Assert.False(w.HostAccess);
            Assert.Empty(w.Devices);
            Assert.Equal(HostTenancy.Shared, w.Hosts);
            Assert.Equal(WindowsImage.NanoServer, w.WindowsImage);
        }

        [Fact]
        public void Every_new_property_reaches_the_workload()
        {
            var w = Bind("[Workload(\"w\", WorkloadInterface.Headless, DataSensitivity.Internal, Os = TargetOs.Windows, Privileged = true, HostAccess = true, "
                + "Devices = WorkloadDevices.Gpu | WorkloadDevices.Usb, Hosts = HostTenancy.Dedicated, WindowsImage = WindowsImage.ServerCore)]")!;
            Assert.True(w.Privileged);
            Assert.True(w.HostAccess);
            Assert.Equal(new[] { Device.Gpu, Device.Usb }, w.Devices);
            Assert.Equal(HostTenancy.Dedicated, w.Hosts);
            Assert.Equal(WindowsImage.ServerCore, w.WindowsImage);
            Assert.True(w.HasWindows);
        }

        [Fact]
        public void Devices_none_is_no_device()
        {
            var w = Bind("[Workload(\"w\", WorkloadInterface.Headless, DataSensitivity.Internal, Devices = WorkloadDevices.None)]")!;
            Assert.Empty(w.Devices);
        }

        [Fact]
        public Task Undefined_device_bits_hosts_and_image_are_DA0002_at_the_argument() => Analyzer(@"
[Workload(""w"", WorkloadInterface.Headless, DataSensitivity.Internal, Os = TargetOs.Windows, {|DA0002:Devices = WorkloadDevices.Gpu | (WorkloadDevices)8|}, {|DA0002:Hosts = (HostTenancy)5|}, {|DA0002:WindowsImage = (WindowsImage)9|})]
class W { }");

        [Fact]
        public Task Valid_new_properties_report_nothing() => Analyzer(@"
[Workload(""w"", WorkloadInterface.Headless, DataSensitivity.Internal, Privileged = true, HostAccess = false, Devices = WorkloadDevices.Fpga, Hosts = HostTenancy.Dedicated)]
class W { }");
            [Fact]
        public Task Other_tenants_on_dedicated_hosts_is_DA0009_at_the_later_argument() => Analyzer(@"
[Workload(""w"", WorkloadInterface.Web, DataSensitivity.Internal, MultiTenant = true, {|DA0009:Hosts = HostTenancy.Dedicated|})]
class W { }");

        [Fact]
        public Task A_windows_image_on_a_linux_workload_is_DA0009() => Analyzer(@"
[Workload(""w"", WorkloadInterface.Web, DataSensitivity.Internal, {|DA0009:WindowsImage = WindowsImage.ServerCore|})]
class W { }");

        [Fact]
        public Task A_privileged_workload_planned_on_container_is_DA1006() => Analyzer(@"
[Workload(""w"", WorkloadInterface.Headless, DataSensitivity.Internal, Privileged = true, {|DA1006:Target = DeploymentTarget.Container|})]
class W { }");

        [Fact]
        public Task A_node_agent_planned_on_a_vm_is_DA1007() => Analyzer(@"
[Workload(""w"", WorkloadInterface.Headless, DataSensitivity.Internal, HostAccess = true, {|DA1007:Target = DeploymentTarget.Vm|})]
class W { }");

        [Fact]
        public Task Restricted_data_on_dedicated_hosts_keeps_container_feasible() => Analyzer(@"
[Workload(""w"", WorkloadInterface.Web, DataSensitivity.Restricted, Hosts = HostTenancy.Dedicated, {|DA4002:Target = DeploymentTarget.Container|})]
class W { }");
    }
}
