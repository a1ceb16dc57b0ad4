using System;
using System.Collections.Generic;
using System.Linq;
using DeployAdvisor.Engine.Binding;
using DeployAdvisor.Engine.Findings;
using DeployAdvisor.Engine.Model;
using DeployAdvisor.Engine.Schema;

namespace DeployAdvisor.Engine.Loading
{
    /// <summary>One document of a file that belongs to DeployAdvisor (its apiVersion starts with deployadvisor/).</summary>
    public sealed class LoadedDocument
    {
        internal LoadedDocument(int index, string? name, Workload? workload, FieldLocations locations, IReadOnlyList<Finding> findings)
        {
            Index = index; Name = name; Workload = workload; Locations = locations; Findings = findings;
        }

        public int Index { get; }
        /// <summary>metadata.name where it could be read, even from an invalid descriptor.</summary>
        public string? Name { get; }
        /// <summary>The workload, when the document is a valid v1 descriptor; null otherwise.</summary>
        public Workload? Workload { get; }
        public FieldLocations Locations { get; }
        /// <summary>DA0002/DA0003 findings of this document, located, file set.</summary>
        public IReadOnlyList<Finding> Findings { get; }
    }

    public sealed class LoadedFile
    {
        internal LoadedFile(string path, IReadOnlyList<LoadedDocument> documents, IReadOnlyList<Finding> findings, IReadOnlyList<YComment> comments, int documentCount)
        {
            Path = path; Documents = documents; Findings = findings; Comments = comments; DocumentCount = documentCount;
        }

        public string Path { get; }
        public IReadOnlyList<LoadedDocument> Documents { get; }
        /// <summary>File-level findings (DA0001, DA0007, and DA0003 for a named file with no descriptor), file set.</summary>
        public IReadOnlyList<Finding> Findings { get; }
        public IReadOnlyList<YComment> Comments { get; }
        /// <summary>All well-formed documents in the file, DeployAdvisor's or not.</summary>
        public int DocumentCount { get; }
        public bool HasDescriptor => Documents.Count > 0;

        public IEnumerable<Finding> AllFindings => Findings.Concat(Documents.SelectMany(d => d.Findings));

        /// <summary>The same file with other file-level findings (a front end that knows more about the input, such as its real size).</summary>
        public LoadedFile WithFindings(IReadOnlyList<Finding> findings) => new LoadedFile(Path, Documents, findings, Comments, DocumentCount);
    }

    /// <summary>Reads workload descriptors from YAML with every problem located (DA0001–DA0003, DA0007).</summary>
    public static class DescriptorLoader
    {
        public const string ApiVersion = "deployadvisor/v1";
        public const string ApiGroupPrefix = "deployadvisor/";
        public const string Kind = "Workload";

        /// <param name="namedLiterally">The user named this file; it must then hold a descriptor (DA0003 otherwise).</param>
        /// <param name="fast">A faster YAML parser to try first (<see cref="YamlReader.Read(byte[], Limits, IFastYamlParser)"/>).</param>
        public static LoadedFile Load(string path, byte[] bytes, bool namedLiterally, Limits? limits = null, IFastYamlParser? fast = null)
            => FromYaml(path, YamlReader.Read(bytes, limits, fast), namedLiterally);

        public static LoadedFile LoadText(string path, string text, bool namedLiterally = true, Limits? limits = null)
            => FromYaml(path, YamlReader.Read(text, limits), namedLiterally);

        private static LoadedFile FromYaml(string path, YamlText yaml, bool namedLiterally)
        {
            var documents = new List<LoadedDocument>();
            foreach (var doc in yaml.Documents)
            {
                if (doc.Root is null) continue;
                var loaded = ReadDocument(doc.Root, doc.Index == 0 ? SourceSpan.FileStart : doc.Start, doc.Index, path);
                if (loaded != null) documents.Add(loaded);
            }
            var fileFindings = yaml.Findings.Select(f => f.With(location: new Location(path, f.Location!.Span))).ToList();
            if (namedLiterally && documents.Count == 0 && fileFindings.Count == 0)
            {
                fileFindings.Add(new Finding(RuleIds.NotADescriptor, Severity.Error,
                    $"the file holds no {ApiVersion} {Kind} document; descriptors start with 'apiVersion: {ApiVersion}' and 'kind: {Kind}'",
                    location: new Location(path, SourceSpan.FileStart)));
            }
            return new LoadedFile(path, documents, fileFindings, yaml.Comments, yaml.Documents.Count);
        }

        /// <summary>
        /// Reads one document tree: null when it is not DeployAdvisor's (another tool's YAML), else a
        /// document with a workload or with the findings that say why there is none.
        /// </summary>
        public static LoadedDocument? ReadDocument(YNode root, SourceSpan documentSpan, int index = 0, string? path = null)
        {
            var map = root as YMapping;
            YScalar? apiVersion = map is null ? null : ScalarAt(map, "apiVersion");
            if (apiVersion is null || !apiVersion.Value.StartsWith(ApiGroupPrefix, StringComparison.Ordinal)) return null;

            var findings = new List<Finding>();
            var locations = new FieldLocations(documentSpan);
            string? name = ValueAt(map!, "metadata") is YMapping meta ? ScalarAt(meta, "name")?.Value : null;
            var kind = ScalarAt(map!, "kind");
            if (apiVersion.Value != ApiVersion || kind?.Value != Kind)
            {
                findings.Add(new Finding(RuleIds.NotADescriptor, Severity.Error,
                    $"a document with apiVersion '{apiVersion.Value}' and kind '{kind?.Value ?? "(none)"}' is not a descriptor this version reads; expected apiVersion {ApiVersion} and kind {Kind}",
                    location: new Location(path, apiVersion.Span), workload: name));
                return new LoadedDocument(index, name, null, locations, findings);
            }

            if (!CoreSchema.IsSupportedTag(map!.Tag))
            {
                findings.Add(new Finding(RuleIds.SchemaViolation, Severity.Error, $"tag {map.Tag} is not supported; remove it",
                    location: new Location(path, map.Span), workload: name));
                return new LoadedDocument(index, name, null, locations, findings);
            }
            var bound = WorkloadBinder.Bind(new YamlFieldSource(map), documentSpan,
                (fieldPath, field) => locations.Add(fieldPath, (SourceSpan)field.KeyLocation!, (SourceSpan)field.ValueLocation!,
                    isContainer: field.Value.Kind == SourceValueKind.Mapping || field.Value.Kind == SourceValueKind.Sequence));
            foreach (var e in bound.Errors)
                findings.Add(new Finding(e.RuleId, Severity.Error, e.Message, e.Field,
                    e.RelatedField is null ? null : new[] { e.RelatedField },
                    location: new Location(path, (SourceSpan)e.Location!),
                    relatedLocations: e.RelatedLocation is SourceSpan related ? new[] { new Location(path, related) } : null,
                    workload: name));
            return new LoadedDocument(index, name, bound.Workload, locations, findings);
        }

        private static YNode? ValueAt(YMapping map, string key)
        {
            foreach (var e in map.Entries)
                if (e.Key is YScalar k && k.Value == key) return e.Value;
            return null;
        }

        private static YScalar? ScalarAt(YMapping map, string key) => ValueAt(map, key) as YScalar;
    }
}
