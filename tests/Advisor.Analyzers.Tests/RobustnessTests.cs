using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace DeployAdvisor.Analyzers.Tests
{
    /// <summary>Every analyzer on empty, broken and hostile input: no exception ever escapes (no AD0001).</summary>
    public class RobustnessTests
    {
        public static IEnumerable<object[]> Sources() => new[]
        {
            "",
            "   ",
            "using DeployAdvisor;",
            "class",
            "}}}{{{ garbage ### \"unterminated",
            "using DeployAdvisor; [Workload(] class C { }",
            "using DeployAdvisor; [Workload] class C { }",
            "using DeployAdvisor; [Workload(\"x\")] class C { }",
            "using DeployAdvisor; [Workload(\"x\", 5, \"y\")] class C { }",
            "using DeployAdvisor; class C { const string N = \"n\"; } [Workload(C.N, WorkloadInterface.Web, DataSensitivity.Public)] class D { }",
            "using DeployAdvisor; [Workload(name, WorkloadInterface.Web, DataSensitivity.Public)] class C { }",
            "using DeployAdvisor; [Workload(\"x\", WorkloadInterface.Nope, DataSensitivity.Public, Target = DeploymentTarget.Vm)] class C { }",
            "using DeployAdvisor; [Workload(\"x\", WorkloadInterface.Web, DataSensitivity.Public, Target = 3)] class C { }",
            "using DeployAdvisor; [Workload(\"x\", WorkloadInterface.Web, DataSensitivity.Public, StartupBudget = 5, Bogus = 1)] class C { }",
            "using DeployAdvisor; [Workload(\"x\", WorkloadInterface.Web, DataSensitivity.Public, StartupBudget = \"99999999999999999999h\", SizeBudget = \"1e9GB\")] class C { }",
            "using DeployAdvisor; [assembly: Workload(\"x\", WorkloadInterface.Web, DataSensitivity.Public)] [assembly: Workload(\"y\", WorkloadInterface.Web, DataSensitivity.Public)]",
            "using DeployAdvisor; [assembly: Workload(",
            "using DeployAdvisor; [Workload(\"x\", WorkloadInterface.Web, DataSensitivity.Public)] [Workload(\"x\", WorkloadInterface.Web, DataSensitivity.Public)] class C { }",
            "using DeployAdvisor; [Workload(\"x\", WorkloadInterface.Web, DataSensitivity.Public)] interface I { } [Workload(\"e\", WorkloadInterface.Web, DataSensitivity.Public)] enum E { A }",
            "using DeployAdvisor; [Workload(\"x\", WorkloadInterface.Cli, DataSensitivity.Public)] class C { void M() { Undefined.Call(); new Missing(); var x = this.Nope; System.Windows.Forms.Form f; Native.mount(; } }",
            "using DeployAdvisor; [Workload(\"x\", WorkloadInterface.Cli, DataSensitivity.Public)] class C { [System.Runtime.InteropServices.DllImport(\"libc\")] static extern int mount(); void M() => mount(1, 2); [Unknown] string P { get; } }",
            "using DeployAdvisor; [Workload(\"x\", WorkloadInterface.Cli, DataSensitivity.Public)] class C<T> where T : C<T> { T M<U>(U u) => default!; class N : C<N> { } }",
            "namespace DeployAdvisor { class WorkloadAttribute { } } [DeployAdvisor.Workload(\"x\", 1, 2)] class C { }",
        }.Select(s => new object[] { s });

        [Theory]
        [MemberData(nameof(Sources))]
        public async Task Analyzers_never_throw(string source)
        {
            var files = ImmutableArray.Create<AdditionalText>(
                new InMemoryText("/p/bad.rules.yaml", "rules: [ {id: , effect: nope"),
                new InMemoryText("/p/deep.workload.yaml", "apiVersion: deployadvisor/v1\nspec: " + new string('[', 5000) + new string(']', 5000)),
                new InMemoryText("/p/aliases.workload.yaml", "a: &a [x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c]\napiVersion: deployadvisor/v1\n"),
                new InMemoryText("/p/empty.workload.yaml", ""),
                new InMemoryText("/p/.deployadvisor.yaml", "rules: {id: [\n profiles: - target: nope\n---\nx: 1"),
                new InMemoryText("/p/null.workload.yaml", null));
            var errors = await Run(source, files, new Dictionary<string, string> { ["deployadvisor.profile.vm.startup"] = "-1s", ["deployadvisor.profile.x.y"] = "" });
            Assert.Empty(errors);
        }

        [Fact]
        public async Task Analyzers_never_throw_without_the_generator_or_the_attribute()
        {
            var errors = await Run("class C { void M() { } }", ImmutableArray<AdditionalText>.Empty, new Dictionary<string, string>(), runGenerator: false);
            Assert.Empty(errors);
        }

        /// <summary>Runs the generator and every analyzer; returns analyzer exceptions, AD0001/AD0002 diagnostics and DA0010 (a failure the analyzer caught).</summary>
        internal static async Task<List<string>> Run(string source, ImmutableArray<AdditionalText> files, Dictionary<string, string> globalOptions, bool runGenerator = true)
        {
            Compilation compilation = CSharpCompilation.Create("robust",
                new[] { CSharpSyntaxTree.ParseText(source, path: "/p/Test.cs") },
                NetReferences.References, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
            if (runGenerator)
                CSharpGeneratorDriver.Create(new WorkloadAttributeGenerator()).RunGeneratorsAndUpdateCompilation(compilation, out compilation, out _);

            var exceptions = new ConcurrentBag<string>();
            var analyzers = ImmutableArray.Create<DiagnosticAnalyzer>(new WorkloadAnalyzer(), new EvidenceAnalyzer());
            var options = new CompilationWithAnalyzersOptions(
                new AnalyzerOptions(files, new OptionsProvider(globalOptions)),
                onAnalyzerException: (e, a, d) => exceptions.Add(e.ToString()),
                concurrentAnalysis: true, logAnalyzerExecutionTime: false, reportSuppressedDiagnostics: false);
            var diagnostics = await compilation.WithAnalyzers(analyzers, options).GetAllDiagnosticsAsync(CancellationToken.None);
            return exceptions.Concat(diagnostics.Where(d => d.Id == "AD0001" || d.Id == "AD0002" || d.Id == "DA0010").Select(d => d.ToString())).ToList();
        }

        internal sealed class InMemoryText : AdditionalText
        {
            private readonly string? _text;
            public InMemoryText(string path, string? text) { Path = path; _text = text; }
            public override string Path { get; }
            public override SourceText? GetText(CancellationToken cancellationToken = default) => _text is null ? null : SourceText.From(_text);
        }

        internal sealed class OptionsProvider : AnalyzerConfigOptionsProvider
        {
            private readonly Options _options;
            public OptionsProvider(Dictionary<string, string> values) { _options = new Options(values); }
            public override AnalyzerConfigOptions GlobalOptions => _options;
            public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => _options;
            public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => _options;

            private sealed class Options : AnalyzerConfigOptions
            {
                private readonly Dictionary<string, string> _values;
                public Options(Dictionary<string, string> values) { _values = values; }
                public override bool TryGetValue(string key, out string value) => _values.TryGetValue(key, out value!);
                // Keys deliberately not overridden: older hosts throw NotImplementedException there.
            }
        }
    }
}
