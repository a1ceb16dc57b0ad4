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
            policy ??= RulePolicy.Default;
            var own = new List<Finding>();
            var suppressions = SuppressionParser.Parse(file, comments, own);
            var all = findings.ToList();
            if (suppressions.Count == 0 && own.Count == 0) return new SuppressionResult(Finding.Sort(all), Array.Empty<SuppressedFinding>());

            var starts = documentStarts.OrderBy(l => l).ToList();
            int DocumentOf(int line)
            {
                int index = -1;
                for (int i = 0; i < starts.Count; i++) if (starts[i] <= line) index = i;
                return index;
            }

            var used = new HashSet<(Suppression, string)>();
            var kept = new List<Finding>();
            var suppressed = new List<SuppressedFinding>();
            foreach (var f in all)
            {
                Suppression? by = null;
                if (CanSuppress(f.RuleId) && f.Location != null)
                {
                    int line = f.Location.Span.Line;
                    // A line suppression is more specific than a document one: it wins when both match.
                    by = suppressions.FirstOrDefault(s => s.HasReason && s.Scope == SuppressionScope.Line && s.TargetLine == line && s.RuleIds.Contains(f.RuleId))
                         ?? suppressions.FirstOrDefault(s => s.HasReason && s.Scope == SuppressionScope.Document && s.RuleIds.Contains(f.RuleId)
                                                             && DocumentOf(s.Location.Span.Line) >= 0 && DocumentOf(s.Location.Span.Line) == DocumentOf(line));
                }
                if (by is null) { kept.Add(f); continue; }
                used.Add((by, f.RuleId));
                suppressed.Add(new SuppressedFinding(f, by));
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

            foreach (var f in own)
            {
                var applied = policy.Apply(f);
                if (applied != null) kept.Add(applied);
            }
            return new SuppressionResult(Finding.Sort(kept), suppressed);
        }
    }
}
