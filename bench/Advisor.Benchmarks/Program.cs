using System;
using System.Linq;
using BenchmarkDotNet.Running;

namespace DeployAdvisor.Benchmarks
{
    public static class Program
    {
        /// <summary>
        /// BenchmarkDotNet's own command line (--filter, --job, --list flat, --exporters …), plus:
        ///   --short   quick regression check: ShortRun job (3 warm-ups, 3 iterations, 1 launch), in process,
        ///             every benchmark unless --filter says otherwise (about a minute on 2 cores).
        /// Without --filter, all benchmarks run.
        /// </summary>
        public static int Main(string[] args)
        {
            var list = args.ToList();
            if (list.Remove("--short"))
            {
                list.AddRange(new[] { "--job", "short", "--inProcess" });
            }
            if (!list.Any(a => a == "--filter" || a == "-f" || a.StartsWith("--list", StringComparison.Ordinal)))
                list.AddRange(new[] { "--filter", "*" });
            var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(list.ToArray());
            return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
        }
    }
}
