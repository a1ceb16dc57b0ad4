using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using DeployAdvisor.Engine.Model;
using DeployAdvisor.Engine.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using RuleSet = DeployAdvisor.Engine.Rules.RuleSet;

namespace DeployAdvisor.Analyzers
{
    /// <summary>
    /// The evidence rules' jobs: declarations marked as evidence (a symbol action), and the evidence
    /// in each member's code (an operation block action, <see cref="EvidenceWalk"/>). The code of a
    /// workload is its attributed type with nested types, or, for an assembly-level attribute, every
    /// type without an attribute of its own. At most one diagnostic per rule and member, at the
    /// earliest evidence in it.
    /// </summary>
    internal static class EvidenceActions
    {
        public static void Register(CompilationStartAnalysisContext start, AnalyzerContext context)
        {
            // Declarations can only be classified where a classification attribute exists; most projects
            // have none, and then each of these callbacks returns after one check.
            start.RegisterSymbolAction(ctx => Guard.Symbol(context, ctx, static (context, ctx) =>
            {
                if (context.Evidence is { CanClassify: true } m) AnalyzeDeclaration(m, ctx);
            }), SymbolKind.NamedType, SymbolKind.Property, SymbolKind.Field, SymbolKind.Method);
            start.RegisterOperationBlockAction(ctx => Guard.OperationBlock(context, ctx, static (context, ctx) =>
            {
                if (context.Evidence is EvidenceModel m) EvidenceWalk.Analyze(m, ctx);
            }));
        }

        // DA1101 on declarations: a classified member or type declared in the workload's code.
        private static void AnalyzeDeclaration(EvidenceModel model, SymbolAnalysisContext ctx)
        {
            var symbol = ctx.Symbol;
            if (symbol.IsImplicitlyDeclared) return;
            if (symbol is IMethodSymbol { AssociatedSymbol: not null }) return;
            var decl = model.WorkloadOf(symbol);
            if (decl is null || !Applies(decl, EvidenceAnalyzer.ClassifiedData) || model.DisabledByConfig(EvidenceAnalyzer.ClassifiedData, symbol)) return;
            Location? at = null;
            if (model.IsClassified(symbol)) at = symbol.Locations.FirstOrDefault(l => l.IsInSource);
            else if (symbol is IMethodSymbol method)
                at = method.Parameters.Where(model.IsClassified).Select(p => p.Locations.FirstOrDefault(l => l.IsInSource)).FirstOrDefault(l => l != null);
            if (at != null) ctx.ReportDiagnostic(EvidenceDiagnostics.Create(EvidenceAnalyzer.ClassifiedData, at, decl));
        }

        internal static bool Applies(WorkloadDeclaration decl, string id) => id switch
        {
            EvidenceAnalyzer.ClassifiedData => decl.Sensitivity is Sensitivity.Public or Sensitivity.Internal,
            EvidenceAnalyzer.KernelAccess => decl.KernelModules == false,
            EvidenceAnalyzer.GuiCode => decl.Interface is WorkloadInterface i && i != WorkloadInterface.Gui,
            EvidenceAnalyzer.WindowsApi => decl.Os == TargetOs.Linux,
            _ => false,
        };
    }
}
