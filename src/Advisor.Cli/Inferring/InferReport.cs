using System;
using System.Buffers;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using DeployAdvisor.Engine.Artifacts;

namespace DeployAdvisor.Cli.Inferring
{
    /// <summary>The outputs of `infer`: the drafts as one YAML stream, the JSON of artifacts.md, and the platform figures.</summary>
    internal static class InferReport
    {
        /// <summary>The drafts written one at a time into <paramref name="output"/>: the output is never held whole.</summary>
        public static void Yaml(ScanResult scan, string modeline, Func<string, string> path, Stream output)
        {
            var utf8 = new UTF8Encoding(false);
            // Flushed, not disposed: disposing it would dispose the output, which its owner commits or discards.
            var buffered = new BufferedStream(output, 1 << 16);
            // Each draft rendered into its thread's builder and encoded there, on every core; written in order as bytes.
            InBatches(scan.Workloads, (w, sb) =>
            {
                sb.Clear();
                Drafts.Render(w, modeline, path, sb);
                return Encode(sb, utf8);
            }, () => new StringBuilder(Drafts.DraftCapacity), (i, draft) =>
            {
                if (i > 0) buffered.Write("---\n"u8);
                buffered.Write(draft);
            });
            buffered.Write(utf8.GetBytes(PlatformComment(scan, path)));
            buffered.Flush();
        }

        /// <summary>The builder's text as UTF-8: from its one chunk when a draft fits the builder, as nearly all do.</summary>
        private static byte[] Encode(StringBuilder sb, UTF8Encoding utf8)
        {
            foreach (var chunk in sb.GetChunks())
                if (chunk.Length == sb.Length)
                {
                    var bytes = new byte[utf8.GetByteCount(chunk.Span)];
                    utf8.GetBytes(chunk.Span, bytes);
                    return bytes;
                }
            return utf8.GetBytes(sb.ToString());
        }

        /// <summary>RuntimeClass overheads as comments: a suggested profile override, not a workload field.</summary>
        public static string PlatformComment(ScanResult scan, Func<string, string> path)
        {
            if (scan.Platform.Count == 0) return "";
            var sb = new StringBuilder();
            sb.Append("# Platform figures (not workload fields): a RuntimeClass's overhead is what a sandbox costs on this\n");
            sb.Append("# platform. Suggested profile override for .deployadvisor.yaml:\n");
            foreach (var p in scan.Platform)
                sb.Append($"#   RuntimeClass {Drafts.OneLine(p.RuntimeClass)}: overhead.podFixed.memory {Drafts.OneLine(p.MemoryOverhead)} at {Drafts.Where(p.Location, path)}\n");
            var suggested = scan.Platform.Where(p => p.Suggested != null).Select(p => p.Suggested!).Distinct(StringComparer.Ordinal).ToList();
            if (suggested.Count > 0)
            {
                sb.Append("# profiles:\n");
                sb.Append("#   - target: sandboxed-container\n");
                sb.Append($"#     memoryOverhead: {suggested[0]}{(suggested.Count > 1 ? "   # the RuntimeClasses differ: " + string.Join(", ", suggested) : "")}\n");
            }
            return sb.ToString();
        }

        /// <summary>The JSON written into <paramref name="stream"/> a workload at a time: the output is never held whole.</summary>
        public static void Json(ScanResult scan, Stream stream)
        {
            var options = new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, NewLine = "\n" };
            using (var w = new Utf8JsonWriter(stream, options))
            {
                w.WriteStartObject();
                w.WriteNumber("version", 1);
                w.WriteStartArray("workloads");
                // Each workload's object is made apart (on every core) and written in order as it stands.
                InBatches(scan.Workloads, (wl, item) => item.Render(wl), () => new JsonItem(options), (_, bytes) =>
                {
                    w.WriteRawValue(bytes, skipInputValidation: true);
                    if (w.BytesPending > 1 << 16) w.Flush();
                });
                w.WriteEndArray();
                w.WriteStartArray("platform");
                foreach (var p in scan.Platform)
                {
                    w.WriteStartObject();
                    w.WriteString("runtimeClass", p.RuntimeClass);
                    w.WriteString("memoryOverhead", p.MemoryOverhead);
                    if (p.Suggested != null) w.WriteString("suggested", p.Suggested); else w.WriteNull("suggested");
                    w.WriteString("file", p.Location.File);
                    w.WriteNumber("line", p.Location.Span.Line);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteEndObject();
            }
            stream.WriteByte((byte)'\n');
        }

        /// <summary>How many workloads are made at a time before they are written: enough to keep every core busy, few enough to hold.</summary>
        private const int BatchSize = 256;

        /// <summary>
        /// Each workload made by <paramref name="make"/> on every core (its facts are built from the scan's groups
        /// then, and dropped with it), a batch at a time, and handed to <paramref name="write"/> in order: the output
        /// does not depend on the schedule, and only a batch of it is held.
        /// </summary>
        private static void InBatches<TState, TItem>(IReadOnlyList<WorkloadFacts> workloads, Func<WorkloadFacts, TState, TItem> make, Func<TState> state, Action<int, TItem> write)
        {
            var made = new TItem[Math.Min(BatchSize, workloads.Count)];
            for (int start = 0; start < workloads.Count; start += BatchSize)
            {
                int count = Math.Min(BatchSize, workloads.Count - start);
                if (Environment.ProcessorCount > 1 && count > 1)
                    System.Threading.Tasks.Parallel.For(0, count, new System.Threading.Tasks.ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
                        state, (i, _, local) => { made[i] = make(workloads[start + i], local); return local; }, _ => { });
                else
                {
                    var local = state();
                    for (int i = 0; i < count; i++) made[i] = make(workloads[start + i], local);
                }
                for (int i = 0; i < count; i++)
                {
                    write(start + i, made[i]);
                    made[i] = default!;
                }
            }
        }

        /// <summary>
        /// One workload's JSON object as it stands in the output: a writer is put where the object goes (in the
        /// "workloads" array of the top object), so that the object carries the newline and indentation there.
        /// </summary>
        private sealed class JsonItem
        {
            private readonly ArrayBufferWriter<byte> _buffer = new ArrayBufferWriter<byte>(1 << 12);
            private readonly Utf8JsonWriter _writer;

            public JsonItem(JsonWriterOptions options) { _writer = new Utf8JsonWriter(_buffer, options); }

            public byte[] Render(WorkloadFacts wl)
            {
                _buffer.ResetWrittenCount();
                _writer.Reset(_buffer);
                _writer.WriteStartObject();
                _writer.WriteStartArray("workloads");
                _writer.Flush();
                int start = _buffer.WrittenCount;
                Workload(_writer, wl);
                _writer.Flush();
                return _buffer.WrittenSpan.Slice(start).ToArray();
            }
        }

        private static void Workload(Utf8JsonWriter w, WorkloadFacts wl)
        {
            w.WriteStartObject();
            w.WriteString("name", wl.Name);
            w.WriteStartObject("fields");
            foreach (var fact in wl.Fields.Values) { w.WritePropertyName(fact.Field); Fact(w, fact); }
            w.WriteEndObject();
            w.WriteStartArray("conflicts");
            foreach (var c in wl.Conflicts)
            {
                w.WriteStartObject();
                w.WriteString("field", c.Field);
                w.WriteStartArray("candidates");
                foreach (var cand in c.Candidates) Fact(w, cand);
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("questions");
            foreach (var q in Drafts.Questions(wl)) w.WriteStringValue(q);
            w.WriteEndArray();
            w.WriteStartArray("artifacts");
            foreach (var a in wl.Artifacts) w.WriteStringValue(a);
            w.WriteEndArray();
            w.WriteEndObject();
        }

        private static void Fact(Utf8JsonWriter w, FieldFact fact)
        {
            w.WriteStartObject();
            w.WritePropertyName("value");
            Value(w, fact.Value);
            w.WriteStartArray("evidence");
            foreach (var e in fact.Evidence)
            {
                w.WriteStartObject();
                w.WriteString("file", e.Location.File);
                w.WriteNumber("line", e.Location.Span.Line);
                w.WriteNumber("column", e.Location.Span.Column);
                w.WriteString("text", e.Text);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }

        private static void Value(Utf8JsonWriter w, object value)
        {
            switch (value)
            {
                case bool b: w.WriteBooleanValue(b); break;
                case int i: w.WriteNumberValue(i); break;
                case long l: w.WriteNumberValue(l); break;
                case string s: w.WriteStringValue(s); break;
                case IEnumerable<string> list:
                    w.WriteStartArray();
                    foreach (var s in list) w.WriteStringValue(s);
                    w.WriteEndArray();
                    break;
                default: w.WriteStringValue(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)); break;
            }
        }
    }
}
