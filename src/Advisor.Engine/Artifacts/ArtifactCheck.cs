using System;
using System.Collections.Generic;
using System.Linq;
using DeployAdvisor.Engine.Findings;
using DeployAdvisor.Engine.Loading;
using DeployAdvisor.Engine.Model;

namespace DeployAdvisor.Engine.Artifacts
{
    /// <summary>
    /// What a front end knows about the files a descriptor's spec.artifacts names. The engine does no
    /// file I/O: a front end gives an <see cref="IArtifactFileSource"/> (<see cref="Over"/>), and the
    /// engine resolves each entry against it.
    /// </summary>
    public sealed class ArtifactLookup
    {
        /// <param name="match">An entry of spec.artifacts as written → the files it matches (empty: none).</param>
        /// <param name="descriptorBytes">The descriptor file's bytes, so that a finding is located at its entry; optional.</param>
        /// <param name="read">The files matched (in spec.artifacts order, then file order) → their contents, paths as reported; null: artifacts are not compared.</param>
        /// <param name="cache">Shared by the descriptors of one run, so that files several of them name are read and scanned once.</param>
        /// <param name="notFoundHint">Added to DA7000's message (see <see cref="IArtifactFileSource.NotFoundHint"/>).</param>
        public ArtifactLookup(Func<string, IReadOnlyList<string>> match, byte[]? descriptorBytes = null, Func<IReadOnlyList<string>, IReadOnlyList<ArtifactFile>>? read = null,
            ArtifactRunCache? cache = null, string? notFoundHint = null)
        {
            Match = match ?? throw new ArgumentNullException(nameof(match));
            DescriptorBytes = descriptorBytes;
            Read = read;
            Cache = cache;
            NotFoundHint = notFoundHint;
        }

        /// <summary>
        /// The lookup of a descriptor in <paramref name="descriptorFolder"/> (a full path): entries resolve
        /// against <paramref name="files"/> by <see cref="ArtifactMatching"/>, each entry once per descriptor
        /// and, with a <paramref name="cache"/>, a glob once per run for a folder; the files matched are read
        /// and scanned once per run however many descriptors name them.
        /// </summary>
        public static ArtifactLookup Over(IArtifactFileSource files, string descriptorFolder, byte[]? descriptorBytes, ArtifactRunCache? cache = null)
        {
            var folder = ArtifactMatching.Normalize(descriptorFolder);
            var mine = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
            IReadOnlyList<string> Match(string entry)
            {
                if (mine.TryGetValue(entry, out var found)) return found;
                // A path's match is a resolve and one IsFile (the CLI's reads the file ahead for the scan): the run cache
                // spared that only to another descriptor of the same folder, and cost every descriptor a look-up per entry
                // (docs/performance.md). A glob's listing is worth sharing; the scan of the files is shared either way.
                found = cache is null || !Configuration.PathPattern.HasWildcards(entry) ? ArtifactMatching.Match(files, folder, entry) : cache.Match(folder, entry, () => ArtifactMatching.Match(files, folder, entry));
                mine[entry] = found;
                return found;
            }
            IReadOnlyList<ArtifactFile> Read(IReadOnlyList<string> paths)
            {
                var result = new List<ArtifactFile>(paths.Count);
                foreach (var p in paths)
                    if (files.Read(p) is ArtifactFile f) result.Add(f);
                return result;
            }
            return new ArtifactLookup(Match, descriptorBytes, Read, cache, files.NotFoundHint);
        }

        public Func<IReadOnlyList<string>, IReadOnlyList<ArtifactFile>>? Read { get; }

        public Func<string, IReadOnlyList<string>> Match { get; }
        public byte[]? DescriptorBytes { get; }
        public ArtifactRunCache? Cache { get; }
        public string? NotFoundHint { get; }

        /// <summary>The files read and scanned (from the run's cache when another descriptor named the same files); null when artifacts are not compared.</summary>
        internal ScannedArtifacts? Scan(IReadOnlyList<string> files)
        {
            if (Read is null) return null;
            var read = Read;
            ScannedArtifacts Make()
            {
                var contents = read(files);
                var paths = new List<string>(contents.Count);
                foreach (var f in contents) paths.Add(ArtifactPaths.Normalize(f.Path));
                return new ScannedArtifacts(paths, ArtifactScanner.Scan(contents));
            }
            var scanned = Cache is null ? Make() : Cache.Scan(files, Make);
            lock (_scannedFiles) _scannedFiles.AddRange(scanned.Paths);
            return scanned;
        }

        private readonly List<string> _scannedFiles = new List<string>();

        /// <summary>
        /// The artifact files this lookup's checks compared, as findings name them: a run that keeps a baseline
        /// counts their entries as checked, so an entry about an artifact that no longer draws a finding is stale.
        /// </summary>
        public IReadOnlyList<string> ScannedFiles
        {
            get { lock (_scannedFiles) return _scannedFiles.ToArray(); }
        }
    }

    /// <summary>What a set of artifact files says: their paths as findings name them (in the order read) and the scan; no file contents.</summary>
    public sealed class ScannedArtifacts
    {
        internal ScannedArtifacts(IReadOnlyList<string> paths, ScanResult scan) { Paths = paths; Result = scan; }
        public IReadOnlyList<string> Paths { get; }
        public ScanResult Result { get; }
    }

    /// <summary>
    /// `lint` against artifacts (docs/artifacts.md): DA7000 for an entry of spec.artifacts that matches no
    /// file; DA7001-DA7005 where the artifacts' facts differ from the descriptor's fields. The rules still
    /// evaluate the descriptor's fields only: nothing here changes a verdict.
    /// </summary>
    public static class ArtifactCheck
    {
        public const string NotFoundId = "DA7000";

        /// <summary>DA7000 for each entry that matches no file, in entry order, located at the entry.</summary>
        public static List<Finding> NotFound(string descriptorPath, int documentIndex, Workload workload, Schema.FieldLocations locations, ArtifactLookup lookup)
        {
            var result = new List<Finding>();
            if (workload.Artifacts.Count == 0) return result;
            IReadOnlyList<SourceSpan>? spans = null;
            for (int i = 0; i < workload.Artifacts.Count; i++)
            {
                var entry = workload.Artifacts[i];
                if (lookup.Match(entry).Count > 0) continue;
                spans ??= EntrySpans(lookup.DescriptorBytes, documentIndex);
                var at = spans != null && i < spans.Count ? spans[i] : locations.Nearest(Fields.Artifacts);
                var what = Configuration.PathPattern.HasWildcards(entry) ? "the glob" : "the path";
                result.Add(new Finding(NotFoundId, Severity.Error,
                    $"{what} '{entry}' in spec.artifacts matches no file; it is relative to the descriptor's folder" + (lookup.NotFoundHint is null ? "" : "; " + lookup.NotFoundHint),
                    Fields.Artifacts, location: new Location(descriptorPath, at), workload: workload.Name));
            }
            return result;
        }

        /// <summary>
        /// Holds a valid descriptor to its artifacts: DA0001/DA0007 of the artifact files, DA7000 per entry
        /// that matches nothing, then DA7001-DA7005 against the workload the artifacts hold under its name
        /// (or their only workload).
        /// </summary>
        public static List<Finding> Check(string descriptorPath, int documentIndex, Workload workload, Schema.FieldLocations locations, ArtifactLookup lookup, Evaluation.WorkloadEvaluation? evaluation = null)
        {
            var result = NotFound(descriptorPath, documentIndex, workload, locations, lookup);
            if (lookup.Read is null) return result;
            var order = new List<string>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var entry in workload.Artifacts)
                foreach (var f in lookup.Match(entry))
                    if (seen.Add(f)) order.Add(f);
            if (order.Count == 0) return result;
            var scanned = lookup.Scan(order)!;
            var scan = scanned.Result;
            foreach (var f in scan.Findings) result.Add(f.With(workload: f.Workload ?? workload.Name));
            var facts = scan.Workload(workload.Name) ?? (scan.Workloads.Count == 1 ? scan.Workloads[0] : null);
            if (facts != null)
            {
                var rank = new Dictionary<string, int>(StringComparer.Ordinal);
                for (int i = 0; i < scanned.Paths.Count; i++) rank[scanned.Paths[i]] = i;
                result.AddRange(Compare(descriptorPath, workload, locations, facts, rank));
                if (evaluation != null) result.AddRange(ArtifactPlan(descriptorPath, locations, facts, evaluation, rank));
            }
            return result;
        }

        /// <summary>Evidence in the order of the descriptor's artifact entries (<paramref name="fileRank"/>, by normalised path), then by file and position.</summary>
        private static List<Evidence> InRankOrder(IEnumerable<Evidence> evidence, IReadOnlyDictionary<string, int>? fileRank)
        {
            // A sort with the original position as the last key is the stable OrderBy/ThenBy chain this was, without its per-call iterators.
            var keyed = new List<(int Rank, Evidence Evidence, int Index)>();
            foreach (var e in evidence)
                keyed.Add((fileRank != null && e.Location.File != null && fileRank.TryGetValue(ArtifactPaths.Normalize(e.Location.File), out var r) ? r : int.MaxValue, e, keyed.Count));
            if (keyed.Count > 1)
                keyed.Sort((a, b) =>
                {
                    int c = a.Rank.CompareTo(b.Rank);
                    if (c == 0) c = StringComparer.Ordinal.Compare(a.Evidence.Location.File, b.Evidence.Location.File);
                    if (c == 0) c = a.Evidence.Location.Span.Line.CompareTo(b.Evidence.Location.Span.Line);
                    if (c == 0) c = a.Evidence.Location.Span.Column.CompareTo(b.Evidence.Location.Span.Column);
                    return c != 0 ? c : a.Index.CompareTo(b.Index);
                });
            var result = new List<Evidence>(keyed.Count);
            foreach (var k in keyed) result.Add(k.Evidence);
            return result;
        }

        /// <summary>DA7001-DA7005 for one workload's facts, each once, at the first piece of evidence.</summary>
        public static List<Finding> Compare(string descriptorPath, Workload w, Schema.FieldLocations locations, WorkloadFacts facts, IReadOnlyDictionary<string, int>? fileRank = null)
        {
            var result = new List<Finding>();
            string? Text(string field) => facts.Fields.TryGetValue(field, out var f) ? ArtifactValues.Format(f.Value) : null;
            IReadOnlyList<Evidence> EvidenceOf(string field) => facts.Fields.TryGetValue(field, out var f) ? f.Evidence : Array.Empty<Evidence>();
            bool IsTrue(string field) => facts.Fields.TryGetValue(field, out var f) && f.Value is bool b && b;

            void Report(string id, Severity severity, string field, IEnumerable<Evidence> evidence, string message)
            {
                var ordered = InRankOrder(evidence, fileRank);
                if (ordered.Count == 0) return;
                var related = ordered.Skip(1).Select(e => e.Location).Distinct().ToList();
                related.Add(new Location(descriptorPath, locations.Nearest(field)));
                result.Add(new Finding(id, severity, message, field, location: ordered[0].Location, relatedLocations: related, workload: w.Name));
            }

            // DA7001: the target the artifacts deploy differs from the planned one.
            if (Text(Fields.Target) is string target && w.PlannedTarget != null && target != w.Get(Fields.Target).ToString())
                Report("DA7001", Severity.Error, Fields.Target, EvidenceOf(Fields.Target),
                    $"the artifacts deploy a {target} ({Describe(EvidenceOf(Fields.Target))}) but spec.deployment.target is {w.Get(Fields.Target)}");

            // DA7002: privilege, host access or kernel modules the descriptor does not declare.
            var undeclared = new List<(string Field, string What)>();
            if (IsTrue(ArtifactFields.Privileged) && !w.Privileged) undeclared.Add((ArtifactFields.Privileged, "privilege"));
            if (IsTrue(ArtifactFields.HostAccess) && !w.HostAccess) undeclared.Add((ArtifactFields.HostAccess, "host access"));
            if (IsTrue(ArtifactFields.KernelModules) && !w.KernelModules) undeclared.Add((ArtifactFields.KernelModules, "kernel modules"));
            if (undeclared.Count > 0)
                Report("DA7002", Severity.Warning, undeclared[0].Field, undeclared.SelectMany(u => EvidenceOf(u.Field)),
                    $"the artifacts grant {string.Join(", ", undeclared.Select(u => u.What))} that the descriptor does not declare: set {string.Join(", ", undeclared.Select(u => u.Field + ": true"))}");

            // DA7003: devices missing from spec.host.devices.
            if (facts.Fields.TryGetValue(ArtifactFields.Devices, out var devices) && devices.Value is IEnumerable<string> wanted)
            {
                var declared = new HashSet<string>(w.Devices.Select(d => FieldValue.Enum(d).ToString()), StringComparer.Ordinal);
                var missing = wanted.Where(d => !declared.Contains(d)).ToList();
                if (missing.Count > 0)
                    Report("DA7003", Severity.Warning, ArtifactFields.Devices, devices.Evidence.Where(e => !(e.Value is IEnumerable<string> l) || l.Any(missing.Contains)),
                        $"the artifacts request {string.Join(", ", missing)} but spec.host.devices does not list {(missing.Count == 1 ? "it" : "them")}");
            }

            // DA7004: OS or Windows image.
            var osMismatch = new List<string>();
            if (Text(ArtifactFields.Os) is string os && os != w.Get(Fields.Os).ToString()) osMismatch.Add(ArtifactFields.Os);
            if (Text(ArtifactFields.WindowsImage) is string image && (Text(ArtifactFields.Os) ?? w.Get(Fields.Os).ToString()) == "windows"
                && w.Get(Fields.Os).ToString() == "windows" && image != w.Get(Fields.WindowsImage).ToString()) osMismatch.Add(ArtifactFields.WindowsImage);
            if (osMismatch.Count > 0)
                Report("DA7004", Severity.Warning, osMismatch[0], osMismatch.SelectMany(EvidenceOf),
                    "the artifacts build " + string.Join(" and ", osMismatch.Select(f => $"{f} {Text(f)}")) + " but the descriptor says " + string.Join(" and ", osMismatch.Select(f => $"{w.Get(f)}")));

            // DA7005: a GUI project while the interface is not gui, or an HTTP service while it is gui.
            if (Text(ArtifactFields.Interface) is string iface)
            {
                var declaredInterface = w.Get(Fields.Interface).ToString();
                if ((iface == "gui" && declaredInterface != "gui") || (iface == "web" && declaredInterface == "gui"))
                    Report("DA7005", Severity.Warning, ArtifactFields.Interface, EvidenceOf(ArtifactFields.Interface),
                        iface == "gui"
                            ? $"the artifacts build a GUI ({Describe(EvidenceOf(ArtifactFields.Interface))}) but spec.interface is {declaredInterface}"
                            : $"the artifacts serve HTTP ({Describe(EvidenceOf(ArtifactFields.Interface))}) but spec.interface is gui");
            }
            return result;
        }

        /// <summary>
        /// The target the artifacts deploy is a plan too: every excluding rule that excludes it is reported
        /// once more, located at the artifact's pod spec or service (the target's first evidence), whether or
        /// not the descriptor plans a target. Other plan comments are not repeated.
        /// </summary>
        public static List<Finding> ArtifactPlan(string descriptorPath, Schema.FieldLocations locations, WorkloadFacts facts, Evaluation.WorkloadEvaluation evaluation, IReadOnlyDictionary<string, int>? fileRank = null)
        {
            var result = new List<Finding>();
            if (!facts.Fields.TryGetValue(Fields.Target, out var fact)) return result;
            var text = ArtifactValues.Format(fact.Value);
            Target? deployed = null;
            foreach (var t in Targets)
                if (FieldValue.Enum(t).ToString() == text) deployed = t;
            if (!(deployed is Target target) || fact.Evidence.Count == 0) return result;
            // Ordered only when an exclusion is reported: most deployed targets are excluded by no rule.
            List<Evidence>? evidence = null;
            HashSet<string>? seen = null;
            foreach (var ex in evaluation.For(target).Exclusions)
            {
                if (!(seen ??= new HashSet<string>(StringComparer.Ordinal)).Add(ex.Rule.Id)) continue;
                evidence ??= InRankOrder(fact.Evidence, fileRank);
                var relatedFields = ex.Fields.Where(f => f != Fields.Target).ToList();
                var related = evidence.Skip(1).Select(e => e.Location).Distinct().ToList();
                foreach (var f in relatedFields) related.Add(new Location(descriptorPath, locations.Nearest(f)));
                result.Add(new Finding(ex.Rule.Id, ex.Rule.DefaultSeverity,
                    DeployedBy(Evaluation.Explanations.PlanViolation(ex, target, evaluation.Recommendation), text) + $" ({Describe(evidence)})",
                    Fields.Target, relatedFields, evidence[0].Location, related, evaluation.Workload.Name));
            }
            return result;
        }

        // The plan here is the artifacts', not the descriptor's: say so where the message says "planned <target>".
        private static string DeployedBy(string message, string target)
        {
            var planned = "planned " + target;
            int at = message.IndexOf(planned, StringComparison.Ordinal);
            return at < 0 ? message : message.Substring(0, at) + target + " as the artifacts deploy it" + message.Substring(at + planned.Length);
        }

        /// <summary>The targets, once: Enum.GetValues reflects and boxes on every call.</summary>
        private static readonly Target[] Targets = (Target[])Enum.GetValues(typeof(Target));

        private static string Describe(IReadOnlyList<Evidence> evidence) => evidence.Count == 0 ? "" : (evidence[0].Reason ?? evidence[0].Text);

        /// <summary>Where each item of spec.artifacts is written in a document (the binder keeps fields, not items); null when unknown.</summary>
        public static IReadOnlyList<SourceSpan>? EntrySpans(byte[]? bytes, int documentIndex)
        {
            if (bytes is null) return null;
            YamlText text;
            try { text = YamlReader.Read(bytes); }
            catch (Exception) { return null; }
            foreach (var doc in text.Documents)
            {
                if (doc.Index != documentIndex) continue;
                if (!(ValueAt(doc.Root, "spec") is YMapping spec) || !(ValueAt(spec, "artifacts") is YSequence items)) return null;
                var spans = new List<SourceSpan>(items.Items.Count);
                foreach (var item in items.Items) spans.Add(item.Span);
                return spans;
            }
            return null;
        }

        private static YNode? ValueAt(YNode? node, string key)
        {
            if (!(node is YMapping map)) return null;
            foreach (var e in map.Entries)
                if (e.Key is YScalar k && k.Value == key) return e.Value;
            return null;
        }
    }
}
