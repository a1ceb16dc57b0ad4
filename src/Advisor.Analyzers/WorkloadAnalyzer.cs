using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace DeployAdvisor.Analyzers
{
    /// <summary>
    /// The package's analyzer: every rule of the catalog, on [Workload] declarations, on the code of
    /// each workload (evidence rules) and on <c>*.workload.yaml</c> additional files, evaluated by the
    /// engine on the same rule files as the CLI.
    /// </summary>
    /// <remarks>
    /// One analyzer registers every job, each with the same <see cref="AnalyzerContext"/>. Roslyn lets an
    /// analyzer report only the IDs it declares, and an ID belongs to one analyzer of a package; DA0010
    /// (a failure in any job) and DA9000 (any user rule, evidence included) must be reportable from
    /// every job, so the jobs share one analyzer rather than each having its own.
    /// </remarks>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class WorkloadAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>
        /// The catalog's descriptors, made with the analyzer. Making them parses the built-in rule files;
        /// done here, that happens once per load of the analyzer, before any compilation, rather than in
        /// the first compilation's first question.
        /// </summary>
        private readonly ImmutableArray<DiagnosticDescriptor> _supported = Descriptors.All;

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => _supported;

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterCompilationStartAction(start => Guard.CompilationStart(start, OnCompilationStart));
        }

        private static void OnCompilationStart(CompilationStartAnalysisContext start)
        {
            var context = new AnalyzerContext(start.Compilation, start.Options, start.CancellationToken);

            start.RegisterAdditionalFileAction(ctx => Guard.AdditionalFile(context, ctx, AdditionalFiles.Analyze));

            // Registered whether or not the compilation has the attribute: finding out here would bind the
            // compilation's references inside this start action (WorkloadDeclarations.For). Without the
            // attribute each callback returns at once.
            start.RegisterSymbolAction(ctx => Guard.Symbol(context, ctx, static (context, ctx) =>
            {
                var type = (INamedTypeSymbol)ctx.Symbol;
                if (type.TypeKind != TypeKind.Class && type.TypeKind != TypeKind.Struct) return;
                if (context.Declarations?.OfType(type, ctx.CancellationToken) is WorkloadDeclaration decl) WorkloadDiagnostics.Report(context, decl, ctx.ReportDiagnostic);
            }), SymbolKind.NamedType);

            // Reported from the attribute list that holds it: a semantic-model action would run once for
            // every file of the project to find one.
            start.RegisterSyntaxNodeAction(ctx => Guard.SyntaxNode(context, ctx, static (context, ctx) =>
            {
                var list = (AttributeListSyntax)ctx.Node;
                if (list.Target is null || !list.Target.Identifier.IsKind(SyntaxKind.AssemblyKeyword)) return;
                if (context.Declarations is not WorkloadDeclarations declarations) return;
                foreach (var decl in declarations.OfAssembly(ctx.CancellationToken))
                    if (decl.Syntax.Parent == list) WorkloadDiagnostics.Report(context, decl, ctx.ReportDiagnostic);
            }), SyntaxKind.AttributeList);

            EvidenceActions.Register(start, context);

            start.RegisterCompilationEndAction(ctx => Guard.CompilationEnd(context, ctx, ProjectDiagnostics.Report));
        }
    }
}
