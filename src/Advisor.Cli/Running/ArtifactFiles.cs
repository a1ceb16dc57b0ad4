using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using DeployAdvisor.Engine.Artifacts;
using DeployAdvisor.Engine.Configuration;

namespace DeployAdvisor.Cli.Running
{
    /// <summary>
    /// Resolves the entries of a descriptor's spec.artifacts on disk, relative to the descriptor's folder,
    /// for the engine's <see cref="ArtifactCheck"/>. Nothing is read or executed here, only listed: a glob
    /// walks the folder below its literal prefix without following links (no loops), to a bounded depth.
    /// </summary>
    internal static class ArtifactFiles
    {
        private const int MaxMatches = 10_000;

        private static readonly EnumerationOptions Listing = new EnumerationOptions
        {
            RecurseSubdirectories = true,
            IgnoreInaccessible = true,
            AttributesToSkip = FileAttributes.ReparsePoint,
            MaxRecursionDepth = 64,
            ReturnSpecialDirectories = false,
        };

        /// <summary>A lookup for the descriptor <paramref name="input"/>, or null when it has no folder (standard input).</summary>
        public static ArtifactLookup? For(InputFile input, byte[] bytes, string cwd)
        {
            var folder = input.Stdin ? cwd : Path.GetDirectoryName(input.FullPath);
            if (string.IsNullOrEmpty(folder)) return null;
            var cache = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
            return new ArtifactLookup(entry =>
            {
                if (!cache.TryGetValue(entry, out var found)) cache[entry] = found = Match(folder, entry);
                return found;
            }, bytes, files => Read(files, cwd));
        }

        /// <summary>
        /// The matched files' bytes, paths relative to the working directory as lint reports them. A file
        /// that cannot be read is left out (its entry still matched); one over the size limit is read up
        /// to the limit, so the scanner reports DA0007 at it.
        /// </summary>
        private static IReadOnlyList<ArtifactFile> Read(IReadOnlyList<string> files, string cwd)
        {
            var result = new List<ArtifactFile>(files.Count);
            var limit = DeployAdvisor.Engine.Loading.Limits.Default.MaxFileBytes;
            foreach (var full in files)
            {
                try
                {
                    using var stream = new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.Read, 1);
                    using var buffer = new MemoryStream();
                    var chunk = new byte[81920];
                    int n;
                    while ((n = stream.Read(chunk, 0, chunk.Length)) > 0)
                    {
                        buffer.Write(chunk, 0, n);
                        if (buffer.Length > limit) break;
                    }
                    result.Add(new ArtifactFile(Paths.Slashes(Path.GetRelativePath(cwd, full)), buffer.ToArray()));
                }
                catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is System.Security.SecurityException)
                {
                }
            }
            return result;
        }

        /// <summary>The files an entry matches, full paths in ordinal order.</summary>
        public static IReadOnlyList<string> Match(string folder, string entry)
        {
            try
            {
                var slashed = Paths.Slashes(entry.Trim());
                if (slashed.Length == 0) return Array.Empty<string>();
                if (!PathPattern.HasWildcards(slashed))
                {
                    var full = Path.GetFullPath(slashed, folder);
                    return File.Exists(full) ? new[] { full } : Array.Empty<string>();
                }
                var parts = slashed.Split('/');
                int firstWild = Array.FindIndex(parts, p => PathPattern.HasWildcards(p));
                var prefix = string.Join("/", parts.Take(firstWild));
                var rest = string.Join("/", parts.Skip(firstWild));
                var root = prefix.Length == 0 ? folder : Path.GetFullPath(slashed.StartsWith("/", StringComparison.Ordinal) && prefix.Length == 0 ? "/" : prefix, folder);
                if (!Directory.Exists(root)) return Array.Empty<string>();
                var matcher = PathPattern.Anchored(rest);
                var result = new List<string>();
                foreach (var f in Directory.EnumerateFiles(root, "*", Listing))
                {
                    if (!matcher.IsMatch(Paths.Slashes(Path.GetRelativePath(root, f)))) continue;
                    result.Add(f);
                    if (result.Count >= MaxMatches) break;
                }
                result.Sort(StringComparer.Ordinal);
                return result;
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is ArgumentException || e is System.Security.SecurityException)
            {
                return Array.Empty<string>();
            }
        }
    }
}
