using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using DeployAdvisor.Cli.Running;
using DeployAdvisor.Engine.Evaluation;
using DeployAdvisor.Engine.Findings;
using DeployAdvisor.Engine.Model;
using DeployAdvisor.Engine.Rules;
using Spectre.Console;

namespace DeployAdvisor.Cli.Output
{
    /// <summary>One entry of recommend's output: a workload, or a file or document that could not be evaluated.</summary>
    public sealed class RecommendEntry
    {
        public RecommendEntry(FileOutcome file, DocumentOutcome? document, IReadOnlyList<Finding> findings)
        {
            File = file; Document = document; Findings = findings;
        }

        public FileOutcome File { get; }
        public DocumentOutcome? Document { get; }
        public WorkloadEvaluation? Evaluation => Document?.Evaluation;
        public string? Workload => Document?.Name;
        public IReadOnlyList<Finding> Findings { get; }

        public static IReadOnlyList<RecommendEntry> From(Analysis analysis)
        {
            var entries = new List<RecommendEntry>();
            foreach (var f in analysis.Checked)
            {
                if (f.FileFindings.Count > 0 || f.Documents.Count == 0)
                {
                    if (f.FileFindings.Count > 0) entries.Add(new RecommendEntry(f, null, f.FileFindings));
                }
                foreach (var d in f.Documents) entries.Add(new RecommendEntry(f, d, d.Findings));
            }
            return entries;
        }

        /// <summary>For each excluded target, the smallest changes that would make it feasible.</summary>
        public static IEnumerable<(Target Target, IReadOnlyList<string> Changes)> Remedies(WorkloadEvaluation e)
            => e.Ranking.Where(r => !r.Feasible)
                .Select(r => (r.Target, (IReadOnlyList<string>)r.Exclusions.SelectMany(x => x.Remedies).Distinct().ToList()));
    }

    public static class RecommendFormats
    {
        public static readonly string[] Names = { "text", "json", "html", "markdown" };

        public static string Render(string format, Analysis analysis, Session session, Rendering rendering)
            => format == "json" ? JsonFormat(analysis, session.Rules) : Report.PortfolioReport.Render(format, analysis, session.Rules) ?? Text(analysis, session.Rules, rendering);

        public static string JsonFormat(Analysis analysis, RuleSet rules) => Json.Write(w =>
        {
            w.WriteStartObject();
            w.WriteNumber("version", 1);
            w.WriteStartArray("results");
            foreach (var entry in RecommendEntry.From(analysis))
            {
                w.WriteStartObject();
                w.WriteString("file", entry.File.Path);
                if (entry.Workload != null) w.WriteString("workload", entry.Workload); else w.WriteNull("workload");
                var e = entry.Evaluation;
                if (e?.Recommendation is Target rec) w.WriteString("recommendation", rec.Name()); else w.WriteNull("recommendation");
                if (e?.Workload.PlannedTarget is Target planned) w.WriteString("planned", planned.Name());
                w.WriteStartArray("ranking");
                if (e != null)
                {
                    foreach (var r in e.Ranking)
                    {
                        w.WriteStartObject();
                        w.WriteString("target", r.Target.Name());
                        w.WriteBoolean("feasible", r.Feasible);
                        w.WriteStartArray("excludedBy");
                        foreach (var id in r.ExcludedBy) w.WriteStringValue(id);
                        w.WriteEndArray();
                        w.WriteStartArray("reasons");
                        foreach (var reason in r.Reasons) w.WriteStringValue(reason);
                        w.WriteEndArray();
                        if (!r.Feasible)
                        {
                            w.WriteStartArray("changes");
                            foreach (var c in r.Exclusions.SelectMany(x => x.Remedies).Distinct()) w.WriteStringValue(c);
                            w.WriteEndArray();
                        }
                        w.WriteEndObject();
                    }
                }
                w.WriteEndArray();
                w.WriteStartArray("findings");
                foreach (var f in entry.Findings) Json.WriteFinding(w, f, rules.Find(f.RuleId)?.Name);
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        });

        public static string Text(Analysis analysis, RuleSet rules, Rendering rendering)
        {
            var writer = new StringWriter { NewLine = "\n" };
            var console = rendering.Console(writer);
            var entries = RecommendEntry.From(analysis);
            foreach (var entry in entries)
            {
                var e = entry.Evaluation;
                var where = entry.Document != null
                    ? $"{entry.File.Path}:{(entry.Document.NameAt ?? entry.Document.Start).Line}"
                    : entry.File.Path;
                console.MarkupLine($"[bold]{Markup.Escape(entry.Workload ?? "(unnamed)")}[/] [dim]{Markup.Escape(where)}[/]");
                if (e is null)
                {
                    console.MarkupLine("  [bold red]Not evaluated:[/] the input was not understood; fix the findings below.");
                }
                else
                {
                    var planned = e.Workload.PlannedTarget is Target p ? $" [dim](planned: {p.Name()})[/]" : "";
                    if (e.Recommendation is Target rec)
                        console.MarkupLine($"  Recommendation: [bold green]{rec.Name()}[/]{planned}");
                    else
                        console.MarkupLine($"  Recommendation: [bold red]none[/] — no target satisfies every need{planned}");
                    console.Write(Table(e));
                    if (e.Recommendation is null)
                    {
                        console.MarkupLine("  What would have to change:");
                        foreach (var (target, changes) in RecommendEntry.Remedies(e))
                            console.MarkupLine($"    - [bold]{target.Name()}[/] fits if {Markup.Escape(changes.Count == 0 ? "(no single change found)" : string.Join(" and ", changes))}");
                    }
                }
                if (entry.Findings.Count > 0)
                {
                    console.MarkupLine("  Findings:");
                    var frames = rendering.Console(writer, width: 100_000);
                    foreach (var f in entry.Findings) TextFindings.Write(frames, f, entry.File.Lines, rules, indent: "    ");
                }
                console.WriteLine();
            }
            int evaluated = entries.Count(x => x.Evaluation != null);
            int infeasible = entries.Count(x => x.Evaluation != null && x.Evaluation.Recommendation is null);
            int failed = entries.Count(x => x.Evaluation is null);
            console.MarkupLine(Markup.Escape($"{evaluated} {TextFindings.Plural(evaluated, "workload")} evaluated"
                + (infeasible > 0 ? $", {infeasible} without a feasible target" : "")
                + (failed > 0 ? $"; {failed} {(failed == 1 ? "input" : "inputs")} could not be evaluated" : "") + "."));
            return writer.ToString();
        }

        private static Table Table(WorkloadEvaluation e)
        {
            var table = new Table().Border(TableBorder.Rounded).Expand();
            table.AddColumn(new TableColumn("#").RightAligned());
            table.AddColumn("Target");
            table.AddColumn("Verdict");
            table.AddColumn("Excluded by");
            table.AddColumn(new TableColumn("Why").Width(70));
            int i = 1;
            foreach (var r in e.Ranking)
            {
                var verdict = r.Feasible
                    ? (e.Recommendation == r.Target ? "[bold green]recommended[/]" : "[green]feasible[/]")
                    : "[red]excluded[/]";
                table.AddRow(
                    new Markup(i++.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                    new Markup($"[bold]{r.Target.Name()}[/]"),
                    new Markup(verdict),
                    new Markup(Markup.Escape(r.ExcludedBy.Count == 0 ? "-" : string.Join(", ", r.ExcludedBy))),
                    new Markup(Markup.Escape(string.Join("\n", r.Reasons))));
            }
            return table;
        }
    }
}
