using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace DeployAdvisor.Analyzers.Tests
{
    /// <summary>The per-compilation answer cache the evidence analyzer asks for every reference.</summary>
    public class SymbolAnswersTests
    {
        private static IReadOnlyList<ISymbol> Fields(int count)
        {
            var source = "class C { " + string.Concat(Enumerable.Range(0, count).Select(i => $"int f{i}; ")) + "}";
            var compilation = CSharpCompilation.Create("t", new[] { CSharpSyntaxTree.ParseText(source) });
            return compilation.GetTypeByMetadataName("C")!.GetMembers().OfType<IFieldSymbol>().ToList();
        }

        [Fact]
        public void An_answer_is_found_for_its_symbol_only()
        {
            var fields = Fields(3);
            var answers = new SymbolAnswers();
            Assert.Null(answers.Find(fields[0]));
            Assert.True(answers.GetOrAdd(fields[0], _ => true));
            Assert.False(answers.GetOrAdd(fields[1], _ => false));
            Assert.Same(SymbolAnswers.True, answers.Find(fields[0]));
            Assert.Same(SymbolAnswers.False, answers.Find(fields[1]));
            Assert.Null(answers.Find(fields[2]));
        }

        [Fact]
        public void The_first_answer_cached_stays()
        {
            var field = Fields(1)[0];
            var answers = new SymbolAnswers();
            var first = new object();
            Assert.Same(first, answers.Add(field, first));
            Assert.Same(first, answers.Add(field, new object()));
        }

        [Fact]
        public void Threads_asking_at_once_all_get_one_answer_per_symbol()
        {
            // Readers take no lock while another thread adds and the table grows: every thread must see,
            // for each symbol, the answer that was cached first, never a second one.
            var fields = Fields(2000);
            var answers = new SymbolAnswers();
            const int threads = 4;
            var seen = new bool[threads][];
            using var start = new Barrier(threads);
            Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, t =>
            {
                start.SignalAndWait();
                var mine = new bool[fields.Count];
                // Each thread walks the symbols in its own order and would answer differently (odd threads yes).
                for (int k = 0; k < fields.Count; k++)
                {
                    int i = t % 2 == 0 ? k : fields.Count - 1 - k;
                    mine[i] = answers.GetOrAdd(fields[i], _ => t % 2 == 1);
                }
                seen[t] = mine;
            });
            for (int i = 0; i < fields.Count; i++)
            {
                var cached = (bool)answers.Find(fields[i])!;
                for (int t = 0; t < threads; t++) Assert.Equal(cached, seen[t][i]);
            }
        }
    }
}
