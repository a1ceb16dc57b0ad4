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
            var byPath = new Dictionary<string, ArtifactFile>(StringComparer.Ordinal);
            var order = new List<string>();
            foreach (var f in files)
            {
                var p = ArtifactPaths.Normalize(f.Path);
                if (byPath.ContainsKey(p)) continue;
                byPath[p] = f;
                order.Add(p);
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
            // Each file on its own (in parallel when asked), then merged in path order: the result does not depend on the schedule.
            var manifests = Map(yamlFiles, options, path =>
            {
                var read = new KubernetesReader.FileRead(options.Limits);
                Guard(read.Context, path, () => KubernetesReader.Read(path, byPath[path].Bytes, read));
                return read;
            });
            foreach (var read in manifests) kube.Add(read);
            manifests = null;
            var dockerReads = Map(dockerfiles, options, path =>
            {
                var local = new ReadContext(options.Limits);
                var w = Read(local, path, () => DockerfileReader.Read(path, byPath[path].Bytes, FolderName(ArtifactPaths.Directory(path), options), local));
                return (Workload: w, Context: local);
            });

            var primary = new List<RawWorkload>();
            Guard(ctx, "", () => primary.AddRange(ComposeReader.Read(composeFiles, byPath, ctx)));
            Guard(ctx, "", () => primary.AddRange(kube.Workloads()));

            // Indexes keep grouping linear in the number of files (a repository may hold thousands).
            var groups = new Groups();
            foreach (var w in primary) groups.New(Vocabulary.DescriptorName(w.Source.RawName), w, primary: true);
            var builtBy = new Dictionary<string, Group>(StringComparer.Ordinal);
            foreach (var g in groups.All)
                foreach (var m in g.Members)
                    foreach (var d in m.BuildsDockerfiles)
                        if (!builtBy.ContainsKey(d)) builtBy[d] = g;

            // Dockerfiles: the compose service whose build names it; else the nearest folder named like a workload; else its folder's own.
            // "A workload" here is one a Kubernetes object or compose service made: a Dockerfile at the root
            // (named after the root) must not pull in every Dockerfile below it.
            var dockerFolders = new Dictionary<string, Group>(StringComparer.Ordinal);  // folder -> the workload of its first Dockerfile
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
                ctx.Merge(local);
                if (w is null) continue;
                if (group is null)
                {
                    group = groups.New(Vocabulary.DescriptorName(FolderName(folder, options)), w, primary: false);
                    ownFolders[folder] = group;
                }
                else group.Add(w);
                if (!dockerFolders.ContainsKey(folder)) dockerFolders[folder] = group;
            }

            // Projects: the workload whose Dockerfile is in its folder; else the one named like it; else its own.
            foreach (var path in projects)
            {
                var w = Read(ctx, path, () => ProjectReader.Read(path, byPath, ctx));
                if (w is null) continue;
                dockerFolders.TryGetValue(ArtifactPaths.Directory(path), out var group);
                var name = Vocabulary.DescriptorName(w.Source.RawName);
                // By name: a workload that a manifest, compose file or Dockerfile made. Two projects of the
                // same name in different folders (src/Api, tests/Api) are two workloads, not one.
                group ??= groups.NotFromProjectsOnly(name);
                if (group is null) groups.New(name, w, primary: false);
                else group.Add(w);
            }

            var workloads = groups.All.Select(Build).ToList();
            return new ScanResult(workloads, ctx.Platform, Finding.Sort(ctx.Findings), ctx.Notes);
        }

        /// <summary>Each item read on its own: on every core when the options ask for it, in order either way.</summary>
        private static T[] Map<T>(List<string> paths, ArtifactScanOptions options, Func<string, T> read)
        {
            var results = new T[paths.Count];
            if (options.Parallel && paths.Count > 1)
                System.Threading.Tasks.Parallel.For(0, paths.Count, new System.Threading.Tasks.ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
                    i => results[i] = read(paths[i]));
            else
                for (int i = 0; i < paths.Count; i++) results[i] = read(paths[i]);
            return results;
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
            public Group(string name, bool primary) { Name = name; IsPrimary = primary; }
            public string Name { get; }
            /// <summary>Made by a Kubernetes object or a compose service.</summary>
            public bool IsPrimary { get; }
            public List<RawWorkload> Members { get; } = new List<RawWorkload>();
            public List<string> Notes { get; } = new List<string>();
            public void Add(RawWorkload w) => Members.Add(w);
        }

        private sealed class Groups
        {
            private readonly Dictionary<string, Group> _byName = new Dictionary<string, Group>(StringComparer.Ordinal);
            private readonly Dictionary<string, Group> _primaryByName = new Dictionary<string, Group>(StringComparer.Ordinal);
            private readonly Dictionary<string, Group> _notProjectOnlyByName = new Dictionary<string, Group>(StringComparer.Ordinal);
            public List<Group> All { get; } = new List<Group>();

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
                    var message = $"the name '{name}' is taken by {taken.Members[0].Source}; {first.Source} is named '{unique}'";
                    notes.Add(message);
                    taken.Notes.Add(message);
                }
                var group = new Group(unique, primary);
                group.Notes.AddRange(notes);
                group.Add(first);
                All.Add(group);
                _byName[unique] = group;
                // Joining by name looks for the name as written, so a renamed duplicate is not found by it.
                if (primary && !_primaryByName.ContainsKey(name)) _primaryByName[name] = group;
                if (first.Source.Kind != ArtifactKind.Project && !_notProjectOnlyByName.ContainsKey(name)) _notProjectOnlyByName[name] = group;
                return group;
            }
        }

        private static WorkloadFacts Build(Group g)
        {
            var fields = new Dictionary<string, FieldFact>(StringComparer.Ordinal);
            var conflicts = new List<FieldConflict>();
            // Evidence by field in one pass, each field's in member and then evidence order.
            var byField = new Dictionary<string, List<Evidence>>(StringComparer.Ordinal);
            foreach (var m in g.Members)
                foreach (var e in m.Evidence)
                {
                    if (!byField.TryGetValue(e.Field, out var list)) byField[e.Field] = list = new List<Evidence>();
                    list.Add(e);
                }
            foreach (var field in ArtifactFields.All)
            {
                if (!byField.TryGetValue(field, out var ev)) continue;
                if (field == ArtifactFields.Devices)
                {
                    var set = ev.SelectMany(e => (IEnumerable<string>)e.Value).Distinct(StringComparer.Ordinal).OrderBy(s => s, StringComparer.Ordinal).ToList();
                    fields[field] = new FieldFact(field, set, ev);
                }
                else if (ArtifactFields.IsUnion(field))
                    fields[field] = new FieldFact(field, ev.Any(e => e.Value is true), ev);
                else
                {
                    var byValue = ev.GroupBy(e => ArtifactValues.Key(e.Value)).ToList();
                    if (byValue.Count == 1) fields[field] = new FieldFact(field, ev[0].Value, ev);
                    else conflicts.Add(new FieldConflict(field, byValue.Select(v => new FieldFact(field, v.First().Value, v.ToList())).ToList()));
                }
            }
            var artifacts = g.Members.SelectMany(m => m.Files).Distinct(StringComparer.Ordinal).ToList();
            var notes = g.Notes.Concat(g.Members.SelectMany(m => m.Notes)).ToList();
            return new WorkloadFacts(g.Name, g.Members.Select(m => m.Source).ToList(), fields, conflicts, artifacts, notes);
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
