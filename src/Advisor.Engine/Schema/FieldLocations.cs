using System.Collections.Generic;
using DeployAdvisor.Engine.Findings;

namespace DeployAdvisor.Engine.Schema
{
    /// <summary>Where each field of one document is written: its key and its value, by dotted path.</summary>
    public sealed class FieldLocations
    {
        private readonly Dictionary<string, SourceSpan> _keys = new Dictionary<string, SourceSpan>(System.StringComparer.Ordinal);
        private readonly Dictionary<string, SourceSpan> _values = new Dictionary<string, SourceSpan>(System.StringComparer.Ordinal);

        public FieldLocations(SourceSpan document) { Document = document; }

        /// <summary>Where the document itself is reported (line 1 column 1 for a file's first document).</summary>
        public SourceSpan Document { get; }

        private readonly HashSet<string> _containers = new HashSet<string>(System.StringComparer.Ordinal);

        internal void Add(string path, SourceSpan key, SourceSpan value, bool isContainer = false)
        {
            _keys[path] = key;
            _values[path] = value;
            if (isContainer) _containers.Add(path);
        }

        public SourceSpan? KeyOf(string path) => _keys.TryGetValue(path, out var s) ? s : null;
        public SourceSpan? ValueOf(string path) => _values.TryGetValue(path, out var s) ? s : null;

        /// <summary>
        /// Where a finding about the field goes: a scalar's value, a mapping's key (the `spec:` key),
        /// else the key of its nearest written ancestor, else the document.
        /// </summary>
        public SourceSpan Nearest(string? path)
        {
            if (path is null) return Document;
            if (_containers.Contains(path) && _keys.TryGetValue(path, out var ck)) return ck;
            if (_values.TryGetValue(path, out var v)) return v;
            var p = path;
            while (true)
            {
                int dot = p.LastIndexOf('.');
                if (dot < 0) return Document;
                p = p.Substring(0, dot);
                if (_keys.TryGetValue(p, out var k)) return k;
            }
        }
    }
}
