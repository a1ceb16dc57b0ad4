using System.Collections.Generic;
using System.Linq;
using BenchmarkDotNet.Attributes;
using DeployAdvisor.Engine.Evaluation;
using DeployAdvisor.Engine.Loading;
using DeployAdvisor.Engine.Model;
using DeployAdvisor.Engine.Rules;

namespace DeployAdvisor.Benchmarks
{
    /// <summary>
    /// Evaluation on its own: the built-in rules over already-loaded workloads (one operation = one
    /// workload). The baseline is a shared Evaluator, as the CLI uses; the second benchmark shows what
    /// building an Evaluator per workload would cost (setup that must stay out of the per-file path).
    /// </summary>
    [MemoryDiagnoser]
    public class EvaluationBenchmarks
    {
        private Workload[] _workloads = null!;
        private Evaluator _evaluator = null!;
        private const int PerInvoke = 100;

        [GlobalSetup]
        public void Setup()
        {
            _workloads = Inputs.Batch()
                .SelectMany(f => DescriptorLoader.LoadText(f.Path, f.Text, namedLiterally: false).Documents)
                .Where(d => d.Workload != null).Select(d => d.Workload!)
                .Take(PerInvoke).ToArray();
            _evaluator = new Evaluator(RuleSet.BuiltIn);
        }

        [Benchmark(Baseline = true, OperationsPerInvoke = PerInvoke, Description = "Evaluate (shared evaluator)")]
        public int Evaluate()
        {
            int n = 0;
            foreach (var w in _workloads) n += _evaluator.Evaluate(w).Ranking.Count;
            return n;
        }

        [Benchmark(OperationsPerInvoke = PerInvoke, Description = "new Evaluator + Evaluate")]
        public int NewEvaluatorAndEvaluate()
        {
            int n = 0;
            foreach (var w in _workloads) n += new Evaluator(RuleSet.BuiltIn).Evaluate(w).Ranking.Count;
            return n;
        }
    }
}
