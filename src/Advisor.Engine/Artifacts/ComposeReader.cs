using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using DeployAdvisor.Engine.Findings;
using DeployAdvisor.Engine.Loading;

namespace DeployAdvisor.Engine.Artifacts
{
    /// <summary>
    /// Compose files, read the way docker compose reads them: anchors and aliases (the YAML tree
    /// shares the anchored node), merge keys (<c>&lt;&lt;</c>, which the engine's tree keeps as an
    /// ordinary key, are applied here: explicit keys win, then the merged mappings in order),
    /// <c>x-</c> extension fields (ignored), interpolation with no variable set (defaults taken,
    /// <c>$$</c> a literal <c>$</c>, an unset variable without a default leaves the value unknown),
    /// override files merged into their base (mappings merged key by key, sequences appended,
    /// scalars and command-like fields replaced), <c>extends</c> and <c>include</c> followed to files
    /// among the scanned ones, and <c>profiles</c> (a service behind a profile is still read, with a note).
    /// </summary>
    public static class ComposeReader
    {
        public static bool IsComposeName(string lowerName)
        {
            if (!(lowerName.EndsWith(".yml", StringComparison.Ordinal) || lowerName.EndsWith(".yaml", StringComparison.Ordinal))) return false;
            return lowerName == "compose.yml" || lowerName == "compose.yaml"
                || lowerName.StartsWith("docker-compose", StringComparison.Ordinal)
                || lowerName.StartsWith("compose.", StringComparison.Ordinal);
        }

        private static bool IsOverrideName(string lowerName) => lowerName.Contains(".override.");

        // ---- a merged, interpolated view of the YAML tree that keeps every node's file and place ----

        internal sealed class CNode
        {
            public CNode(string file, SourceLines lines, SourceSpan span) { File = file; Lines = lines; Span = span; }
            public string File { get; }
            public SourceLines Lines { get; }
            public SourceSpan Span { get; }
            /// <summary>Scalar value after interpolation; null when a variable left it unknown (or for collections).</summary>
            public string? Value { get; set; }
            public bool IsScalar { get; set; }
            public List<CEntry>? Entries { get; set; }
            public List<CNode>? Items { get; set; }

            public CEntry? Entry(string key) => Entries?.FirstOrDefault(e => e.Key == key);
            public CNode? Get(string key) => Entry(key)?.Value;
        }

        internal sealed class CEntry
        {
            public CEntry(string key, SourceSpan keySpan, string keyFile, SourceLines keyLines, CNode value)
            {
                Key = key; KeySpan = keySpan; KeyFile = keyFile; KeyLines = keyLines; Value = value;
            }
            public string Key { get; }
            public SourceSpan KeySpan { get; }
            /// <summary>The file the key is written in (a merged value may come from another).</summary>
            public string KeyFile { get; }
            public SourceLines KeyLines { get; }
            public CNode Value { get; }
        }

        private sealed class Converter
        {
            private readonly string _file;
            private readonly SourceLines _lines;
            private readonly ReadContext _ctx;
            private long _budget;
            public bool Exceeded { get; private set; }

            public Converter(string file, SourceLines lines, ReadContext ctx) { _file = file; _lines = lines; _ctx = ctx; _budget = ctx.Limits.MaxExpandedNodes; }

            public CNode? Convert(YNode node, int depth)
            {
                if (Exceeded) return null;
                if (--_budget < 0 || depth > _ctx.Limits.MaxDepth)
                {
                    Exceeded = true;
                    _ctx.Finding(RuleIds.LimitExceeded, _file, node.Span, depth > _ctx.Limits.MaxDepth
                        ? $"nesting (with aliases and merge keys expanded) is deeper than the limit of {_ctx.Limits.MaxDepth} levels"
                        : $"the document expands to more than {_ctx.Limits.MaxExpandedNodes} nodes through aliases and merge keys");
                    return null;
                }
                var c = new CNode(_file, _lines, node.Span);
                switch (node)
                {
                    case YScalar s:
                        c.IsScalar = true;
                        c.Value = s.IsPlain && (s.Value == "null" || s.Value == "~" || s.Value.Length == 0) ? null : Interpolate(s.Value);
                        return c;
                    case YSequence seq:
                        c.Items = new List<CNode>();
                        foreach (var item in seq.Items) if (Convert(item, depth + 1) is CNode ci) c.Items.Add(ci);
                        return c;
                    case YMapping map:
                        c.Entries = new List<CEntry>();
                        var merges = new List<YNode>();
                        foreach (var e in map.Entries)
                        {
                            if (!(e.Key is YScalar k)) continue;
                            if (k.IsPlain && k.Value == "<<" && k.Tag is null) { merges.Add(e.Value); continue; }
                            if (Convert(e.Value, depth + 1) is CNode v) c.Entries.Add(new CEntry(k.Value, k.Span, _file, _lines, v));
                        }
                        // Merge keys: explicit keys win; among merged mappings the first wins.
                        foreach (var m in merges)
                        {
                            var sources = m is YSequence ms ? ms.Items : new List<YNode> { m };
                            foreach (var src in sources)
                            {
                                if (!(src is YMapping) || !(Convert(src, depth + 1) is CNode merged) || merged.Entries is null) continue;
                                foreach (var me in merged.Entries)
                                    if (c.Entry(me.Key) is null) c.Entries.Add(me);
                            }
                        }
                        return c;
                }
                return null;
            }
        }

        /// <summary>Compose interpolation with no variable set: null when the result is unknown.</summary>
        public static string? Interpolate(string text)
        {
            if (text.IndexOf('$') < 0) return text;
            var sb = new StringBuilder();
            int i = 0;
            while (i < text.Length)
            {
                char c = text[i];
                if (c != '$') { sb.Append(c); i++; continue; }
                if (i + 1 >= text.Length) { sb.Append('$'); i++; continue; }
                char n = text[i + 1];
                if (n == '$') { sb.Append('$'); i += 2; continue; }
                if (n == '{')
                {
                    // Find the matching brace: defaults may nest ${A:-${B:-x}}.
                    int depth = 1, j = i + 2;
                    for (; j < text.Length && depth > 0; j++)
                    {
                        if (text[j] == '{' && text[j - 1] == '$') depth++;
                        else if (text[j] == '}') depth--;
                    }
                    if (depth != 0) return null;
                    var inner = text.Substring(i + 2, j - i - 3);
                    int k = 0;
                    while (k < inner.Length && (char.IsLetterOrDigit(inner[k]) || inner[k] == '_')) k++;
                    if (k == 0) return null;
                    var rest = inner.Substring(k);
                    string? replacement;
                    if (rest.Length == 0) replacement = null;                                  // unset, no default
                    else if (rest.StartsWith(":-", StringComparison.Ordinal)) replacement = Interpolate(rest.Substring(2));
                    else if (rest.StartsWith("-", StringComparison.Ordinal)) replacement = Interpolate(rest.Substring(1));
                    else if (rest.StartsWith(":+", StringComparison.Ordinal) || rest.StartsWith("+", StringComparison.Ordinal)) replacement = "";
                    else replacement = null;                                                    // :? and ? are errors when unset
                    if (replacement is null) return null;
                    sb.Append(replacement);
                    i = j;
                    continue;
                }
                if (char.IsLetter(n) || n == '_') return null;                                 // $VAR, unset
                sb.Append('$');
                i++;
            }
            return sb.ToString();
        }

        /// <summary>An override merged into its base, as docker compose merges files.</summary>
        internal static CNode Merge(CNode baseNode, CNode over, string? key = null)
        {
            if (baseNode.Entries != null && over.Entries != null)
            {
                var merged = new CNode(baseNode.File, baseNode.Lines, baseNode.Span) { Entries = new List<CEntry>() };
                foreach (var e in baseNode.Entries)
                {
                    var o = over.Entry(e.Key);
                    var keyFrom = o != null && (o.Value.Entries is null || e.Value.Entries is null) ? o : e;
                    merged.Entries.Add(o is null ? e : new CEntry(e.Key, keyFrom.KeySpan, keyFrom.KeyFile, keyFrom.KeyLines, Merge(e.Value, o.Value, e.Key)));
                }
                foreach (var o in over.Entries) if (baseNode.Entry(o.Key) is null) merged.Entries.Add(o);
                return merged;
            }
            if (baseNode.Items != null && over.Items != null && key != "command" && key != "entrypoint" && key != "test")
            {
                var merged = new CNode(over.File, over.Lines, over.Span) { Items = new List<CNode>(baseNode.Items) };
                foreach (var item in over.Items)
                    if (!(item.IsScalar && item.Value != null && merged.Items.Any(m => m.IsScalar && m.Value == item.Value))) merged.Items.Add(item);
                return merged;
            }
            return over;
        }

        private static CNode Without(CNode map, string key)
            => new CNode(map.File, map.Lines, map.Span) { Entries = map.Entries!.Where(e => e.Key != key).ToList() };

        // ---- projects: base + overrides + includes; services with extends resolved ----

        private sealed class Reader
        {
            private readonly ArtifactScanner.FileTable _files;
            private readonly ReadContext _ctx;
            private readonly Dictionary<string, CNode?> _roots = new Dictionary<string, CNode?>(StringComparer.Ordinal);

            public Reader(ArtifactScanner.FileTable files, ReadContext ctx) { _files = files; _ctx = ctx; }

            public CNode? Root(string file)
            {
                if (_roots.TryGetValue(file, out var cached)) return cached;
                _roots[file] = null;
                var bytes = _files.Bytes(file);
                var yaml = YamlReader.Read(bytes, _ctx.Limits);
                _ctx.AddYamlFindings(file, yaml);
                var text = Text.Decode(bytes);
                var doc = yaml.Documents.FirstOrDefault(d => d.Root != null);
                if (text is null || doc is null) return null;
                if (!(doc.Root is YMapping))
                {
                    _ctx.Finding(RuleIds.YamlSyntax, file, doc.Root!.Span, "a compose file is a mapping (services:, …) at its top level");
                    return null;
                }
                var root = new Converter(file, new SourceLines(text), _ctx).Convert(doc.Root!, 0);
                _roots[file] = root;
                return root;
            }

            public IEnumerable<string> Includes(string file)
            {
                var root = Root(file);
                foreach (var item in root?.Get("include")?.Items ?? new List<CNode>())
                {
                    var paths = item.IsScalar ? new List<CNode> { item } : item.Get("path") is CNode p ? (p.IsScalar ? new List<CNode> { p } : p.Items ?? new List<CNode>()) : new List<CNode>();
                    foreach (var path in paths)
                    {
                        if (path.Value is null) continue;
                        var resolved = ArtifactPaths.Combine(ArtifactPaths.Directory(file), path.Value);
                        if (_files.Contains(resolved)) yield return resolved;
                        else _ctx.Note(file, $"include {path.Value} is not among the scanned files: not followed");
                    }
                }
            }

            /// <summary>The services of a file with its includes (a service defined in the file wins).</summary>
            public List<CEntry> Services(CNode root, string file, HashSet<string> visiting)
            {
                var services = new List<CEntry>(root.Get("services")?.Entries ?? new List<CEntry>());
                if (!visiting.Add(file) || visiting.Count > 16) return services;
                foreach (var inc in Includes(file))
                {
                    var incRoot = Root(inc);
                    if (incRoot is null) continue;
                    foreach (var s in Services(incRoot, inc, visiting))
                        if (!services.Any(x => x.Key == s.Key)) services.Add(s);
                }
                return services;
            }

            /// <summary>A service with its <c>extends</c> chain applied (the extending service wins).</summary>
            public CNode Extend(CEntry service, List<CEntry> siblings, string file, int depth)
            {
                var node = service.Value;
                var ext = node.Get("extends");
                if (ext is null || node.Entries is null) return node;
                if (depth > 16) { _ctx.Note(file, $"service {service.Key}: extends chain too deep or circular: not followed"); return Without(node, "extends"); }
                string? baseName = ext.IsScalar ? ext.Value : ext.Get("service")?.Value;
                string? baseFile = ext.IsScalar ? null : ext.Get("file")?.Value;
                if (baseName is null) return Without(node, "extends");
                CEntry? baseEntry;
                List<CEntry> baseSiblings = siblings;
                string whereFile = file;
                if (baseFile != null)
                {
                    whereFile = ArtifactPaths.Combine(ArtifactPaths.Directory(ext.File), baseFile);
                    var r = _files.Contains(whereFile) ? Root(whereFile) : null;
                    if (r is null)
                    {
                        _ctx.Note(file, $"service {service.Key}: extends file {baseFile} is not among the scanned files: not followed");
                        return Without(node, "extends");
                    }
                    baseSiblings = r.Get("services")?.Entries ?? new List<CEntry>();
                }
                baseEntry = baseSiblings.FirstOrDefault(s => s.Key == baseName);
                if (baseEntry is null || baseEntry == service)
                {
                    _ctx.Note(file, $"service {service.Key}: extends {baseName}, which is not found: not followed");
                    return Without(node, "extends");
                }
                var resolvedBase = Extend(baseEntry, baseSiblings, whereFile, depth + 1);
                return Merge(resolvedBase, Without(node, "extends"));
            }
        }

        internal static List<RawWorkload> Read(List<string> composeFiles, ArtifactScanner.FileTable files, ReadContext ctx)
        {
            var reader = new Reader(files, ctx);
            var result = new List<RawWorkload>();
            var included = new HashSet<string>(StringComparer.Ordinal);
            foreach (var f in composeFiles) foreach (var inc in reader.Includes(f)) included.Add(inc);

            // Override files merge into their base in the same folder.
            var overrides = new Dictionary<string, List<string>>(StringComparer.Ordinal);
            var merged = new HashSet<string>(StringComparer.Ordinal);
            foreach (var f in composeFiles)
            {
                var name = ArtifactPaths.FileName(f);
                if (!IsOverrideName(name.ToLowerInvariant())) continue;
                int at = name.IndexOf(".override.", StringComparison.OrdinalIgnoreCase);
                var stem = name.Substring(0, at);
                var dir = ArtifactPaths.Directory(f);
                var baseFile = new[] { ".yaml", ".yml" }.Select(ext => dir.Length == 0 ? stem + ext : dir + "/" + stem + ext).FirstOrDefault(composeFiles.Contains);
                if (baseFile is null) continue;
                if (!overrides.TryGetValue(baseFile, out var list)) overrides[baseFile] = list = new List<string>();
                list.Add(f);
                merged.Add(f);
            }

            foreach (var f in composeFiles)
            {
                if (merged.Contains(f) || included.Contains(f)) continue;
                var root = reader.Root(f);
                if (root is null) continue;
                var projectFiles = new List<string> { f };
                if (overrides.TryGetValue(f, out var overs))
                {
                    foreach (var o in overs)
                    {
                        var or = reader.Root(o);
                        if (or is null) continue;
                        root = Merge(root, or);
                        projectFiles.Add(o);
                    }
                }
                var services = reader.Services(root, f, new HashSet<string>(StringComparer.Ordinal));
                foreach (var s in services)
                {
                    if (s.Value.Entries is null) continue;
                    var node = reader.Extend(s, services, f, 0);
                    var w = ReadService(s, node, ctx);
                    foreach (var pf in projectFiles) if (Touches(node, pf) || pf == f) w.AddFile(pf);
                    result.Add(w);
                }
            }
            return result;
        }

        private static bool Touches(CNode node, string file)
        {
            if (node.File == file) return true;
            if (node.Entries != null) foreach (var e in node.Entries) if (Touches(e.Value, file)) return true;
            if (node.Items != null) foreach (var i in node.Items) if (Touches(i, file)) return true;
            return false;
        }

        private static void CollectFiles(CNode node, List<string> files, int budget = 10_000)
        {
            var stack = new Stack<CNode>();
            stack.Push(node);
            while (stack.Count > 0 && budget-- > 0)
            {
                var n = stack.Pop();
                if (!files.Contains(n.File)) files.Add(n.File);
                if (n.Entries != null) foreach (var e in n.Entries) stack.Push(e.Value);
                if (n.Items != null) foreach (var i in n.Items) stack.Push(i);
            }
        }

        // ---- one service's evidence ----

        private static readonly string[] HostPaths = { "/proc", "/sys", "/run", "/var/run", "/var/lib/docker" };
        private static readonly string[] RuntimeSockets = { "docker.sock", "containerd.sock", "crio.sock", "cri-dockerd.sock", "podman.sock", "docker_engine" };

        private static RawWorkload ReadService(CEntry service, CNode node, ReadContext ctx)
        {
            var keyLoc = new Location(service.KeyFile, service.KeySpan);
            var keyText = service.KeyLines.Quote(service.KeySpan);
            var source = new ArtifactSource(ArtifactKind.Compose, "compose service " + service.Key, service.Key, keyLoc);
            var w = new RawWorkload(source, service.KeyFile);
            var files = new List<string>();
            CollectFiles(node, files);
            foreach (var f in files) w.AddFile(f);

            if (node.Get("profiles")?.Items is List<CNode> profiles && profiles.Count > 0)
                w.Notes.Add($"compose service {service.Key} runs only with profile(s) {string.Join(", ", profiles.Select(p => p.Value ?? "?"))}");

            // interface: a published port and an HTTP healthcheck.
            var ports = node.Entry("ports");
            var test = node.Get("healthcheck") is CNode hc && !IsTrue(hc.Get("disable")) ? hc.Entry("test") : null;
            string? testText = test is null ? null : test.Value.IsScalar ? test.Value.Value : test.Value.Items is List<CNode> parts ? string.Join(" ", parts.Select(p => p.Value ?? "")) : null;
            bool httpCheck = testText != null && (testText.Contains("curl") || testText.Contains("wget")) && (testText.Contains("http://") || testText.Contains("https://"));
            if (ports?.Value.Items is List<CNode> portList && portList.Count > 0 && httpCheck)
            {
                Add(w, ArtifactFields.Interface, "web", ports, "a published port");
                Add(w, ArtifactFields.Interface, "web", test!, "an HTTP healthcheck");
            }
            else
                w.Add(ArtifactFields.Interface, "headless", keyLoc, keyText, "no published port with an HTTP healthcheck (curl or wget of an http URL)", fallback: true);

            // os
            if (node.Entry("platform") is CEntry platform && platform.Value.Value is string pv)
            {
                if (pv.StartsWith("windows/", StringComparison.OrdinalIgnoreCase)) Add(w, ArtifactFields.Os, "windows", platform);
                else if (pv.StartsWith("linux/", StringComparison.OrdinalIgnoreCase)) Add(w, ArtifactFields.Os, "linux", platform);
            }

            // host
            if (node.Entry("privileged") is CEntry priv && IsTrue(priv.Value)) Add(w, ArtifactFields.Privileged, true, priv);
            foreach (var cap in node.Get("cap_add")?.Items ?? new List<CNode>())
            {
                if (cap.Value is null) continue;
                var name = Vocabulary.Capability(cap.Value);
                if (!Vocabulary.BaselineCapabilities.Contains(name))
                    AddNode(w, ArtifactFields.Privileged, true, cap, $"capability {name} is outside the Pod Security Standards Baseline list");
                if (name == "SYS_MODULE" || name == "ALL")
                    AddNode(w, ArtifactFields.KernelModules, true, cap, $"capability {name} loads kernel modules");
            }
            foreach (var (key, value) in new[] { ("pid", "host"), ("ipc", "host"), ("network_mode", "host") })
                if (node.Entry(key) is CEntry e && e.Value.Value == value) Add(w, ArtifactFields.HostAccess, true, e);
            foreach (var v in node.Get("volumes")?.Items ?? new List<CNode>())
            {
                var bindSource = BindSource(v);
                if (bindSource is null) continue;
                var src = bindSource.Replace('\\', '/').TrimEnd('/');
                if (src.Length == 0 && bindSource.StartsWith("/", StringComparison.Ordinal) || HostPaths.Any(h => src == h || src.StartsWith(h + "/", StringComparison.Ordinal)) || RuntimeSockets.Any(s => src.EndsWith("/" + s, StringComparison.Ordinal)))
                    AddNode(w, ArtifactFields.HostAccess, true, v, $"a bind mount of the host's {(src.Length == 0 ? "/" : src)}");
                if (src == "/lib/modules" || src.StartsWith("/lib/modules/", StringComparison.Ordinal) || src == "/usr/lib/modules" || src.StartsWith("/usr/lib/modules/", StringComparison.Ordinal))
                    AddNode(w, ArtifactFields.KernelModules, true, v, "the host's kernel modules are mounted");
            }

            // devices
            foreach (var d in node.Get("deploy")?.Get("resources")?.Get("reservations")?.Get("devices")?.Items ?? new List<CNode>())
            {
                if (d.Entry("capabilities") is CEntry caps && Flatten(caps.Value).Any(c => c == "gpu"))
                    Add(w, ArtifactFields.Devices, new[] { "gpu" }, caps, "a device reservation with the gpu capability");
            }
            foreach (var d in node.Get("devices")?.Items ?? new List<CNode>())
            {
                var path = d.IsScalar ? d.Value?.Split(':')[0] : d.Get("source")?.Value;
                if (path is null) continue;
                if (path.StartsWith("/dev/nvidia", StringComparison.Ordinal) || path == "/dev/dri" || path.StartsWith("/dev/dri/", StringComparison.Ordinal) || path.StartsWith("nvidia.com/gpu", StringComparison.Ordinal))
                    AddNode(w, ArtifactFields.Devices, new[] { "gpu" }, d, "a GPU device");
                else if (path == "/dev/bus/usb" || path.StartsWith("/dev/bus/usb/", StringComparison.Ordinal))
                    AddNode(w, ArtifactFields.Devices, new[] { "usb" }, d, "the host's USB bus");
            }

            // operations.instances
            if (node.Get("deploy")?.Entry("replicas") is CEntry replicas)
            {
                if (replicas.Value.Value is string r && int.TryParse(r, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n))
                    Add(w, ArtifactFields.Instances, n, replicas);
            }
            else w.Add(ArtifactFields.Instances, 1, keyLoc, keyText, "no deploy.replicas: compose runs 1", fallback: true);

            // deployment.target
            var runtime = node.Entry("runtime");
            var isolation = node.Entry("isolation");
            if (runtime != null && Vocabulary.IsSandboxRuntime(runtime.Value.Value))
                Add(w, ArtifactFields.Target, "sandboxed-container", runtime, "a sandbox runtime");
            else if (isolation != null && string.Equals(isolation.Value.Value, "hyperv", StringComparison.OrdinalIgnoreCase))
                Add(w, ArtifactFields.Target, "sandboxed-container", isolation, "Hyper-V isolation");
            else if (runtime != null && runtime.Value.Value != null)
                Add(w, ArtifactFields.Target, "container", runtime, "not a sandbox runtime");
            else
                w.Add(ArtifactFields.Target, "container", keyLoc, keyText, "no sandbox runtime: a plain container", fallback: true);

            // The Dockerfile its build names.
            if (node.Get("build") is CNode build)
            {
                var context = build.IsScalar ? build.Value : build.Get("context")?.Value ?? ".";
                var dockerfile = build.IsScalar ? "Dockerfile" : build.Get("dockerfile")?.Value ?? "Dockerfile";
                if (context != null && !context.Contains("://") && !context.StartsWith("git@", StringComparison.Ordinal))
                    w.BuildsDockerfiles.Add(ArtifactPaths.Combine(ArtifactPaths.Combine(ArtifactPaths.Directory(build.File), context), dockerfile));
            }
            return w;
        }

        private static bool IsTrue(CNode? node) => node?.Value != null && node.Value.Equals("true", StringComparison.OrdinalIgnoreCase);

        private static IEnumerable<string> Flatten(CNode node)
            => node.IsScalar ? (node.Value != null ? new[] { node.Value } : Array.Empty<string>()) : (node.Items ?? new List<CNode>()).SelectMany(Flatten);

        /// <summary>The host path of a bind mount: short syntax <c>/src:/dst[:mode]</c> (a source starting with / . or ~), or long syntax type: bind.</summary>
        private static string? BindSource(CNode v)
        {
            if (v.IsScalar)
            {
                var s = v.Value;
                if (s is null) return null;
                int colon = s.IndexOf(':');
                if (colon <= 0) return null;
                var src = s.Substring(0, colon);
                return src.StartsWith("/", StringComparison.Ordinal) ? src : null;
            }
            if (v.Get("type")?.Value == "bind" && v.Get("source")?.Value is string source && source.StartsWith("/", StringComparison.Ordinal)) return source;
            return null;
        }

        private static void Add(RawWorkload w, string field, object value, CEntry e, string? reason = null)
        {
            // Located at the key, through the end of its value when the value follows it in the same file
            // (not an alias to an anchor above, not a sequence merged from another file).
            bool follows = e.Value.File == e.KeyFile && e.Value.Span.CompareTo(e.KeySpan) > 0;
            var span = follows ? new SourceSpan(e.KeySpan.Line, e.KeySpan.Column, e.Value.Span.EndLine, e.Value.Span.EndColumn) : e.KeySpan;
            var text = follows ? e.KeyLines.Quote(e.KeySpan, e.Value.Span) : e.KeyLines.Quote(e.KeySpan);
            w.Add(field, value, new Location(e.KeyFile, span), text, reason);
        }

        private static void AddNode(RawWorkload w, string field, object value, CNode node, string reason)
            => w.Add(field, value, new Location(node.File, node.Span), node.Lines.Quote(node.Span), reason);
    }
}
