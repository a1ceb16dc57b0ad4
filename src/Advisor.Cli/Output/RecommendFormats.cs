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
    /// <summary>What recommend says about excluded targets.</summary>
    public static class RecommendEntry
    {
        /// <summary>For each excluded target, the smallest changes that would make it feasible.</summary>
        public static IEnumerable<(Target Target, IReadOnlyList<string> Changes)> Remedies(WorkloadEvaluation e)
            => e.Ranking.Where(r => !r.Feasible)
                .Select(r => (r.Target, (IReadOnlyList<string>)r.Exclusions.SelectMany(x => x.Remedies).Distinct().ToList()));
    }

    /// <summary>recommend's formats: one <see cref="IResultWriter"/> each.</summary>
    public static partial class RecommendFormats
    {
        public static readonly string[] Names = { "text", "json", "html", "markdown" };

        public static IResultWriter Create(string format, Stream output, Session session, Rendering rendering)
            => format == "json" ? new RecommendJsonWriter(output, session.Rules)
                : Report.PortfolioReport.IsReport(format) ? new Report.PortfolioReportWriter(format, output, session.Rules)
                : new RecommendTextWriter(output, session.Rules, rendering);

        /// <summary>A run held in memory, rendered as the streaming writer writes it.</summary>
        public static string Render(string format, Analysis analysis, Session session, Rendering rendering)
            => Rendered.Of(stream => Create(format, stream, session, rendering), analysis);
    }

    /// <summary>The JSON shape of cli.md: one result per workload, or per file or document that could not be evaluated.</summary>
    public sealed class RecommendJsonWriter : JsonResultWriter
    {
        private readonly RuleSet _rules;

        public RecommendJsonWriter(Stream output, RuleSet rules) : base(output) { _rules = rules; }

        public override void Begin()
        {
            Json.WriteStartObject();
            Json.WriteNumber("version", 1);
            Json.WriteStartArray("results");
        }

        protected override void WriteResults(FileOutcome file)
        {
            var w = Json;
            foreach (var (document, findings) in file.Entries())
            {
                w.WriteStartObject();
                w.WriteString("file", file.Path);
                if (document?.Name != null) w.WriteString("workload", document.Name); else w.WriteNull("workload");
                var e = document?.Evaluation;
                if (e?.Recommendation is Target rec) w.WriteString("recommendation", rec.Name()); else w.WriteNull("recommendation");
                if (e?.Workload.PlannedTarget is Target planned) w.WriteString("planned", planned.Name());
                // The order of preference, stated once: its targets, the fields that chose it, and why.
                if (e is null) w.WriteNull("order");
                else
                {
                    w.WriteStartObject("order");
                    w.WriteStartArray("targets");
                    foreach (var t in e.Order.Order) w.WriteStringValue(t.Name());
                    w.WriteEndArray();
                    w.WriteStartArray("fields");
                    foreach (var f in e.OrderFields) w.WriteStringValue(f);
                    w.WriteEndArray();
                    w.WriteString("reason", e.OrderReason);
                    w.WriteEndObject();
                }
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
                foreach (var f in findings) Output.Json.WriteFinding(w, f, _rules.Find(f.RuleId)?.Name);
                w.WriteEndArray();
                w.WriteEndObject();
            }
        }

        protected override void WriteEnd(RunSummary summary)
        {
            Json.WriteEndArray();
            Json.WriteEndObject();
        }
    }

    /// <summary>
    /// For each workload: the recommendation, the order of preference once, the targets with their reasons
    /// (a table from 100 columns, below that a list that reads at 80), and its findings.
    /// </summary>
    public sealed class RecommendTextWriter : TextResultWriter
    {
        private readonly RuleSet _rules;
        private readonly IAnsiConsole _console;
        private readonly IAnsiConsole _frames;
        /// <summary>Without colour a finding is plain text, written without Spectre when it can be (<see cref="TextFindings.TryWritePlain"/>).</summary>
        private readonly bool _plain;
        private int _evaluated, _infeasible, _failed;

        public RecommendTextWriter(Stream output, RuleSet rules, Rendering rendering) : base(output)
        {
            _rules = rules;
            _plain = !rendering.Color;
            _console = rendering.Console(Out);
            _frames = rendering.Console(Out, width: 100_000);
        }

        public override void WriteFile(FileOutcome file)
        {
            var console = _console;
            foreach (var (document, findings) in file.Entries())
            {
                var e = document?.Evaluation;
                if (e is null) _failed++;
                else
                {
                    _evaluated++;
                    if (e.Recommendation is null) _infeasible++;
                }
                var where = document != null ? $"{file.Path}:{(document.NameAt ?? document.Start).Line}" : file.Path;
                console.MarkupLine($"[bold]{Markup.Escape(document?.Name ?? "(unnamed)")}[/] [dim]{Markup.Escape(where)}[/]");
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
                    RecommendFormats.WriteOrder(console, e);
                    if (console.Profile.Width >= RecommendFormats.TableWidth) console.Write(RecommendFormats.Table(e));
                    else RecommendFormats.WriteList(console, e);
                    if (e.Recommendation is null)
                    {
                        console.MarkupLine("  What would have to change:");
                        foreach (var (target, changes) in RecommendEntry.Remedies(e))
                        {
                            var text = $"{target.Name()} fits if {(changes.Count == 0 ? "(no single change found)" : string.Join(" and ", changes))}";
                            var lines = RecommendFormats.Wrap(text, console.Profile.Width, "    - ".Length, "      ".Length);
                            for (int l = 0; l < lines.Count; l++)
                                console.MarkupLine(l == 0
                                    ? $"    - [bold]{target.Name()}[/]{Markup.Escape(lines[0].Substring(target.Name().Length))}"
                                    : "      " + Markup.Escape(lines[l]));
                        }
                    }
                }
                if (findings.Count > 0)
                {
                    console.MarkupLine("  Findings:");
                    foreach (var f in findings)
                    {
                        var lines = f.Location is null || f.Location.File == file.Path ? file.Lines : null;
                        if (!_plain || !TextFindings.TryWritePlain(Out, f, lines, _rules, indent: "    "))
                            TextFindings.Write(_frames, f, lines, _rules, indent: "    ");
                    }
                }
                console.WriteLine();
            }
        }

        protected override void WriteEnd(RunSummary summary)
        {
            _console.MarkupLine(Markup.Escape($"{_evaluated} {TextFindings.Plural(_evaluated, "workload")} evaluated"
                + (_infeasible > 0 ? $", {_infeasible} without a feasible target" : "")
                + (_failed > 0 ? $"; {_failed} {(_failed == 1 ? "input" : "inputs")} could not be evaluated" : "") + "."));
        }
    }

    public static partial class RecommendFormats
    {
        /// <summary>From this width the targets are a table; below it a list, so the reasons are not squeezed into a column.</summary>
        internal const int TableWidth = 100;

        /// <summary>"Order: vm > sandboxed-container > container, because …", wrapped under its label.</summary>
        internal static void WriteOrder(IAnsiConsole console, WorkloadEvaluation e)
        {
            var lines = Wrap($"{e.Order.OrderText}, because {e.OrderReason}", console.Profile.Width, "  Order: ".Length, "    ".Length);
            for (int i = 0; i < lines.Count; i++)
                console.MarkupLine((i == 0 ? "  [bold]Order:[/] " : "    ") + Markup.Escape(lines[i]));
        }

        private static string Verdict(WorkloadEvaluation e, RankedTarget r)
            => r.Feasible
                ? (e.Recommendation == r.Target ? "[bold green]recommended[/]" : "[green]feasible[/]")
                : "[red]excluded[/]";

        /// <summary>Each target on a line with its verdict, then its reasons as indented, wrapped lines.</summary>
        internal static void WriteList(IAnsiConsole console, WorkloadEvaluation e)
        {
            int i = 1;
            foreach (var r in e.Ranking)
            {
                var number = $"  {i++}. ";
                console.MarkupLine($"{number}[bold]{r.Target.Name()}[/]: {Verdict(e, r)}");
                foreach (var reason in r.Reasons)
                {
                    var lines = Wrap(reason, console.Profile.Width, number.Length + 2, number.Length + 2);
                    for (int l = 0; l < lines.Count; l++)
                        console.WriteLine(new string(' ', number.Length) + (l == 0 ? "- " : "  ") + lines[l]);
                }
            }
        }

        internal static Table Table(WorkloadEvaluation e)
        {
            var table = new Table().Border(TableBorder.Rounded).Expand();
            table.AddColumn(new TableColumn("#").RightAligned());
            table.AddColumn("Target");
            table.AddColumn("Verdict");
            table.AddColumn("Why");
            int i = 1;
            foreach (var r in e.Ranking)
            {
                table.AddRow(
                    new Markup(i++.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                    new Markup($"[bold]{r.Target.Name()}[/]"),
                    new Markup(Verdict(e, r)),
                    new Markup(Markup.Escape(string.Join("\n", r.Reasons))));
            }
            return table;
        }

        /// <summary>
        /// Words into lines of at most <paramref name="width"/> characters, the first line after
        /// <paramref name="first"/> characters of indent and the rest after <paramref name="rest"/>
        /// (the caller writes the indent). A word longer than a line stands on a line of its own.
        /// </summary>
        public static List<string> Wrap(string text, int width, int first, int rest)
        {
            var lines = new List<string>();
            var line = new System.Text.StringBuilder();
            int room = Math.Max(20, width - first);
            foreach (var word in Units(text))
            {
                if (line.Length > 0 && line.Length + 1 + word.Length > room)
                {
                    lines.Add(line.ToString());
                    line.Clear();
                    room = Math.Max(20, width - rest);
                }
                if (line.Length > 0) line.Append(' ');
                line.Append(word);
            }
            if (line.Length > 0 || lines.Count == 0) lines.Add(line.ToString());
            return lines;
        }

        /// <summary>The words of a text, a word that ends in ':' kept with the next ("host.kernelModules: true").</summary>
        private static IEnumerable<string> Units(string text)
        {
            string? pending = null;
            foreach (var word in text.Split(' '))
            {
                if (word.Length == 0) continue;
                var unit = pending is null ? word : pending + " " + word;
                if (word.EndsWith(":", StringComparison.Ordinal) && pending is null) { pending = unit; continue; }
                pending = null;
                yield return unit;
            }
            if (pending != null) yield return pending;
        }
    }
}
