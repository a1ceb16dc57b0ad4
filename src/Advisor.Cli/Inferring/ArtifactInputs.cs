using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Enumeration;
using System.Linq;
using DeployAdvisor.Engine.Artifacts;

namespace DeployAdvisor.Cli.Inferring
{
    /// <summary>An artifact file found on the command line or in a folder, and why it could not be read when it could not.</summary>
    internal sealed class FoundArtifact
    {
        public FoundArtifact(string fullPath, string relative) { FullPath = fullPath; Relative = relative; }
        public string FullPath { get; }
        /// <summary>Relative to the working directory, '/' separators: the path the scanner and the output use.</summary>
        public string Relative { get; }
    }

    internal sealed class ArtifactInputSet
    {
        public List<ArtifactFile> Files { get; } = new List<ArtifactFile>();
        /// <summary>Files and folders that could not be read: the path (relative) and the reason.</summary>
        public List<(string Path, string Reason)> Unreadable { get; } = new List<(string, string)>();
        /// <summary>Files over the size limit: the path and its size; they are not read (DA0007).</summary>
        public List<(string Path, long Bytes)> TooLarge { get; } = new List<(string, long)>();
    }

    /// <summary>
    /// The files `infer` reads: Kubernetes and compose YAML, Dockerfiles, project files and the
    /// .props files they import. Folders are searched as `lint` searches them (hidden folders,
    /// node_modules, bin and obj skipped; a folder reached twice through links is entered once, so
    /// link loops end); files named on the command line are read whatever their name. This is a
    /// sibling of Running/InputCollector, which looks for descriptors only and is being rewritten:
    /// nothing is shared with it on purpose.
    /// </summary>
    internal static class ArtifactInputs
    {
        private static readonly HashSet<string> SkippedFolders = new HashSet<string>(StringComparer.Ordinal) { "node_modules", "bin", "obj" };
        private const int MaxDepth = 256;
        private static readonly EnumerationOptions Listing = new EnumerationOptions
        {
            RecurseSubdirectories = false, IgnoreInaccessible = false, AttributesToSkip = 0, ReturnSpecialDirectories = false,
        };

        public static bool IsArtifactName(string name)
        {
            if (ArtifactScanner.IsDockerfileName(name)) return true;
            return name.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase)
                || name.EndsWith(".yml", StringComparison.OrdinalIgnoreCase)
                || name.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase)
                || name.EndsWith(".props", StringComparison.OrdinalIgnoreCase);
        }

        public static ArtifactInputSet Collect(IReadOnlyList<string> arguments, string cwd, long maxBytes, System.Threading.CancellationToken cancel)
        {
            var found = new List<FoundArtifact>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var result = new ArtifactInputSet();
            void Add(string full)
            {
                if (seen.Add(full)) found.Add(new FoundArtifact(full, Relative(full, cwd)));
            }

            foreach (var arg in arguments)
            {
                var full = Path.GetFullPath(arg, cwd);
                if (Directory.Exists(full)) Walk(full, cwd, result, Add, cancel);
                else if (File.Exists(full) || IsBrokenLink(full)) Add(full);
                else throw new UserError($"the path '{arg}' does not exist; give folders or files of Kubernetes manifests, compose files, Dockerfiles or .NET projects");
            }

            foreach (var f in found)
            {
                cancel.ThrowIfCancellationRequested();
                var bytes = Read(f, maxBytes, result);
                if (bytes != null) result.Files.Add(new ArtifactFile(f.Relative, bytes));
            }
            return result;
        }

        /// <summary>
        /// Reads a regular file of at most <paramref name="maxBytes"/> bytes. No more is read than the
        /// file's length says, so a FIFO or a device named like an artifact (length 0) never blocks
        /// the run or streams without end: it reads as empty.
        /// </summary>
        private static byte[]? Read(FoundArtifact f, long maxBytes, ArtifactInputSet result)
        {
            try
            {
                var info = new FileInfo(f.FullPath);
                if (!info.Exists)
                {
                    result.Unreadable.Add((f.Relative, "no such file (a broken link?)"));
                    return null;
                }
                long length = info.Length;
                if (length > maxBytes)
                {
                    result.TooLarge.Add((f.Relative, length));
                    return null;
                }
                if (length == 0) return Array.Empty<byte>();
                using var stream = new FileStream(f.FullPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.SequentialScan);
                var buffer = new byte[length];
                int total = 0;
                while (total < buffer.Length)
                {
                    int n = stream.Read(buffer, total, buffer.Length - total);
                    if (n == 0) break;
                    total += n;
                }
                return total == buffer.Length ? buffer : buffer.AsSpan(0, total).ToArray();
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is System.Security.SecurityException)
            {
                result.Unreadable.Add((f.Relative, e.Message));
                return null;
            }
        }

        private static void Walk(string root, string cwd, ArtifactInputSet result, Action<string> add, System.Threading.CancellationToken cancel)
        {
            var visited = new HashSet<string>(StringComparer.Ordinal);
            var stack = new Stack<(string Path, int Depth)>();
            stack.Push((root, 0));
            var found = new List<string>();
            while (stack.Count > 0)
            {
                cancel.ThrowIfCancellationRequested();
                var (dir, depth) = stack.Pop();
                if (depth > MaxDepth || !visited.Add(RealPath(dir))) continue;
                List<(string Name, string FullName, bool IsDirectory)> entries;
                try
                {
                    entries = new FileSystemEnumerable<(string, string, bool)>(dir,
                            (ref FileSystemEntry e) => (e.FileName.ToString(), e.ToFullPath(), e.IsDirectory), Listing)
                        .OrderBy(e => e.Item1, StringComparer.Ordinal).ToList();
                }
                catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is System.Security.SecurityException)
                {
                    result.Unreadable.Add((Relative(dir, cwd), e.Message));
                    continue;
                }
                var subdirs = new List<string>();
                foreach (var (name, fullName, isDirectory) in entries)
                {
                    if (isDirectory)
                    {
                        if (name.StartsWith(".", StringComparison.Ordinal) || SkippedFolders.Contains(name)) continue;
                        subdirs.Add(fullName);
                    }
                    else if (IsArtifactName(name))
                    {
                        found.Add(fullName);
                    }
                }
                for (int k = subdirs.Count - 1; k >= 0; k--) stack.Push((subdirs[k], depth + 1));
            }
            foreach (var f in found.OrderBy(f => Relative(f, cwd), StringComparer.Ordinal)) add(f);
        }

        /// <summary>The folder's real path (links resolved), so that a link loop is a folder already visited.</summary>
        private static string RealPath(string path)
        {
            try
            {
                var info = new DirectoryInfo(path);
                var parts = new List<string>();
                // Resolve every link on the way: a link anywhere in the path leads elsewhere.
                var current = info;
                while (current != null)
                {
                    var target = current.LinkTarget != null ? current.ResolveLinkTarget(returnFinalTarget: true) : null;
                    if (target != null)
                    {
                        var resolved = RealPath(target.FullName);
                        parts.Reverse();
                        return parts.Count == 0 ? resolved : Path.Combine(new[] { resolved }.Concat(parts).ToArray());
                    }
                    parts.Add(current.Name);
                    current = current.Parent;
                }
                return info.FullName;
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException) { return path; }
        }

        private static bool IsBrokenLink(string path)
        {
            try { return new FileInfo(path).LinkTarget != null; }
            catch (Exception) { return false; }
        }

        public static string Relative(string fullPath, string cwd) => Path.GetRelativePath(cwd, fullPath).Replace('\\', '/');
    }
}
