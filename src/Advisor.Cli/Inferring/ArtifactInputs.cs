using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using DeployAdvisor.Cli.Running;
using DeployAdvisor.Engine.Artifacts;

namespace DeployAdvisor.Cli.Inferring
{
    /// <summary>
    /// The files `infer` scans, each read when the scan reaches it (<see cref="ArtifactFile"/> with a read
    /// function), so that no more than a file per core is held at a time. What could not be read is known
    /// once the scan is over; it is reported in the order the files were found, as if read up front.
    /// </summary>
    internal sealed class ArtifactInputSet
    {
        private readonly List<(string Path, string? Reason, long Bytes)> _problems = new List<(string, string?, long)>();
        private readonly List<string> _paths = new List<string>();
        private readonly Func<string, byte[]?> _read;

        public ArtifactInputSet(Func<ArtifactInputSet, Func<string, byte[]?>> reader)
        {
            _read = reader(this);
            Files = new FileList(this);
        }

        /// <summary>
        /// The files found, each made when asked for from its path and the one read function: the scan holds a
        /// repository's files until it is over, and a path each is what they need.
        /// </summary>
        public IReadOnlyList<ArtifactFile> Files { get; }

        internal void Add(string relative) => _paths.Add(relative);

        private sealed class FileList : IReadOnlyList<ArtifactFile>
        {
            private readonly ArtifactInputSet _set;
            public FileList(ArtifactInputSet set) { _set = set; }
            public int Count => _set._paths.Count;
            public ArtifactFile this[int index] => new ArtifactFile(_set._paths[index], _set._read);
            public IEnumerator<ArtifactFile> GetEnumerator()
            {
                for (int i = 0; i < Count; i++) yield return this[i];
            }
            System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
        }
        /// <summary>Folders that could not be listed, in the order met.</summary>
        internal List<(string Path, string Reason)> UnlistedFolders { get; } = new List<(string, string)>();

        /// <summary>Folders that could not be listed, then files that could not be read: the path (relative) and the reason.</summary>
        public IReadOnlyList<(string Path, string Reason)> Unreadable
            => UnlistedFolders.Concat(Problems().Where(p => p.Reason != null).Select(p => (p.Path, p.Reason!))).ToList();

        /// <summary>Files over the size limit: the path and its size; they are not read (DA0007).</summary>
        public IReadOnlyList<(string Path, long Bytes)> TooLarge
            => Problems().Where(p => p.Reason is null).Select(p => (p.Path, p.Bytes)).ToList();

        /// <summary>A file that could not be read (reason) or was too large (null and its size).</summary>
        internal void Problem(string path, string? reason, long bytes)
        {
            lock (_problems) _problems.Add((path, reason, bytes));
        }

        /// <summary>Each file's first problem, in the order the files were found (a file may be read twice: a compose include).</summary>
        private List<(string Path, string? Reason, long Bytes)> Problems()
        {
            lock (_problems)
            {
                if (_problems.Count == 0) return _problems.ToList();
                var place = new Dictionary<string, int>(StringComparer.Ordinal);
                for (int i = 0; i < _paths.Count; i++) place[_paths[i]] = i;
                var first = new Dictionary<string, (string Path, string? Reason, long Bytes)>(StringComparer.Ordinal);
                foreach (var p in _problems) if (!first.ContainsKey(p.Path)) first[p.Path] = p;
                return first.Values.OrderBy(p => place[p.Path]).ToList();
            }
        }
    }

    /// <summary>
    /// The files `infer` reads: Kubernetes and compose YAML, Dockerfiles, project files and the
    /// .props files they import. Folders are searched by the walk `lint` uses (<see cref="FileWalker"/>:
    /// hidden folders, node_modules, bin, obj and the config's ignored paths skipped, link loops
    /// ended); files named on the command line are read whatever their name, ignored or not, as lint
    /// checks a named file.
    /// </summary>
    internal static class ArtifactInputs
    {
        public static bool IsArtifactName(string name)
        {
            if (ArtifactScanner.IsDockerfileName(name)) return true;
            return name.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase)
                || name.EndsWith(".yml", StringComparison.OrdinalIgnoreCase)
                || name.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase)
                || name.EndsWith(".props", StringComparison.OrdinalIgnoreCase);
        }

        public static ArtifactInputSet Collect(IReadOnlyList<string> arguments, string cwd, IgnoreList ignores, long maxBytes, System.Threading.CancellationToken cancel)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var fullPaths = new Dictionary<string, string>(StringComparer.Ordinal);
            var result = new ArtifactInputSet(set => Reader(cwd, maxBytes, fullPaths, set));
            void Add(string full, string relative)
            {
                if (!seen.Add(full)) return;
                if (!ResolvesTo(relative, cwd, full) && !string.Equals(Path.GetFullPath(relative, cwd), full, StringComparison.Ordinal)) fullPaths[relative] = full;
                result.Add(relative);
            }

            foreach (var arg in arguments)
            {
                var full = Path.GetFullPath(arg, cwd);
                if (Directory.Exists(full))
                {
                    foreach (var (f, display) in FileWalker.Files(full, cwd, ignores, IsArtifactName, null, result.UnlistedFolders, cancel)) Add(f, display);
                }
                else if (File.Exists(full) || FileWalker.IsBrokenLink(full)) Add(full, Relative(full, cwd));
                else throw new UserError($"the path '{arg}' does not exist; give folders or files of Kubernetes manifests, compose files, Dockerfiles or .NET projects");
            }
            return result;
        }

        /// <summary>
        /// One read function for every file: the full path is the relative one resolved again, so that a
        /// repository's files cost a path each until read; the rare path that does not resolve back is in
        /// <paramref name="fullPaths"/>. Made apart from the walk's state, which it must not keep alive.
        /// </summary>
        private static Func<string, byte[]?> Reader(string cwd, long maxBytes, Dictionary<string, string> fullPaths, ArtifactInputSet result)
            => relative => Read(fullPaths.TryGetValue(relative, out var f) ? f : Path.GetFullPath(relative, cwd), relative, maxBytes, result);

        /// <summary>
        /// Reads a regular file of at most <paramref name="maxBytes"/> bytes. A FIFO, a device or a socket named
        /// like an artifact never blocks the run or streams without end: it reads as empty.
        /// </summary>
        private static byte[]? Read(string fullPath, string relative, long maxBytes, ArtifactInputSet result)
        {
            if (TryReadOpenedWithoutBlocking(fullPath, relative, maxBytes, result, out var bytes)) return bytes;
            return ReadPortably(fullPath, relative, maxBytes, result);
        }

        /// <summary>
        /// The read on Linux: open without blocking, then the length and the bytes through the handle (an fstat and
        /// a pread). Unlike the portable read it opens a FIFO or a device before finding it has no length (it is
        /// closed unread). False when the file could not be opened or read, or is a directory: the portable read
        /// then says why in the same words as on other systems.
        /// </summary>
        private static bool TryReadOpenedWithoutBlocking(string fullPath, string relative, long maxBytes, ArtifactInputSet result, out byte[]? bytes)
        {
            bytes = null;
            using var handle = NonBlockingOpen.TryOpen(fullPath);
            if (handle is null) return false;
            try
            {
                long length;
                // A FIFO, a socket or a terminal cannot seek and has no length; a device's length is 0.
                try { length = RandomAccess.GetLength(handle); }
                catch (NotSupportedException) { length = 0; }
                if (length > maxBytes)
                {
                    result.Problem(relative, null, length);
                    return true;
                }
                bytes = length == 0 ? Array.Empty<byte>() : Analyzer.ReadAll(handle, length);
                return true;
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                bytes = null;
                return false;
            }
        }

        /// <summary>
        /// The read on other systems: the file's length first (a stat), and no open when it is 0, so a FIFO or a
        /// device (length 0) is never opened.
        /// </summary>
        private static byte[]? ReadPortably(string fullPath, string relative, long maxBytes, ArtifactInputSet result)
        {
            try
            {
                var info = new FileInfo(fullPath);
                if (!info.Exists)
                {
                    result.Problem(relative, "no such file (a broken link?)", 0);
                    return null;
                }
                long length = info.Length;
                if (length > maxBytes)
                {
                    result.Problem(relative, null, length);
                    return null;
                }
                if (length == 0) return Array.Empty<byte>();
                using var handle = File.OpenHandle(fullPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
                return Analyzer.ReadAll(handle, length);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is System.Security.SecurityException)
            {
                result.Problem(relative, e.Message, 0);
                return null;
            }
        }

        public static string Relative(string fullPath, string cwd) => Paths.Display(fullPath, cwd);

        /// <summary>
        /// Whether the normalized <paramref name="full"/> is the working folder, a separator and <paramref name="relative"/>:
        /// then Path.GetFullPath resolves the relative path back to it, without normalizing it again per file.
        /// </summary>
        private static bool ResolvesTo(string relative, string cwd, string full)
        {
            var rest = full.AsSpan();
            if (!rest.StartsWith(cwd, StringComparison.Ordinal)) return false;
            rest = rest.Slice(cwd.Length);
            if (!Path.EndsInDirectorySeparator(cwd))
            {
                if (rest.Length == 0 || rest[0] != Path.DirectorySeparatorChar) return false;
                rest = rest.Slice(1);
            }
            return rest.SequenceEqual(relative.AsSpan());
        }
    }
}
