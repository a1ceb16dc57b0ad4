using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DeployAdvisor.Engine.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using RuleSet = DeployAdvisor.Engine.Rules.RuleSet;

namespace DeployAdvisor.Analyzers.CodeFixes
{
    /// <summary>
    /// Rewrites the [Workload] declaration: "Change target to &lt;recommended&gt;" for plan findings,
    /// and, for evidence, the declaration that matches the code (interface, sensitivity,
    /// KernelModules, Privileged, Os, a device or-ed into Devices). What to write travels in the
    /// diagnostic's properties.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(WorkloadCodeFixProvider)), Shared]
    public sealed class WorkloadCodeFixProvider : CodeFixProvider
    {
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = FixableIds();

        private static ImmutableArray<string> FixableIds()
        {
            var ids = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var rule in RuleSet.BuiltIn.Rules)
                if (rule.Effect == RuleEffect.Exclude || rule.Effect == RuleEffect.Evidence || rule.Effect == RuleEffect.Report)
                    ids.Add(rule.Id);
            ids.Add(Descriptors.UserRuleId);
            return ids.ToImmutableArray();
        }

        public override FixAllProvider GetFixAllProvider() => WorkloadFixAllProvider.Instance;

        public override Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            foreach (var diagnostic in context.Diagnostics)
            {
                if (WorkloadEdit.From(diagnostic) is not WorkloadEdit edit) continue;
                var solution = context.Document.Project.Solution;
                context.RegisterCodeFix(
                    CodeAction.Create(edit.Title, ct => WorkloadEdit.ApplyAsync(solution, new[] { edit }, ct), edit.EquivalenceKey),
                    diagnostic);
            }
            return Task.CompletedTask;
        }
    }

    /// <summary>Fix All: every distinct edit once, so many diagnostics about one attribute change it once.</summary>
    internal sealed class WorkloadFixAllProvider : FixAllProvider
    {
        public static readonly WorkloadFixAllProvider Instance = new WorkloadFixAllProvider();

        public override IEnumerable<FixAllScope> GetSupportedFixAllScopes()
            => new[] { FixAllScope.Document, FixAllScope.Project, FixAllScope.Solution };

        public override async Task<CodeAction?> GetFixAsync(FixAllContext context)
        {
            var diagnostics = new List<Diagnostic>();
            switch (context.Scope)
            {
                case FixAllScope.Document:
                    if (context.Document != null) diagnostics.AddRange(await context.GetDocumentDiagnosticsAsync(context.Document).ConfigureAwait(false));
                    break;
                case FixAllScope.Project:
                    diagnostics.AddRange(await context.GetAllDiagnosticsAsync(context.Project).ConfigureAwait(false));
                    break;
                case FixAllScope.Solution:
                    foreach (var project in context.Solution.Projects)
                        diagnostics.AddRange(await context.GetAllDiagnosticsAsync(project).ConfigureAwait(false));
                    break;
                default:
                    return null;
            }
            var edits = diagnostics.Select(WorkloadEdit.From).Where(e => e != null && e.EquivalenceKey == context.CodeActionEquivalenceKey).Select(e => e!).ToList();
            if (edits.Count == 0) return null;
            var solution = context.Solution;
            return CodeAction.Create(edits[0].Title, ct => WorkloadEdit.ApplyAsync(solution, edits, ct), context.CodeActionEquivalenceKey);
        }
    }

    /// <summary>One change to one [Workload] attribute.</summary>
    internal sealed class WorkloadEdit
    {
        private WorkloadEdit(string kind, string value, SyntaxTree tree, TextSpan span)
        {
            Kind = kind; Value = value; Tree = tree; Span = span;
        }

        public string Kind { get; }
        public string Value { get; }
        /// <summary>The attribute's tree and a span inside it.</summary>
        public SyntaxTree Tree { get; }
        public TextSpan Span { get; }

        public string EquivalenceKey => "DeployAdvisor." + Kind + "." + Value;

        public string Title => Kind switch
        {
            FixProperties.Target => "Change target to " + TargetName(Value),
            FixProperties.Interface => "Declare WorkloadInterface." + Value,
            FixProperties.Sensitivity => "Declare DataSensitivity." + Value,
            FixProperties.KernelModules => "Set KernelModules = " + Value,
            FixProperties.Privileged => "Set Privileged = " + Value,
            FixProperties.Devices => "Add WorkloadDevices." + Value + " to Devices",
            _ => "Set Os = TargetOs." + Value,
        };

        private static string TargetName(string member) => member switch
        {
            "Container" => "container",
            "SandboxedContainer" => "sandboxed-container",
            _ => "vm",
        };

        public static WorkloadEdit? From(Diagnostic diagnostic)
        {
            if (!diagnostic.Properties.TryGetValue(FixProperties.Kind, out var kind) || kind is null) return null;
            if (!diagnostic.Properties.TryGetValue(FixProperties.Value, out var value) || value is null) return null;
            // Plan findings sit on the Target argument inside the attribute; evidence sits in the
            // code and names the attribute as its first additional location.
            var at = kind == FixProperties.Target ? diagnostic.Location : diagnostic.AdditionalLocations.FirstOrDefault();
            if (at is null || !at.IsInSource || at.SourceTree is null) return null;
            return new WorkloadEdit(kind, value, at.SourceTree, at.SourceSpan);
        }

        public static async Task<Solution> ApplyAsync(Solution solution, IEnumerable<WorkloadEdit> edits, CancellationToken ct)
        {
            foreach (var byTree in edits.GroupBy(e => e.Tree))
            {
                var document = solution.GetDocument(byTree.Key);
                if (document is null) continue;
                var root = await document.GetSyntaxRootAsync(ct).ConfigureAwait(false);
                if (root is null) continue;
                var byAttribute = new Dictionary<AttributeSyntax, List<WorkloadEdit>>();
                foreach (var edit in byTree)
                {
                    var attribute = root.FindNode(edit.Span, getInnermostNodeForTie: true).AncestorsAndSelf().OfType<AttributeSyntax>().FirstOrDefault();
                    if (attribute is null) continue;
                    if (!byAttribute.TryGetValue(attribute, out var list)) byAttribute[attribute] = list = new List<WorkloadEdit>();
                    if (!list.Any(e => e.Kind == edit.Kind && e.Value == edit.Value)) list.Add(edit);
                }
                var newRoot = root.ReplaceNodes(byAttribute.Keys, (original, current) =>
                {
                    foreach (var edit in byAttribute[original]) current = edit.Apply(current);
                    return current;
                });
                solution = solution.WithDocumentSyntaxRoot(document.Id, newRoot);
            }
            return solution;
        }

        private AttributeSyntax Apply(AttributeSyntax attribute) => Kind switch
        {
            FixProperties.Target => SetNamed(attribute, "Target", EnumMember(attribute, "Target", "DeploymentTarget")),
            FixProperties.Interface => SetPositional(attribute, 1, "interface", "WorkloadInterface"),
            FixProperties.Sensitivity => SetPositional(attribute, 2, "sensitivity", "DataSensitivity"),
            FixProperties.KernelModules => SetNamed(attribute, "KernelModules", SyntaxFactory.LiteralExpression(Value == "true" ? SyntaxKind.TrueLiteralExpression : SyntaxKind.FalseLiteralExpression)),
            FixProperties.Privileged => SetNamed(attribute, "Privileged", SyntaxFactory.LiteralExpression(Value == "true" ? SyntaxKind.TrueLiteralExpression : SyntaxKind.FalseLiteralExpression)),
            FixProperties.Os => SetNamed(attribute, "Os", EnumMember(attribute, "Os", "TargetOs")),
            FixProperties.Devices => AddFlag(attribute, "Devices", "WorkloadDevices"),
            _ => attribute,
        };

        /// <summary>
        /// Ors the member into a [Flags] argument: absent, it is written alone; <c>None</c> becomes it; an
        /// argument that names it already stays; anything else gains <c>| Member</c>. The member is
        /// qualified as the argument's own members are, else as the attribute's other enum arguments.
        /// </summary>
        private AttributeSyntax AddFlag(AttributeSyntax attribute, string property, string enumName)
        {
            var existing = Named(attribute, property)?.Expression;
            if (existing is null) return SetNamed(attribute, property, SyntaxFactory.ParseExpression(Qualifier(attribute) + enumName + "." + Value));
            var members = existing.DescendantNodesAndSelf().OfType<MemberAccessExpressionSyntax>()
                .Where(m => IsNamed(m.Expression, enumName)).ToList();
            if (members.Any(m => m.Name.Identifier.ValueText == Value)) return attribute;
            var written = members.Count > 0
                ? members[0].WithName(SyntaxFactory.IdentifierName(Value)).WithoutTrivia()
                : SyntaxFactory.ParseExpression(Qualifier(attribute) + enumName + "." + Value);
            if (existing is MemberAccessExpressionSyntax only && members.Count == 1 && only == members[0] && only.Name.Identifier.ValueText == "None")
                return attribute.ReplaceNode(existing, written.WithTriviaFrom(existing));
            // | binds looser than a cast or a member and tighter than ?: or an assignment: only those need parentheses.
            var left = existing is ConditionalExpressionSyntax || existing is AssignmentExpressionSyntax ? SyntaxFactory.ParenthesizedExpression(existing.WithoutTrivia()) : existing.WithoutTrivia();
            var combined = SyntaxFactory.BinaryExpression(SyntaxKind.BitwiseOrExpression,
                left, SyntaxFactory.Token(SyntaxKind.BarToken).WithLeadingTrivia(SyntaxFactory.Space).WithTrailingTrivia(SyntaxFactory.Space), written);
            return attribute.ReplaceNode(existing, combined.WithTriviaFrom(existing));
        }

        /// <summary>The expression names the type: WorkloadDevices, DeployAdvisor.WorkloadDevices, global::DeployAdvisor.WorkloadDevices.</summary>
        private static bool IsNamed(ExpressionSyntax type, string name) => type switch
        {
            IdentifierNameSyntax id => id.Identifier.ValueText == name,
            QualifiedNameSyntax q => q.Right.Identifier.ValueText == name,
            AliasQualifiedNameSyntax a => a.Name.Identifier.ValueText == name,
            MemberAccessExpressionSyntax m => m.Name.Identifier.ValueText == name,
            _ => false,
        };

        /// <summary>The enum member to write, qualified the way the existing argument is, else like the attribute's other enum arguments.</summary>
        private ExpressionSyntax EnumMember(AttributeSyntax attribute, string property, string enumName)
            => Replace(attribute, Named(attribute, property)?.Expression, enumName);

        private ExpressionSyntax Replace(AttributeSyntax attribute, ExpressionSyntax? existing, string enumName)
        {
            if (existing is MemberAccessExpressionSyntax access)
                return access.WithName(SyntaxFactory.IdentifierName(Value).WithTriviaFrom(access.Name));
            var written = SyntaxFactory.ParseExpression(Qualifier(attribute) + enumName + "." + Value);
            return existing is null ? written : written.WithTriviaFrom(existing);
        }

        /// <summary>
        /// How the attribute already names the package's enums: "" for <c>WorkloadInterface.Web</c>,
        /// "DeployAdvisor." for <c>DeployAdvisor.WorkloadInterface.Web</c>; "global::DeployAdvisor." when unknown.
        /// </summary>
        private static string Qualifier(AttributeSyntax attribute)
        {
            foreach (var arg in attribute.ArgumentList?.Arguments ?? default)
            {
                if (arg.NameEquals != null || arg.Expression is not MemberAccessExpressionSyntax m) continue;
                var type = m.Expression.ToString();
                foreach (var known in new[] { "WorkloadInterface", "DataSensitivity" })
                    if (type == known || type.EndsWith("." + known, StringComparison.Ordinal) || type.EndsWith("::" + known, StringComparison.Ordinal))
                        return type.Substring(0, type.Length - known.Length);
            }
            return "global::DeployAdvisor.";
        }

        private static AttributeArgumentSyntax? Named(AttributeSyntax attribute, string property)
            => attribute.ArgumentList?.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == property);

        private static AttributeSyntax SetNamed(AttributeSyntax attribute, string property, ExpressionSyntax value)
        {
            var list = attribute.ArgumentList ?? SyntaxFactory.AttributeArgumentList();
            var existing = Named(attribute, property);
            if (existing != null)
                return attribute.ReplaceNode(existing.Expression, value.WithTriviaFrom(existing.Expression));
            var argument = SyntaxFactory.AttributeArgument(
                SyntaxFactory.NameEquals(SyntaxFactory.IdentifierName(property),
                    SyntaxFactory.Token(SyntaxKind.EqualsToken).WithLeadingTrivia(SyntaxFactory.Space).WithTrailingTrivia(SyntaxFactory.Space)),
                null, value);
            var nodes = list.Arguments.ToList();
            var separators = list.Arguments.GetSeparators().ToList();
            if (nodes.Count > 0) separators.Add(SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(SyntaxFactory.Space));
            nodes.Add(argument);
            return attribute.WithArgumentList(list.WithArguments(SyntaxFactory.SeparatedList(nodes, separators)));
        }

        private AttributeSyntax SetPositional(AttributeSyntax attribute, int index, string parameter, string enumName)
        {
            var args = attribute.ArgumentList?.Arguments;
            if (args is null) return attribute;
            AttributeArgumentSyntax? target = args.Value.FirstOrDefault(a => a.NameColon?.Name.Identifier.ValueText == parameter);
            if (target is null)
            {
                var positional = args.Value.Where(a => a.NameEquals is null && a.NameColon is null).ToList();
                if (index < positional.Count) target = positional[index];
            }
            if (target is null) return attribute;
            return attribute.ReplaceNode(target.Expression, Replace(attribute, target.Expression, enumName));
        }
    }
}
