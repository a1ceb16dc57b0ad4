using System;
using System.Collections.Generic;
using System.Linq;
using DeployAdvisor.Engine.Configuration;

namespace DeployAdvisor.Engine.Artifacts
{
    /// <summary>
    /// The files a front end lets the artifact check see: the file system for the CLI, the compilation's
    /// additional files for the analyzers. Only answers questions; which files an entry of spec.artifacts
    /// matches is decided in the engine (<see cref="ArtifactLookup.Over"/>). Paths in and out are full
    /// paths with '/' separators, "." and ".." resolved. Implementations must be thread-safe: the CLI
    /// checks descriptors in parallel.
    /// </summary>
    public interface IArtifactFileSource
    {
        /// <summary>True when there is a file (not a folder) at the path.</summary>
        bool IsFile(string path);

        /// <summary>The files at any depth below the folder, in any order; empty when there is no such folder.</summary>
        IEnumerable<string> FilesUnder(string folder);

        /// <summary>
        /// The file's bytes, read up to the loader's limit and a byte more (so that the scanner reports
        /// DA0007), under the path findings should name; null when it cannot be read.
        /// </summary>
        ArtifactFile? Read(string path);

        /// <summary>Added to DA7000's message: where this front end looked, when that is not obvious; null otherwise.</summary>
        string? NotFoundHint { get; }
    }

    /// <summary>How entries of spec.artifacts resolve: relative to the descriptor's folder, globs as in the config's patterns.</summary>
    public static class ArtifactMatching
    {
        /// <summary>A glob stops after this many files: a pattern like "/**" must not list a whole disk.</summary>
        public const int MaxMatches = 10_000;

        /// <summary>The files an entry matches, full paths in ordinal order.</summary>
        public static IReadOnlyList<string> Match(IArtifactFileSource files, string descriptorFolder, string entry)
        {
            var slashed = entry.Trim().Replace('\\', '/');
            if (slashed.Length == 0) return Array.Empty<string>();
            if (!PathPattern.HasWildcards(slashed))
            {
                var full = Resolve(descriptorFolder, slashed);
                return files.IsFile(full) ? new[] { full } : Array.Empty<string>();
            }
            var parts = slashed.Split('/');
            int firstWild = Array.FindIndex(parts, p => PathPattern.HasWildcards(p));
            var prefix = string.Join("/", parts.Take(firstWild));
            var rest = string.Join("/", parts.Skip(firstWild));
            // "/*.yaml" splits into an empty prefix that is the root, not the descriptor's folder.
            var root = prefix.Length == 0 && slashed.StartsWith("/", StringComparison.Ordinal) ? "/" : Resolve(descriptorFolder, prefix);
            var matcher = PathPattern.Anchored(rest);
            var under = root.EndsWith("/", StringComparison.Ordinal) ? root : root + "/";
            var result = new List<string>();
            foreach (var f in files.FilesUnder(root))
            {
                if (!f.StartsWith(under, StringComparison.Ordinal) || !matcher.IsMatch(f.Substring(under.Length))) continue;
                result.Add(f);
                if (result.Count >= MaxMatches) break;
            }
            result.Sort(StringComparer.Ordinal);
            return result;
        }

        /// <summary>
        /// <paramref name="path"/> ('/' separators) against <paramref name="folder"/> unless it is rooted
        /// ("/x", "C:/x"), then "." and ".." resolved: no file system is asked.
        /// </summary>
        public static string Resolve(string folder, string path)
        {
            var slashed = path.Replace('\\', '/');
            var combined = IsRooted(slashed) ? slashed : folder.Replace('\\', '/').TrimEnd('/') + "/" + slashed;
            return Normalize(combined);
        }

        /// <summary>'/' separators, no "." or empty segments, ".." resolved (never above the root).</summary>
        public static string Normalize(string fullPath)
        {
            // Nearly every path is normal already (a descriptor's folder, a listed file): no allocation then.
            if (IsNormal(fullPath)) return fullPath;
            var slashed = fullPath.Replace('\\', '/');
            var root = "";
            if (slashed.StartsWith("//", StringComparison.Ordinal)) root = "//";           // a UNC share
            else if (slashed.StartsWith("/", StringComparison.Ordinal)) root = "/";
            else if (slashed.Length >= 2 && slashed[1] == ':') root = slashed.Substring(0, 2) + "/"; // a drive
            // One pass into one buffer (every "../" entry of spec.artifacts comes here), the thread's own, kept for
            // the next path: where each kept segment began, so that ".." cuts back to it.
            int capacity = root.Length + slashed.Length + 1;
            var buffer = NormalizeBuffer is char[] b && b.Length >= capacity ? b : NormalizeBuffer = new char[Math.Max(capacity, 256)];
            var kept = KeptSegments is int[] k && k.Length >= capacity ? k : KeptSegments = new int[Math.Max(capacity, 256)];
            root.CopyTo(0, buffer, 0, root.Length);
            int length = root.Length, keptCount = 0;
            int at = Math.Min(root.Length, slashed.Length);
            while (at <= slashed.Length)
            {
                int end = slashed.IndexOf('/', at);
                if (end < 0) end = slashed.Length;
                int segment = end - at;
                bool dot = segment == 1 && slashed[at] == '.', dotDot = segment == 2 && slashed[at] == '.' && slashed[at + 1] == '.';
                if (dotDot)
                {
                    if (keptCount > 0) length = kept[--keptCount];
                }
                else if (segment > 0 && !dot)
                {
                    kept[keptCount++] = length;
                    if (length > root.Length) buffer[length++] = '/';
                    slashed.CopyTo(at, buffer, length, segment);
                    length += segment;
                }
                at = end + 1;
            }
            return new string(buffer, 0, length);
        }

        [ThreadStatic] private static char[]? NormalizeBuffer;
        [ThreadStatic] private static int[]? KeptSegments;

        private static bool IsNormal(string path)
        {
            if (path.Length == 0 || path[0] != '/' || path.IndexOf('\\') >= 0 || (path.Length > 1 && path[path.Length - 1] == '/')) return false;
            for (int i = 1; i < path.Length; i++)
            {
                if (path[i] != '.' && path[i] != '/') continue;
                // "//" or a "." or ".." segment
                if (path[i] == '/' && path[i - 1] == '/') return false;
                if (path[i] == '.' && path[i - 1] == '/' && (i + 1 == path.Length || path[i + 1] == '/' || (path[i + 1] == '.' && (i + 2 == path.Length || path[i + 2] == '/')))) return false;
            }
            return true;
        }

        private static bool IsRooted(string slashed)
            => slashed.StartsWith("/", StringComparison.Ordinal) || (slashed.Length >= 3 && slashed[1] == ':' && slashed[2] == '/' && char.IsLetter(slashed[0]));
    }
}
