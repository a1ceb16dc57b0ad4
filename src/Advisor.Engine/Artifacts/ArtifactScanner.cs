using System;
using System.Collections.Generic;
using System.Linq;
using DeployAdvisor.Engine.Findings;
using DeployAdvisor.Engine.Loading;

namespace DeployAdvisor.Engine.Artifacts
{
    public sealed class ArtifactScanOptions
    {
        public static readonly ArtifactScanOptions Default = new ArtifactScanOptions();
        /// <summary>The loader limits (DA0007), as for descriptors.</summary>
        public Limits Limits { get; set; } = Limits.Default;
        /// <summary>The scanned root's own folder name: names a Dockerfile that sits at the root.</summary>
        public string? RootName { get; set; }
        /// <summary>
        /// Read the manifests and Dockerfiles on every core (infer over a whole repository); off for a
        /// descriptor's few files, which lint already checks in parallel, and inside the compiler.
        /// </summary>
        public bool Parallel { get; set; }
    }

    /// <summary>
    /// The one entry point: reads Kubernetes manifests, compose files, Dockerfiles and .NET project
    /// files (artifacts.md), groups what they say into workloads and names them. The front end does
    /// the file I/O: paths are relative to the scanned root. Nothing is executed or fetched, and no
    /// input makes it throw: malformed input is DA0001 at its place, a limit DA0007.
    /// </summary>
    public static class ArtifactScanner
    {
        public static ScanResult Scan(IReadOnlyList<ArtifactFile> files, ArtifactScanOptions? options = null)
        {
            options ??= ArtifactScanOptions.Default;
            var ctx = new ReadContext(options.Limits);
            // Tables sized for what they will hold: grown by doubling, a repository's tables are nearly half empty.
            var table = new FileTable(files);
            var order = new List<string>(files.Count);
            for (int i = 0; i < files.Count; i++)
            {
                var p = ArtifactPaths.Normalize(files[i].Path);
                if (table.Add(p, i)) order.Add(p);
            }

            var kube = new KubernetesReader(ctx);
            var yamlFiles = new List<string>();
            var composeFiles = new List<string>();
            var dockerfiles = new List<string>();
            var projects = new List<string>();
            foreach (var path in order)
            {
                switch (Classify(path))
                {
                    case FileKind.Compose: composeFiles.Add(path); break;
                    case FileKind.Yaml: yamlFiles.Add(path); break;
                    case FileKind.Dockerfile: dockerfiles.Add(path); break;
                    case FileKind.Project: projects.Add(path); break;
                }
            }
            // Compose and project files are few and look each other up by path: read first and kept for the scan.
            // One that cannot be read is left out, as if it had not been given.
            composeFiles.RemoveAll(p => !table.Contains(p));
            projects.RemoveAll(p => !table.Contains(p));

            // Each file on its own (in parallel when asked), then merged in path order: the result does not depend on the schedule.
            // Manifests and Dockerfiles are read here, a batch at a time, and their bytes dropped once scanned; what is kept
            // of each batch shares its repeated strings with the files before it, so memory grows with the workloads'
            // compact records, not with the files.
            var pool = new StringPool();
            Batches(yamlFiles, options, path =>
            {
                var read = new KubernetesReader.FileRead(options.Limits);
                if (table.Read(path) is byte[] bytes) Guard(read.Context, path, () => KubernetesReader.Read(path, bytes, read));
                return read;
            }, read =>
            {
                foreach (var o in read.Objects) o.Share(pool);
                kube.Add(read);
            });
            var primary = new List<RawWorkload>();
            Guard(ctx, "", () => primary.AddRange(ComposeReader.Read(composeFiles, table, ctx)));
            Guard(ctx, "", () => primary.AddRange(kube.Workloads()));
            // The objects' records are not needed once their workloads are made: dropped before the Dockerfiles are read.
            kube = null!;

            var dockerReads = new List<(RawWorkload? Workload, ReadContext? Context)>(dockerfiles.Count);
            Batches(dockerfiles, options, path =>
            {
                var local = new ReadContext(options.Limits);
                var bytes = table.Read(path);
                var w = bytes is null ? null : Read(local, path, () => DockerfileReader.Read(path, bytes, FolderName(ArtifactPaths.Directory(path), options), local));
                return (Workload: w, Context: local);
            }, read =>
            {
                read.Workload?.Share(pool);
                dockerReads.Add((read.Workload, read.Context.IsEmpty ? null : read.Context));
            });

            // Indexes keep grouping linear in the number of files (a repository may hold thousands).
            var groups = new Groups(primary.Count);
            foreach (var w in primary) groups.New(Vocabulary.DescriptorName(w.RawName), w, primary: true);
            var builtBy = new Dictionary<string, Group>(StringComparer.Ordinal);
            foreach (var g in groups.All)
                for (int i = 0; i < g.Count; i++)
                    foreach (var d in g[i].BuildsSoFar)
                        if (!builtBy.ContainsKey(d)) builtBy[d] = g;

            // Dockerfiles: the compose service whose build names it; else the nearest folder named like a workload; else its folder's own.
            // "A workload" here is one a Kubernetes object or compose service made: a Dockerfile at the root
            // (named after the root) must not pull in every Dockerfile below it.
            // folder -> the workload of its first Dockerfile: only projects look it up, and a repository may have thousands of folders.
            var dockerFolders = projects.Count > 0 ? new Dictionary<string, Group>(StringComparer.Ordinal) : null;
            var ownFolders = new Dictionary<string, Group>(StringComparer.Ordinal);     // folder -> a workload made for its Dockerfiles
            for (int d = 0; d < dockerfiles.Count; d++)
            {
                var path = dockerfiles[d];
                builtBy.TryGetValue(path, out var group);
                var folder = ArtifactPaths.Directory(path);
                for (var dir = folder; dir.Length > 0 && group is null; dir = ArtifactPaths.Directory(dir))
                    group = groups.Primary(Vocabulary.DescriptorName(ArtifactPaths.FileName(dir)));
                if (group is null && options.RootName != null) group = groups.Primary(Vocabulary.DescriptorName(options.RootName));
                if (group is null) ownFolders.TryGetValue(folder, out group);
                var (w, local) = dockerReads[d];
                if (local != null) ctx.Merge(local);
                if (w is null) continue;
                if (group is null)
                {
                    group = groups.New(Vocabulary.DescriptorName(FolderName(folder, options)), w, primary: false);
                    ownFolders[folder] = group;
                }
                else group.Add(w);
                if (dockerFolders != null && !dockerFolders.ContainsKey(folder)) dockerFolders[folder] = group;
            }

            // Projects: the workload whose Dockerfile is in its folder; else the one named like it; else its own.
            foreach (var path in projects)
            {
                var w = Read(ctx, path, () => ProjectReader.Read(path, table, ctx));
                if (w is null) continue;
                dockerFolders!.TryGetValue(ArtifactPaths.Directory(path), out var group);
                var name = Vocabulary.DescriptorName(w.RawName);
                // By name: a workload that a manifest, compose file or Dockerfile made. Two projects of the
                // same name in different folders (src/Api, tests/Api) are two workloads, not one.
                group ??= groups.NotFromProjectsOnly(name);
                if (group is null) groups.New(name, w, primary: false);
                else group.Add(w);
            }

            return new ScanResult(new Workloads(groups.All), ctx.Platform, Finding.Sort(ctx.Findings), ctx.Notes);
        }

        /// <summary>How many files are read before what they gave is merged: enough to keep every core busy, few enough to hold.</summary>
        private const int BatchSize = 256;

        /// <summary>
        /// Each item read on its own (on every core when the options ask for it), then merged in order a batch at
        /// a time: only a batch of whole per-file results is held before <paramref name="merge"/> keeps what it needs.
        /// </summary>
        private static void Batches<T>(List<string> paths, ArtifactScanOptions options, Func<string, T> read, Action<T> merge)
        {
            var results = new T[Math.Min(BatchSize, paths.Count)];
            for (int start = 0; start < paths.Count; start += BatchSize)
            {
                int count = Math.Min(BatchSize, paths.Count - start);
                if (options.Parallel && count > 1)
                    System.Threading.Tasks.Parallel.For(0, count, new System.Threading.Tasks.ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
                        i => results[i] = read(paths[start + i]));
                else
                    for (int i = 0; i < count; i++) results[i] = read(paths[start + i]);
                for (int i = 0; i < count; i++)
                {
                    merge(results[i]);
                    results[i] = default!;
                }
            }
        }

        /// <summary>The workloads in grouping order, each built from its group when asked for and not kept (<see cref="INamedList"/>).</summary>
        private sealed class Workloads : IReadOnlyList<WorkloadFacts>, INamedList
        {
            private readonly List<Group> _groups;
            private Dictionary<string, int>? _byName;

            public Workloads(List<Group> groups) { _groups = groups; }

            public int Count => _groups.Count;
            public WorkloadFacts this[int index] => Build(_groups[index]);

            public WorkloadFacts? Named(string name)
            {
                if (_byName is null)
                {
                    var byName = new Dictionary<string, int>(StringComparer.Ordinal);
                    for (int i = 0; i < _groups.Count; i++) if (!byName.ContainsKey(_groups[i].Name)) byName[_groups[i].Name] = i;
                    _byName = byName;
                }
                return _byName.TryGetValue(name, out var at) ? this[at] : null;
            }

            public IEnumerator<WorkloadFacts> GetEnumerator()
            {
                for (int i = 0; i < _groups.Count; i++) yield return Build(_groups[i]);
            }

            System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
        }

        /// <summary>
        /// The scanned files by normalized path. A file counts as given only when it can be read: what compose and
        /// project files look up (includes, extends, imports, Directory.Build.props) is read once and kept for the
        /// scan; manifests and Dockerfiles are read when scanned and not kept.
        /// </summary>
        internal sealed class FileTable
        {
            // Each path's place in the given list, not its ArtifactFile: a front end may make the files as they
            // are asked for (infer's are), and then none is held for the scan.
            private readonly IReadOnlyList<ArtifactFile> _given;
            private readonly Dictionary<string, int> _files;

            public FileTable(IReadOnlyList<ArtifactFile> given)
            {
                _given = given;
                _files = new Dictionary<string, int>(given.Count, StringComparer.Ordinal);
            }
            private readonly Dictionary<string, byte[]?> _kept = new Dictionary<string, byte[]?>(StringComparer.Ordinal);

            /// <summary>False when the path is already taken (the first file of a path counts).</summary>
            public bool Add(string path, int index)
            {
                if (_files.ContainsKey(path)) return false;
                _files[path] = index;
                return true;
            }

            public bool Contains(string path) => Kept(path) != null;

            /// <summary>The bytes of a file known to be readable (<see cref="Contains"/>).</summary>
            public byte[] Bytes(string path) => Kept(path) ?? Array.Empty<byte>();

            /// <summary>Reads a file without keeping it (a file already kept is not read again); thread-safe while nothing is kept.</summary>
            public byte[]? Read(string path)
            {
                if (_kept.TryGetValue(path, out var kept)) return kept;
                return _files.TryGetValue(path, out var i) ? _given[i].TryRead() : null;
            }

            private byte[]? Kept(string path)
            {
                if (_kept.TryGetValue(path, out var kept)) return kept;
                if (!_files.TryGetValue(path, out var i)) return null;
                return _kept[path] = _given[i].TryRead();
            }
        }

        private static string FolderName(string folder, ArtifactScanOptions options)
            => folder.Length > 0 ? ArtifactPaths.FileName(folder) : options.RootName ?? "root";

        private enum FileKind { Other, Yaml, Compose, Dockerfile, Project }

        private static FileKind Classify(string path)
        {
            var name = ArtifactPaths.FileName(path);
            var lower = name.ToLowerInvariant();
            if (lower.EndsWith(".csproj", StringComparison.Ordinal)) return FileKind.Project;
            if (IsDockerfileName(name)) return FileKind.Dockerfile;
            bool yaml = lower.EndsWith(".yaml", StringComparison.Ordinal) || lower.EndsWith(".yml", StringComparison.Ordinal);
            if (!yaml) return FileKind.Other;
            return ComposeReader.IsComposeName(lower) ? FileKind.Compose : FileKind.Yaml;
        }

        public static bool IsDockerfileName(string name)
        {
            if (name.EndsWith(".dockerignore", StringComparison.OrdinalIgnoreCase)) return false;
            return name.Equals("Dockerfile", StringComparison.OrdinalIgnoreCase)
                || name.EndsWith(".Dockerfile", StringComparison.OrdinalIgnoreCase)
                || name.StartsWith("Dockerfile.", StringComparison.OrdinalIgnoreCase);
        }

        private sealed class Group
        {
            public Group(string name, bool primary, RawWorkload first) { Name = name; IsPrimary = primary; _first = first; }
            public string Name { get; }
            /// <summary>Made by a Kubernetes object or a compose service.</summary>
            public bool IsPrimary { get; }
            // Every workload's group is held until the output is written: most have two members (an object or service
            // and its Dockerfile) and no notes, so the first two are fields and a list is made only for a third.
            private readonly RawWorkload _first;
            private RawWorkload? _second;
            private List<RawWorkload>? _more;
            private List<string>? _notes;

            /// <summary>How many members, and each in the order they joined.</summary>
            public int Count => _second is null ? 1 : 2 + (_more?.Count ?? 0);
            public RawWorkload this[int index] => index == 0 ? _first : index == 1 && _second != null ? _second : _more![index - 2];
            public List<string> Notes => _notes ??= new List<string>();
            public IReadOnlyList<string> NotesSoFar => (IReadOnlyList<string>?)_notes ?? Array.Empty<string>();

            public void Add(RawWorkload w)
            {
                if (_second is null) _second = w;
                else (_more ??= new List<RawWorkload>()).Add(w);
            }
        }

        private sealed class Groups
        {
            private readonly Dictionary<string, Group> _byName;
            private readonly Dictionary<string, Group> _primaryByName;
            private readonly Dictionary<string, Group> _notProjectOnlyByName;

            /// <param name="primaries">How many workloads Kubernetes objects and compose services made: most groups are theirs.</param>
            public Groups(int primaries)
            {
                _byName = new Dictionary<string, Group>(primaries, StringComparer.Ordinal);
                _primaryByName = new Dictionary<string, Group>(primaries, StringComparer.Ordinal);
                _notProjectOnlyByName = new Dictionary<string, Group>(primaries, StringComparer.Ordinal);
                All = new List<Group>(primaries);
            }

            public List<Group> All { get; }

            public Group? Primary(string name) => _primaryByName.TryGetValue(name, out var g) ? g : null;

            /// <summary>The first workload of that name that a manifest, compose file or Dockerfile made.</summary>
            public Group? NotFromProjectsOnly(string name) => _notProjectOnlyByName.TryGetValue(name, out var g) ? g : null;

            /// <summary>A new workload; a name already taken gets -2, -3, … (cut to fit 63) and a note on both.</summary>
            public Group New(string name, RawWorkload first, bool primary)
            {
                var unique = name;
                var notes = new List<string>();
                if (_byName.TryGetValue(name, out var taken))
                {
                    for (int n = 2; ; n++)
                    {
                        var suffix = "-" + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
                        unique = (name.Length + suffix.Length > 63 ? name.Substring(0, 63 - suffix.Length) : name) + suffix;
                        if (!_byName.ContainsKey(unique)) break;
                    }
                    var message = $"the name '{name}' is taken by {taken[0].Source}; {first.Source} is named '{unique}'";
                    notes.Add(message);
                    taken.Notes.Add(message);
                }
                var group = new Group(unique, primary, first);
                if (notes.Count > 0) group.Notes.AddRange(notes);
                All.Add(group);
                _byName[unique] = group;
                // Joining by name looks for the name as written, so a renamed duplicate is not found by it.
                if (primary && !_primaryByName.ContainsKey(name)) _primaryByName[name] = group;
                if (first.Kind != ArtifactKind.Project && !_notProjectOnlyByName.ContainsKey(name)) _notProjectOnlyByName[name] = group;
                return group;
            }
        }

        private static WorkloadFacts Build(Group g)
        {
            var notes = new List<string>(g.NotesSoFar);
            for (int i = 0; i < g.Count; i++) notes.AddRange(g[i].NotesSoFar);
            return new WorkloadFacts(g.Name, notes, () => Facts(g));
        }

        private static (IReadOnlyList<ArtifactSource>, IReadOnlyDictionary<string, FieldFact>, IReadOnlyList<FieldConflict>, IReadOnlyList<string>) Facts(Group g)
        {
            var fields = new Dictionary<string, FieldFact>(StringComparer.Ordinal);
            var conflicts = new List<FieldConflict>();
            // The model's objects are made here from the members' records: a source per member, shared by its evidence.
            // Evidence by field in one pass, each field's in member and then evidence order.
            var sources = new List<ArtifactSource>(g.Count);
            var byField = new List<Evidence>?[ArtifactFields.Count];
            for (int i = 0; i < g.Count; i++)
            {
                var m = g[i];
                var source = m.Source;
                sources.Add(source);
                for (int e = 0; e < m.EvidenceCount; e++) (byField[m.FieldOf(e)] ??= new List<Evidence>()).Add(m.Evidence(e, source));
            }
            for (int f = 0; f < byField.Length; f++)
            {
                if (!(byField[f] is List<Evidence> ev)) continue;
                var field = ArtifactFields.At(f);
                if (field == ArtifactFields.Devices)
                {
                    var set = ev.SelectMany(e => (IEnumerable<string>)e.Value).Distinct(StringComparer.Ordinal).OrderBy(s => s, StringComparer.Ordinal).ToList();
                    fields[field] = new FieldFact(field, set, ev);
                }
                else if (ArtifactFields.IsUnion(field))
                    fields[field] = new FieldFact(field, ev.Any(e => e.Value is true), ev);
                else if (Agree(ev)) fields[field] = new FieldFact(field, ev[0].Value, ev);
                else
                {
                    var byValue = ev.GroupBy(e => ArtifactValues.Key(e.Value)).ToList();
                    conflicts.Add(new FieldConflict(field, byValue.Select(v => new FieldFact(field, v.First().Value, v.ToList())).ToList()));
                }
            }
            var artifacts = new List<string>();
            var seen = g.Count > 1 ? new HashSet<string>(StringComparer.Ordinal) : null;
            for (int i = 0; i < g.Count; i++)
                foreach (var file in g[i].Files)
                    if (seen is null ? !artifacts.Contains(file) : seen.Add(file)) artifacts.Add(file);
            return (sources, fields, conflicts, artifacts);
        }

        /// <summary>
        /// Whether every piece of evidence gives the same value (one group by <see cref="ArtifactValues.Key"/>): most
        /// fields have one or two, and the values are compared as they are before any is written out as a key.
        /// </summary>
        private static bool Agree(List<Evidence> ev)
        {
            if (ev.Count == 1) return true;
            var first = ev[0].Value;
            string? key = null;
            for (int i = 1; i < ev.Count; i++)
            {
                var value = ev[i].Value;
                if (ReferenceEquals(value, first) || value.Equals(first) && value.GetType() == first.GetType()) continue;
                key ??= ArtifactValues.Key(first);
                if (ArtifactValues.Key(value) != key) return false;
            }
            return true;
        }

        private static RawWorkload? Read(ReadContext ctx, string path, Func<RawWorkload?> read)
        {
            RawWorkload? result = null;
            Guard(ctx, path, () => result = read());
            return result;
        }

        /// <summary>The last line of defence: a reader bug on a strange input becomes a finding for that file, never a crash.</summary>
        private static void Guard(ReadContext ctx, string path, Action action)
        {
            try { action(); }
            catch (Exception e) when (!(e is OutOfMemoryException))
            {
                ctx.Finding(RuleIds.YamlSyntax, path, SourceSpan.FileStart, $"the file could not be read ({e.GetType().Name}); it was skipped");
            }
        }
    }
}
