using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace DeployAdvisor.Analyzers
{
    /// <summary>
    /// The evidence rules' jobs: declarations marked with a trigger attribute (a symbol action), and the
    /// evidence in each member's code (an operation block action, <see cref="EvidenceWalk"/>). The code
    /// of a workload is its attributed type with nested types, or, for an assembly-level attribute, every
    /// type without an attribute of its own. At most one diagnostic per rule and member, at the earliest
    /// evidence in it.
    /// </summary>
    internal static class EvidenceActions
    {
        public static void Register(CompilationStartAnalysisContext start, AnalyzerContext context)
        {
            // Declarations can only be marked where a trigger attribute exists; most projects have none,
            // and then each of these callbacks returns after one check.
            start.RegisterSymbolAction(ctx => Guard.Symbol(context, ctx, static (context, ctx) =>
            {
                if (context.Evidence is { CanMark: true } m) AnalyzeDeclaration(m, ctx);
            }), SymbolKind.NamedType, SymbolKind.Property, SymbolKind.Field, SymbolKind.Method);
            start.RegisterOperationBlockAction(ctx => Guard.OperationBlock(context, ctx, static (context, ctx) =>
            {
                if (context.Evidence is EvidenceModel m) EvidenceWalk.Analyze(m, ctx);
            }));
        }

        /// <summary>A member, type or parameter declared in the workload's code with a trigger attribute (DA1101 and user rules like it).</summary>
        private static void AnalyzeDeclaration(EvidenceModel model, SymbolAnalysisContext ctx)
        {
            var symbol = ctx.Symbol;
            if (symbol.IsImplicitlyDeclared) return;
            if (symbol is IMethodSymbol { AssociatedSymbol: not null }) return;
            var decl = model.WorkloadOf(symbol);
            if (decl is null) return;
            ulong rules = decl.ApplicableEvidence(model.Catalog) & model.Catalog.AttributeRules;
            if (rules == 0) return;
            ulong own = model.Marked(symbol) & rules;
            for (int rule = 0; rules >> rule != 0; rule++)
            {
                ulong bit = 1UL << rule;
                if ((rules & bit) == 0 || model.DisabledByConfig(model.Catalog.Rules[rule].Id, symbol)) continue;
                Location? at = null;
                if ((own & bit) != 0) at = symbol.Locations.FirstOrDefault(l => l.IsInSource);
                else if (symbol is IMethodSymbol method)
                    at = method.Parameters.Where(p => (model.Marked(p) & bit) != 0).Select(p => p.Locations.FirstOrDefault(l => l.IsInSource)).FirstOrDefault(l => l != null);
                if (at != null) ctx.ReportDiagnostic(EvidenceDiagnostics.Create(model.Descriptors, model.Catalog.Rules[rule], at, decl));
            }
        }
    }
}
