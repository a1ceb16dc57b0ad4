using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Testing;

namespace DeployAdvisor.Analyzers.Tests
{
    public class GeneratorTests
    {
        [Fact]
        public void Injects_embedded_internal_attribute_and_enums()
        {
            var compilation = CSharpCompilation.Create("consumer",
                new[] { CSharpSyntaxTree.ParseText("using DeployAdvisor; [Workload(\"svc\", WorkloadInterface.Web, DataSensitivity.Internal, Os = TargetOs.Linux, UntrustedCode = false, MultiTenant = false, KernelModules = false, StartupBudget = \"2s\", SizeBudget = \"1GB\", MemoryOverheadBudget = \"1GiB\", ReleasesPerWeek = 1, Instances = 2, Target = DeploymentTarget.SandboxedContainer)] class C {}") },
                NetReferences.References, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
            var driver = CSharpGeneratorDriver.Create(new WorkloadAttributeGenerator());
            driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);

            Assert.Empty(diagnostics);
            Assert.Empty(output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
            var attribute = output.GetTypeByMetadataName("DeployAdvisor.WorkloadAttribute")!;
            Assert.Equal(Accessibility.Internal, attribute.DeclaredAccessibility);
            Assert.Contains(attribute.GetAttributes(), a => a.AttributeClass?.ToDisplayString() == "Microsoft.CodeAnalysis.EmbeddedAttribute");
            Assert.Equal(new[] { "Headless", "Cli", "Web", "Gui" }, Members(output, "DeployAdvisor.WorkloadInterface"));
            Assert.Equal(new[] { "Public", "Internal", "Confidential", "Restricted" }, Members(output, "DeployAdvisor.DataSensitivity"));
            Assert.Equal(new[] { "Linux", "Windows" }, Members(output, "DeployAdvisor.TargetOs"));
            Assert.Equal(new[] { "Unspecified", "Container", "SandboxedContainer", "Vm" }, Members(output, "DeployAdvisor.DeploymentTarget"));
            Assert.Equal(new[] { "None", "Gpu", "Fpga", "Usb" }, Members(output, "DeployAdvisor.WorkloadDevices"));
            Assert.Equal(new[] { "Shared", "Dedicated" }, Members(output, "DeployAdvisor.HostTenancy"));
            Assert.Equal(new[] { "NanoServer", "ServerCore", "Server" }, Members(output, "DeployAdvisor.WindowsImage"));
            foreach (var name in new[] { "WorkloadInterface", "DataSensitivity", "TargetOs", "DeploymentTarget" })
            {
                var type = output.GetTypeByMetadataName("DeployAdvisor." + name)!;
                Assert.Equal(Accessibility.Internal, type.DeclaredAccessibility);
                Assert.Contains(type.GetAttributes(), a => a.AttributeClass?.Name == "EmbeddedAttribute");
            }
        }

        [Fact]
        public void Two_projects_with_InternalsVisibleTo_do_not_clash()
        {
            var generator = new WorkloadAttributeGenerator();
            var library = CSharpCompilation.Create("library",
                new[] { CSharpSyntaxTree.ParseText("[assembly: System.Runtime.CompilerServices.InternalsVisibleTo(\"consumer\")] [DeployAdvisor.Workload(\"lib\", DeployAdvisor.WorkloadInterface.Cli, DeployAdvisor.DataSensitivity.Public)] public class L {}") },
                NetReferences.References, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
            CSharpGeneratorDriver.Create(generator).RunGeneratorsAndUpdateCompilation(library, out var libOut, out _);
            Assert.Empty(libOut.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));

            var consumer = CSharpCompilation.Create("consumer",
                new[] { CSharpSyntaxTree.ParseText("using DeployAdvisor; [Workload(\"app\", WorkloadInterface.Web, DataSensitivity.Internal)] class C {}") },
                NetReferences.References.Add(libOut.ToMetadataReference()), new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
            CSharpGeneratorDriver.Create(generator).RunGeneratorsAndUpdateCompilation(consumer, out var output, out _);
            Assert.Empty(output.GetDiagnostics().Where(d => d.Severity != DiagnosticSeverity.Hidden));
        }

        [Fact]
        public async Task Generator_runs_in_the_testing_framework_without_diagnostics()
        {
            await new Test { TestCode = "using DeployAdvisor;\n[Workload(\"site\", WorkloadInterface.Web, DataSensitivity.Public)] class C { }" }.RunAsync(CancellationToken.None);
        }

        private static string[] Members(Compilation c, string type)
            => c.GetTypeByMetadataName(type)!.GetMembers().OfType<IFieldSymbol>().Select(f => f.Name).ToArray();
    }
}
