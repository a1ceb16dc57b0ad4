using System;
using System.Collections.Generic;
using System.IO;
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

        public static string Where(Finding f) => f.Location is null ? "" : Where(f.Location);

        /// <summary>file:line:column, as every place a finding names is written.</summary>
        private static string Where(Location l) => $"{l.File}:{l.Span.Line}:{l.Span.Column}";

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
            if (Frame(f, lines) is (string gutter, string shown, string caretPad, int carets))
            {
                console.MarkupLine($"{indent}  [dim]{gutter} |[/] {Markup.Escape(shown)}");
                console.MarkupLine($"{indent}  [dim]{new string(' ', gutter.Length)} |[/] {caretPad}[{SeverityStyle(f.Severity)}]{new string('^', carets)}[/]");
            }
            foreach (var related in f.RelatedLocations)
                console.MarkupLine($"{indent}  [dim]= related: {Markup.Escape(Where(related))}[/]");
        }

        /// <summary>
        /// The finding as <see cref="Write"/> renders it on a console without colour, written straight to
        /// <paramref name="writer"/>: Spectre parsed and measured every line, about a tenth of a millisecond per finding,
        /// which a repository full of findings paid thousands of times. Only for lines of printable ASCII (and the
        /// ellipsis of a long line's window), which the console writes as they are; false, with nothing written, for
        /// anything else (the caller then uses <see cref="Write"/>).
        /// </summary>
        public static bool TryWritePlain(TextWriter writer, Finding f, string[]? lines, RuleSet rules, string indent = "")
        {
            var name = rules.Find(f.RuleId)?.Name;
            var header = $"{indent}{Where(f)}: {f.Severity.ToName()} {f.RuleId}{(name is null ? "" : $" ({name})")}: {f.Message}{(f.Workload is null ? "" : $" [{f.Workload}]")}";
            // Spectre reads markup in the ID and the severity, which are not escaped: those with brackets go its way.
            if (!IsPlainText(header) || f.RuleId.AsSpan().IndexOfAny('[', ']') >= 0) return false;
            string? code = null, caret = null;
            if (Frame(f, lines) is (string gutter, string shown, string caretPad, int carets))
            {
                code = $"{indent}  {gutter} | {shown}";
                caret = $"{indent}  {new string(' ', gutter.Length)} | {caretPad}{new string('^', carets)}";
                if (!IsPlainText(code) || !IsPlainText(caret)) return false;
            }
            var related = new List<string>(f.RelatedLocations.Count);
            foreach (var r in f.RelatedLocations)
            {
                var line = $"{indent}  = related: {Where(r)}";
                if (!IsPlainText(line)) return false;
                related.Add(line);
            }
            writer.Write(header); writer.Write(Environment.NewLine);
            if (code != null) { writer.Write(code); writer.Write(Environment.NewLine); writer.Write(caret); writer.Write(Environment.NewLine); }
            foreach (var line in related) { writer.Write(line); writer.Write(Environment.NewLine); }
            return true;
        }

        /// <summary>Printable ASCII and the ellipsis of a windowed code line only, shorter than the width the lint console wraps at.</summary>
        private static bool IsPlainText(string s) => s.Length < PlainLineLimit && s.AsSpan().IndexOfAnyExcept(PlainCharacters) < 0;

        private static readonly System.Buffers.SearchValues<char> PlainCharacters =
            System.Buffers.SearchValues.Create(Enumerable.Range(0x20, 0x7F - 0x20).Select(c => (char)c).Append('…').ToArray());

        /// <summary>Below the 100,000 columns the lint console is given (it never wraps a finding), with room to spare.</summary>
        private const int PlainLineLimit = 50_000;

        /// <summary>The code frame of a finding: the line number, the line as shown, what goes before the carets, and how many carets; null without one.</summary>
        private static (string Gutter, string Shown, string CaretPad, int Carets)? Frame(Finding f, string[]? lines)
        {
            if (f.Location is null || lines is null) return null;
            var span = f.Location.Span;
            if (span.Line < 1 || span.Line > lines.Length) return null;
            var text = lines[span.Line - 1].TrimEnd('\r');
            var gutter = span.Line.ToString(System.Globalization.CultureInfo.InvariantCulture);
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
            return (gutter, shown, caretPad.ToString(), end - start);
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
