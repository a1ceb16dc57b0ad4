using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using DeployAdvisor.Engine.Findings;
using DeployAdvisor.Engine.Rules;
using Microsoft.CodeAnalysis;
using RuleSet = DeployAdvisor.Engine.Rules.RuleSet;

namespace DeployAdvisor.Analyzers
{
    /// <summary>
    /// Diagnostic descriptors built from the engine's rule catalog (the rules/ files embedded in the
    /// engine), so an ID, its title, description, category and default severity have one source.
    /// </summary>
    internal static class Descriptors
    {
        /// <summary>Where each rule's page lives: <c>docs/rules/DAxxxx.md</c> in the repository.</summary>
        public const string HelpBaseUrl = RepositoryDocsUrl + "rules/";

        /// <summary>The repository's docs folder (the package's RepositoryUrl); rule pages live in rules/.</summary>
        public const string RepositoryDocsUrl = "https://example.invalid/deployadvisor/blob/main/docs/";

        /// <summary>
        /// Findings of user rules (from <c>*.rules.yaml</c> additional files) carry IDs that cannot be
        /// known when the analyzer is loaded; Roslyn only accepts IDs declared up front, so they are
        /// reported under this one ID, with the user rule's ID and severity.
        /// </summary>
        public const string UserRuleId = "DA9000";

        public const string CategoryPrefix = "DeployAdvisor.";

        private static readonly Lazy<Catalog> Built = new Lazy<Catalog>(Build);

        public static ImmutableArray<DiagnosticDescriptor> All => Built.Value.All;

        /// <summary>The descriptor of a built-in rule; null for an ID the catalog does not have.</summary>
        public static DiagnosticDescriptor? Find(string id) => Built.Value.ById.TryGetValue(id, out var d) ? d : null;

        public static DiagnosticDescriptor Get(string id) => Find(id) ?? throw new ArgumentException($"no rule {id} in the catalog", nameof(id));

        public static DiagnosticDescriptor UserRule => Built.Value.UserRule;

        /// <summary>Roslyn's message format of an evidence rule and the placeholders its arguments fill, in order.</summary>
        public static (string Format, IReadOnlyList<string> Placeholders) MessageFormat(string template)
        {
            var placeholders = new List<string>();
            var sb = new StringBuilder();
            int last = 0;
            foreach (System.Text.RegularExpressions.Match m in PlaceholderPattern.Matches(template))
            {
                sb.Append(Escape(template.Substring(last, m.Index - last)));
                sb.Append('{').Append(placeholders.Count).Append('}');
                placeholders.Add(m.Value.Substring(1, m.Value.Length - 2));
                last = m.Index + m.Length;
            }
            sb.Append(Escape(template.Substring(last)));
            return (sb.ToString(), placeholders);
        }

        private static readonly System.Text.RegularExpressions.Regex PlaceholderPattern =
            new System.Text.RegularExpressions.Regex("\\{[a-zA-Z]+(:[^}]+)?\\}", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

        private static string Escape(string text) => text.Replace("{", "{{").Replace("}", "}}");

        public static DiagnosticSeverity ToRoslyn(Severity severity) => severity switch
        {
            Severity.Error => DiagnosticSeverity.Error,
            Severity.Warning => DiagnosticSeverity.Warning,
            _ => DiagnosticSeverity.Info,
        };

        private static DiagnosticDescriptor Create(Rule rule)
        {
            // Engine findings arrive with their message formatted by the engine; evidence rules are
            // found here, so their template becomes the descriptor's message format.
            string format = rule.Effect == RuleEffect.Evidence ? MessageFormat(rule.MessageTemplate).Format : "{0}";
            var description = rule.Rationale.Length == 0 ? rule.Summary : rule.Rationale;
            if (rule.Remediation.Length > 0) description += " Fix: " + rule.Remediation;
            var tags = new List<string>();
            if (rule.IsFixed) tags.Add(WellKnownDiagnosticTags.NotConfigurable);
            // DA0004 and DA0008 (for options) compare or collect across the whole compilation.
            if (rule.Id == RuleIds.DuplicateName || rule.Id == RuleIds.InvalidConfiguration) tags.Add(WellKnownDiagnosticTags.CompilationEnd);
            return new DiagnosticDescriptor(rule.Id, rule.Summary, format, CategoryPrefix + rule.Category,
                ToRoslyn(rule.DefaultSeverity), isEnabledByDefault: true, description: description,
                helpLinkUri: HelpBaseUrl + rule.Id + ".md", customTags: tags.ToArray());
        }

        private sealed class Catalog
        {
            public ImmutableArray<DiagnosticDescriptor> All;
            public Dictionary<string, DiagnosticDescriptor> ById = new Dictionary<string, DiagnosticDescriptor>(StringComparer.Ordinal);
            public DiagnosticDescriptor UserRule = null!;
        }

        private static Catalog Build()
        {
            var catalog = new Catalog();
            foreach (var rule in RuleSet.BuiltIn.Rules)
                catalog.ById[rule.Id] = Create(rule);
            catalog.UserRule = new DiagnosticDescriptor(UserRuleId, "A user rule (from a *.rules.yaml additional file) fired",
                "{0}: {1}", CategoryPrefix + "user", DiagnosticSeverity.Warning, isEnabledByDefault: true,
                description: "Findings of rules defined in the project's own *.rules.yaml files; the message starts with the user rule's ID and the severity is the rule's own.",
                helpLinkUri: RepositoryDocsUrl + "analyzers.md#user-rules-da9000");
            catalog.ById[UserRuleId] = catalog.UserRule;
            catalog.All = catalog.ById.Values.OrderBy(d => d.Id, StringComparer.Ordinal).ToImmutableArray();
            return catalog;
        }
    }
}
