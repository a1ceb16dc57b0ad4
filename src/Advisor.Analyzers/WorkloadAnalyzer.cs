using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using DeployAdvisor.Engine.Evaluation;
using DeployAdvisor.Engine.Findings;
using DeployAdvisor.Engine.Model;
using DeployAdvisor.Engine.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using RoslynLocation = Microsoft.CodeAnalysis.Location;

namespace DeployAdvisor.Analyzers
{
    /// <summary>
    /// The rules of the catalog applied to [Workload] declarations and to <c>*.workload.yaml</c>
    /// additional files, evaluated by the engine on the same rule files as the CLI.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class WorkloadAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            Descriptors.All.Where(d => !EvidenceAnalyzer.EvidenceIds.Contains(d.Id)).ToImmutableArray();

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterCompilationStartAction(start => Safe.Run(start.CancellationToken, () => OnCompilationStart(start)));
        }

        private static void OnCompilationStart(CompilationStartAnalysisContext start)
        {
            var model = new AnalysisModel(start.Compilation, start.Options, start.CancellationToken);

            start.RegisterAdditionalFileAction(ctx => Safe.Run(ctx.CancellationToken, () => AnalyzeAdditionalFile(model, ctx)));

            // Registered whether or not the compilation has the attribute: finding out here would bind the
            // compilation's references inside this start action (WorkloadDeclarations.For). Without the
            // attribute each callback returns at once.
            start.RegisterSymbolAction(ctx => Safe.Run(model, ctx, ctx.CancellationToken, static (model, ctx) =>
            {
                var type = (INamedTypeSymbol)ctx.Symbol;
                if (type.TypeKind != TypeKind.Class && type.TypeKind != TypeKind.Struct) return;
                if (model.Declarations?.OfType(type, ctx.CancellationToken) is WorkloadDeclaration decl) ReportWorkload(model, decl, ctx.ReportDiagnostic);
            }), SymbolKind.NamedType);

            // Reported from the attribute list that holds it: a semantic-model action would run once for
            // every file of the project (2,000 timed callbacks in the benchmark project) to find one.
            start.RegisterSyntaxNodeAction(ctx => Safe.Run(model, ctx, ctx.CancellationToken, static (model, ctx) =>
            {
                var list = (AttributeListSyntax)ctx.Node;
                if (list.Target is null || !list.Target.Identifier.IsKind(SyntaxKind.AssemblyKeyword)) return;
                if (model.Declarations is not WorkloadDeclarations declarations) return;
                foreach (var decl in declarations.OfAssembly(ctx.CancellationToken))
                    if (decl.Syntax.Parent == list) ReportWorkload(model, decl, ctx.ReportDiagnostic);
            }), SyntaxKind.AttributeList);

            start.RegisterCompilationEndAction(ctx => Safe.Run(ctx.CancellationToken, () => OnCompilationEnd(model, ctx)));
        }

        internal static void ReportWorkload(AnalysisModel model, WorkloadDeclaration decl, Action<Diagnostic> report)
        {
            foreach (var error in decl.Errors)
                report(Diagnostic.Create(Descriptors.Get(RuleIds.SchemaViolation), error.Location, error.Message));
            if (decl.Name != null)
                model.Names.Add((decl.Name, decl.WrittenAt(Fields.Name) ?? decl.NameLocation));
            if (decl.Workload is null) return;

            var evaluation = model.Evaluate(decl.Workload, decl.Tree);
            foreach (var finding in evaluation.Findings)
            {
                var primary = decl.LocationOf(finding.Field);
                var related = finding.RelatedFields.Select(decl.WrittenAt)
                    .Where(l => l != null && l != primary).Select(l => l!).Distinct().ToList();
                var properties = ImmutableDictionary<string, string?>.Empty;
                if (finding.Field == Fields.Target && evaluation.Recommendation is Target recommended && decl.Workload.PlannedTarget != recommended)
                    properties = FixProperties.SetTarget(recommended);
                report(ToDiagnostic(finding, primary, related, properties));
            }
        }

        private static Diagnostic ToDiagnostic(Finding finding, RoslynLocation primary, IEnumerable<RoslynLocation> related, ImmutableDictionary<string, string?> properties)
        {
            var descriptor = Descriptors.Find(finding.RuleId);
            if (descriptor != null && descriptor.Id != Descriptors.UserRuleId)
                return Diagnostic.Create(descriptor, primary, related, properties, finding.Message);
            return Diagnostic.Create(Descriptors.UserRule, primary, Descriptors.ToRoslyn(finding.Severity), related, properties, finding.RuleId, finding.Message);
        }

        private static void AnalyzeAdditionalFile(AnalysisModel model, AdditionalFileAnalysisContext ctx)
        {
            var path = ctx.AdditionalFile.Path;
            if (model.Config.Path == path && model.Config.Text is SourceText configText)
            {
                foreach (var finding in model.Config.Findings.Where(f => f.Location != null))
                    ctx.ReportDiagnostic(ToDiagnostic(finding, AnalysisModel.ToLocation(path, configText, finding.Location!.Span), Array.Empty<RoslynLocation>(), ImmutableDictionary<string, string?>.Empty));
                return;
            }
            if (model.RuleFiles.TryGetValue(path, out var rulesText))
            {
                foreach (var finding in model.RuleFileFindings.Where(f => f.Location?.File == path))
                    ctx.ReportDiagnostic(ToDiagnostic(finding, AnalysisModel.ToLocation(path, rulesText, finding.Location!.Span), Array.Empty<RoslynLocation>(), ImmutableDictionary<string, string?>.Empty));
                return;
            }
            if (!path.EndsWith(AnalysisModel.WorkloadFileSuffix, StringComparison.OrdinalIgnoreCase)) return;
            var file = model.YamlFiles.FirstOrDefault(f => f.File.Path == path);
            if (file is null) return;
            var text = file.Text;
            RoslynLocation At(Engine.Findings.Location? l) => l is null ? RoslynLocation.None : AnalysisModel.ToLocation(path, text, l.Span);
            var empty = ImmutableDictionary<string, string?>.Empty;

            foreach (var finding in file.Loaded.Findings)
                ctx.ReportDiagnostic(ToDiagnostic(finding, At(finding.Location), Array.Empty<RoslynLocation>(), empty));
            var evaluator = model.EvaluatorFor(ctx.Options.AnalyzerConfigOptionsProvider.GetOptions(ctx.AdditionalFile));
            foreach (var doc in file.Loaded.Documents)
            {
                foreach (var finding in doc.Findings)
                    ctx.ReportDiagnostic(ToDiagnostic(finding, At(finding.Location), Array.Empty<RoslynLocation>(), empty));
                if (doc.Workload is null) continue;
                var evaluation = evaluator.Evaluate(doc.Workload);
                foreach (var finding in FindingLocator.Locate(evaluation.Findings, path, doc.Locations))
                    ctx.ReportDiagnostic(ToDiagnostic(finding, At(finding.Location), finding.RelatedLocations.Select(At), empty));
            }
        }

        private static void OnCompilationEnd(AnalysisModel model, CompilationAnalysisContext ctx)
        {
            foreach (var error in model.OptionErrors.Keys.OrderBy(e => e.Key, StringComparer.Ordinal).ThenBy(e => e.Value, StringComparer.Ordinal))
                ctx.ReportDiagnostic(Diagnostic.Create(Descriptors.Get(RuleIds.InvalidConfiguration), RoslynLocation.None, error.Message));

            // DA0004: every workload after the first that shares a name, taking files in ordinal path order.
            var names = model.Names.ToList();
            foreach (var file in model.YamlFiles)
                foreach (var doc in file.Loaded.Documents)
                    if (doc.Name != null && doc.Locations.ValueOf(Fields.Name) is SourceSpan span)
                        names.Add((doc.Name, AnalysisModel.ToLocation(file.File.Path, file.Text, span)));
            // Grouped by name first: only a shared name needs its locations ordered, and a source location's
            // line span (computed for every name before) makes the compiler index each file's lines.
            // Reported in the order of each group's first use, so that build logs and SARIF do not vary
            // from build to build (the names arrive in the order callbacks ran).
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
                    ctx.ReportDiagnostic(Diagnostic.Create(Descriptors.Get(RuleIds.DuplicateName), later.Location, new[] { first.Location },
                        $"workload name '{later.Name}' is already used by {firstSpan.Path}:{firstSpan.StartLinePosition.Line + 1}:{firstSpan.StartLinePosition.Character + 1}; names must be unique across a run"));
                }
            }
        }

        /// <summary>The file of a location, as its line span names it (a source location's tree path).</summary>
        private static string PathOf(RoslynLocation location) => location.SourceTree?.FilePath ?? location.GetLineSpan().Path;
    }
}
