using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using DeployAdvisor.Engine.Findings;
using DeployAdvisor.Engine.Rules;
using Spectre.Console;

namespace DeployAdvisor.Cli.Output
{
    /// <summary>Findings as people read them: file:line:column, severity, rule ID, message, and a code frame.</summary>
    public static class TextFindings
    {
        /// <summary>The most source characters a code frame shows of one line.</summary>
        public const int FrameWidth = 120;

        public static string Where(Finding f)
            => f.Location is null ? "" : $"{f.Location.File}:{f.Location.Span.Line}:{f.Location.Span.Column}";

        /// <summary>One line, for standard error (config and rule-file findings).</summary>
        public static string OneLine(Finding f)
            => $"{Where(f)}: {f.Severity.ToName()} {f.RuleId}: {f.Message}";

        public static string SeverityStyle(Severity s) => s switch
        {
            Severity.Error => "bold red",
            Severity.Warning => "bold yellow",
            _ => "bold blue",
        };

        /// <summary>Writes one finding with its code frame (the offending line and a caret under the span).</summary>
        public static void Write(IAnsiConsole console, Finding f, string[]? lines, RuleSet rules, string indent = "")
        {
            var name = rules.Find(f.RuleId)?.Name;
            var workload = f.Workload is null ? "" : $" [[{Markup.Escape(f.Workload)}]]";
            console.MarkupLine($"{indent}[bold]{Markup.Escape(Where(f))}[/]: [{SeverityStyle(f.Severity)}]{f.Severity.ToName()}[/] [bold]{f.RuleId}[/]{(name is null ? "" : $" ({Markup.Escape(name)})")}: {Markup.Escape(f.Message)}[dim]{workload}[/]");
            if (f.Location != null && lines != null)
            {
                var span = f.Location.Span;
                if (span.Line >= 1 && span.Line <= lines.Length)
                {
                    var text = lines[span.Line - 1].TrimEnd('\r');
                    var gutter = span.Line.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    var pad = new string(' ', gutter.Length);
                    int start = Math.Max(1, Math.Min(span.Column, text.Length + 1));
                    int end = span.EndLine == span.Line ? Math.Max(span.EndColumn, start + 1) : text.Length + 1;
                    end = Math.Min(Math.Max(end, start + 1), Math.Max(text.Length + 1, start + 1));
                    // A long line (a 600 KB nested flow, a 2 MB key) is shown as a window around the span:
                    // printing it whole made the frame megabytes long and Spectre's line handling took minutes.
                    int from = 0, to = text.Length;
                    if (text.Length > FrameWidth)
                    {
                        from = Math.Max(0, Math.Min(start - 1 - FrameWidth / 3, text.Length - FrameWidth));
                        to = from + FrameWidth;
                        end = Math.Max(start + 1, Math.Min(end, to + 1));
                    }
                    var shown = (from > 0 ? "…" : "") + text.Substring(from, to - from) + (to < text.Length ? "…" : "");
                    var caretPad = new StringBuilder(from > 0 ? " " : "");
                    for (int i = from; i < start - 1; i++) caretPad.Append(i < text.Length && text[i] == '\t' ? '\t' : ' ');
                    console.MarkupLine($"{indent}  [dim]{gutter} |[/] {Markup.Escape(shown)}");
                    console.MarkupLine($"{indent}  [dim]{pad} |[/] {caretPad}[{SeverityStyle(f.Severity)}]{new string('^', end - start)}[/]");
                }
            }
            foreach (var related in f.RelatedLocations)
                console.MarkupLine($"{indent}  [dim]= related: {Markup.Escape($"{related.File}:{related.Span.Line}:{related.Span.Column}")}[/]");
        }

        public static string Summary(IReadOnlyList<Finding> findings, int files, int workloads)
            => Summary(findings.Count(f => f.Severity == Severity.Error), findings.Count(f => f.Severity == Severity.Warning),
                findings.Count(f => f.Severity == Severity.Info), files, workloads);

        public static string Summary(Running.RunSummary run)
            => Summary(run.Errors, run.Warnings, run.Infos, run.FileCount, run.WorkloadCount);

        public static string Summary(int e, int w, int i, int files, int workloads)
        {
            var checkedText = $"{files} {Plural(files, "file")}, {workloads} {Plural(workloads, "workload")}";
            return e + w + i == 0
                ? $"No findings ({checkedText} checked)."
                : $"{e} {Plural(e, "error")}, {w} {Plural(w, "warning")}, {i} info ({checkedText} checked).";
        }

        public static string Plural(int n, string word) => n == 1 ? word : word + "s";
    }
}
