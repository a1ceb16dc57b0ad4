using System;
using System.Collections.Generic;
using DeployAdvisor.Engine.Findings;
using DeployAdvisor.Engine.Loading;
using DeployAdvisor.Engine.Model;

namespace DeployAdvisor.Engine.Artifacts
{
    /// <summary>
    /// What a front end knows about the files a descriptor's spec.artifacts names. The engine does no
    /// file I/O: the CLI resolves each entry (relative to the descriptor's folder) and hands the answer here.
    /// </summary>
    public sealed class ArtifactLookup
    {
        /// <param name="match">An entry of spec.artifacts as written → the files it matches (empty: none).</param>
        /// <param name="descriptorBytes">The descriptor file's bytes, so that a finding is located at its entry; optional.</param>
        public ArtifactLookup(Func<string, IReadOnlyList<string>> match, byte[]? descriptorBytes = null)
        {
            Match = match ?? throw new ArgumentNullException(nameof(match));
            DescriptorBytes = descriptorBytes;
        }

        public Func<string, IReadOnlyList<string>> Match { get; }
        public byte[]? DescriptorBytes { get; }
    }

    /// <summary>
    /// `lint` against artifacts (docs/artifacts.md): DA7000 for an entry of spec.artifacts that matches no
    /// file. The comparison of the artifacts' facts with the descriptor (DA7001-DA7005) is not built yet.
    /// </summary>
    public static class ArtifactCheck
    {
        public const string NotFoundId = "DA7000";

        /// <summary>DA7000 for each entry that matches no file, in entry order, located at the entry.</summary>
        public static List<Finding> NotFound(string descriptorPath, int documentIndex, Workload workload, Schema.FieldLocations locations, ArtifactLookup lookup)
        {
            var result = new List<Finding>();
            if (workload.Artifacts.Count == 0) return result;
            IReadOnlyList<SourceSpan>? spans = null;
            for (int i = 0; i < workload.Artifacts.Count; i++)
            {
                var entry = workload.Artifacts[i];
                if (lookup.Match(entry).Count > 0) continue;
                spans ??= EntrySpans(lookup.DescriptorBytes, documentIndex);
                var at = spans != null && i < spans.Count ? spans[i] : locations.Nearest(Fields.Artifacts);
                var what = Configuration.PathPattern.HasWildcards(entry) ? "the glob" : "the path";
                result.Add(new Finding(NotFoundId, Severity.Error,
                    $"{what} '{entry}' in spec.artifacts matches no file; it is relative to the descriptor's folder",
                    Fields.Artifacts, location: new Location(descriptorPath, at), workload: workload.Name));
            }
            return result;
        }

        /// <summary>Where each item of spec.artifacts is written in a document (the binder keeps fields, not items); null when unknown.</summary>
        public static IReadOnlyList<SourceSpan>? EntrySpans(byte[]? bytes, int documentIndex)
        {
            if (bytes is null) return null;
            YamlText text;
            try { text = YamlReader.Read(bytes); }
            catch (Exception) { return null; }
            foreach (var doc in text.Documents)
            {
                if (doc.Index != documentIndex) continue;
                if (!(ValueAt(doc.Root, "spec") is YMapping spec) || !(ValueAt(spec, "artifacts") is YSequence items)) return null;
                var spans = new List<SourceSpan>(items.Items.Count);
                foreach (var item in items.Items) spans.Add(item.Span);
                return spans;
            }
            return null;
        }

        private static YNode? ValueAt(YNode? node, string key)
        {
            if (!(node is YMapping map)) return null;
            foreach (var e in map.Entries)
                if (e.Key is YScalar k && k.Value == key) return e.Value;
            return null;
        }
    }
}
