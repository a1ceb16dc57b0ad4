using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using DeployAdvisor.Engine.Findings;
using DeployAdvisor.Engine.Loading;

namespace DeployAdvisor.Engine.Artifacts
{
    /// <summary>
    /// One piece of evidence as a workload holds it from reading to grouping: its field by place in
    /// <see cref="ArtifactFields.All"/> and its location as numbers, in its workload's array. A repository's
    /// evidence is all held until grouping, and three objects a piece (the evidence, its location and its
    /// span) were most of what the collector copied; they are made only when the workload's facts are built.
    /// </summary>
    internal struct EvidenceRecord
    {
        public object Value;
        public string? File;
        public string Text;
        public string? Reason;
        public int Line, Column, EndLine, EndColumn;
        public byte Field;
        public bool IsFallback;
    }

    /// <summary>What one reader found for one workload, before grouping.</summary>
    internal sealed class RawWorkload
    {
        // A repository's workloads are all held until grouping: the source and the evidence are held as fields and
        // records (EvidenceRecord), not objects, and what most workloads do not have is in one object made when needed.
        private readonly string _file;
        private Rare? _rare;

        /// <summary>What most workloads leave empty: more files, notes, Dockerfiles built, a source elsewhere or described in full.</summary>
        private sealed class Rare
        {
            public List<string>? Files, Notes, Builds;
            public string? SourceFile, Description;
            public bool SourceElsewhere;
        }

        // The source taken apart: ArtifactSource's prefix code (or its description, in Rare), its name and location.
        private readonly byte _kind;
        private readonly sbyte _prefix;
        private readonly string _rawName;
        private readonly int _line, _column, _endLine, _endColumn;

        private static readonly EvidenceRecord[] NoEvidence = Array.Empty<EvidenceRecord>();
        private EvidenceRecord[] _evidence = NoEvidence;
        private int _count;

        public RawWorkload(ArtifactSource source, string file)
        {
            _file = file;
            _kind = (byte)source.Kind; _prefix = (sbyte)source.PrefixCode; _rawName = source.RawName;
            if (source.HeldDescription != null) (_rare = new Rare()).Description = source.HeldDescription;
            var location = source.Location;
            if (location.File != file)
            {
                var rare = _rare ??= new Rare();
                rare.SourceFile = location.File;
                rare.SourceElsewhere = true;
            }
            var span = location.Span;
            _line = span.Line; _column = span.Column; _endLine = span.EndLine; _endColumn = span.EndColumn;
        }

        public ArtifactKind Kind => (ArtifactKind)_kind;
        /// <summary>The source's name as the artifact writes it.</summary>
        public string RawName => _rawName;
        /// <summary>Made again each time it is asked for: equal to the one the reader gave.</summary>
        public ArtifactSource Source
            => new ArtifactSource(Kind, _rare?.Description, _prefix, _rawName,
                new Location(_rare != null && _rare.SourceElsewhere ? _rare.SourceFile : _file, new SourceSpan(_line, _column, _endLine, _endColumn)));

        /// <summary>The files it was read from: its own first.</summary>
        public IReadOnlyList<string> Files => (IReadOnlyList<string>?)_rare?.Files ?? new[] { _file };
        public List<string> Notes => (_rare ??= new Rare()).Notes ??= new List<string>();
        /// <summary>Compose: the Dockerfiles its <c>build:</c> names (normalized paths).</summary>
        public List<string> BuildsDockerfiles => (_rare ??= new Rare()).Builds ??= new List<string>();
        /// <summary>The file that defines it (Dockerfile or project path), for grouping.</summary>
        public string File => _file;
        /// <summary>The notes and the Dockerfiles built, without making the lists.</summary>
        public IReadOnlyList<string> NotesSoFar => (IReadOnlyList<string>?)_rare?.Notes ?? Array.Empty<string>();
        public IReadOnlyList<string> BuildsSoFar => (IReadOnlyList<string>?)_rare?.Builds ?? Array.Empty<string>();

        public int EvidenceCount => _count;

        /// <summary>Room for <paramref name="more"/> pieces of evidence in one step (after <see cref="Share"/> trimmed the array).</summary>
        public void Reserve(int more)
        {
            if (_evidence.Length < _count + more) Array.Resize(ref _evidence, _count + more);
        }

        public void Add(string field, object value, Location location, string text, string? reason = null, bool fallback = false)
            => Insert(_count, field, value, location, text, reason, fallback);

        public void Insert(int index, string field, object value, Location location, string text, string? reason = null, bool fallback = false)
        {
            if ((uint)index > (uint)_count) throw new ArgumentOutOfRangeException(nameof(index));
            int at = ArtifactFields.IndexOf(field);
            if (at < 0) throw new ArgumentException($"'{field}' is not a field the artifacts fill in", nameof(field));
            if (_count == _evidence.Length) Array.Resize(ref _evidence, Math.Max(4, _count * 2));
            if (index < _count) Array.Copy(_evidence, index, _evidence, index + 1, _count - index);
            var span = location.Span;
            _evidence[index] = new EvidenceRecord
            {
                Value = value, File = location.File, Text = text, Reason = reason,
                Line = span.Line, Column = span.Column, EndLine = span.EndLine, EndColumn = span.EndColumn,
                Field = (byte)at, IsFallback = fallback,
            };
            _count++;
        }

        /// <summary>The field of a piece of evidence, by place in <see cref="ArtifactFields.All"/>.</summary>
        public int FieldOf(int index) => _evidence[index].Field;

        /// <summary>A piece of evidence as the engine's model gives it, with its source (<see cref="Source"/>, made once for all of them).</summary>
        public Evidence Evidence(int index, ArtifactSource source)
        {
            ref readonly var e = ref _evidence[index];
            return new Evidence(ArtifactFields.At(e.Field), e.Value, new Location(e.File, new SourceSpan(e.Line, e.Column, e.EndLine, e.EndColumn)), e.Text, source, e.Reason, e.IsFallback);
        }

        public void AddFile(string file)
        {
            if (file == _file || _rare?.Files != null && _rare.Files.Contains(file)) return;
            var rare = _rare ??= new Rare();
            rare.Files ??= new List<string> { _file };
            rare.Files.Add(file);
        }

        /// <summary>Its evidence's repeated strings and values shared with every other file's (<see cref="StringPool"/>), and its array trimmed.</summary>
        public void Share(StringPool pool)
        {
            for (int i = 0; i < _count; i++)
            {
                ref var e = ref _evidence[i];
                e.Value = pool.Share(e.Value);
                e.Text = pool.Share(e.Text)!;
                e.Reason = pool.Share(e.Reason);
            }
            if (_evidence.Length != _count) { if (_count == 0) _evidence = NoEvidence; else Array.Resize(ref _evidence, _count); }
        }
    }

    /// <summary>
    /// Equal short strings and values read from many files, held once: a repository's thousands of manifests
    /// repeat the same evidence texts ("httpGet:", "replicas: 2") and reasons. Bounded, so unique strings
    /// cost at most its cap; used by one thread at a time.
    /// </summary>
    internal sealed class StringPool
    {
        private const int MaxLength = 64;
        private const int MaxCount = 1 << 16;
        private static readonly object True = true, False = false;
        private static readonly object[] SmallInts = Enumerable.Range(0, 256).Select(i => (object)i).ToArray();
        /// <summary>
        /// Strings offered before sharing starts: a scan of a descriptor's few files (lint) holds its records only
        /// until they are compared, and filling tables for them cost more than it saved (0.8% of lint's samples);
        /// a repository's scan (infer) passes this within its first files.
        /// </summary>
        private const int Unshared = 256;
        private int _offered;
        private Dictionary<string, string>? _strings;
        private Dictionary<string, string[]>? _lists;

        public string? Share(string? s)
        {
            if (s is null || s.Length > MaxLength || ++_offered <= Unshared) return s;
            var strings = _strings ??= new Dictionary<string, string>(StringComparer.Ordinal);
            if (strings.TryGetValue(s, out var shared)) return shared;
            if (strings.Count < MaxCount) strings[s] = s;
            return s;
        }

        /// <summary>A value as evidence holds it: bool, int, string or a list of strings (read only once made).</summary>
        public object Share(object value)
        {
            switch (value)
            {
                case bool b: return b ? True : False;
                case int i when i >= 0 && i < SmallInts.Length: return SmallInts[i];
                case string s: return Share(s)!;
                case string[] list when list.Length <= 4:
                    if (++_offered <= Unshared) return value;
                    var key = string.Join("\n", list);
                    if (key.Length > MaxLength) return value;
                    var lists = _lists ??= new Dictionary<string, string[]>(StringComparer.Ordinal);
                    if (lists.TryGetValue(key, out var sharedList) && sharedList.Length == list.Length) return sharedList;
                    if (lists.Count < MaxCount) lists[key] = list;
                    return value;
                default: return value;
            }
        }
    }

    /// <summary>Everything readers report besides workloads.</summary>
    internal sealed class ReadContext
    {
        // A context per file while files are read in parallel, most of them empty: the lists are made when first used.
        private List<Finding>? _findings;
        private List<ArtifactNote>? _notes;
        private List<PlatformFigure>? _platform;
        private Dictionary<string, object?>? _cache;
        private HashSet<string>? _noted;

        public ReadContext(Limits limits) { Limits = limits; }
        public Limits Limits { get; }
        public List<Finding> Findings => _findings ??= new List<Finding>();
        public List<ArtifactNote> Notes => _notes ??= new List<ArtifactNote>();
        public List<PlatformFigure> Platform => _platform ??= new List<PlatformFigure>();
        /// <summary>Files read once and shared (a Directory.Build.props above many projects): its findings are reported once.</summary>
        public Dictionary<string, object?> Cache => _cache ??= new Dictionary<string, object?>(StringComparer.Ordinal);

        /// <summary>Nothing reported: no finding, note or platform figure.</summary>
        public bool IsEmpty => (_findings is null || _findings.Count == 0) && (_notes is null || _notes.Count == 0) && (_platform is null || _platform.Count == 0);

        public void Finding(string ruleId, string file, SourceSpan span, string message)
            => Findings.Add(new Finding(ruleId, Severity.Error, message, location: new Location(file, span)));

        public void AddYamlFindings(string file, YamlText yaml)
        {
            foreach (var f in yaml.Findings)
                Findings.Add(f.With(location: new Location(file, f.Location?.Span ?? SourceSpan.FileStart)));
        }

        /// <summary>What a context of one file reported, added here in the order the files are merged.</summary>
        public void Merge(ReadContext file)
        {
            if (file._findings != null) Findings.AddRange(file._findings);
            if (file._notes != null) foreach (var n in file._notes) Note(n.File, n.Message);
        }

        /// <summary>A note once per file and message (a file can be reached twice: listed and included).</summary>
        public void Note(string file, string message)
        {
            if ((_noted ??= new HashSet<string>(StringComparer.Ordinal)).Add(file + "\n" + message)) Notes.Add(new ArtifactNote(file, message));
        }
    }

    internal static class ArtifactPaths
    {
        /// <summary>Forward slashes, no "." segments, ".." resolved where it can be; no leading "./".</summary>
        public static string Normalize(string path)
        {
            // A path already normal (what a front end usually gives) is returned as it is: the scan's paths
            // are held by the evidence, so a copy per file would be memory per file.
            if (IsNormal(path)) return path;
            var parts = path.Replace('\\', '/').Split('/');
            var stack = new List<string>();
            bool rooted = path.StartsWith("/", StringComparison.Ordinal) || path.StartsWith("\\", StringComparison.Ordinal);
            foreach (var p in parts)
            {
                if (p.Length == 0 || p == ".") continue;
                if (p == ".." && stack.Count > 0 && stack[stack.Count - 1] != "..") { stack.RemoveAt(stack.Count - 1); continue; }
                stack.Add(p);
            }
            return (rooted ? "/" : "") + string.Join("/", stack);
        }

        /// <summary>What <see cref="Normalize"/> returns unchanged: '/' only, no empty or "." segment, ".." only at the start.</summary>
        private static bool IsNormal(string path)
        {
            if (path.IndexOf('\\') >= 0) return false;
            int start = path.StartsWith("/", StringComparison.Ordinal) ? 1 : 0;
            if (start == 1 && path.Length == 1) return false;
            bool leading = true;
            while (start <= path.Length)
            {
                int end = path.IndexOf('/', start);
                if (end < 0) end = path.Length;
                int length = end - start;
                if (length == 0) return path.Length == 0;
                if (length == 1 && path[start] == '.') return false;
                bool up = length == 2 && path[start] == '.' && path[start + 1] == '.';
                if (up && !leading) return false;
                if (!up) leading = false;
                start = end + 1;
            }
            return true;
        }

        public static string Directory(string path)
        {
            int i = path.LastIndexOf('/');
            return i < 0 ? "" : path.Substring(0, i);
        }

        public static string FileName(string path)
        {
            int i = path.LastIndexOf('/');
            return i < 0 ? path : path.Substring(i + 1);
        }

        public static string Combine(string directory, string relative)
        {
            relative = relative.Replace('\\', '/');
            if (relative.StartsWith("/", StringComparison.Ordinal) || directory.Length == 0) return Normalize(relative);
            return Normalize(directory + "/" + relative);
        }

        public static string WithoutExtension(string name)
        {
            int i = name.LastIndexOf('.');
            return i <= 0 ? name : name.Substring(0, i);
        }
    }

    /// <summary>The lines of a text file, to quote evidence as written.</summary>
    internal sealed class SourceLines
    {
        // Where each line starts, not the lines: a manifest is quoted on a few lines of hundreds.
        // Found in one pass into the thread's scratch array, then kept in an array of their number (a list grown
        // by doubling was half waste).
        private readonly string _text;
        private readonly int[] _starts;

        [ThreadStatic] private static int[]? Scratch;

        public SourceLines(string text)
        {
            _text = text;
            var scratch = Scratch ??= new int[256];
            int count = 1;
            for (int i = text.IndexOf('\n'); i >= 0; i = text.IndexOf('\n', i + 1))
            {
                if (count == scratch.Length) Array.Resize(ref scratch, scratch.Length * 2);
                scratch[count++] = i + 1;
            }
            if (scratch.Length <= 1 << 16) Scratch = scratch; // an unusually long text's is not kept
            _starts = new int[count];
            Array.Copy(scratch, 1, _starts, 1, count - 1);
        }

        public string Line(int line)
        {
            if (line < 1 || line > _starts.Length) return "";
            int start = _starts[line - 1];
            int end = line < _starts.Length ? _starts[line] - 1 : _text.Length;
            if (end > start && _text[end - 1] == '\r') end--;
            return _text.Substring(start, end - start);
        }

        /// <summary>The text from the start of one span to the end of another on the same line; else the first line from the start.</summary>
        public string Quote(SourceSpan from, SourceSpan to)
        {
            var line = Line(from.Line);
            int start = Math.Min(Math.Max(0, from.Column - 1), line.Length);
            if (to.EndLine == from.Line && to.EndColumn - 1 > start)
            {
                int end = Math.Min(line.Length, to.EndColumn - 1);
                // A flow collection's end event stops before its closing bracket: take the bracket in.
                while (end < line.Length && (line[end] == ']' || line[end] == '}') && Count(line, start, end, '[', '{') > Count(line, start, end, ']', '}')) end++;
                return Shorten(line.Substring(start, end - start).Trim());
            }
            return Shorten(line.Substring(start).Trim());
        }

        public string Quote(SourceSpan span) => Quote(span, span);

        private static int Count(string s, int from, int to, char a, char b)
        {
            int n = 0;
            for (int i = from; i < to; i++) if (s[i] == a || s[i] == b) n++;
            return n;
        }

        private static string Shorten(string text) => text.Length <= 120 ? text : text.Substring(0, 117) + "...";
    }

    internal static class Text
    {
        /// <summary>Decodes UTF-8 (BOM skipped); null when the bytes are not text (NUL bytes or invalid UTF-8).</summary>
        private static readonly UTF8Encoding StrictUtf8 = new UTF8Encoding(false, true);

        public static string? Decode(byte[] bytes)
        {
            if (Array.IndexOf(bytes, (byte)0) >= 0) return null;
            int offset = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
            try { return StrictUtf8.GetString(bytes, offset, bytes.Length - offset); }
            catch (DecoderFallbackException) { return null; }
        }
    }

    /// <summary>The lists artifacts.md names.</summary>
    internal static class Vocabulary
    {
        /// <summary>Pod Security Standards, Baseline profile: the capabilities that may be added (kubernetes.io/docs/concepts/security/pod-security-standards).</summary>
        public static readonly HashSet<string> BaselineCapabilities = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID", "KILL", "MKNOD", "NET_BIND_SERVICE",
            "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT",
        };

        /// <summary>A capability as written (<c>CAP_SYS_ADMIN</c> or <c>sys_admin</c>) as its upper-case name without the prefix.</summary>
        public static string Capability(string written)
        {
            var c = written.Trim().ToUpperInvariant();
            return c.StartsWith("CAP_", StringComparison.Ordinal) ? c.Substring(4) : c;
        }

        public static bool IsSandboxRuntime(string? name)
        {
            if (string.IsNullOrEmpty(name)) return false;
            var n = name!.ToLowerInvariant();
            return n.Contains("kata") || n.Contains("gvisor") || n.Contains("runsc") || n.Contains("firecracker") || n.Contains("hypervisor");
        }

        /// <summary>The descriptor name rules: lowercase, outside a-z0-9- becomes '-', runs collapse, cut to 63.</summary>
        public static string DescriptorName(string raw)
        {
            // A name that follows the rules already is returned as it is: every group holds its name to the end.
            if (FollowsNameRules(raw)) return raw;
            var sb = new StringBuilder(raw.Length);
            foreach (var ch in raw.ToLowerInvariant())
            {
                char c = (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') ? ch : '-';
                if (c == '-' && sb.Length > 0 && sb[sb.Length - 1] == '-') continue;
                sb.Append(c);
            }
            var name = sb.ToString();
            if (name.Length > 63) name = name.Substring(0, 63);
            return name.Length == 0 ? "workload" : name;
        }

        private static bool FollowsNameRules(string name)
        {
            if (name.Length == 0 || name.Length > 63) return false;
            for (int i = 0; i < name.Length; i++)
            {
                char c = name[i];
                if (c == '-' ? i > 0 && name[i - 1] == '-' : !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9')) return false;
            }
            return true;
        }

        /// <summary>A Kubernetes quantity (<c>160Mi</c>, <c>1G</c>, <c>512</c>) as the shortest exact size literal (<c>160MiB</c>, <c>1GB</c>, <c>512B</c>), or null (<c>500m</c>, <c>1e9</c>).</summary>
        public static string? QuantityAsSize(string quantity)
        {
            var q = quantity.Trim();
            string[][] units = { new[] { "Ki", "KiB" }, new[] { "Mi", "MiB" }, new[] { "Gi", "GiB" }, new[] { "Ti", "TiB" }, new[] { "k", "KB" }, new[] { "M", "MB" }, new[] { "G", "GB" }, new[] { "T", "TB" } };
            foreach (var u in units)
            {
                if (q.EndsWith(u[0], StringComparison.Ordinal) && IsNumber(q.Substring(0, q.Length - u[0].Length)))
                    return Literals.ByteSize.TryParse(q.Substring(0, q.Length - u[0].Length) + u[1], out var s, out _) ? s.ToString() : null;
            }
            if (IsNumber(q) && Literals.ByteSize.TryParse(q + "B", out var b, out _)) return b.ToString();
            return null;
        }

        private static bool IsNumber(string s)
        {
            if (s.Length == 0) return false;
            foreach (var c in s) if (!(c >= '0' && c <= '9') && c != '.') return false;
            return true;
        }
    }

    /// <summary>Reading the positioned YAML tree.</summary>
    internal static class Y
    {
        public static YNode? Get(YNode? node, string key) => TryEntry(node, key, out _, out var v) ? v : null;

        public static bool TryEntry(YNode? node, string key, out YScalar keyNode, out YNode value)
        {
            if (node is YMapping map)
            {
                var entries = map.Entries;
                for (int i = 0; i < entries.Count; i++)
                {
                    if (entries[i].Key is YScalar k && k.Value == key) { keyNode = k; value = entries[i].Value; return true; }
                }
            }
            keyNode = null!; value = null!;
            return false;
        }

        // Fixed arities, not params: a path per lookup would be an array, and a manifest has dozens of lookups.
        public static YNode? Path(YNode? node, string a, string b) => Get(Get(node, a), b);
        public static YNode? Path(YNode? node, string a, string b, string c) => Get(Path(node, a, b), c);
        public static YNode? Path(YNode? node, string a, string b, string c, string d) => Get(Path(node, a, b, c), d);

        public static string? Str(YNode? node) => node is YScalar s ? Str(s.Value, s.IsPlain) : null;

        /// <summary>YAML 1.2 core schema true (plain true/True/TRUE).</summary>
        public static bool IsTrue(YNode? node) => node is YScalar s && IsTrue(s.Value, s.IsPlain);

        public static int? Int(YNode? node) => node is YScalar s ? Int(s.Value, s.IsPlain) : null;

        // A scalar's meaning from its text and style, for the tree's nodes and a manifest tape's alike (TapeNode).

        /// <summary>The value, or null for a plain null ("~", "null", empty).</summary>
        internal static string? Str(string value, bool plain) => plain && (value == "~" || value.Length == 0 || value == "null") ? null : value;

        internal static bool IsTrue(string value, bool plain) => plain && (value == "true" || value == "True" || value == "TRUE");

        internal static int? Int(string value, bool plain)
            => plain && int.TryParse(value, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var i) ? i : (int?)null;

        // The lists themselves, not IEnumerable: a foreach then needs no enumerator object. The empty ones are
        // shared and never modified.
        private static readonly List<YNode> NoItems = new List<YNode>();
        private static readonly List<KeyValuePair<YNode, YNode>> NoEntries = new List<KeyValuePair<YNode, YNode>>();

        public static List<YNode> Items(YNode? node) => node is YSequence seq ? seq.Items : NoItems;

        public static List<KeyValuePair<YNode, YNode>> Entries(YNode? node) => node is YMapping map ? map.Entries : NoEntries;
    }
}
