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
    public static class FileWalker
    {
        private static readonly HashSet<string> SkippedFolders = new HashSet<string>(StringComparer.Ordinal) { "node_modules", "bin", "obj" };
        private const int MaxDepth = 256;
        /// <summary>Every entry, hidden ones included (hidden folders are skipped by name); errors are not ignored.</summary>
        private static readonly EnumerationOptions ListingOptions = new EnumerationOptions
        {
            RecurseSubdirectories = false, IgnoreInaccessible = false, AttributesToSkip = 0, ReturnSpecialDirectories = false,
        };

        /// <summary>
        /// The files below <paramref name="root"/> whose name <paramref name="wantedName"/> takes and whose full
        /// path <paramref name="accept"/> takes, as (full path, path relative to <paramref name="cwd"/> with '/'),
        /// in ordinal order of the relative path.
        /// </summary>
        /// <remarks>
        /// The walk itself (which folder is entered, in which order, which is reported unlistable) is this thread's
        /// depth-first search; the listings it consumes may have been made ahead by a helper on another core
        /// (<see cref="Prefetch"/>), which changes when a folder is listed, never what the walk does with it.
        /// <paramref name="wantedName"/> may be called on that helper; <paramref name="accept"/> is called here only.
        /// </remarks>
        public static List<(string Full, string Display)> Files(string root, string cwd, IgnoreList ignores, Func<string, bool> wantedName,
            Func<string, bool>? accept, List<(string Path, string Reason)> unreadable, CancellationToken cancel = default)
            => Files(root, cwd, ignores, wantedName, accept, unreadable, Environment.ProcessorCount > 1, cancel);

        /// <summary>As above; <paramref name="parallel"/> says whether a helper lists folders ahead (tests compare both ways).</summary>
        public static List<(string Full, string Display)> Files(string root, string cwd, IgnoreList ignores, Func<string, bool> wantedName,
            Func<string, bool>? accept, List<(string Path, string Reason)> unreadable, bool parallel, CancellationToken cancel = default)
        {
            var walk = new Walk(cwd, ignores, wantedName);
            var visited = new HashSet<string>(StringComparer.Ordinal);
            // A folder's real path is its parent's real path and its name unless it is a link: realpath(3) per
            // folder read a link per path component (30,000 readlink calls for the 4,000 folders of the artifacts bench).
            var stack = new Stack<Folder>();
            // The root as FileSystemEntry.ToFullPath spells it (normalized, no separator at the end): the folders
            // below it are joined to it by name, as the listing did.
            var top = new Folder(Path.TrimEndingDirectorySeparator(Path.GetFullPath(root)), 0, null);
            stack.Push(top);
            var found = new List<string>();
            Thread? helper = null;
            if (parallel)
            {
                walk.Ahead = new Stack<Folder>();
                helper = new Thread(() => walk.Prefetch(cancel)) { IsBackground = true, Name = "folder listing" };
                helper.Start();
            }
            try
            {
                while (stack.Count > 0)
                {
                    cancel.ThrowIfCancellationRequested();
                    var folder = stack.Pop();
                    var real = folder.Real ?? RealPath(folder.Path);
                    if (folder.Depth > MaxDepth || !visited.Add(real)) continue;
                    var listing = walk.Take(folder, real);
                    if (listing.Error != null)
                    {
                        // The root is reported as it was given (a separator at its end stays).
                        unreadable.Add((Paths.Display(folder == top ? root : folder.Path, cwd), listing.Error));
                        continue;
                    }
                    foreach (var file in listing.Files)
                        if (accept is null || accept(file)) found.Add(file);
                    for (int k = listing.Subfolders.Count - 1; k >= 0; k--) stack.Push(listing.Subfolders[k]);
                }
            }
            finally
            {
                walk.Finish();
                helper?.Join();
            }
            // Display paths made once the walk is over: made during it (on the helper too), they were kept among the full
            // paths, which die after the walk, and a repository's peak memory grew (docs/performance.md).
            var shown = new List<(string Full, string Display)>(found.Count);
            foreach (var f in found) shown.Add((f, walk.Display(f)));
            // Display paths are unique but for a name with a backslash; the found order breaks such ties, as a stable sort did.
            var order = new int[shown.Count];
            for (int i = 0; i < order.Length; i++) order[i] = i;
            Array.Sort(order, (a, b) =>
            {
                int c = string.CompareOrdinal(shown[a].Display, shown[b].Display);
                return c != 0 ? c : a.CompareTo(b);
            });
            var sorted = new List<(string Full, string Display)>(shown.Count);
            foreach (var i in order) sorted.Add(shown[i]);
            return sorted;
        }

        /// <summary>A folder to walk: its real path when known (null for a link, resolved when it is reached).</summary>
        private sealed class Folder
        {
            public Folder(string path, int depth, string? real) { Path = path; Depth = depth; Real = real; }
            public string Path { get; }
            public int Depth { get; }
            public string? Real { get; }
            /// <summary>1 once a thread has started listing it (the helper then leaves it).</summary>
            public int Claimed;
            /// <summary>Its listing once one is published (the first one wins); <see cref="Listing.Taken"/> once the walk has it.</summary>
            public Listing? Listing;
        }

        /// <summary>What one folder holds for the walk: wanted files and subfolders in name order, or why it could not be listed.</summary>
        private sealed class Listing
        {
            public static readonly List<string> NoFiles = new List<string>();
            public static readonly List<Folder> NoFolders = new List<Folder>();
            /// <summary>In place of a listing the walk has taken: dropped, and never published again.</summary>
            public static readonly Listing Taken = new Listing();
            public List<string> Files = NoFiles;
            public List<Folder> Subfolders = NoFolders;
            public string? Error;
            /// <summary>Anything else the listing threw, thrown again on the walking thread.</summary>
            public System.Runtime.ExceptionServices.ExceptionDispatchInfo? Fault;
        }

        /// <summary>
        /// The listing of folders, shared by the walking thread and its helper. The walk never waits for the helper:
        /// a folder it reaches unlisted it lists itself, even one the helper is listing at that moment; the first
        /// listing published is the folder's, so its subfolders are the same objects for both.
        /// </summary>
        private sealed class Walk
        {
            private readonly string _cwd;
            private readonly IgnoreList _ignores;
            private readonly Func<string, bool> _wantedName;
            private bool _finished;

            public Walk(string cwd, IgnoreList ignores, Func<string, bool> wantedName)
            {
                _cwd = cwd; _ignores = ignores; _wantedName = wantedName;
                var normal = Path.GetFullPath(cwd);
                _below = Path.EndsInDirectorySeparator(normal) ? normal : normal + Path.DirectorySeparatorChar;
            }

            /// <summary>The working folder and a separator: the start of every path found below it.</summary>
            private readonly string _below;

            /// <summary>Folders the helper may list ahead, its lock; null when there is no helper.</summary>
            public Stack<Folder>? Ahead;

            /// <summary>The folder's listing: the helper's when it is published, else made here.</summary>
            public Listing Take(Folder folder, string real)
            {
                if (Volatile.Read(ref folder.Listing) is null)
                {
                    Volatile.Write(ref folder.Claimed, 1);
                    Publish(folder, Make(folder, real));
                }
                var listing = Volatile.Read(ref folder.Listing)!;
                Volatile.Write(ref folder.Listing, Listing.Taken);
                listing.Fault?.Throw();
                return listing;
            }

            /// <summary>
            /// The helper: lists folders that are not links, the last ones first, so that it works far from the walk
            /// (which takes the first ones first) and the two meet once. A link's folder is listed by the walk, which
            /// resolves it first; the folders below it are then offered here like any other.
            /// </summary>
            public void Prefetch(CancellationToken cancel)
            {
                var ahead = Ahead!;
                while (true)
                {
                    Folder folder;
                    lock (ahead)
                    {
                        while (ahead.Count == 0 && !_finished) Monitor.Wait(ahead);
                        if (_finished || cancel.IsCancellationRequested) return;
                        folder = ahead.Pop();
                    }
                    if (Volatile.Read(ref folder.Listing) is null && Interlocked.CompareExchange(ref folder.Claimed, 1, 0) == 0)
                        Publish(folder, Make(folder, folder.Real!));
                }
            }

            public void Finish()
            {
                if (Ahead is null) return;
                lock (Ahead) { _finished = true; Ahead.Clear(); Monitor.PulseAll(Ahead); }
            }

            private Listing Make(Folder folder, string real)
            {
                var listing = new Listing();
                try { Fill(folder, real, listing); }
                catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is System.Security.SecurityException)
                {
                    listing = new Listing { Error = e.Message };
                }
                catch (Exception e)
                {
                    listing = new Listing { Fault = System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e) };
                }
                return listing;
            }

            /// <summary>The listing becomes the folder's unless another was published first; only the folder's own subfolders are offered to the helper.</summary>
            private void Publish(Folder folder, Listing listing)
            {
                if (Interlocked.CompareExchange(ref folder.Listing, listing, null) != null) return;
                if (Ahead is null || listing.Subfolders.Count == 0) return;
                lock (Ahead)
                {
                    if (_finished) return;
                    bool offered = false;
                    // Depth beyond the bound and links are the walk's to decide: not listed ahead.
                    foreach (var sub in listing.Subfolders)
                        if (sub.Real != null && sub.Depth <= MaxDepth) { Ahead.Push(sub); offered = true; }
                    if (offered) Monitor.Pulse(Ahead);
                }
            }

            /// <summary>
            /// <see cref="Paths.Display"/> of a path the walk made (normalized): below the working folder, the rest of it,
            /// which is what Path.GetRelativePath answers after normalizing both paths again.
            /// </summary>
            public string Display(string fullPath)
                => fullPath.Length > _below.Length && fullPath.StartsWith(_below, StringComparison.Ordinal)
                    ? fullPath.Substring(_below.Length).Replace('\\', '/')
                    : Paths.Display(fullPath, _cwd);

            private void Fill(Folder folder, string real, Listing listing)
            {
                var dir = folder.Path;
                // FileSystemEntry answers from the directory listing itself (d_type): no lstat or readlink per file, which
                // FileSystemInfo.LinkTarget cost. IsDirectory follows a link, so a link to a folder is a folder. (Its
                // Attributes would say whether it is a link, but they cost an lstat and a geteuid per entry.)
                var entries = new FileSystemEnumerable<(string Name, bool IsDirectory)>(folder.Path,
                        (ref FileSystemEntry e) => (e.FileName.ToString(), e.IsDirectory), ListingOptions)
                    .ToList();
                entries.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
                bool ignoring = _ignores.Patterns.Count > 0 && _ignores.ConfigDirectory != null;
                foreach (var (name, isDirectory) in entries)
                {
                    string? fullName = null;
                    if (ignoring && _ignores.IsIgnored(fullName = Path.Join(dir, name))) continue;
                    if (isDirectory)
                    {
                        if (name.StartsWith(".", StringComparison.Ordinal) || SkippedFolders.Contains(name)) continue;
                        if (listing.Subfolders == Listing.NoFolders) listing.Subfolders = new List<Folder>();
                        fullName ??= Path.Join(dir, name);
                        listing.Subfolders.Add(new Folder(fullName, folder.Depth + 1, IsLink(fullName) ? null : Path.Combine(real, name)));
                    }
                    else if (_wantedName(name))
                    {
                        fullName ??= Path.Join(dir, name);
                        if (listing.Files == Listing.NoFiles) listing.Files = new List<string>();
                        listing.Files.Add(fullName);
                    }
                }
            }
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
