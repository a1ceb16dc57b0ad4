using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using DeployAdvisor.Cli.Running;
using DeployAdvisor.Engine.Findings;
using DeployAdvisor.Engine.Rules;
using Spectre.Console;

namespace DeployAdvisor.Cli.Output
{
    public static class LintFormats
    {
        public static readonly string[] Names = { "text", "json", "sarif", "github" };

        public static string Render(string format, Analysis analysis, Session session, Rendering rendering) => format switch
        {
            "json" => JsonFormat(analysis, session.Rules),
            "sarif" => Sarif.Render(analysis, session),
            "github" => GitHub(analysis, session.Rules),
            _ => Text(analysis, session.Rules, rendering),
        };

        public static string Text(Analysis analysis, RuleSet rules, Rendering rendering)
        {
            var writer = new StringWriter { NewLine = "\n" };
            var console = rendering.Console(writer, width: 100_000); // findings are never wrapped
            foreach (var f in analysis.Findings)
            {
                TextFindings.Write(console, f, analysis.FileOf(f.Location?.File ?? "")?.Lines, rules);
                console.WriteLine();
            }
            console.MarkupLine(Spectre.Console.Markup.Escape(TextFindings.Summary(analysis.Findings, analysis.FileCount, analysis.WorkloadCount)));
            return writer.ToString();
        }

        public static string JsonFormat(Analysis analysis, RuleSet rules) => Json.Write(w =>
        {
            w.WriteStartObject();
            w.WriteNumber("version", 1);
            w.WriteStartArray("findings");
            foreach (var f in analysis.Findings) Json.WriteFinding(w, f, rules.Find(f.RuleId)?.Name);
            w.WriteEndArray();
            w.WriteStartObject("summary");
            w.WriteNumber("files", analysis.FileCount);
            w.WriteNumber("workloads", analysis.WorkloadCount);
            w.WriteNumber("errors", analysis.Findings.Count(f => f.Severity == Severity.Error));
            w.WriteNumber("warnings", analysis.Findings.Count(f => f.Severity == Severity.Warning));
            w.WriteNumber("infos", analysis.Findings.Count(f => f.Severity == Severity.Info));
            w.WriteEndObject();
            w.WriteEndObject();
        });

        /// <summary>GitHub Actions workflow commands: each finding becomes an annotation on its line of the pull request.</summary>
        public static string GitHub(Analysis analysis, RuleSet rules)
        {
            var sb = new StringBuilder();
            foreach (var f in analysis.Findings)
            {
                var level = f.Severity switch { Severity.Error => "error", Severity.Warning => "warning", _ => "notice" };
                var props = new List<string>();
                if (f.Location?.File != null)
                {
                    var s = f.Location.Span;
                    props.Add("file=" + Property(f.Location.File));
                    props.Add("line=" + s.Line);
                    props.Add("col=" + s.Column);
                    props.Add("endLine=" + s.EndLine);
                    if (s.EndLine == s.Line) props.Add("endColumn=" + s.EndColumn);
                }
                var name = rules.Find(f.RuleId)?.Name;
                props.Add("title=" + Property(f.RuleId + (name is null ? "" : " " + name)));
                sb.Append("::").Append(level).Append(' ').Append(string.Join(",", props)).Append("::").Append(Data(f.Message)).Append('\n');
            }
            return sb.ToString();
        }

        // https://github.com/actions/toolkit/blob/main/packages/core/src/command.ts
        private static string Data(string s) => s.Replace("%", "%25").Replace("\r", "%0D").Replace("\n", "%0A");
        private static string Property(string s) => Data(s).Replace(":", "%3A").Replace(",", "%2C");
    }
}
