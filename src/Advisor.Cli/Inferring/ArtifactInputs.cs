using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using DeployAdvisor.Cli.Running;
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
                if (Directory.Exists(full))
                {
                    foreach (var (f, _) in FileWalker.Files(full, cwd, ignores, IsArtifactName, null, result.Unreadable, cancel)) Add(f);
                }
                else if (File.Exists(full) || FileWalker.IsBrokenLink(full)) Add(full);
                else throw new UserError($"the path '{arg}' does not exist; give folders or files of Kubernetes manifests, compose files, Dockerfiles or .NET projects");
            }

            // Read on every core, then kept in the order found: what could not be read is reported in that order too.
            var reads = new (byte[]? Bytes, ArtifactInputSet Problems)[found.Count];
            System.Threading.Tasks.Parallel.For(0, found.Count, new System.Threading.Tasks.ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancel },
                i =>
                {
                    var problems = new ArtifactInputSet();
                    reads[i] = (Read(found[i], maxBytes, problems), problems);
                });
            for (int i = 0; i < found.Count; i++)
            {
                var (bytes, problems) = reads[i];
                result.Unreadable.AddRange(problems.Unreadable);
                result.TooLarge.AddRange(problems.TooLarge);
                if (bytes != null) result.Files.Add(new ArtifactFile(found[i].Relative, bytes));
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
                // A handle and positioned reads, as lint reads its files: no stream, buffer or read-ahead advice per file.
                using var handle = File.OpenHandle(f.FullPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
                var buffer = new byte[length];
                int total = 0;
                while (total < buffer.Length)
                {
                    int n = RandomAccess.Read(handle, buffer.AsSpan(total), total);
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

        public static string Relative(string fullPath, string cwd) => Paths.Display(fullPath, cwd);
    }
}
