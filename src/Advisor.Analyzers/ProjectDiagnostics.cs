using System;
using System.Linq;
using DeployAdvisor.Engine.Findings;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using RoslynLocation = Microsoft.CodeAnalysis.Location;

namespace DeployAdvisor.Analyzers
{
    /// <summary>What is known only at the end of the compilation: bad analyzer options (DA0008) and duplicate workload names (DA0004).</summary>
    internal static class ProjectDiagnostics
    {
        public static void Report(AnalyzerContext context, CompilationAnalysisContext ctx)
        {
            foreach (var error in context.OptionErrors.Keys.OrderBy(e => e.Key, StringComparer.Ordinal).ThenBy(e => e.Value, StringComparer.Ordinal))
                ctx.ReportDiagnostic(Diagnostic.Create(context.Descriptors.Get(RuleIds.InvalidConfiguration), RoslynLocation.None, error.Message));

            // DA0004: every workload after the first that shares a name, taking files in ordinal path order.
            var names = context.Names.ToList();
            names.AddRange(context.AdditionalFiles.Names());
            // Grouped by name first: only a shared name needs its locations ordered (a source location's
            // line span makes the compiler index each file's lines). Reported in the order of each group's
            // first use, so that build logs and SARIF do not vary with the order callbacks ran in.
            var shared = names.GroupBy(n => n.Name, StringComparer.Ordinal)
                .Where(g => g.Skip(1).Any())
                .Select(g => g.OrderBy(n => PathOf(n.Location), StringComparer.Ordinal).ThenBy(n => n.Location.SourceSpan.Start).ToList())
                .OrderBy(g => PathOf(g[0].Location), StringComparer.Ordinal).ThenBy(g => g[0].Location.SourceSpan.Start);
            foreach (var ordered in shared)
            {
                var first = ordered[0];
                var firstSpan = first.Location.GetLineSpan();
                foreach (var later in ordered.Skip(1))
                {
                    ctx.ReportDiagnostic(Diagnostic.Create(context.Descriptors.Get(RuleIds.DuplicateName), later.Location, new[] { first.Location },
                        $"workload name '{later.Name}' is already used by {firstSpan.Path}:{firstSpan.StartLinePosition.Line + 1}:{firstSpan.StartLinePosition.Character + 1}; names must be unique across a run"));
                }
            }
        }

        /// <summary>The file of a location, as its line span names it (a source location's tree path).</summary>
        private static string PathOf(RoslynLocation location) => location.SourceTree?.FilePath ?? location.GetLineSpan().Path;
    }
}
