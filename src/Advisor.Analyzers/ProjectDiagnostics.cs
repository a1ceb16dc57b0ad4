using System;
using System.Collections.Immutable;
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

            // DA0004 of [Workload] names: the run claimed them in ordinal path order with the YAML files,
            // whose own DA0004 each file's action reports. In that order, so that logs do not vary.
            foreach (var (finding, at) in context.Run.AttributeDuplicates)
                ctx.ReportDiagnostic(WorkloadDiagnostics.ToDiagnostic(context.Descriptors, finding, at, finding.RelatedLocations.Select(context.Run.ToRoslyn), ImmutableDictionary<string, string?>.Empty));
        }
    }
}
