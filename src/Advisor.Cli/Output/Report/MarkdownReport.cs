using System;
using System.Collections.Generic;
using System.Linq;

namespace DeployAdvisor.Cli.Output.Report
{
    /// <summary>
    /// <c>recommend --format markdown</c>: a summary table and one collapsible block per workload, for a
    /// pull-request comment. It stays within GitHub's comment limit: when everything does not fit, it keeps
    /// infeasible workloads, then plans on excluded targets, then plans that differ, and says what it left out.
    /// </summary>
    public static class MarkdownReport
    {
        /// <summary>GitHub's limit on a comment body, in characters.</summary>
        public const int GitHubCommentLimit = 65_536;
        /// <summary>Kept free for the closing note.</summary>
        private const int Reserve = 700;
        private const string MoreHeading = "### More workloads that need attention (one line each)";
        /// <summary>At most this many inputs that could not be evaluated are listed one by one.</summary>
        private const int UnevaluatedListed = 50;

        public static string Render(PortfolioModel model, int limit = GitHubCommentLimit)
        {
            var ws = model.Workloads;
            var w = new MarkdownWriter();
            int infeasible = ws.Count(x => x.Infeasible), violated = ws.Count(x => x.PlanViolated), differs = ws.Count(x => x.PlanDisagrees);
            int files = ws.Select(x => x.File).Concat(model.Unevaluated.Select(u => u.File)).Distinct().Count();

            w.Md($"## DeployAdvisor portfolio report");
            w.Blank();
            w.Md($"**{Count(ws.Count, "workload")}** from {Count(files, "file")}: **{infeasible} without a feasible target**, {violated} planned on an excluded target, {differs} {(differs == 1 ? "plan differs" : "plans differ")} from the advice, {model.Unevaluated.Count} {(model.Unevaluated.Count == 1 ? "input" : "inputs")} not evaluated.");
            w.Blank();
            w.Md($"| Recommended | Workloads | Planned there | Planned elsewhere | No plan |");
            w.Md($"|---|---:|---:|---:|---:|");
            foreach (var t in PortfolioModel.Targets.Cast<string?>().Append(null))
            {
                var group = ws.Where(x => x.Recommendation == t).ToList();
                w.Md($"| {t ?? "none (no feasible target)"} | {group.Count} | {group.Count(x => x.Planned != null && x.Planned == t)} | {group.Count(x => x.Planned != null && x.Planned != t)} | {group.Count(x => x.Planned is null)} |");
            }
            w.Blank();

            if (model.Unevaluated.Count > 0)
            {
                w.Md($"### Could not be evaluated");
                w.Blank();
                foreach (var u in model.Unevaluated.Take(UnevaluatedListed))
                {
                    var first = u.Findings.FirstOrDefault();
                    if (u.Workload != null)
                        w.Md($"- <code>{u.File}</code> ({u.Workload}): {first?.RuleId} {first?.Message} ({first?.Where})");
                    else
                        w.Md($"- <code>{u.File}</code>: {first?.RuleId} {first?.Message} ({first?.Where})");
                }
                if (model.Unevaluated.Count > UnevaluatedListed) w.Md($"- … and {model.Unevaluated.Count - UnevaluatedListed} more");
                w.Blank();
            }

            if (ws.Count > 0)
            {
                w.Md($"### Workloads");
                w.Blank();
            }
            // Full blocks while they fit, keeping room to name every later workload that needs attention in one line.
            var lines = ws.Select(x => x.Priority <= 2 ? Line(x).Text : null).ToList();
            var after = new long[ws.Count + 1];
            for (int i = ws.Count - 1; i >= 0; i--) after[i] = after[i + 1] + (lines[i] is null ? 0 : lines[i]!.Length + 1);
            int kept = 0;
            foreach (var x in ws)
            {
                var block = Block(x);
                // The one-line section has a heading of its own: room for it too, or its last line would not fit.
                long later = after[kept + 1] == 0 ? 0 : after[kept + 1] + MoreHeading.Length + 3;
                if (w.Length + block.Length + Math.Min(later, limit) + Reserve > limit) break;
                w.Md($"{block}");
                kept++;
            }
            // What did not fit in full: the workloads that need attention, one line each, as long as they fit.
            var rest = ws.Skip(kept).ToList();
            int listed = 0;
            if (rest.Count > 0 && rest[0].Priority <= 2)
            {
                w.Md($"### More workloads that need attention (one line each)");   // MoreHeading
                w.Blank();
                foreach (var x in rest.TakeWhile(x => x.Priority <= 2))
                {
                    var line = Line(x);
                    if (w.Length + line.Length + Reserve > limit) break;
                    w.Md($"{line}");
                    listed++;
                }
                w.Blank();
            }
            var left = rest.Skip(listed).ToList();
            if (left.Count > 0)
            {
                var parts = new[] { (left.Count(x => x.Priority == 0), "without a feasible target"), (left.Count(x => x.Priority == 1), "planned on an excluded target"),
                    (left.Count(x => x.Priority == 2), "whose plan differs"), (left.Count(x => x.Priority == 3), "as planned or without a plan") }
                    .Where(p => p.Item1 > 0).Select(p => p.Item1.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) + " " + p.Item2);
                w.Md($"**{Count(left.Count, "workload")} left out** to stay within GitHub's {GitHubCommentLimit:N0}-character comment limit ({MdFragment.Join(", ", parts)}); run `deploy-advisor recommend --format html` for the full report.");
            }
            return w.Out.ToString();
        }

        private static MdFragment Block(ReportWorkload x)
        {
            var w = new MarkdownWriter();
            var rec = x.Recommendation ?? "no feasible target";
            if (x.Planned != null) w.Html($"<details><summary><b>{x.Name}</b>: {rec} ({x.Status}, planned {x.Planned})</summary>");
            else w.Html($"<details><summary><b>{x.Name}</b>: {rec}</summary>");
            w.Blank();
            if (x.Description != null || x.Owner != null) w.Md($"{x.Description ?? ""}{(x.Description != null && x.Owner != null ? " · " : "")}{(x.Owner != null ? "owner " + x.Owner : "")} · <code>{x.File}:{x.Line}</code>");
            else w.Md($"<code>{x.File}:{x.Line}</code>");
            w.Blank();
            if (x.Order != null) { w.Md($"Order: {x.Order}, because {x.OrderReason ?? ""}"); w.Blank(); }
            w.Md($"| # | Target | Verdict | Why |");
            w.Md($"|---:|---|---|---|");
            int i = 1;
            foreach (var r in x.Ranking)
            {
                var verdict = !r.Feasible ? "excluded by " + string.Join(", ", r.ExcludedBy) : r.Target == x.Recommendation ? "**recommended**" : "feasible";
                if (r.Target == x.Recommendation) w.Md($"| {i++} | {r.Target} | **recommended** | {MdFragment.Join("<br>", r.Reasons)} |");
                else w.Md($"| {i++} | {r.Target} | {verdict} | {MdFragment.Join("<br>", r.Reasons)} |");
            }
            var excluded = x.Ranking.Where(r => !r.Feasible && r.Changes.Count > 0).ToList();
            if (excluded.Count > 0)
            {
                w.Blank();
                w.Md($"{(x.Infeasible ? "What would have to change:" : "What would make the excluded targets fit:")}");
                foreach (var r in excluded) w.Md($"- **{r.Target}** fits if {MdFragment.Join(" and ", r.Changes)}");
            }
            if (x.Findings.Count > 0)
            {
                w.Blank();
                w.Md($"Findings:");
                foreach (var f in x.Findings) w.Md($"- {f.Severity} {f.RuleId}: {f.Message} (<code>{f.Where}</code>)");
            }
            w.Blank();
            w.Md($"</details>");
            return MdFragment.Raw(w);
        }

        private static MdFragment Line(ReportWorkload x)
        {
            var w = new MarkdownWriter();
            var planned = x.Planned is null ? null : x.Ranking.FirstOrDefault(r => r.Target == x.Planned);
            if (x.Infeasible)
            {
                var change = x.Ranking.FirstOrDefault(r => r.Changes.Count > 0);
                if (change != null) w.Md($"- **{x.Name}**: no feasible target; {change.Target} fits if {MdFragment.Join(" and ", change.Changes)}");
                else w.Md($"- **{x.Name}**: no feasible target");
            }
            else if (planned != null && !planned.Feasible)
                w.Md($"- **{x.Name}**: planned {x.Planned}, excluded by {MdFragment.Join(", ", planned.ExcludedBy)}; recommended {x.Recommendation}");
            else
                w.Md($"- **{x.Name}**: planned {x.Planned}; recommended {x.Recommendation}");
            return MdFragment.Raw(w, trimEnd: true);
        }

        private static string Count(int n, string noun) => $"{n:N0} {noun}{(n == 1 ? "" : "s")}";
    }
}
