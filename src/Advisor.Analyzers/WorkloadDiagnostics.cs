using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using DeployAdvisor.Engine.Findings;
using DeployAdvisor.Engine.Model;
using Microsoft.CodeAnalysis;
using RoslynLocation = Microsoft.CodeAnalysis.Location;

namespace DeployAdvisor.Analyzers
{
    /// <summary>
    /// A [Workload] declaration's diagnostics: its argument errors (DA0002) and the engine's findings
    /// about the workload, located at the arguments that wrote the fields; and engine findings turned
    /// into Roslyn diagnostics.
    /// </summary>
    internal static class WorkloadDiagnostics
    {
        public static void Report(AnalyzerContext context, WorkloadDeclaration decl, Action<Diagnostic> report)
        {
            foreach (var error in decl.Errors)
                report(Diagnostic.Create(context.Descriptors.Get(error.RuleId), error.Location,
                    error.Related is null ? Array.Empty<RoslynLocation>() : new[] { error.Related }, error.Message));
            if (decl.Workload is null) return;

            var evaluation = context.Evaluators.Evaluate(decl.Workload, decl.Tree);
            foreach (var finding in evaluation.Findings)
            {
                var primary = decl.LocationOf(finding.Field);
                var related = finding.RelatedFields.Select(decl.WrittenAt)
                    .Where(l => l != null && l != primary).Select(l => l!).Distinct().ToList();
                var properties = ImmutableDictionary<string, string?>.Empty;
                if (finding.Field == Fields.Target && evaluation.Recommendation is Target recommended && decl.Workload.PlannedTarget != recommended)
                    properties = FixProperties.SetTarget(recommended);
                report(ToDiagnostic(context.Descriptors, finding, primary, related, properties));
            }
        }

        /// <summary>A built-in rule's finding under its own ID; a user rule's under DA9000 with its ID and severity.</summary>
        public static Diagnostic ToDiagnostic(DescriptorCatalog descriptors, Finding finding, RoslynLocation primary, IEnumerable<RoslynLocation> related, ImmutableDictionary<string, string?> properties)
        {
            var descriptor = descriptors.Find(finding.RuleId);
            if (descriptor != null && descriptor.Id != Descriptors.UserRuleId)
                return Diagnostic.Create(descriptor, primary, related, properties, finding.Message);
            return Diagnostic.Create(descriptors.UserRule, primary, Descriptors.ToRoslyn(finding.Severity), related, properties, finding.RuleId, finding.Message);
        }
    }
}
