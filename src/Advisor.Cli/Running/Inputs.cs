using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using DeployAdvisor.Engine.Configuration;

namespace DeployAdvisor.Cli.Running
{
    /// <summary>One YAML file to check.</summary>
    public sealed class InputFile
    {
        public InputFile(string fullPath, string displayPath, bool literal, int argument)
        {
            FullPath = fullPath; DisplayPath = displayPath; Literal = literal; _arguments = new[] { argument };
        }

        public string FullPath { get; }
        /// <summary>As given on the command line ('/' separators), or relative to the working directory in a scan.</summary>
        public string DisplayPath { get; }
        /// <summary>Named on the command line: it must hold a descriptor, and it is parsed whatever its content.</summary>
        public bool Literal { get; set; }
        /// <summary>Standard input ("-" on the command line), read once, bounded like a file.</summary>
        public bool Stdin { get; init; }
        /// <summary>Indexes of the command-line arguments the file came from.</summary>
        public IReadOnlyList<int> Arguments => _arguments;

        // An array, not a set: nearly every file comes from one argument, and a run keeps 100k of these.
        private int[] _arguments;

        internal void MergeFrom(InputFile other)
        {
            Literal |= other.Literal;
            foreach (var a in other._arguments)
                if (Array.IndexOf(_arguments, a) < 0) _arguments = _arguments.Append(a).ToArray();
        }
    }

    public sealed class InputSet
    {
        public List<InputFile> Files { get; } = new List<InputFile>();
        /// <summary>Directory and glob arguments, by index: the scans that must find at least one descriptor.</summary>
        public List<(int Index, string Argument)> Scans { get; } = new List<(int, string)>();
        /// <summary>Folders that could not be listed, reported like unreadable files.</summary>
        public List<(string Path, string Reason)> Unreadable { get; } = new List<(string, string)>();
    }

    /// <summary>
    /// Expands the command line's paths as workload.md says: files as named, directories searched
    /// recursively for .yaml/.yml (skipping hidden folders, node_modules, bin, obj and the config's
    /// ignored paths), globs like directory scans; the walk is <see cref="FileWalker"/>'s, which infer uses too.
    /// </summary>
    public static class InputCollector
    {
        /// <summary>How findings name standard input when --stdin-path does not.</summary>
        public const string StdinName = "<stdin>";

        /// <param name="stdinPath">The name findings give standard input ("-"): --stdin-path, else &lt;stdin&gt;.</param>
        public static InputSet Collect(IReadOnlyList<string> arguments, Session session, string? stdinPath = null)
        {
            var cwd = session.WorkingDirectory;
            var result = new InputSet();
            var byPath = new Dictionary<string, InputFile>(StringComparer.Ordinal);
            void Add(InputFile f)
            {
                if (byPath.TryGetValue(f.FullPath, out var existing)) { existing.MergeFrom(f); return; }
                byPath[f.FullPath] = f;
                result.Files.Add(f);
            }

            for (int i = 0; i < arguments.Count; i++)
            {
                var arg = arguments[i];
                if (arg == "-")
                {
                    if (byPath.ContainsKey("\0stdin")) throw new UserError("standard input ('-') can be given only once");
                    var name = string.IsNullOrEmpty(stdinPath) ? StdinName : Paths.Slashes(stdinPath);
                    var stdin = new InputFile("\0stdin", name, literal: true, i) { Stdin = true };
                    byPath[stdin.FullPath] = stdin;
                    result.Files.Add(stdin);
                    continue;
                }
                var full = Path.GetFullPath(arg, cwd);
                if (File.Exists(full) && !Directory.Exists(full))
                {
                    Add(new InputFile(full, Paths.Slashes(arg), literal: true, i));
                }
                else if (Directory.Exists(full))
                {
                    result.Scans.Add((i, arg));
                    Walk(full, session, result, (f, display) => Add(new InputFile(f, display, literal: false, i)), _ => true);
                }
                else if (PathPattern.HasWildcards(arg))
                {
                    result.Scans.Add((i, arg));
                    var (root, pattern) = SplitGlob(arg, cwd);
                    if (Directory.Exists(root))
                    {
                        var matcher = PathPattern.Anchored(pattern);
                        Walk(root, session, result, (f, display) => Add(new InputFile(f, display, literal: false, i)),
                            f => matcher.IsMatch(Paths.Slashes(Path.GetRelativePath(root, f))));
                    }
                }
                else if (File.Exists(full) || FileWalker.IsBrokenLink(full))
                {
                    Add(new InputFile(full, Paths.Slashes(arg), literal: true, i)); // reported as unreadable
                }
                else
                {
                    throw new UserError($"the path '{arg}' does not exist; give files, folders or globs of workload descriptors");
                }
            }
            return result;
        }

        /// <summary>The folder a glob starts in (its longest prefix without wildcards) and the rest of it.</summary>
        private static (string Root, string Pattern) SplitGlob(string glob, string cwd)
        {
            var parts = Paths.Slashes(glob).Split('/');
            int firstWild = Array.FindIndex(parts, p => PathPattern.HasWildcards(p));
            var prefix = string.Join("/", parts.Take(firstWild));
            var rest = string.Join("/", parts.Skip(firstWild));
            var root = prefix.Length == 0 ? cwd : Path.GetFullPath(glob.StartsWith("/", StringComparison.Ordinal) && prefix.Length == 0 ? "/" : prefix, cwd);
            return (root, rest);
        }

        private static void Walk(string root, Session session, InputSet result, Action<string, string> add, Func<string, bool> accept)
        {
            foreach (var (f, display) in FileWalker.Files(root, session.WorkingDirectory, session.Ignores, IsDescriptorName, accept, result.Unreadable))
                add(f, display);
        }

        /// <summary>YAML files; the configuration is not a descriptor.</summary>
        private static bool IsDescriptorName(string name)
            => name != ConfigFile.FileName
               && (name.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".yml", StringComparison.OrdinalIgnoreCase));
    }
}
