using System;
using System.Collections.Generic;
using System.Linq;
using DeployAdvisor.Engine.Evaluation;
using DeployAdvisor.Engine.Findings;
using DeployAdvisor.Engine.Loading;

namespace DeployAdvisor.Engine.Suppressions
{
    /// <summary>A finding an inline suppression removed, and the suppression that did.</summary>
    public sealed class SuppressedFinding
    {
        internal SuppressedFinding(Finding finding, Suppression suppression) { Finding = finding; Suppression = suppression; }
        public Finding Finding { get; }
        public Suppression Suppression { get; }
    }

    public sealed class SuppressionResult
    {
        internal SuppressionResult(IReadOnlyList<Finding> findings, IReadOnlyList<SuppressedFinding> suppressed)
        {
            Findings = findings; Suppressed = suppressed;
        }

        /// <summary>The findings that remain, plus DA0005 and DA0006 about the suppressions themselves, sorted.</summary>
        public IReadOnlyList<Finding> Findings { get; }
        public IReadOnlyList<SuppressedFinding> Suppressed { get; }
    }

    /// <summary>
    /// Applies a file's inline suppressions to the file's located findings (after the rule policy,
    /// DA0004 included). A suppression needs a reason: without one it has no effect and is DA0005.
    /// Every rule ID of a suppression that matches no finding is DA0006, so stale ones do not pile up.
    /// Input findings that mean the file was not understood (DA0001–DA0003, DA0007) and findings about
    /// suppressions and configuration cannot be suppressed.
    /// </summary>
    public static class Suppressor
    {
        public static bool CanSuppress(string ruleId)
            => !RuleIds.IsFixedError(ruleId) && ruleId != RuleIds.SuppressionWithoutReason
               && ruleId != RuleIds.UnusedSuppression && ruleId != RuleIds.InvalidConfiguration;

        /// <param name="file">The file's path as the findings name it.</param>
        /// <param name="comments">The file's comments (<see cref="LoadedFile.Comments"/>).</param>
        /// <param name="documentStarts">The first line of each descriptor document of the file, in file order.</param>
        /// <param name="findings">The file's findings, located and with the policy already applied.</param>
        public static SuppressionResult Apply(string file, IReadOnlyList<YComment> comments, IReadOnlyList<int> documentStarts,
            IEnumerable<Finding> findings, RulePolicy? policy = null)
        {
            var all = findings.ToList();
            var decision = Decide(file, comments, documentStarts, all, policy);
            if (decision is null) return new SuppressionResult(Finding.Sort(all), Array.Empty<SuppressedFinding>());
            var kept = new List<Finding>(all.Count + decision.Own.Count);
            for (int i = 0; i < all.Count; i++) if (decision.SuppressedBy[i] is null) kept.Add(all[i]);
            kept.AddRange(decision.Own);
            return new SuppressionResult(Finding.Sort(kept), decision.Suppressed);
        }

        /// <summary>
        /// What a file's suppressions do to its findings, by position: <see cref="SuppressionDecision.SuppressedBy"/>[i]
        /// is the suppression that removes findings[i] (null when it stays), and <see cref="SuppressionDecision.Own"/>
        /// holds DA0005/DA0006 about the suppressions themselves, policy applied. Null when the file has no suppression.
        /// </summary>
        internal static SuppressionDecision? Decide(string file, IReadOnlyList<YComment> comments, IReadOnlyList<int> documentStarts,
            IReadOnlyList<Finding> all, RulePolicy? policy)
        {
            policy ??= RulePolicy.Default;
            var own = new List<Finding>();
            var suppressions = SuppressionParser.Parse(file, comments, own);
            if (suppressions.Count == 0 && own.Count == 0) return null;

            var starts = documentStarts.OrderBy(l => l).ToList();
            int DocumentOf(int line)
            {
                int index = -1;
                for (int i = 0; i < starts.Count; i++) if (starts[i] <= line) index = i;
                return index;
            }

            var used = new HashSet<(Suppression, string)>();
            var by = new Suppression?[all.Count];
            var suppressed = new List<SuppressedFinding>();
            for (int n = 0; n < all.Count; n++)
            {
                var f = all[n];
                if (!CanSuppress(f.RuleId) || f.Location is null) continue;
                int line = f.Location.Span.Line;
                // A line suppression is more specific than a document one: it wins when both match.
                var s = suppressions.FirstOrDefault(x => x.HasReason && x.Scope == SuppressionScope.Line && x.TargetLine == line && x.RuleIds.Contains(f.RuleId))
                        ?? suppressions.FirstOrDefault(x => x.HasReason && x.Scope == SuppressionScope.Document && x.RuleIds.Contains(f.RuleId)
                                                            && DocumentOf(x.Location.Span.Line) >= 0 && DocumentOf(x.Location.Span.Line) == DocumentOf(line));
                if (s is null) continue;
                by[n] = s;
                used.Add((s, f.RuleId));
                suppressed.Add(new SuppressedFinding(f, s));
            }

            foreach (var s in suppressions)
            {
                if (!s.HasReason)
                {
                    own.Add(new Finding(RuleIds.SuppressionWithoutReason, Severity.Warning,
                        $"this suppression of {string.Join(", ", s.RuleIds)} gives no reason, so it has no effect; write the reason after a colon: '# {(s.Scope == SuppressionScope.Document ? SuppressionParser.DocumentDirective : SuppressionParser.LineDirective)} {string.Join(", ", s.RuleIds)}: why this is acceptable'",
                        location: s.Location));
                    continue;
                }
                foreach (var id in s.RuleIds)
                {
                    if (used.Contains((s, id))) continue;
                    string message = !CanSuppress(id)
                        ? $"{id} cannot be suppressed{(RuleIds.IsFixedError(id) ? ": it means the input was not understood" : "")}; remove {id} from this suppression"
                        : s.Scope == SuppressionScope.Document
                            ? $"the suppression of {id} matches no finding in this document; remove it"
                            : $"the suppression of {id} matches no finding on line {s.TargetLine}; remove it, or move it onto the line of the finding (or the line above it)";
                    own.Add(new Finding(RuleIds.UnusedSuppression, Severity.Warning, message, location: s.Location));
                }
            }

            var applied = new List<Finding>(own.Count);
            foreach (var f in own)
            {
                var a = policy.Apply(f);
                if (a != null) applied.Add(a);
            }
            return new SuppressionDecision(by, applied, suppressed);
        }
    }

    internal sealed class SuppressionDecision
    {
        public SuppressionDecision(Suppression?[] suppressedBy, List<Finding> own, List<SuppressedFinding> suppressed)
        {
            SuppressedBy = suppressedBy; Own = own; Suppressed = suppressed;
        }

        public Suppression?[] SuppressedBy { get; }
        public List<Finding> Own { get; }
        public List<SuppressedFinding> Suppressed { get; }
    }
}
