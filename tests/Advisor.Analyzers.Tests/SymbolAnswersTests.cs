using System.Collections.Generic;
using System.Linq;
using System.Threading;
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
        public void An_answer_cached_while_computing_wins_over_the_computed_one()
        {
            // Another thread may cache an answer while this one computes: both must then get that answer.
            var field = Fields(1)[0];
            var answers = new SymbolAnswers();
            Assert.True(answers.GetOrAdd(field, s => { answers.Add(s, SymbolAnswers.True); return false; }));
            Assert.Same(SymbolAnswers.True, answers.Find(field));
        }

        [Fact]
        public void Threads_asking_at_once_all_get_one_answer_per_symbol()
        {
            // Readers take no lock while other threads add and the table grows. All threads walk the
            // symbols in the same order, so each symbol is asked for by all of them at about the same
            // time, and they would answer differently (odd threads yes): every thread must see, for each
            // symbol, the answer that was cached first, never its own if that came second.
            var fields = Fields(2000);
            var answers = new SymbolAnswers();
            const int threads = 4;
            var seen = new bool[threads][];
            using var start = new Barrier(threads);
            var workers = Enumerable.Range(0, threads).Select(t => new Thread(() =>
            {
                start.SignalAndWait();
                var mine = new bool[fields.Count];
                for (int i = 0; i < fields.Count; i++) mine[i] = answers.GetOrAdd(fields[i], _ => t % 2 == 1);
                seen[t] = mine;
            })).ToList();
            workers.ForEach(w => w.Start());
            workers.ForEach(w => w.Join());
            for (int i = 0; i < fields.Count; i++)
            {
                var cached = (bool)answers.Find(fields[i])!;
                for (int t = 0; t < threads; t++) Assert.Equal(cached, seen[t][i]);
            }
        }
    }
}
