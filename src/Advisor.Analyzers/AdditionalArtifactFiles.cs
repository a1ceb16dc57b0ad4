using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Text;
using System.Threading;
using DeployAdvisor.Engine.Artifacts;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace DeployAdvisor.Analyzers
{
    /// <summary>
    /// The compilation's additional files as the engine's artifact check sees them (an adapter: the engine
    /// decides which files an entry of spec.artifacts matches). Only additional files exist here, so an
    /// entry that matches files on disk but no additional file is DA7000, with a hint saying so.
    /// Paths are the engine's ('/' separators, "." and ".." resolved); <see cref="OriginalPath"/> gives
    /// back the path Roslyn knows the file by.
    /// </summary>
    internal sealed class AdditionalArtifactFiles : IArtifactFileSource
    {
        private readonly Dictionary<string, AdditionalText> _byPath = new Dictionary<string, AdditionalText>(StringComparer.Ordinal);
        private readonly CancellationToken _ct;
        // The texts read, by engine path: findings located in an artifact need its lines for a Roslyn location.
        private readonly Dictionary<string, SourceText> _texts = new Dictionary<string, SourceText>(StringComparer.Ordinal);
        private readonly object _gate = new object();

        public AdditionalArtifactFiles(ImmutableArray<AdditionalText> files, CancellationToken ct)
        {
            _ct = ct;
            foreach (var f in files)
            {
                var path = ArtifactMatching.Normalize(f.Path);
                if (!_byPath.ContainsKey(path)) _byPath[path] = f;
            }
        }

        public string? NotFoundHint => "the analyzers see only files given as AdditionalFiles: add the artifacts to AdditionalFiles, or run deploy-advisor lint to look on disk";

        public bool IsFile(string path) => _byPath.ContainsKey(path);

        public IEnumerable<string> FilesUnder(string folder)
        {
            var under = folder.EndsWith("/", StringComparison.Ordinal) ? folder : folder + "/";
            foreach (var path in _byPath.Keys)
                if (path.StartsWith(under, StringComparison.Ordinal)) yield return path;
        }

        public ArtifactFile? Read(string path)
        {
            if (!_byPath.TryGetValue(path, out var file) || !(file.GetText(_ct) is SourceText text)) return null;
            lock (_gate) _texts[path] = text;
            return new ArtifactFile(path, Encoding.UTF8.GetBytes(text.ToString()));
        }

        /// <summary>The path Roslyn knows an artifact by, and its text, for an engine path this source read; null otherwise.</summary>
        public (string Path, SourceText Text)? OriginalPath(string enginePath)
        {
            lock (_gate)
                return _texts.TryGetValue(enginePath, out var text) && _byPath.TryGetValue(enginePath, out var file) ? (file.Path, text) : ((string, SourceText)?)null;
        }
    }
}
