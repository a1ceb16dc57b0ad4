using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using DeployAdvisor.Cli.Running;
using DeployAdvisor.Engine.Findings;
using DeployAdvisor.Engine.Rules;
using Spectre.Console;

namespace DeployAdvisor.Cli.Output
{
    /// <summary>What lint's formats need to know beyond the findings.</summary>
    public sealed class LintOutputOptions
    {
        /// <summary>The lowest severity that fails the run (--fail-on); null for never. JUnit fails test cases by it.</summary>
        public Severity? FailOn { get; init; } = Severity.Error;
        /// <summary>-q: findings and errors only, no summary line.</summary>
        public bool Quiet { get; init; }

        public static readonly LintOutputOptions Default = new LintOutputOptions();
    }

    /// <summary>lint's formats: one <see cref="IResultWriter"/> each.</summary>
    public static class LintFormats
    {
        public static readonly string[] Names = { "text", "json", "sarif", "github", "junit", "gitlab" };

        public static IResultWriter Create(string format, Stream output, Session session, Rendering rendering, LintOutputOptions? options = null)
        {
            options ??= LintOutputOptions.Default;
            return format switch
            {
                "json" => new LintJsonWriter(output, session.Rules),
                "sarif" => new SarifWriter(output, session),
                "github" => new GitHubWriter(output, session.Rules),
                "junit" => new JunitWriter(output, session.Rules, options.FailOn),
                "gitlab" => new GitLabWriter(output, session.Rules),
                _ => new LintTextWriter(output, session.Rules, rendering, options.Quiet),
            };
        }

        /// <summary>A run held in memory, rendered as the streaming writer writes it.</summary>
        public static string Render(string format, Analysis analysis, Session session, Rendering rendering, LintOutputOptions? options = null)
            => Rendered.Of(stream => Create(format, stream, session, rendering, options), analysis);
    }

    internal static class Rendered
    {
        public static string Of(Func<Stream, IResultWriter> create, Analysis analysis)
        {
            using var stream = new MemoryStream();
            var writer = create(stream);
            writer.Begin();
            foreach (var file in analysis.Files) writer.WriteFile(file);
            writer.End(analysis.Summary);
            return new UTF8Encoding(false).GetString(stream.ToArray());
        }
    }

    /// <summary>file:line:column, severity, rule ID, message and a code frame for each finding; then a summary line.</summary>
    public sealed class LintTextWriter : TextResultWriter
    {
        private readonly RuleSet _rules;
        private readonly IAnsiConsole _console;
        private readonly bool _quiet;
        /// <summary>Without colour a finding is plain text, written without Spectre when it can be (<see cref="TextFindings.TryWritePlain"/>).</summary>
        private readonly bool _plain;

        public LintTextWriter(Stream output, RuleSet rules, Rendering rendering, bool quiet = false) : base(output)
        {
            _rules = rules;
            _quiet = quiet;
            _plain = !rendering.Color;
            _console = rendering.Console(Out, width: 100_000); // findings are never wrapped
        }

        public override void WriteFile(FileOutcome file)
        {
            foreach (var f in file.AllFindings)
            {
                var lines = f.Location is null || f.Location.File == file.Path ? file.Lines : null; // a finding in an artifact file has no frame from the descriptor's lines
                if (_plain && TextFindings.TryWritePlain(Out, f, lines, _rules))
                {
                    Out.Write(Environment.NewLine);
                    continue;
                }
                TextFindings.Write(_console, f, lines, _rules);
                _console.WriteLine();
            }
        }

        protected override void WriteEnd(RunSummary summary)
        {
            if (!_quiet) _console.MarkupLine(Markup.Escape(TextFindings.Summary(summary)));
        }
    }

    /// <summary>The JSON shape of cli.md: version, findings, and a summary of counts.</summary>
    public sealed class LintJsonWriter : JsonResultWriter
    {
        private readonly RuleSet _rules;

        public LintJsonWriter(Stream output, RuleSet rules) : base(output) { _rules = rules; }

        public override void Begin()
        {
            Json.WriteStartObject();
            Json.WriteNumber("version", 1);
            Json.WriteStartArray("findings");
        }

        protected override void WriteResults(FileOutcome file)
        {
            foreach (var f in file.AllFindings) Output.Json.WriteFinding(Json, f, _rules.Find(f.RuleId)?.Name);
        }

        protected override void WriteEnd(RunSummary summary)
        {
            Json.WriteEndArray();
            Json.WriteStartObject("summary");
            Json.WriteNumber("files", summary.FileCount);
            Json.WriteNumber("workloads", summary.WorkloadCount);
            Json.WriteNumber("errors", summary.Errors);
            Json.WriteNumber("warnings", summary.Warnings);
            Json.WriteNumber("infos", summary.Infos);
            Json.WriteEndObject();
            Json.WriteEndObject();
        }
    }

    /// <summary>GitHub Actions workflow commands: each finding becomes an annotation on its line of the pull request.</summary>
    public sealed class GitHubWriter : TextResultWriter
    {
        private readonly RuleSet _rules;

        public GitHubWriter(Stream output, RuleSet rules) : base(output) { _rules = rules; }

        public override void WriteFile(FileOutcome file)
        {
            foreach (var f in file.AllFindings)
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
                var name = _rules.Find(f.RuleId)?.Name;
                props.Add("title=" + Property(f.RuleId + (name is null ? "" : " " + name)));
                Out.Write("::" + level + " " + string.Join(",", props) + "::" + Data(f.Message) + "\n");
            }
        }

        // https://github.com/actions/toolkit/blob/main/packages/core/src/command.ts
        private static string Data(string s) => s.Replace("%", "%25").Replace("\r", "%0D").Replace("\n", "%0A");
        private static string Property(string s) => Data(s).Replace(":", "%3A").Replace(",", "%2C");
    }
}
