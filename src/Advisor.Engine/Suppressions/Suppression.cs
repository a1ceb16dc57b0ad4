using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using DeployAdvisor.Engine.Findings;
using DeployAdvisor.Engine.Loading;

namespace DeployAdvisor.Engine.Suppressions
{
    public enum SuppressionScope
    {
        /// <summary>The line the comment is on (after content) or the next content line (a comment line of its own).</summary>
        Line,
        /// <summary>The whole YAML document the comment is in.</summary>
        Document,
    }

    /// <summary>One inline suppression comment: <c># deployadvisor-ignore DA1004, DA4002: reason</c>.</summary>
    public sealed class Suppression
    {
        internal Suppression(SuppressionScope scope, IReadOnlyList<string> ruleIds, string? reason, Location location, int targetLine)
        {
            Scope = scope; RuleIds = ruleIds; Reason = reason; Location = location; TargetLine = targetLine;
        }

        public SuppressionScope Scope { get; }
        public IReadOnlyList<string> RuleIds { get; }
        /// <summary>The justification after the colon; null when none was given (DA0005: the suppression then has no effect).</summary>
        public string? Reason { get; }
        /// <summary>Where the comment is written.</summary>
        public Location Location { get; }
        /// <summary>For line scope: the line whose findings it suppresses.</summary>
        public int TargetLine { get; }
        public bool HasReason => !string.IsNullOrWhiteSpace(Reason);
    }

    public static class SuppressionParser
    {
        public const string LineDirective = "deployadvisor-ignore";
        public const string DocumentDirective = "deployadvisor-ignore-document";

        private static readonly Regex Directive = new Regex(
            "^deployadvisor-ignore(?<doc>-document)?(?=$|[\\s:])(?<ids>[^:]*)(?<colon>:(?<reason>.*))?$",
            RegexOptions.CultureInvariant);
        private static readonly Regex RuleId = new Regex("^[A-Za-z]{2,8}[0-9]{4}$", RegexOptions.CultureInvariant);

        /// <summary>
        /// False when no comment can be a suppression (none holds the directive's text): the file's
        /// comments need not be kept to apply suppressions later. A cheap ordinal scan, not the regex.
        /// </summary>
        public static bool MayHoldDirective(IReadOnlyList<YComment> comments)
        {
            foreach (var c in comments)
                if (c.Text.IndexOf(LineDirective, StringComparison.Ordinal) >= 0) return true;
            return false;
        }

        /// <summary>
        /// The suppressions among a file's comments, with the malformed ones as findings: a directive
        /// naming no valid rule ID suppresses nothing (DA0006).
        /// </summary>
        public static IReadOnlyList<Suppression> Parse(string? file, IReadOnlyList<YComment> comments, List<Finding>? malformed = null)
        {
            var result = new List<Suppression>();
            // Lines that hold nothing but a comment: a standalone suppression skips them to reach its line.
            var commentOnly = new HashSet<int>(comments.Where(c => !c.IsInline).Select(c => c.Span.Line));
            foreach (var c in comments)
            {
                if (c.Text.IndexOf(LineDirective, StringComparison.Ordinal) < 0) continue; // cannot match: skip the regex
                var text = c.Text.TrimStart('#').Trim();
                var m = Directive.Match(text);
                if (!m.Success) continue;
                var location = new Location(file, c.Span);
                var tokens = m.Groups["ids"].Value.Split(new[] { ',', ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries);
                var bad = tokens.Where(t => !RuleId.IsMatch(t)).ToList();
                if (tokens.Length == 0 || bad.Count > 0)
                {
                    malformed?.Add(new Finding(RuleIds.UnusedSuppression, Severity.Warning,
                        tokens.Length == 0
                            ? $"this suppression names no rule, so it suppresses nothing; write '# {(m.Groups["doc"].Success ? DocumentDirective : LineDirective)} DA1004: reason'"
                            : $"'{bad[0]}' is not a rule ID, so this suppression suppresses nothing; rule IDs look like DA1004 (a reason goes after a colon)",
                        location: location));
                    continue;
                }
                int target = c.Span.Line;
                if (!c.IsInline)
                {
                    target++;
                    while (commentOnly.Contains(target)) target++;
                }
                var reason = m.Groups["colon"].Success ? m.Groups["reason"].Value.Trim() : null;
                result.Add(new Suppression(m.Groups["doc"].Success ? SuppressionScope.Document : SuppressionScope.Line,
                    tokens.Select(t => t.ToUpperInvariant()).Distinct().ToList(), string.IsNullOrEmpty(reason) ? null : reason, location, target));
            }
            return result;
        }
    }
}
