using System;
using System.Buffers;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using DeployAdvisor.Engine.Artifacts;
using F = DeployAdvisor.Engine.Artifacts.ArtifactFields;

namespace DeployAdvisor.Cli.Inferring
{
    /// <summary>
    /// Draft descriptors from what the artifacts say (artifacts.md, "infer"). Every inferred value
    /// carries its evidence in a comment; a conflict shows every value with its evidence and leaves the
    /// field commented for a person; a required field that the artifacts cannot say is a commented
    /// question, so the draft fails lint (DA0002) until someone answers it. A draft never passes by
    /// guessing.
    /// </summary>
    internal static partial class Drafts
    {
        /// <summary>The required descriptor fields the artifacts may leave unknown (workload.md): questions when absent.</summary>
        public const string Sensitivity = "spec.security.sensitivity";

        /// <summary>How many pieces of evidence a comment lists before it says how many more there are.</summary>
        private const int MaxEvidenceShown = 8;

        /// <summary>The required fields a person must answer for this workload, as field paths.</summary>
        public static IReadOnlyList<string> Questions(WorkloadFacts w)
        {
            var q = new List<string>();
            if (!w.Fields.ContainsKey(F.Interface)) q.Add(F.Interface);
            q.Add(Sensitivity);
            return q;
        }

        /// <param name="path">Maps a scanned path (relative to the working directory) to the path the draft shows.</param>
        public static string Render(WorkloadFacts w, string modeline, Func<string, string> path)
        {
            var sb = new StringBuilder(DraftCapacity);
            Render(w, modeline, path, sb);
            return sb.ToString();
        }

        /// <summary>Room for a typical draft (about 2 KB), so that its builder is not grown chunk by chunk.</summary>
        internal const int DraftCapacity = 4096;

        /// <summary>The draft appended to <paramref name="sb"/>: `infer` renders a repository's drafts into one builder per thread.</summary>
        internal static void Render(WorkloadFacts w, string modeline, Func<string, string> path, StringBuilder sb)
        {
            sb.Append("# yaml-language-server: $schema=").Append(modeline).Append('\n');
            sb.Append("# A draft by `deploy-advisor infer`: each value comes from the evidence in its comment.\n");
            sb.Append("# Answer every QUESTION, settle every CONFLICT, check the values, then run `deploy-advisor lint` on it.\n");
            if (w.Notes.Count > 0)
                foreach (var note in w.Notes.Distinct(StringComparer.Ordinal)) sb.Append("# NOTE: ").Append(OneLine(note)).Append('\n');
            sb.Append("apiVersion: deployadvisor/v1\n");
            sb.Append("kind: Workload\n");
            sb.Append("metadata:\n");
            var sources = w.Sources;
            sb.Append("  name: ").Append(Scalar(w.Name)).Append("  # ").Append(sources.Count > 0 ? OneLine(SourceAt(sources[0], path)) : "").Append('\n');
            for (int i = 1; i < sources.Count && i <= MaxEvidenceShown; i++) sb.Append("  #   and ").Append(OneLine(SourceAt(sources[i], path))).Append('\n');
            if (sources.Count > MaxEvidenceShown + 1) sb.Append("  #   and ").Append(sources.Count - MaxEvidenceShown - 1).Append(" more\n");
            sb.Append("spec:\n");

            // interface (required)
            var iface = Item(w, "interface", F.Interface);
            if (iface is null)
            {
                iface = new DraftItem(false);
                iface.Headers.Add("QUESTION (required): how is it used? Nothing in these files says.");
                iface.Body.Add(BodyLine.Fixed(true, "interface: ???        # headless | cli | web | gui"));
            }
            else if (!iface.Active) iface.Headers[0] = iface.Headers[0].Replace("CONFLICT:", "CONFLICT (required):");
            TopLevel(sb, iface, path);
            if (Item(w, "os", F.Os) is DraftItem os) TopLevel(sb, os, path);
            Section(sb, "windows", Items(w, ("image", F.WindowsImage)), path);

            sb.Append("  # QUESTION (required): how sensitive is the data it handles? Nothing in these files can say.\n");
            sb.Append("  # security:\n");
            sb.Append("  #   sensitivity: ???    # public | internal | confidential | restricted\n");
            sb.Append("  #   untrustedCode: false  # true: runs code or plugins from outside the organisation\n");
            sb.Append("  #   multiTenant: false    # true: shares hosts with other tenants' workloads\n");

            Section(sb, "host", Items(w, ("kernelModules", F.KernelModules), ("privileged", F.Privileged), ("hostAccess", F.HostAccess), ("devices", F.Devices)), path);
            Section(sb, "budgets", Items(w, ("startup", F.Startup)), path);
            Section(sb, "operations", Items(w, ("instances", F.Instances)), path);
            var deployment = Items(w, ("target", F.Target));
            var hosts = new DraftItem(false);
            hosts.Body.Add(BodyLine.Fixed(true, "hosts: shared         # not inferable: nothing in these files says who else runs on the nodes (shared | dedicated)"));
            deployment.Add(hosts);
            Section(sb, "deployment", deployment, path);

            sb.Append("  artifacts:              # the files this draft was inferred from\n");
            foreach (var a in w.Artifacts) sb.Append("    - ").Append(Scalar(path(a))).Append('\n');
        }

        private static string SourceAt(ArtifactSource s, Func<string, string> path) => SourceName(s) + " at " + Where(s.Location, path);

        /// <summary>
        /// One field of the draft: active (a value the artifacts agree on) or commented (a conflict, a
        /// question). Headers are comments above it; the body is its "key: value  # evidence" lines
        /// (IsValue) and the further evidence ("and …") under them.
        /// </summary>
        private sealed class DraftItem
        {
            public DraftItem(bool active) { Active = active; }
            public bool Active { get; }
            public List<string> Headers { get; } = new List<string>();
            public List<BodyLine> Body { get; } = new List<BodyLine>();
        }

        /// <summary>
        /// A line of a field's body, written when the draft is: a value line (<c>key: value  # evidence</c>), a
        /// further piece of evidence (<c>and …</c>), how many more there are, or a fixed text. Kept as its parts
        /// rather than as a string, so that a draft's text is made once, in its builder.
        /// </summary>
        private readonly struct BodyLine
        {
            private BodyLine(bool isValue, string? text, string? key, object? value, Evidence? evidence, int more)
            {
                IsValue = isValue; _text = text; _key = key; _value = value; _evidence = evidence; _more = more;
            }

            public static BodyLine Fixed(bool isValue, string text) => new BodyLine(isValue, text, null, null, null, 0);
            public static BodyLine ValueOf(string key, object value, Evidence first) => new BodyLine(true, null, key, value, first, 0);
            public static BodyLine And(Evidence evidence) => new BodyLine(false, null, null, null, evidence, 0);
            public static BodyLine AndMore(int more) => new BodyLine(false, null, null, null, null, more);

            public bool IsValue { get; }
            private readonly string? _text, _key;
            private readonly object? _value;
            private readonly Evidence? _evidence;
            private readonly int _more;

            public void AppendTo(StringBuilder sb, Func<string, string> path)
            {
                if (_text != null) sb.Append(_text);
                else if (_key != null) AppendDescription(sb.Append(_key).Append(": ").Append(Value(_value!)).Append("  # "), _evidence!, path);
                else if (_evidence != null) AppendDescription(sb.Append("and "), _evidence, path);
                else sb.Append("and ").Append(_more).Append(" more");
                sb.Append('\n');
            }
        }

        private static DraftItem? Item(WorkloadFacts w, string key, string field)
        {
            if (w.Fields.TryGetValue(field, out var fact))
            {
                var item = new DraftItem(true);
                Evidence(item, key, fact);
                return item;
            }
            foreach (var conflict in w.Conflicts)
            {
                if (conflict.Field != field) continue;
                var item = new DraftItem(false);
                item.Headers.Add($"CONFLICT: the artifacts disagree on {DisplayName(field)}; keep the right value, uncomment it, delete the others");
                foreach (var cand in conflict.Candidates) Evidence(item, key, cand);
                return item;
            }
            return null;
        }

        private static string DisplayName(string field) => field.StartsWith("spec.", StringComparison.Ordinal) ? field.Substring(5) : field;

        private static void Evidence(DraftItem item, string key, FieldFact fact)
        {
            var ev = fact.Evidence;
            item.Body.Add(BodyLine.ValueOf(key, fact.Value, ev[0]));
            for (int i = 1; i < ev.Count && i < MaxEvidenceShown; i++) item.Body.Add(BodyLine.And(ev[i]));
            if (ev.Count > MaxEvidenceShown) item.Body.Add(BodyLine.AndMore(ev.Count - MaxEvidenceShown));
        }

        private static List<DraftItem> Items(WorkloadFacts w, params (string Key, string Field)[] fields)
        {
            var items = new List<DraftItem>(fields.Length + 1);
            foreach (var (key, field) in fields)
                if (Item(w, key, field) is DraftItem item) items.Add(item);
            return items;
        }

        /// <summary>A field directly under spec.</summary>
        private static void TopLevel(StringBuilder sb, DraftItem item, Func<string, string> path)
        {
            foreach (var h in item.Headers) sb.Append("  # ").Append(h).Append('\n');
            foreach (var line in item.Body)
                line.AppendTo(sb.Append(line.IsValue ? (item.Active ? "  " : "  # ") : "  #   "), path);
        }

        /// <summary>
        /// A mapping under spec: written when a child has a value; commented out as a whole when no
        /// child has (an empty mapping would be null, which a descriptor may not say).
        /// </summary>
        private static void Section(StringBuilder sb, string key, List<DraftItem> items, Func<string, string> path)
        {
            if (items.Count == 0) return;
            bool anyActive = false;
            foreach (var item in items) anyActive |= item.Active;
            if (anyActive)
            {
                sb.Append("  ").Append(key).Append(":\n");
                foreach (var item in items)
                {
                    foreach (var h in item.Headers) sb.Append("    # ").Append(h).Append('\n');
                    foreach (var line in item.Body)
                        line.AppendTo(sb.Append(line.IsValue ? (item.Active ? "    " : "    # ") : "    #   "), path);
                }
                return;
            }
            foreach (var item in items)
                foreach (var h in item.Headers) sb.Append("  # ").Append(h).Append('\n');
            sb.Append("  # ").Append(key).Append(":\n");
            foreach (var item in items)
                foreach (var line in item.Body)
                    line.AppendTo(sb.Append(line.IsValue ? "  #   " : "  #     "), path);
        }

        /// <summary><c>privileged: true at deploy/agent.yaml:41:13</c>, with the reason when the text alone does not say it.</summary>
        private static void AppendDescription(StringBuilder sb, Evidence e, Func<string, string> path)
        {
            var text = OneLine(e.Text);
            sb.Append(text.Length == 0 ? SourceName(e.Source) : text).Append(" at ");
            AppendWhere(sb, e.Location, path);
            if (!string.IsNullOrEmpty(e.Reason)) sb.Append(" (").Append(OneLine(e.Reason!)).Append(')');
            else if (e.IsFallback) sb.Append(" (the default when nothing says otherwise)");
        }

        /// <summary>"Deployment api", "compose service web", "project Web.csproj"; a Dockerfile's own path is left to its location, which says it relative to the draft.</summary>
        private static string SourceName(ArtifactSource s) => OneLine(s.Kind == ArtifactKind.Dockerfile ? "Dockerfile" : s.Description);

        public static string Where(DeployAdvisor.Engine.Findings.Location l, Func<string, string> path)
            => AppendWhere(new StringBuilder(), l, path).ToString();

        private static StringBuilder AppendWhere(StringBuilder sb, DeployAdvisor.Engine.Findings.Location l, Func<string, string> path)
            => sb.Append(path(l.File ?? "")).Append(':').Append(l.Span.Line).Append(':').Append(l.Span.Column);

        /// <summary>A value as a descriptor writes it.</summary>
        public static string Value(object value) => value switch
        {
            bool b => b ? "true" : "false",
            int i => i.ToString(CultureInfo.InvariantCulture),
            long l => l.ToString(CultureInfo.InvariantCulture),
            IEnumerable<string> list => "[" + string.Join(", ", list.Select(Scalar)) + "]",
            string s => Scalar(s),
            _ => Scalar(Convert.ToString(value, CultureInfo.InvariantCulture) ?? ""),
        };

        // Generated at build time: under Native AOT a Regex object runs the interpreter.
        [GeneratedRegex(@"^[A-Za-z0-9_./][A-Za-z0-9_./@+-]*$", RegexOptions.CultureInvariant)]
        private static partial Regex Plain();
        /// <summary>What the YAML 1.2 core schema reads as a number although .NET does not parse it (0x1F, 0o17, .inf, .nan).</summary>
        [GeneratedRegex(@"^(0x[0-9a-fA-F]+|0o[0-7]+|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN))$", RegexOptions.CultureInvariant)]
        private static partial Regex NotAString();
        private static readonly SearchValues<char> PlainFirst = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_./");
        private static readonly SearchValues<char> PlainRest = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_./@+-");

        /// <summary>
        /// <see cref="Plain"/>: the character sets answer for nearly every value (paths, images, names) without running
        /// the pattern; what they refuse goes to the pattern, whose <c>$</c> also takes a line break at the end.
        /// </summary>
        private static bool IsPlain(string s)
            => s.Length > 0 && PlainFirst.Contains(s[0]) && s.AsSpan(1).IndexOfAnyExcept(PlainRest) < 0 || Plain().IsMatch(s);

        /// <summary><see cref="NotAString"/>, whose every branch starts with 0, a dot or a sign.</summary>
        private static bool LooksLikeANumber(string s)
            => s.Length > 0 && (s[0] == '0' || s[0] == '.' || s[0] == '+' || s[0] == '-') && NotAString().IsMatch(s);

        private static readonly HashSet<string> Reserved = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "true", "false", "null", "~", "yes", "no", "on", "off" };

        /// <summary>A plain scalar when YAML reads it back as the same string, else a double-quoted one.</summary>
        public static string Scalar(string s)
        {
            if (IsPlain(s) && !Reserved.Contains(s) && !LooksLikeANumber(s) && !double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
                return s;
            var sb = new StringBuilder("\"");
            foreach (var ch in s)
            {
                switch (ch)
                {
                    case '"': sb.Append("\\\""); break;
                    case '\\': sb.Append("\\\\"); break;
                    case '\n': sb.Append("\\n"); break;
                    case '\r': sb.Append("\\r"); break;
                    case '\t': sb.Append("\\t"); break;
                    default:
                        if (char.IsControl(ch)) sb.Append("\\u").Append(((int)ch).ToString("x4", CultureInfo.InvariantCulture));
                        else sb.Append(ch);
                        break;
                }
            }
            return sb.Append('"').ToString();
        }

        /// <summary>Text from an artifact, safe inside a one-line comment: no line breaks or control characters, at most 160 characters.</summary>
        public static string OneLine(string s)
        {
            // Most texts (paths, names, "replicas: 3") are already one short line: returned as they are.
            if (IsOneLine(s)) return s;
            var sb = new StringBuilder(Math.Min(s.Length, 170));
            foreach (var ch in s)
            {
                if (sb.Length >= 160) { sb.Append('…'); break; }
                // YAML 1.2 breaks lines at \n and \r only; older readers also at NEL, LS and PS.
                sb.Append(BreaksALine(ch) ? ' ' : ch);
            }
            return sb.ToString().Trim();
        }

        /// <summary>Whether <see cref="OneLine"/> would return <paramref name="s"/> unchanged.</summary>
        private static bool IsOneLine(string s)
        {
            if (s.Length > 160) return false;
            if (s.Length > 0 && (char.IsWhiteSpace(s[0]) || char.IsWhiteSpace(s[s.Length - 1]))) return false;
            foreach (var ch in s)
                if (BreaksALine(ch)) return false;
            return true;
        }

        /// <summary>What a comment may not hold: control characters and the separators older YAML readers break lines at.</summary>
        private static bool BreaksALine(char ch) => char.IsControl(ch) || ch == '\u2028' || ch == '\u2029';
    }
}
