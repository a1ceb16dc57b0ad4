using System.Collections.Generic;
using DeployAdvisor.Engine.Findings;

namespace DeployAdvisor.Engine.Schema
{
    /// <summary>Where each field of one document is written: its key and its value, by dotted path.</summary>
    public sealed class FieldLocations
    {
        // One entry per written field; every key of every document is added here, so one table, not three.
        private readonly Dictionary<string, (SourceSpan Key, SourceSpan Value, bool IsContainer)> _fields =
            new Dictionary<string, (SourceSpan, SourceSpan, bool)>(System.StringComparer.Ordinal);

        public FieldLocations(SourceSpan document) { Document = document; }

        /// <summary>Where the document itself is reported (line 1 column 1 for a file's first document).</summary>
        public SourceSpan Document { get; }

        internal void Add(string path, SourceSpan key, SourceSpan value, bool isContainer = false)
            => _fields[path] = (key, value, isContainer);

        public SourceSpan? KeyOf(string path) => _fields.TryGetValue(path, out var f) ? f.Key : (SourceSpan?)null;
        public SourceSpan? ValueOf(string path) => _fields.TryGetValue(path, out var f) ? f.Value : (SourceSpan?)null;

        /// <summary>
        /// Where a finding about the field goes: a scalar's value, a mapping's key (the `spec:` key),
        /// else the key of its nearest written ancestor, else the document.
        /// </summary>
        public SourceSpan Nearest(string? path)
        {
            if (path is null) return Document;
            if (_fields.TryGetValue(path, out var field)) return field.IsContainer ? field.Key : field.Value;
            var p = path;
            while (true)
            {
                int dot = p.LastIndexOf('.');
                if (dot < 0) return Document;
                p = p.Substring(0, dot);
                if (_fields.TryGetValue(p, out var k)) return k.Key;
            }
        }
    }
}
