using System;
using System.Collections.Generic;
using DeployAdvisor.Engine.Model;
using DeployAdvisor.Engine.Rules;

namespace DeployAdvisor.Engine.Evaluation
{
    /// <summary>
    /// The words of a verdict (decisions.md, "Explanations"): the order of preference once, with the
    /// fields that chose it; one reason per excluding rule, naming the field, its value and the profile
    /// figure; where each feasible target stands, in words that hold for this workload only. Written
    /// from the rules' data (their messages, the fields that fired them, the ranking's reasons), so a
    /// new rule or a user's rule explains itself.
    /// </summary>
    public static class Explanations
    {
        /// <summary>A field as people read it in a reason: its path under <c>spec</c> ("budgets.startup").</summary>
        public static string FieldName(string field)
            => field.StartsWith(Fields.Spec + ".", StringComparison.Ordinal) ? field.Substring(Fields.Spec.Length + 1) : field;

        /// <summary>A field and its value for this workload: "security.sensitivity: restricted".</summary>
        public static string FieldAndValue(Workload workload, string field) => $"{FieldName(field)}: {workload.Get(field)}";

        /// <summary>
        /// One excluding rule's reason: its message, then, in parentheses, each field that fired it and
        /// that the message does not already name, with its value ("(host.kernelModules: true)").
        /// <paramref name="target"/> replaces the words for {target}.
        /// </summary>
        internal static string ExclusionMessage(Rule rule, ConditionContext context, IReadOnlyList<string> fields, string? target = null)
        {
            var message = rule.FormatMessage(context, target: target);
            List<string>? unnamed = null;
            for (int i = 0; i < fields.Count; i++)
            {
                var f = fields[i];
                if (f == Fields.Target || Names(message, FieldName(f))) continue;
                (unnamed ??= new List<string>()).Add(FieldAndValue(context.Workload, f));
            }
            return unnamed is null ? message : $"{message} ({string.Join(", ", unnamed)})";
        }

        /// <summary>
        /// The finding for an excluding rule that excludes the planned target, said once: "restricted data
        /// must not share a kernel with other workloads, so planned container is excluded (…); vm is recommended".
        /// </summary>
        internal static string PlanViolation(Exclusion exclusion, Target planned, Target? recommendation)
        {
            var plannedText = "planned " + planned.Name();
            var message = ExclusionMessage(exclusion.Rule, exclusion.Context, exclusion.Fields, plannedText);
            var template = exclusion.Rule.MessageTemplate;
            // A message that does not name the target it excludes still has to say that the plan is excluded.
            if (template.IndexOf("{target}", StringComparison.Ordinal) < 0 && template.IndexOf("{planned}", StringComparison.Ordinal) < 0)
                message += $"; {plannedText} is excluded";
            return recommendation is Target r ? $"{message}; {r.Name()} is recommended" : message;
        }

        /// <summary>
        /// Why this order applies: the fields that chose it with their values, then the order's reason
        /// ("security.sensitivity: restricted, so the strongest isolation boundary, the hypervisor, ranks first");
        /// an order chosen by no field (the default) is its reason alone.
        /// </summary>
        internal static string OrderReason(RankingOrder order, IReadOnlyList<string> fields, Workload workload)
        {
            if (fields.Count == 0) return order.Reason;
            var named = new List<string>(fields.Count);
            foreach (var f in fields) named.Add(FieldAndValue(workload, f));
            return $"{Join(named)}, so {order.Reason}";
        }

        /// <summary>
        /// A ranked target's reasons. Excluded: one per excluding rule, "DA3001 (startup-budget): budgets.startup
        /// 20s is below vm's typical startup of 30s". Feasible: where it stands in the order and why, from this
        /// workload's ranking alone (the order itself is stated once, on the evaluation).
        /// </summary>
        internal static IReadOnlyList<string> Reasons(RankedTarget ranked, IReadOnlyList<RankedTarget> ranking, RankingOrder order, Target? recommendation)
        {
            var reasons = new List<string>();
            if (!ranked.Feasible)
            {
                foreach (var e in ranked.Exclusions)
                    reasons.Add($"{e.Rule.Id} ({e.Rule.Name}): {e.Message}");
                return reasons;
            }
            int feasibleCount = 0;
            foreach (var r in ranking) if (r.Feasible) feasibleCount++;
            if (feasibleCount == 1)
            {
                reasons.Add("the only feasible target");
                return reasons;
            }
            int position = IndexOf(order.Order, ranked.Target);
            // The targets the order puts before this one: excluded ones (why a later target is recommended)
            // and feasible ones (why this one is not).
            var excludedAbove = new List<string>();
            var feasibleAbove = new List<string>();
            for (int i = 0; i < position; i++)
            {
                var above = Find(ranking, order.Order[i]);
                if (above is null) continue;
                (above.Feasible ? feasibleAbove : excludedAbove).Add(above.Target.Name());
            }
            var place = $"{Ordinal(position + 1)} in the order";
            if (recommendation == ranked.Target)
                reasons.Add(excludedAbove.Count == 0
                    ? $"{place} of preference"
                    : $"{place}, and the first feasible: {Join(excludedAbove)} {(excludedAbove.Count == 1 ? "ranks" : "rank")} above it but {(excludedAbove.Count == 1 ? "is" : "are")} excluded");
            else
                reasons.Add($"{place}; {Join(feasibleAbove)} {(feasibleAbove.Count == 1 ? "ranks" : "rank")} above it");
            return reasons;
        }

        /// <summary>Whether a message names a field: its path as a whole word, not part of a longer path.</summary>
        private static bool Names(string message, string field)
        {
            for (int at = message.IndexOf(field, StringComparison.Ordinal); at >= 0; at = message.IndexOf(field, at + 1, StringComparison.Ordinal))
            {
                bool startOk = at == 0 || !(char.IsLetterOrDigit(message[at - 1]) || message[at - 1] == '.');
                int end = at + field.Length;
                bool endOk = end == message.Length || !(char.IsLetterOrDigit(message[end]) || (message[end] == '.' && end + 1 < message.Length && char.IsLetter(message[end + 1])));
                if (startOk && endOk) return true;
            }
            return false;
        }

        private static RankedTarget? Find(IReadOnlyList<RankedTarget> ranking, Target target)
        {
            for (int i = 0; i < ranking.Count; i++) if (ranking[i].Target == target) return ranking[i];
            return null;
        }

        private static int IndexOf(IReadOnlyList<Target> order, Target target)
        {
            for (int i = 0; i < order.Count; i++) if (order[i] == target) return i;
            return -1;
        }

        private static readonly string[] Ordinals = { "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth" };

        private static string Ordinal(int n) => n >= 1 && n <= Ordinals.Length ? Ordinals[n - 1] : $"number {n}";

        /// <summary>"a", "a and b", "a, b and c".</summary>
        internal static string Join(IReadOnlyList<string> items)
        {
            if (items.Count <= 2) return string.Join(" and ", items);
            return string.Join(", ", Slice(items, items.Count - 1)) + " and " + items[items.Count - 1];
        }

        private static IEnumerable<string> Slice(IReadOnlyList<string> items, int count)
        {
            for (int i = 0; i < count; i++) yield return items[i];
        }
    }
}
