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
    /// DA0010: a failure inside the analyzer is reported where it happened, never AD0001 and never
    /// silence. Faults are injected through an internal hook, keyed by the test compilation's name.
    /// </summary>
    public class InternalErrorTests
    {
        private const string Source = @"using DeployAdvisor;
[assembly: Workload(""whole"", WorkloadInterface.Web, DataSensitivity.Public)]
[Workload(""svc"", WorkloadInterface.Cli, DataSensitivity.Public)]
class Service { int M() => 1; }";

        public static IEnumerable<object[]> Callbacks() => new[]
        {
            Guard.Callback.CompilationStart, Guard.Callback.Symbol, Guard.Callback.OperationBlock,
            Guard.Callback.SyntaxNode, Guard.Callback.AdditionalFile, Guard.Callback.CompilationEnd,
        }.Select(c => new object[] { c.ToString() });

        [Theory]
        [MemberData(nameof(Callbacks))]
        public async Task A_fault_in_any_callback_is_DA0010_with_the_exception_and_its_frames(string kind)
        {
            var callback = (Guard.Callback)System.Enum.Parse(typeof(Guard.Callback), kind);
            var name = "fault-" + callback;
            Guard.InjectFault(name, callback);
            var (diagnostics, exceptions) = await Run(name);
            Assert.Empty(exceptions);
            Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
            var da0010 = diagnostics.Where(d => d.Id == "DA0010").ToList();
            Assert.NotEmpty(da0010);
            foreach (var d in da0010)
            {
                Assert.Equal(DiagnosticSeverity.Warning, d.Severity);
                var message = d.GetMessage();
                Assert.Contains("System.InvalidOperationException", message);
                Assert.Contains("fault injected by a test", message);
                Assert.Contains(" at DeployAdvisor.Analyzers.Guard.Inject", message);
            }
        }

        [Fact]
        public async Task A_fault_at_a_symbol_is_reported_at_that_symbol_and_the_rest_is_still_analyzed()
        {
            Guard.InjectFault("fault-located", Guard.Callback.OperationBlock);
            var (diagnostics, _) = await Run("fault-located");
            // One per operation block, at its owner: the method M, and the attributes' owners (the class, the assembly).
            var located = diagnostics.Where(x => x.Id == "DA0010" && x.Location.IsInSource)
                .Select(x => x.Location.SourceTree!.GetText().ToString(x.Location.SourceSpan)).ToList();
            Assert.Contains("M", located);
            Assert.Contains("Service", located);
            // The symbol and syntax node actions still ran: both workload names were collected (no DA0004, but evaluated).
            Assert.Equal(3, diagnostics.Count(x => x.Id == "DA0010"));
            Assert.DoesNotContain(diagnostics, x => x.Id == "AD0001");
        }

        [Fact]
        public async Task Under_DEPLOYADVISOR_DEBUG_a_fault_propagates_to_the_compiler_instead_of_DA0010()
        {
            // The compiler then reports its own AD0001 with the whole exception: what a developer debugging the
            // analyzer wants, and what the variable promises (analyzers.md).
            Guard.InjectFault("fault-debugged", Guard.Callback.Symbol);
            Guard.DebugCompilation("fault-debugged");
            var (diagnostics, exceptions) = await Run("fault-debugged");
            Assert.DoesNotContain(diagnostics, d => d.Id == "DA0010");
            Assert.NotEmpty(exceptions);
            Assert.All(exceptions, e => Assert.StartsWith("System.InvalidOperationException: fault injected by a test into Symbol", e));
        }

        [Fact]
        public async Task Without_a_fault_there_is_no_DA0010()
        {
            var (diagnostics, exceptions) = await Run("no-fault");
            Assert.Empty(exceptions);
            Assert.DoesNotContain(diagnostics, d => d.Id == "DA0010" || d.Id == "AD0001");
        }

        [Fact]
        public void The_message_names_the_exception_type_and_the_first_frames()
        {
            System.Exception caught;
            try { Thrower.Outer(); caught = null!; }
            catch (System.Exception e) { caught = e; }
            var message = Guard.Describe(caught, "a symbol action");
            Assert.StartsWith("DeployAdvisor's analyzer failed in a symbol action: System.ArgumentException: bad", message);
            Assert.Contains(" at DeployAdvisor.Analyzers.Tests.InternalErrorTests+Thrower.Inner", message);
            Assert.Contains(" | at DeployAdvisor.Analyzers.Tests.InternalErrorTests+Thrower.Outer", message);
        }

        private static class Thrower
        {
            [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
            public static void Outer() => Inner();
            [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
            public static void Inner() => throw new System.ArgumentException("bad");
        }

        private static async Task<(ImmutableArray<Diagnostic> Diagnostics, List<string> Exceptions)> Run(string assemblyName)
        {
            Compilation compilation = CSharpCompilation.Create(assemblyName,
                new[] { CSharpSyntaxTree.ParseText(Source, path: "/p/Test.cs") },
                NetReferences.References, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
            CSharpGeneratorDriver.Create(new WorkloadAttributeGenerator()).RunGeneratorsAndUpdateCompilation(compilation, out compilation, out _);
            var files = ImmutableArray.Create<AdditionalText>(new RobustnessTests.InMemoryText("/p/a.workload.yaml",
                "apiVersion: deployadvisor/v1\nkind: Workload\nmetadata: {name: yaml}\nspec: {interface: web, security: {sensitivity: public}}\n"));
            var exceptions = new List<string>();
            var options = new CompilationWithAnalyzersOptions(
                new AnalyzerOptions(files, new RobustnessTests.OptionsProvider(new Dictionary<string, string>())),
                onAnalyzerException: (e, a, d) => { lock (exceptions) exceptions.Add(e.ToString()); },
                concurrentAnalysis: true, logAnalyzerExecutionTime: false, reportSuppressedDiagnostics: false);
            var analyzers = ImmutableArray.Create<DiagnosticAnalyzer>(new WorkloadAnalyzer(), new EvidenceAnalyzer());
            var diagnostics = await compilation.WithAnalyzers(analyzers, options).GetAnalyzerDiagnosticsAsync(CancellationToken.None);
            return (diagnostics, exceptions);
        }
    }
}
