using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace DeployAdvisor.Analyzers.Tests
{
    /// <summary>
    /// No placeholder URL: a diagnostic links to its rule page only when the project sets the MSBuild
    /// property DeployAdvisorDocsBaseUrl (made compiler-visible by the package's build props).
    /// </summary>
    public class HelpLinkTests
    {
        private const string Source = @"using DeployAdvisor;
[Workload(""pay"", WorkloadInterface.Web, DataSensitivity.Restricted, Target = DeploymentTarget.Container)]
class Payments { void M() { System.Console.WriteLine(new Customer().Email); } }
public class Customer { [Microsoft.AspNetCore.Identity.PersonalData] public string Email { get; set; } = """"; }
namespace Microsoft.AspNetCore.Identity { public class PersonalDataAttribute : System.Attribute { } }";

        [Fact]
        public async Task Without_a_docs_base_url_no_diagnostic_has_a_help_link()
        {
            var diagnostics = await Run(new Dictionary<string, string>());
            Assert.Contains(diagnostics, d => d.Id == "DA1001");
            Assert.All(diagnostics, d => Assert.Equal("", d.Descriptor.HelpLinkUri));
            Assert.All(new WorkloadAnalyzer().SupportedDiagnostics, d => Assert.Equal("", d.HelpLinkUri));
        }

        [Fact]
        public async Task With_a_docs_base_url_every_rule_diagnostic_links_to_its_page()
        {
            var diagnostics = await Run(new Dictionary<string, string> { [Descriptors.DocsBaseUrlOption] = "https://docs.test/deployadvisor/rules/" });
            var da1001 = Assert.Single(diagnostics, d => d.Id == "DA1001");
            Assert.Equal("https://docs.test/deployadvisor/rules/DA1001.md", da1001.Descriptor.HelpLinkUri);
            Assert.All(diagnostics.Where(d => d.Id.StartsWith("DA") && d.Id != Descriptors.UserRuleId),
                d => Assert.Equal("https://docs.test/deployadvisor/rules/" + d.Id + ".md", d.Descriptor.HelpLinkUri));
        }

        private static async Task<ImmutableArray<Diagnostic>> Run(Dictionary<string, string> global)
        {
            Compilation compilation = CSharpCompilation.Create("help-links",
                new[] { CSharpSyntaxTree.ParseText(Source, path: "/p/Test.cs") },
                NetReferences.References, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
            CSharpGeneratorDriver.Create(new WorkloadAttributeGenerator()).RunGeneratorsAndUpdateCompilation(compilation, out compilation, out _);
            var options = new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty, new RobustnessTests.OptionsProvider(global));
            var analyzers = ImmutableArray.Create<DiagnosticAnalyzer>(new WorkloadAnalyzer());
            return await compilation.WithAnalyzers(analyzers, options).GetAnalyzerDiagnosticsAsync(CancellationToken.None);
        }
    }
}
