using System;
using System.Collections.Generic;
using System.IO;
using DeployAdvisor.Engine.Artifacts;

namespace DeployAdvisor.Cli.Running
{
    /// <summary>
    /// The file system as the engine's artifact check sees it (<see cref="IArtifactFileSource"/>): the
    /// engine decides which files an entry of spec.artifacts matches; this only lists and reads. Nothing
    /// is executed. A glob's folder is listed without following links (no loops), to a bounded depth.
    /// </summary>
    internal sealed class ArtifactFiles : IArtifactFileSource
    {
        private static readonly EnumerationOptions Listing = new EnumerationOptions
        {
            RecurseSubdirectories = true,
            IgnoreInaccessible = true,
            AttributesToSkip = FileAttributes.ReparsePoint,
            MaxRecursionDepth = 64,
            ReturnSpecialDirectories = false,
        };

        private readonly string _cwd;

        public ArtifactFiles(string cwd) { _cwd = cwd; }

        public string? NotFoundHint => null;

        /// <summary>A lookup for the descriptor <paramref name="input"/>, or null when it has no folder.</summary>
        public static ArtifactLookup? For(InputFile input, byte[] bytes, string cwd, ArtifactRunCache? cache)
        {
            // Standard input has no folder of its own: its entries are relative to the working directory.
            var folder = input.Stdin ? cwd : Path.GetDirectoryName(input.FullPath);
            if (string.IsNullOrEmpty(folder)) return null;
            return ArtifactLookup.Over(new ArtifactFiles(cwd), folder, bytes, cache);
        }

        /// <summary>
        /// Files <see cref="IsFile"/> has read, until <see cref="Read"/> takes them: a path in spec.artifacts is
        /// read right after it is matched, so the file is opened once instead of looked up and then opened.
        /// </summary>
        private readonly Dictionary<string, byte[]> _readAhead = new Dictionary<string, byte[]>(StringComparer.Ordinal);

        public bool IsFile(string path)
        {
            try
            {
                var (bytes, _) = Analyzer.ReadFound(path, DeployAdvisor.Engine.Loading.Limits.Default.MaxFileBytes);
                lock (_readAhead) _readAhead[path] = bytes;
                return true;
            }
            catch (Exception e) when (IsIoError(e))
            {
                // A folder, or a file that cannot be read: asked as before, so that an unreadable file still counts as found.
            }
            try { return File.Exists(path); }
            catch (Exception e) when (IsIoError(e)) { return false; }
        }

        public IEnumerable<string> FilesUnder(string folder)
        {
            // Materialised here, so that an error while listing cannot escape into the engine's loop.
            var result = new List<string>();
            try
            {
                if (!Directory.Exists(folder)) return result;
                foreach (var f in Directory.EnumerateFiles(folder, "*", Listing)) result.Add(Paths.Slashes(f));
            }
            catch (Exception e) when (IsIoError(e) || e is ArgumentException) { }
            return result;
        }

        /// <summary>
        /// The file's bytes, path relative to the working directory as lint reports it; null when it cannot
        /// be read. A file over the size limit is read up to the limit and a byte more, so the scanner
        /// reports DA0007 at it.
        /// </summary>
        public ArtifactFile? Read(string path)
        {
            try
            {
                byte[]? bytes;
                lock (_readAhead)
                    if (_readAhead.TryGetValue(path, out bytes)) _readAhead.Remove(path);
                // As lint reads descriptors: one handle, positioned reads of the known length, no per-file buffers.
                bytes ??= Analyzer.ReadFound(path, DeployAdvisor.Engine.Loading.Limits.Default.MaxFileBytes).Bytes;
                return new ArtifactFile(Display(path), bytes);
            }
            catch (Exception e) when (IsIoError(e))
            {
                return null;
            }
        }

        /// <summary>
        /// The path as lint reports it (<see cref="Paths.Display"/>): a matched path is normalized, so one below the
        /// working directory is its rest, without asking Path.GetRelativePath to normalize both again.
        /// </summary>
        private string Display(string path)
        {
            if (Path.DirectorySeparatorChar == '/' && _cwd.Length > 1 && path.Length > _cwd.Length + 1 && path[_cwd.Length] == '/'
                && path.StartsWith(_cwd, StringComparison.Ordinal) && ArtifactMatching.Normalize(path) == path)
                return path.Substring(_cwd.Length + 1);
            return Paths.Display(path, _cwd);
        }

        private static bool IsIoError(Exception e) => e is IOException || e is UnauthorizedAccessException || e is System.Security.SecurityException;
    }
}
