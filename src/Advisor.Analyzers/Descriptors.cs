using System;
using System.Collections.Concurrent;
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
    /// Diagnostic descriptors whose titles, descriptions, messages and tags come from the engine's rule
    /// catalog (the rules/ files embedded in the engine), so a rule has one source; their IDs, categories
    /// and severities are also written as constants for release tracking (ReleasedDescriptors.cs).
    /// </summary>
    internal static class Descriptors
    {
        /// <summary>
        /// Findings of user rules (from <c>*.rules.yaml</c> additional files) carry IDs that cannot be
        /// known when the analyzer is loaded; Roslyn only accepts IDs declared up front, so they are
        /// reported under this one ID, with the user rule's ID and severity.
        /// </summary>
        public const string UserRuleId = "DA9000";

        public const string CategoryPrefix = "DeployAdvisor.";

        /// <summary>The MSBuild property, made compiler-visible by the package's build props, that gives the rule pages' base URL.</summary>
        public const string DocsBaseUrlProperty = "DeployAdvisorDocsBaseUrl";
        public const string DocsBaseUrlOption = "build_property." + DocsBaseUrlProperty;

        private static readonly Lazy<DescriptorCatalog> Default = new Lazy<DescriptorCatalog>(() => new DescriptorCatalog(null));
        private static readonly ConcurrentDictionary<string, DescriptorCatalog> WithDocs = new ConcurrentDictionary<string, DescriptorCatalog>(StringComparer.Ordinal);

        /// <summary>The descriptors without help links: what the analyzer declares, and uses when no docs base URL is configured.</summary>
        public static DescriptorCatalog Catalog => Default.Value;

        /// <summary>The descriptors whose help links point at <c>&lt;base&gt;/DAxxxx.md</c>; without a base URL, <see cref="Catalog"/>.</summary>
        public static DescriptorCatalog For(string? docsBaseUrl)
        {
            var url = docsBaseUrl?.Trim();
            if (string.IsNullOrEmpty(url)) return Catalog;
            if (WithDocs.Count > 16) WithDocs.Clear();
            return WithDocs.GetOrAdd(url!, u => new DescriptorCatalog(u));
        }

        public static ImmutableArray<DiagnosticDescriptor> All => Catalog.All;

        /// <summary>The descriptor of a built-in rule; null for an ID the catalog does not have.</summary>
        public static DiagnosticDescriptor? Find(string id) => Catalog.Find(id);

        public static DiagnosticDescriptor Get(string id) => Catalog.Get(id);

        public static DiagnosticDescriptor UserRule => Catalog.UserRule;

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

    }

    /// <summary>The descriptors of every rule, with help links for one docs base URL or none.</summary>
    internal sealed class DescriptorCatalog
    {
        private readonly string? _docsBaseUrl;
        private readonly Dictionary<string, DiagnosticDescriptor> _byId = new Dictionary<string, DiagnosticDescriptor>(StringComparer.Ordinal);

        public DescriptorCatalog(string? docsBaseUrl)
        {
            _docsBaseUrl = docsBaseUrl;
            foreach (var d in ReleasedDescriptors.BuiltIn()) _byId[d.Id] = WithHelpLink(d);
            // A catalog rule without a constant line (ReleaseTrackingTests fails then) still gets a descriptor.
            foreach (var rule in RuleSet.BuiltIn.Rules)
                if (!_byId.ContainsKey(rule.Id))
                    _byId[rule.Id] = new DiagnosticDescriptor(rule.Id, Title(rule.Id), Format(rule.Id), Descriptors.CategoryPrefix + rule.Category,
                        Descriptors.ToRoslyn(rule.DefaultSeverity), true, Description(rule.Id), HelpLink(rule.Id), Tags(rule.Id));
            // User rules have no page of their own under docs/rules.
            UserRule = ReleasedDescriptors.DA9000;
            _byId[UserRule.Id] = UserRule;
            All = _byId.Values.OrderBy(d => d.Id, StringComparer.Ordinal).ToImmutableArray();
        }

        public ImmutableArray<DiagnosticDescriptor> All { get; }
        public DiagnosticDescriptor UserRule { get; }

        public DiagnosticDescriptor? Find(string id) => _byId.TryGetValue(id, out var d) ? d : null;

        public DiagnosticDescriptor Get(string id) => Find(id) ?? throw new ArgumentException($"no rule {id} in the catalog", nameof(id));

        private static Rule RuleOf(string id) => RuleSet.BuiltIn.Find(id) ?? throw new InvalidOperationException($"rule {id} has a descriptor but is not in rules/");

        private DiagnosticDescriptor WithHelpLink(DiagnosticDescriptor d)
            => _docsBaseUrl is null ? d
            : new DiagnosticDescriptor(d.Id, d.Title, d.MessageFormat, d.Category, d.DefaultSeverity, d.IsEnabledByDefault, d.Description, HelpLink(d.Id), d.CustomTags.ToArray());

        internal static string Title(string id) => RuleOf(id).Summary;

        // Engine findings arrive with their message formatted by the engine; evidence rules are
        // found by the analyzer, so their template becomes the descriptor's message format.
        internal static string Format(string id)
        {
            var rule = RuleOf(id);
            return rule.Effect == RuleEffect.Evidence ? Descriptors.MessageFormat(rule.MessageTemplate).Format : "{0}";
        }

        internal static string Description(string id)
        {
            var rule = RuleOf(id);
            var description = rule.Rationale.Length == 0 ? rule.Summary : rule.Rationale;
            if (rule.Remediation.Length > 0) description += " Fix: " + rule.Remediation;
            return description;
        }

        /// <summary>The rule's page under the configured docs base URL; none without one (no placeholder URL).</summary>
        private string? HelpLink(string id) => _docsBaseUrl is null ? null : _docsBaseUrl.TrimEnd('/') + "/" + id + ".md";

        internal static string[] Tags(string id)
        {
            var rule = RuleOf(id);
            var tags = new List<string>();
            if (rule.IsFixed) tags.Add(WellKnownDiagnosticTags.NotConfigurable);
            // DA0004 and DA0008 (for options) compare or collect across the whole compilation.
            if (rule.Id == RuleIds.DuplicateName || rule.Id == RuleIds.InvalidConfiguration) tags.Add(WellKnownDiagnosticTags.CompilationEnd);
            return tags.ToArray();
        }
    }
}
