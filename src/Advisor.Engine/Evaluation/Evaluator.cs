using System;
using System.Collections.Generic;
using System.Linq;
using DeployAdvisor.Engine.Findings;
using DeployAdvisor.Engine.Model;
using DeployAdvisor.Engine.Rules;

namespace DeployAdvisor.Engine.Evaluation
{
    /// <summary>One target excluded by one rule for one workload.</summary>
    public sealed class Exclusion
    {
        internal Exclusion(Rule rule, Target target, IReadOnlyList<string> fields, ConditionContext context)
        {
            Rule = rule; Target = target; Fields = fields; Context = context;
        }

        // The message and the remedies are words for people; lint needs them only for the rare
        // exclusion of a planned target, so they are written when first read. The context is
        // immutable (an exclude rule's), so writing them later gives the same words.
        private string? _message;
        private IReadOnlyList<string>? _remedies;

        public Rule Rule { get; }
        public Target Target { get; }
        /// <summary>The fields that made the rule hold.</summary>
        public IReadOnlyList<string> Fields { get; }
        internal ConditionContext Context { get; }
        /// <summary>Why the rule excludes the target: its message, naming each field that fired it with its value.</summary>
        public string Message => _message ??= Explanations.ExclusionMessage(Rule, Context, Fields);
        /// <summary>The smallest changes that would lift this exclusion.</summary>
        public IReadOnlyList<string> Remedies => _remedies ??= Rule.Condition!.Relax(Context);
    }

    /// <summary>A target's place in a workload's ranking, with the reasons for it.</summary>
    public sealed class RankedTarget
    {
        internal RankedTarget(Target target, bool feasible, IReadOnlyList<Exclusion> exclusions, RankingOrder order, Target? recommendation,
            IReadOnlyList<RankedTarget> ranking)
        {
            Target = target; Feasible = feasible; Exclusions = exclusions; _order = order; _recommendation = recommendation; _ranking = ranking;
        }

        // The reasons are written when first read, like an exclusion's message: recommend prints them,
        // lint does not. What they are written from is kept, rather than a closure over it (one closure
        // and one delegate per target of every workload evaluated).
        private readonly RankingOrder _order;
        private readonly Target? _recommendation;
        private readonly IReadOnlyList<RankedTarget> _ranking;   // the whole ranking this target is part of
        private IReadOnlyList<string>? _reasonList;

        public Target Target { get; }
        public bool Feasible { get; }
        public IReadOnlyList<Exclusion> Exclusions { get; }
        public IReadOnlyList<string> ExcludedBy => Exclusions.Select(e => e.Rule.Id).Distinct().ToList();
        /// <summary>
        /// Excluded: one reason per excluding rule. Feasible: where the target stands and why, for this
        /// workload only. The order itself is stated once, by <see cref="WorkloadEvaluation.OrderReason"/>.
        /// </summary>
        public IReadOnlyList<string> Reasons => _reasonList ??= Explanations.Reasons(this, _ranking, _order, _recommendation);
    }

    /// <summary>Everything the engine decided about one workload.</summary>
    public sealed class WorkloadEvaluation
    {
        internal WorkloadEvaluation(Workload workload, IReadOnlyList<RankedTarget> ranking, Target? recommendation,
            RankingOrder order, IReadOnlyList<Finding> findings, PlatformProfiles profiles)
        {
            Workload = workload; Ranking = ranking; Recommendation = recommendation; Order = order; Findings = findings; _profiles = profiles;
        }

        // The order's fields and reason are words for people, written when first read (lint does not).
        private readonly PlatformProfiles _profiles;
        private IReadOnlyList<string>? _orderFields;
        private string? _orderReason;

        public Workload Workload { get; }
        /// <summary>All three targets: the feasible ones in preference order, then the excluded ones in that order.</summary>
        public IReadOnlyList<RankedTarget> Ranking { get; }
        /// <summary>The first feasible target, or null when none is feasible.</summary>
        public Target? Recommendation { get; }
        public RankingOrder Order { get; }
        /// <summary>The fields whose values chose <see cref="Order"/> (none for the default order).</summary>
        public IReadOnlyList<string> OrderFields => _orderFields ??= ChoosingFields();
        /// <summary>
        /// Why this order, stated once for the workload: "security.sensitivity: restricted, so the strongest
        /// isolation boundary, the hypervisor, ranks first"; the default order gives its own reason.
        /// </summary>
        public string OrderReason => _orderReason ??= Explanations.OrderReason(Order, OrderFields, Workload);
        /// <summary>"order vm > sandboxed-container > container, because …".</summary>
        public string OrderStatement => $"order {Order.OrderText}, because {OrderReason}";
        /// <summary>What lint reports for this workload, with fields but without locations (the front end locates them).</summary>
        public IReadOnlyList<Finding> Findings { get; }

        public RankedTarget For(Target target) => Ranking.First(r => r.Target == target);
        public bool IsFeasible(Target target) => For(target).Feasible;

        private IReadOnlyList<string> ChoosingFields()
        {
            var fired = new List<string>();
            if (Order.When is null || !Order.When.Evaluate(new ConditionContext(Workload, _profiles, null), fired)) return Array.Empty<string>();
            var distinct = new List<string>(fired.Count);
            foreach (var f in fired) if (!distinct.Contains(f)) distinct.Add(f);
            return distinct;
        }
    }

    /// <summary>
    /// Evaluates workloads against a rule set: feasibility per target from the exclude rules,
    /// ranking, recommendation, and the findings lint must report. Pure and deterministic; one
    /// evaluator serves any number of workloads and threads.
    /// </summary>
    public sealed class Evaluator
    {
        private readonly RuleSet _rules;
        private readonly RulePolicy _policy;
        private readonly PlatformProfiles _profiles;
        // Lists, not interfaces: the loops below run for every workload, and foreach over an
        // IReadOnlyList boxes its enumerator (so they index the interfaces they are given).
        private readonly List<Rule> _excludeRules;
        private readonly List<Rule> _reportRules;

        public Evaluator(RuleSet rules, RulePolicy? policy = null, ProfileOverrides? profileOverrides = null)
        {
            _rules = rules;
            _policy = policy ?? RulePolicy.Default;
            _profiles = rules.Profiles.With(profileOverrides);
            _excludeRules = rules.Rules.Where(r => r.Effect == RuleEffect.Exclude && _policy.IsEnabled(r.Id)).ToList();
            _reportRules = OrderByReferences(rules.Rules.Where(r => r.Effect == RuleEffect.Report && _policy.IsEnabled(r.Id)).ToList());
        }

        public RuleSet Rules => _rules;
        public PlatformProfiles Profiles => _profiles;
        public RulePolicy Policy => _policy;

        // Written as loops over arrays indexed by target: inside the compiler (the analyzers) LINQ,
        // dictionaries and sets over the Target enum are generic code over a value type that runs
        // unoptimised for most of a build (figures in docs/performance.md).
        public WorkloadEvaluation Evaluate(Workload workload)
        {
            var all = Targets.All;
            // One list of fired fields, emptied before each condition, and one context per target (what a
            // context holds depends on the target only): evaluation runs in every build of a project with
            // the analyzers, where allocations are the cost that shows (docs/performance.md).
            var fired = new List<string>();
            // 1. Feasibility: every enabled exclude rule, once per target it can exclude.
            var exclusions = new List<Exclusion>[TargetCount];
            var contexts = new ConditionContext[TargetCount];
            for (int i = 0; i < exclusions.Length; i++) exclusions[i] = new List<Exclusion>();
            foreach (var rule in _excludeRules)
            {
                var excludes = rule.Excludes;
                for (int e = 0; e < excludes.Count; e++)
                {
                    var target = excludes[e];
                    var context = contexts[(int)target] ??= new ConditionContext(workload, _profiles, target);
                    fired.Clear();
                    if (!rule.Condition!.Evaluate(context, fired)) continue;
                    exclusions[(int)target].Add(new Exclusion(rule, target, Distinct(fired), context));
                }
            }
            var feasible = new TargetSet();
            for (int i = 0; i < all.Count; i++)
                if (exclusions[(int)all[i]].Count == 0) feasible.Add(all[i]);

            // 2. Ranking: the first order whose condition holds; feasible targets first, each group in its order.
            var baseContext = new ConditionContext(workload, _profiles, null);
            RankingOrder? order = null;
            var orders = _rules.Ranking;
            for (int i = 0; i < orders.Count; i++)
            {
                var o = orders[i];
                fired.Clear();
                if (o.When is null || o.When.Evaluate(baseContext, fired)) { order = o; break; }
            }
            if (order is null) throw new InvalidOperationException("the rule set has no ranking order that applies; the last one must have no condition");
            var ranked = new List<Target>(TargetCount);
            var preference = order.Order;
            for (int i = 0; i < preference.Count; i++) if (feasible.Contains(preference[i])) ranked.Add(preference[i]);
            for (int i = 0; i < preference.Count; i++) if (!feasible.Contains(preference[i])) ranked.Add(preference[i]);
            Target? recommendation = ranked.Count > 0 && feasible.Contains(ranked[0]) ? ranked[0] : (Target?)null;
            var ranking = new List<RankedTarget>(ranked.Count);
            foreach (var t in ranked)
                ranking.Add(new RankedTarget(t, feasible.Contains(t), exclusions[(int)t], order, recommendation, ranking));

            // 3. Findings: excluding rules that exclude the planned target, then report rules.
            var findings = new List<Finding>();
            var reported = new HashSet<string>(StringComparer.Ordinal);
            if (workload.PlannedTarget is Target planned)
            {
                foreach (var ex in exclusions[(int)planned])
                {
                    var related = new List<string>(ex.Fields.Count);
                    foreach (var f in ex.Fields) if (f != Fields.Target) related.Add(f);
                    // A target the platform does not offer (DA6001) is related to where the configuration says so.
                    var relatedAt = !_profiles.Offers(planned) && _profiles.OfferedAt is Location offeredAt && ex.Fields.Count == 0
                        ? new[] { offeredAt } : null;
                    findings.Add(new Finding(ex.Rule.Id, _policy.SeverityOf(ex.Rule.Id, ex.Rule.DefaultSeverity),
                        Explanations.PlanViolation(ex, planned, recommendation),
                        Fields.Target, related, relatedLocations: relatedAt, workload: workload.Name));
                    reported.Add(ex.Rule.Id);
                }
            }
            var reportContext = new ConditionContext(workload, _profiles, null) { Feasible = feasible, Recommendation = recommendation, Reported = reported };
            foreach (var rule in _reportRules)
            {
                fired.Clear();
                if (!rule.Condition!.Evaluate(reportContext, fired)) continue;
                string? remedies = null;
                var related = new List<string>(fired);
                if (rule.Condition is not null && rule.MessageTemplate.Contains("{remedies}"))
                {
                    remedies = Remedies(exclusions);
                    foreach (var list in exclusions)
                        foreach (var e in list) related.AddRange(e.Fields);
                }
                string at = Fields.Spec;
                for (int i = 0; i < rule.At.Count; i++)
                {
                    var f = rule.At[i];
                    if (f == Fields.Spec || !workload.Get(f).IsAbsent) { at = f; break; }
                }
                related.RemoveAll(f => f == at);
                findings.Add(new Finding(rule.Id, _policy.SeverityOf(rule.Id, rule.DefaultSeverity), rule.FormatMessage(reportContext, remedies),
                    at, Distinct(related), workload: workload.Name));
                reported.Add(rule.Id);
            }
            return new WorkloadEvaluation(workload, ranking, recommendation, order, ByRuleId(findings), _profiles);
        }

        /// <summary>
        /// The findings in rule ID order, equal IDs in the order found (as a stable sort). An insertion
        /// sort: a workload has a few findings at most, and most have none, where LINQ's OrderBy still
        /// allocated its buffers.
        /// </summary>
        private static List<Finding> ByRuleId(List<Finding> findings)
        {
            for (int i = 1; i < findings.Count; i++)
            {
                var item = findings[i];
                int j = i - 1;
                for (; j >= 0 && string.CompareOrdinal(findings[j].RuleId, item.RuleId) > 0; j--)
                    findings[j + 1] = findings[j];
                findings[j + 1] = item;
            }
            return findings;
        }

        // Arrays indexed by (int)target: the enum's values are 0, 1, 2, the order of Targets.All.
        private static readonly int TargetCount = Targets.All.Count;

        /// <summary>The distinct strings of a list, in the order they first appear (as LINQ's Distinct).</summary>
        private static List<string> Distinct(List<string> items)
        {
            var result = new List<string>(items.Count);
            foreach (var item in items)
                if (!result.Contains(item)) result.Add(item);
            return result;
        }

        private static string Remedies(List<Exclusion>[] exclusions)
        {
            var parts = new List<string>();
            foreach (var t in Targets.All)
            {
                var changes = exclusions[(int)t].SelectMany(e => e.Remedies).Distinct().ToList();
                if (changes.Count > 0) parts.Add($"{t.Name()} fits if {string.Join(" and ", changes)}");
            }
            return string.Join("; ", parts);
        }

        /// <summary>Report rules that ask whether another was reported run after it; ties by ID.</summary>
        private static List<Rule> OrderByReferences(List<Rule> rules)
        {
            var byId = rules.ToDictionary(r => r.Id, StringComparer.Ordinal);
            var result = new List<Rule>();
            var state = new Dictionary<string, int>(StringComparer.Ordinal); // 1 visiting, 2 done
            void Visit(Rule r)
            {
                // A cycle is a load error (DA0008); if a caller evaluates anyway, the rule runs in ID order.
                if (state.ContainsKey(r.Id)) return;
                state[r.Id] = 1;
                foreach (var dep in r.Condition!.ReportedRules().OrderBy(x => x, StringComparer.Ordinal))
                    if (byId.TryGetValue(dep, out var d)) Visit(d);
                state[r.Id] = 2;
                result.Add(r);
            }
            foreach (var r in rules.OrderBy(r => r.Id, StringComparer.Ordinal)) Visit(r);
            return result;
        }
    }
}
