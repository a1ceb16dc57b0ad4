using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.Json;
using DeployAdvisor.Cli.Running;
using DeployAdvisor.Engine.Findings;
using DeployAdvisor.Engine.Rules;

namespace DeployAdvisor.Cli.Output
{
    /// <summary>
    /// SARIF 2.1.0 as GitHub code scanning accepts it (and Microsoft's SARIF Multitool validates with
    /// --rule-kind "Sarif;Gh" without error, and without warning once a docs base URL is configured;
    /// without one it notes the absent informationUri, SARIF2005): every rule with its descriptions and full
    /// help, results with real regions and related locations, an empty results array when clean, and a
    /// helpUri (and the driver's informationUri) only for an absolute docs base URL the user configured.
    /// </summary>
    public static class Sarif
    {
        public const string SchemaUri = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

        public static string Version
            => typeof(Sarif).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

        public static string Render(Analysis analysis, Session session)
            => Rendered.Of(stream => new SarifWriter(stream, session), analysis);

        internal static void WriteHeader(Utf8JsonWriter w, Session session)
        {
            w.WriteStartObject();
            w.WriteString("$schema", SchemaUri);
            w.WriteString("version", "2.1.0");
            w.WriteStartArray("runs");
            w.WriteStartObject();

            w.WriteStartObject("tool");
            w.WriteStartObject("driver");
            w.WriteString("name", "deploy-advisor");
            w.WriteString("fullName", "DeployAdvisor CLI");
            w.WriteString("version", Version);
            w.WriteString("semanticVersion", Version);
            var information = RuleDocs.IndexUri(session.DocsBaseUrl);
            if (information != null && System.Uri.TryCreate(information, UriKind.Absolute, out _)) w.WriteString("informationUri", information);
            w.WriteStartArray("rules");
            foreach (var rule in session.Rules.Rules) WriteRule(w, rule, session);
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndObject();

            w.WriteStartArray("results");
        }

        internal static void WriteResult(Utf8JsonWriter w, Finding f, IReadOnlyDictionary<string, int> index)
        {
            w.WriteStartObject();
            w.WriteString("ruleId", f.RuleId);
            if (index.TryGetValue(f.RuleId, out var i)) w.WriteNumber("ruleIndex", i);
            w.WriteString("level", Level(f.Severity));
            w.WriteStartObject("message");
            w.WriteString("text", Sentence(f.Message));
            w.WriteEndObject();
            w.WriteStartArray("locations");
            WriteLocation(w, f.Location!, null, null);
            w.WriteEndArray();
            if (f.RelatedLocations.Count > 0)
            {
                w.WriteStartArray("relatedLocations");
                int id = 1;
                foreach (var r in f.RelatedLocations)
                    WriteLocation(w, r, id++, f.RuleId == RuleIds.DuplicateName ? "The first workload with this name." : "A field that fired the rule.");
                w.WriteEndArray();
            }
            if (f.Workload != null)
            {
                w.WriteStartObject("properties");
                w.WriteString("workload", f.Workload);
                w.WriteEndObject();
            }
            w.WriteEndObject();
        }

        internal static void WriteFooter(Utf8JsonWriter w)
        {
            w.WriteEndArray();
            w.WriteString("columnKind", "utf16CodeUnits");
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
        }

        private static void WriteRule(Utf8JsonWriter w, Rule rule, Session session)
        {
            w.WriteStartObject();
            w.WriteString("id", rule.Id);
            w.WriteString("name", PascalCase(rule.Name));
            w.WriteStartObject("shortDescription");
            w.WriteString("text", Sentence(rule.Summary));
            w.WriteEndObject();
            w.WriteStartObject("fullDescription");
            w.WriteString("text", Sentence(rule.Rationale));
            w.WriteEndObject();
            w.WriteStartObject("help");
            w.WriteString("text", RuleDocs.Text(rule, session.DocsBaseUrl));
            w.WriteString("markdown", RuleDocs.HelpMarkdown(rule, session.DocsBaseUrl));
            w.WriteEndObject();
            var helpUri = RuleDocs.HelpUri(session.DocsBaseUrl, rule.Id);
            if (helpUri != null && System.Uri.TryCreate(helpUri, UriKind.Absolute, out _)) w.WriteString("helpUri", helpUri);
            w.WriteStartObject("defaultConfiguration");
            w.WriteString("level", Level(session.Policy.SeverityOf(rule.Id, rule.DefaultSeverity)));
            if (!session.Policy.IsEnabled(rule.Id)) w.WriteBoolean("enabled", false);
            w.WriteEndObject();
            w.WriteStartObject("properties");
            w.WriteString("category", rule.Category);
            w.WriteStartArray("tags");
            w.WriteStringValue(rule.Category);
            if (rule.Category != "security" && (rule.Effect == RuleEffect.Exclude || rule.Category == "isolation")) w.WriteStringValue("security");
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndObject();
        }

        private static void WriteLocation(Utf8JsonWriter w, Location location, int? id, string? message)
        {
            w.WriteStartObject();
            if (id != null) w.WriteNumber("id", id.Value);
            w.WriteStartObject("physicalLocation");
            w.WriteStartObject("artifactLocation");
            w.WriteString("uri", Uri(location.File ?? ""));
            w.WriteEndObject();
            var s = location.Span;
            w.WriteStartObject("region");
            w.WriteNumber("startLine", s.Line);
            w.WriteNumber("startColumn", s.Column);
            w.WriteNumber("endLine", Math.Max(s.EndLine, s.Line));
            w.WriteNumber("endColumn", s.EndLine > s.Line ? Math.Max(1, s.EndColumn) : Math.Max(s.EndColumn, s.Column + 1));
            w.WriteEndObject();
            w.WriteEndObject();
            if (message != null)
            {
                w.WriteStartObject("message");
                w.WriteString("text", message);
                w.WriteEndObject();
            }
            w.WriteEndObject();
        }

        /// <summary>A relative path as a relative URI reference (segments escaped); an absolute path as a file URI.</summary>
        public static string Uri(string path)
        {
            if (System.IO.Path.IsPathRooted(path)) return new System.Uri(path).AbsoluteUri;
            return string.Join("/", path.Split('/').Select(System.Uri.EscapeDataString));
        }

        public static string Level(Severity s) => s switch { Severity.Error => "error", Severity.Warning => "warning", _ => "note" };

        private static string Sentence(string text)
        {
            var t = text.Trim();
            return t.EndsWith(".", StringComparison.Ordinal) || t.EndsWith("?", StringComparison.Ordinal) || t.EndsWith("!", StringComparison.Ordinal) ? t : t + ".";
        }

        private static string PascalCase(string kebab)
            => string.Concat(kebab.Split('-').Where(p => p.Length > 0).Select(p => char.ToUpperInvariant(p[0]) + p.Substring(1)));
    }

    /// <summary>SARIF 2.1.0 written as files finish: the rules first, then each file's results.</summary>
    public sealed class SarifWriter : JsonResultWriter
    {
        private readonly Session _session;
        private readonly IReadOnlyDictionary<string, int> _index;

        public SarifWriter(Stream output, Session session) : base(output)
        {
            _session = session;
            var index = new Dictionary<string, int>(StringComparer.Ordinal);
            int i = 0;
            foreach (var r in session.Rules.Rules) index[r.Id] = i++;
            _index = index;
        }

        public override void Begin() => Sarif.WriteHeader(Json, _session);

        protected override void WriteResults(FileOutcome file)
        {
            foreach (var f in file.AllFindings) Sarif.WriteResult(Json, f, _index);
        }

        protected override void WriteEnd(RunSummary summary) => Sarif.WriteFooter(Json);
    }
}
