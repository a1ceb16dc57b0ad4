using System.Linq;
using System.IO;
using DeployAdvisor.Cli.Running;
using DeployAdvisor.Engine.Baselines;
using DeployAdvisor.Engine.Findings;
using DeployAdvisor.Engine.Rules;

namespace DeployAdvisor.Cli.Output
{
    /// <summary>
    /// GitLab Code Quality: a JSON array of CodeClimate issues (description, check_name, fingerprint,
    /// severity, location.path, location.lines.begin). The fingerprint comes from the engine's
    /// <see cref="Fingerprints"/>: it holds no line number, so an edit above a finding keeps it, and
    /// GitLab does not show the finding as fixed and new again.
    /// </summary>
    public sealed class GitLabWriter : JsonResultWriter
    {
        private readonly RuleSet _rules;
        private readonly Fingerprints _fingerprints = new Fingerprints();

        public GitLabWriter(Stream output, RuleSet rules) : base(output) { _rules = rules; }

        /// <summary>Code Quality's severities: info, minor, major, critical, blocker.</summary>
        public static string SeverityOf(Finding f) => f.Severity switch
        {
            // An input the tool could not understand blocks every other check of it.
            Severity.Error when RuleIds.IsFixedError(f.RuleId) => "critical",
            Severity.Error => "major",
            Severity.Warning => "minor",
            _ => "info",
        };

        public override void Begin() => Json.WriteStartArray();

        protected override void WriteResults(FileOutcome file)
        {
            foreach (var f in file.AllFindings)
            {
                var name = _rules.Find(f.RuleId)?.Name;
                Json.WriteStartObject();
                Json.WriteString("type", "issue");
                Json.WriteString("description", $"{f.RuleId}{(name is null ? "" : $" ({name})")}: {f.Message}{(f.Workload is null ? "" : $" [{f.Workload}]")}");
                Json.WriteString("check_name", f.RuleId);
                Json.WriteString("fingerprint", _fingerprints.Next(f));
                Json.WriteString("severity", SeverityOf(f));
                Json.WriteStartObject("location");
                Json.WriteString("path", f.Location?.File ?? file.Path);
                Json.WriteStartObject("lines");
                Json.WriteNumber("begin", f.Location?.Span.Line ?? 1);
                Json.WriteNumber("end", f.Location?.Span.EndLine ?? f.Location?.Span.Line ?? 1);
                Json.WriteEndObject();
                Json.WriteEndObject();
                Json.WriteEndObject();
            }
        }

        protected override void WriteEnd(RunSummary summary) => Json.WriteEndArray();
    }
}
