using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using DeployAdvisor.Engine.Findings;
using DeployAdvisor.Engine.Loading;
using DeployAdvisor.Engine.Model;

namespace DeployAdvisor.Engine.Rules
{
    /// <summary>A compiled rule: one ID, one place that says what it means.</summary>
    public sealed class Rule
    {
        internal Rule(RuleData data, Condition? condition, IReadOnlyList<Target> excludes, IReadOnlyList<string> at,
            IReadOnlyList<Fixture> fixtures, string? sourceFile, bool isBuiltIn, EvidenceTriggers? evidence = null, EvidenceFix? fix = null)
        {
            Evidence = evidence;
            Fix = fix;
            Id = data.Id;
            Name = data.Name;
            Category = data.Category;
            DefaultSeverity = data.Severity switch { RuleSeverity.Error => Severity.Error, RuleSeverity.Warning => Severity.Warning, _ => Severity.Info };
            Effect = data.Effect;
            Summary = data.Summary.Trim();
            Rationale = data.Rationale.Trim();
            Sources = (IReadOnlyList<string>?)data.Sources ?? Array.Empty<string>();
            Condition = condition;
            Excludes = excludes;
            At = at;
            MessageTemplate = data.Message.Trim();
            Remediation = data.Remediation.Trim();
            Example = data.Example;
            Fixtures = fixtures;
            SourceFile = sourceFile;
            IsBuiltIn = isBuiltIn;
        }

        public string Id { get; }
        public string Name { get; }
        public string Category { get; }
        public Severity DefaultSeverity { get; }
        public RuleEffect Effect { get; }
        public string Summary { get; }
        public string Rationale { get; }
        public IReadOnlyList<string> Sources { get; }
        public Condition? Condition { get; }
        public IReadOnlyList<Target> Excludes { get; }
        /// <summary>Where a report rule's finding goes: the first of these fields that is written.</summary>
        public IReadOnlyList<string> At { get; }
        public string MessageTemplate { get; }
        public string Remediation { get; }
        public string? Example { get; }
        public IReadOnlyList<Fixture> Fixtures { get; }
        /// <summary>For an evidence rule: what in a workload's code is evidence.</summary>
        public EvidenceTriggers? Evidence { get; }
        /// <summary>For an evidence rule: the declaration that matches the code, if the rule offers one.</summary>
        public EvidenceFix? Fix { get; }
        public string? SourceFile { get; }
        public bool IsBuiltIn { get; }

        /// <summary>DA0001–DA0003 and DA0007 mean the input was not understood: always errors, never disabled.</summary>
        public bool IsFixed => RuleIds.IsFixedError(Id);

        internal static readonly Regex Placeholder = new Regex("\\{(?<name>[a-zA-Z]+)(:(?<arg>[^}]+))?\\}", RegexOptions.CultureInvariant);
        internal static readonly string[] PlaceholderNames = { "target", "planned", "recommendation", "name", "remedies", "field", "profile", "detail" };

        /// <summary>
        /// Fills the message template. Unknown placeholders were rejected when the rule was loaded.
        /// <paramref name="target"/> replaces the words for {target} (a plan violation says "planned container").
        /// </summary>
        public string FormatMessage(ConditionContext context, string? remedies = null, string? detail = null, string? target = null)
        {
            return Placeholder.Replace(MessageTemplate, m =>
            {
                var arg = m.Groups["arg"].Value;
                switch (m.Groups["name"].Value)
                {
                    case "target": return target ?? context.Target?.Name() ?? context.Workload.PlannedTarget?.Name() ?? "(none)";
                    case "planned": return context.Workload.PlannedTarget?.Name() ?? "(none)";
                    case "recommendation": return context.Recommendation?.Name() ?? "none";
                    case "name": return context.Workload.Name;
                    case "remedies": return remedies ?? "";
                    case "detail": return detail ?? "";
                    case "field": return context.Workload.Get(arg).ToString();
                    case "profile":
                        return context.Target is Target t && ProfileFigures.ByName.TryGetValue(arg, out var f)
                            ? context.Profiles.Get(t).Figure(f, context.Workload.Os, context.Workload.WindowsImage).ToString() : "?";
                    default: return m.Value;
                }
            });
        }

        /// <summary>
        /// For an evidence rule: whether it applies to a workload whose fields read as given (its condition
        /// holds; without one it always applies). Only field conditions are allowed there.
        /// </summary>
        public bool AppliesTo(Func<string, FieldValue> fields)
            => Condition is null || Condition.Evaluate(new ConditionContext(fields, NoProfiles), new List<string>());

        private static readonly PlatformProfiles NoProfiles = new PlatformProfiles(Array.Empty<PlatformProfile>());

        public override string ToString() => $"{Id} {Name}";
    }

    /// <summary>A workload on which a rule must fire, or must not.</summary>
    public sealed class Fixture
    {
        internal Fixture(string description, bool mustFire, YNode workload, IReadOnlyList<Target>? excludes, Location location, IReadOnlyList<Target>? offeredTargets = null)
        {
            Description = description; MustFire = mustFire; WorkloadNode = workload; Excludes = excludes; Location = location; OfferedTargets = offeredTargets;
        }

        /// <summary>The targets the fixture's platform offers; null for all three.</summary>
        public IReadOnlyList<Target>? OfferedTargets { get; }

        public string Description { get; }
        public bool MustFire { get; }
        public YNode WorkloadNode { get; }
        public IReadOnlyList<Target>? Excludes { get; }
        public Location Location { get; }
    }

    /// <summary>An order of preference and when it applies.</summary>
    public sealed class RankingOrder
    {
        internal RankingOrder(Condition? when, IReadOnlyList<Target> order, string reason)
        {
            When = when; Order = order; Reason = reason.Trim();
            OrderText = string.Join(" > ", order.Select(t => t.Name()));
        }

        /// <summary>The order as people read it: "vm > sandboxed-container > container".</summary>
        public string OrderText { get; }

        public Condition? When { get; }
        public IReadOnlyList<Target> Order { get; }
        public string Reason { get; }
    }
}
