using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Enumeration;
using System.Linq;
using System.Runtime.InteropServices;
using System.Threading;
using DeployAdvisor.Engine.Configuration;

namespace DeployAdvisor.Cli.Running
{
    /// <summary>The config's <c>ignore:</c> patterns, matched against paths relative to the config's folder.</summary>
    public sealed class IgnoreList
    {
        public static readonly IgnoreList None = new IgnoreList(Array.Empty<PathPattern>(), null);

        public IgnoreList(IReadOnlyList<PathPattern> patterns, string? configDirectory)
        {
            Patterns = patterns; ConfigDirectory = configDirectory;
        }

        public IReadOnlyList<PathPattern> Patterns { get; }
        public string? ConfigDirectory { get; }

        /// <summary>A path outside the config's folder is never ignored: the patterns say nothing about it.</summary>
        public bool IsIgnored(string fullPath)
        {
            if (Patterns.Count == 0 || ConfigDirectory is null) return false;
            var rel = Paths.Slashes(Path.GetRelativePath(ConfigDirectory, fullPath));
            if (rel.StartsWith("../", StringComparison.Ordinal) || Path.IsPathRooted(rel)) return false;
            return PathPattern.AnyMatch(Patterns, rel);
        }
    }

    /// <summary>
    /// The folder walk of every command that searches folders (lint and recommend for descriptors, infer
    /// for artifacts): hidden folders, node_modules, bin, obj and the config's ignored paths are skipped;
    /// symbolic links to folders are followed once, a folder already visited (by its real path) is not
    /// entered again, so link loops end; depth is bounded. A folder that cannot be listed is reported,
    /// not fatal.
    /// </summary>
    internal static class FileWalker
    {
        private static readonly HashSet<string> SkippedFolders = new HashSet<string>(StringComparer.Ordinal) { "node_modules", "bin", "obj" };
        private const int MaxDepth = 256;
        /// <summary>Every entry, hidden ones included (hidden folders are skipped by name); errors are not ignored.</summary>
        private static readonly EnumerationOptions Listing = new EnumerationOptions
        {
            RecurseSubdirectories = false, IgnoreInaccessible = false, AttributesToSkip = 0, ReturnSpecialDirectories = false,
        };

        /// <summary>
        /// The files below <paramref name="root"/> whose name <paramref name="wantedName"/> takes and whose full
        /// path <paramref name="accept"/> takes, as (full path, path relative to <paramref name="cwd"/> with '/'),
        /// in ordinal order of the relative path.
        /// </summary>
        public static List<(string Full, string Display)> Files(string root, string cwd, IgnoreList ignores, Func<string, bool> wantedName,
            Func<string, bool>? accept, List<(string Path, string Reason)> unreadable, CancellationToken cancel = default)
        {
            var visited = new HashSet<string>(StringComparer.Ordinal);
            // A folder's real path is its parent's real path and its name unless it is a link: realpath(3) per
            // folder read a link per path component (30,000 readlink calls for the 4,000 folders of the artifacts bench).
            var stack = new Stack<(string Path, int Depth, string? Real)>();
            stack.Push((root, 0, null));
            var found = new List<string>();
            while (stack.Count > 0)
            {
                cancel.ThrowIfCancellationRequested();
                var (dir, depth, real) = stack.Pop();
                real ??= RealPath(dir);
                if (depth > MaxDepth || !visited.Add(real)) continue;
                List<(string Name, string FullName, bool IsDirectory)> entries;
                try
                {
                    // FileSystemEntry answers from the directory listing itself (d_type): no lstat or readlink per
                    // file, which FileSystemInfo.LinkTarget cost (20k extra system calls on 10k files). IsDirectory
                    // follows a link, so a link to a folder is a folder.
                    entries = new FileSystemEnumerable<(string, string, bool)>(dir,
                            (ref FileSystemEntry e) => (e.FileName.ToString(), e.ToFullPath(), e.IsDirectory), Listing)
                        .OrderBy(e => e.Item1, StringComparer.Ordinal).ToList();
                }
                catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is System.Security.SecurityException)
                {
                    unreadable.Add((Paths.Display(dir, cwd), e.Message));
                    continue;
                }
                var subdirs = new List<(string Path, string? Real)>();
                foreach (var (name, fullName, isDirectory) in entries)
                {
                    if (ignores.IsIgnored(fullName)) continue;
                    if (isDirectory)
                    {
                        if (name.StartsWith(".", StringComparison.Ordinal) || SkippedFolders.Contains(name)) continue;
                        subdirs.Add((fullName, IsLink(fullName) ? null : Path.Combine(real, name)));
                    }
                    else if (wantedName(name) && (accept is null || accept(fullName)))
                    {
                        found.Add(fullName);
                    }
                }
                for (int k = subdirs.Count - 1; k >= 0; k--) stack.Push((subdirs[k].Path, depth + 1, subdirs[k].Real));
            }
            // Display paths computed once, for the order and for the caller.
            return found.Select(f => (f, Paths.Display(f, cwd))).OrderBy(p => p.Item2, StringComparer.Ordinal).ToList();
        }

        /// <summary>Whether a folder entry is a link (its real path is then resolved); one readlink(2).</summary>
        private static bool IsLink(string path)
        {
            try { return new DirectoryInfo(path).LinkTarget != null; }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException) { return true; }
        }

        public static bool IsBrokenLink(string path)
        {
            try { return new FileInfo(path).LinkTarget != null; }
            catch (Exception) { return false; }
        }

        [DllImport("libc", EntryPoint = "realpath", SetLastError = true)]
        private static extern IntPtr RealPathNative(string path, IntPtr resolved);

        [DllImport("libc", EntryPoint = "free")]
        private static extern void Free(IntPtr ptr);

        /// <summary>The folder's real path (links resolved), so that a link loop is recognised as a folder already visited.</summary>
        private static string RealPath(string path)
        {
            if (!RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
            {
                try
                {
                    var p = RealPathNative(path, IntPtr.Zero);
                    if (p != IntPtr.Zero)
                    {
                        try { return Marshal.PtrToStringUTF8(p) ?? path; }
                        finally { Free(p); }
                    }
                }
                catch (Exception e) when (e is DllNotFoundException || e is EntryPointNotFoundException) { }
            }
            try
            {
                var info = new DirectoryInfo(path);
                return info.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? info.FullName;
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException) { return path; }
        }
    }
}
