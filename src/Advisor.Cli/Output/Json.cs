using System;
using System.IO;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using DeployAdvisor.Engine.Findings;

namespace DeployAdvisor.Cli.Output
{
    public static class Json
    {
        private static readonly JsonWriterOptions Options = new JsonWriterOptions
        {
            Indented = true,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            NewLine = "\n",
        };

        /// <summary>The JSON every format of the CLI writes: indented, '\n' line ends, non-ASCII text as is.</summary>
        public static Utf8JsonWriter CreateWriter(Stream stream) => new Utf8JsonWriter(stream, Options);

        public static string Write(Action<Utf8JsonWriter> body)
        {
            using var stream = new MemoryStream();
            using (var writer = CreateWriter(stream))
            {
                body(writer);
            }
            return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
        }

        /// <summary>A finding in the shape of cli.md (ruleId, severity, message, file, line, column, workload) plus its end and related locations.</summary>
        public static void WriteFinding(Utf8JsonWriter w, Finding f, string? ruleName)
        {
            w.WriteStartObject();
            w.WriteString("ruleId", f.RuleId);
            if (ruleName != null) w.WriteString("ruleName", ruleName);
            w.WriteString("severity", f.Severity.ToName());
            w.WriteString("message", f.Message);
            if (f.Location?.File != null) w.WriteString("file", f.Location.File); else w.WriteNull("file");
            w.WriteNumber("line", f.Location?.Span.Line ?? 1);
            w.WriteNumber("column", f.Location?.Span.Column ?? 1);
            w.WriteNumber("endLine", f.Location?.Span.EndLine ?? 1);
            w.WriteNumber("endColumn", f.Location?.Span.EndColumn ?? 1);
            if (f.Workload != null) w.WriteString("workload", f.Workload); else w.WriteNull("workload");
            if (f.RelatedLocations.Count > 0)
            {
                w.WriteStartArray("relatedLocations");
                foreach (var r in f.RelatedLocations)
                {
                    w.WriteStartObject();
                    w.WriteString("file", r.File);
                    w.WriteNumber("line", r.Span.Line);
                    w.WriteNumber("column", r.Span.Column);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
            }
            w.WriteEndObject();
        }
    }
}
