using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using DeployAdvisor.Engine.Findings;
using DeployAdvisor.Engine.Loading;

namespace DeployAdvisor.Engine.Artifacts
{
    /// <summary>
    /// A YAML text's documents as a flat array of events with, for each collection's start, the index of its end:
    /// a manifest is read in place, without a tree of nodes. A mapping's entries are key and value one after the
    /// other; a nested collection is skipped by its end. For a text the fast reader takes, the array is its own
    /// event list; any other text is read into a tree by <see cref="YamlReader"/> and the tree written out in
    /// the same form, so the reader of manifests has one way to read.
    /// </summary>
    internal sealed class ManifestTape
    {
        internal BlockMappingReader.Event[] Events = Array.Empty<BlockMappingReader.Event>();
        /// <summary>A collection start's end event; an alias's target (trees only); a scalar's own index.</summary>
        internal int[] Ends = Array.Empty<int>();
        /// <summary>Each document's root, -1 for an empty one.</summary>
        internal readonly List<int> Roots = new List<int>();
        private BlockMappingReader.EventList? _lease;

        /// <summary>The tape of a text the fast reader takes and the tree builder would accept as it is; null otherwise.</summary>
        public static ManifestTape? Fast(string text, Limits limits)
        {
            var list = YamlReader.FastEvents(text, limits);
            if (list is null) return null;
            var tape = new ManifestTape { _lease = list, Events = list.Items };
            if (tape.Index(list.Count, limits)) return tape;
            tape.Release();
            return null;
        }

        /// <summary>Gives the fast reader's event list back for the next text read on this thread.</summary>
        public void Release()
        {
            if (_lease is null) return;
            BlockMappingReader.Release(_lease);
            _lease = null;
            Events = Array.Empty<BlockMappingReader.Event>();
            Ends = Array.Empty<int>();
        }

        [ThreadStatic] private static int[]? SpareEnds;
        [ThreadStatic] private static Frame[]? SpareFrames;

        private struct Frame
        {
            public int Start;
            public bool Mapping;
            public int Children;
            public HashSet<string>? Keys;
        }

        /// <summary>
        /// The collections' ends, with the checks the tree builder makes on the fast path: false where it would report
        /// (document count, depth, key and scalar length, expanded size, duplicate key) or refuse (an empty plain key,
        /// a scalar spanning lines), and the tree is then YamlReader's to build and report.
        /// </summary>
        private bool Index(int count, Limits limits)
        {
            var events = Events;
            var ends = SpareEnds;
            if (ends is null || ends.Length < count) ends = new int[Math.Max(count, 256)];
            if (ends.Length <= 1 << 16) SpareEnds = ends;
            Ends = ends;
            var frames = SpareFrames ??= new Frame[16];
            int depth = 0, documents = 0;
            long nodes = 0;
            for (int i = 0; i < count; i++)
            {
                ref var e = ref events[i];
                int node;
                switch (e.Kind)
                {
                    case YamlEventKind.DocumentStart:
                        if (documents >= limits.MaxDocuments) return false;
                        documents++;
                        depth = 0;
                        nodes = 0;
                        continue;
                    case YamlEventKind.DocumentEnd:
                        continue;
                    case YamlEventKind.Scalar:
                    {
                        var value = e.Value;
                        bool isKey = depth > 0 && frames[depth - 1].Mapping && (frames[depth - 1].Children & 1) == 0;
                        if (value.Length > (isKey ? limits.MaxKeyLength : limits.MaxScalarLength)) return false;
                        if (isKey && e.IsPlain && value.Length == 0 || e.EndLine != e.Line) return false;
                        if (isKey && IsDuplicate(ref frames[depth - 1], i, value)) return false;
                        ends[i] = i;
                        node = i;
                        break;
                    }
                    case YamlEventKind.MappingStart:
                    case YamlEventKind.SequenceStart:
                        if (depth >= limits.MaxDepth) return false;
                        if (depth == frames.Length) { Array.Resize(ref frames, frames.Length * 2); SpareFrames = frames; }
                        ref var f = ref frames[depth++];
                        f.Start = i; f.Mapping = e.Kind == YamlEventKind.MappingStart; f.Children = 0;
                        f.Keys?.Clear();
                        continue;
                    case YamlEventKind.MappingEnd:
                    case YamlEventKind.SequenceEnd:
                        node = frames[--depth].Start;
                        ends[node] = i;
                        ends[i] = i;
                        break;
                    default:
                        return false; // the fast reader makes no other events
                }
                // Without aliases a document's expanded size is its count of nodes: the builder reports only beyond it.
                if (++nodes > limits.MaxExpandedNodes) return false;
                if (depth == 0) Roots.Add(node);
                else frames[depth - 1].Children++;
            }
            return true;
        }

        /// <summary>Whether the open mapping already has this key, as the tree builder finds it (a set only for a mapping of many keys).</summary>
        private bool IsDuplicate(ref Frame frame, int at, string key)
        {
            int keys = frame.Children >> 1;
            if (keys < 8)
            {
                for (int j = frame.Start + 1; j < at; j = Ends[j + 1] + 1)
                {
                    var k = Events[j].Value;
                    if (k.Length == key.Length && k == key) return true;
                }
                return false;
            }
            if (keys == 8)
            {
                var set = frame.Keys ??= new HashSet<string>(StringComparer.Ordinal);
                for (int j = frame.Start + 1; j < at; j = Ends[j + 1] + 1) set.Add(Events[j].Value);
            }
            return !frame.Keys!.Add(key);
        }

        /// <summary>
        /// A tree read by YamlReader, written out as a tape: each node once, an alias (a node met again, in a
        /// cycle too) as a link to where it was written, so lookups through it find what the tree's would.
        /// </summary>
        public static ManifestTape FromTree(IReadOnlyList<YDocument> documents)
        {
            var tape = new ManifestTape();
            var events = new List<BlockMappingReader.Event>();
            var ends = new List<int>();
            var written = new Dictionary<YNode, int>();
            foreach (var doc in documents)
                tape.Roots.Add(doc.Root is null ? -1 : Write(doc.Root, events, ends, written));
            tape.Events = events.ToArray();
            tape.Ends = ends.ToArray();
            return tape;
        }

        private static int Write(YNode node, List<BlockMappingReader.Event> events, List<int> ends, Dictionary<YNode, int> written)
        {
            int at = events.Count;
            if (written.TryGetValue(node, out var first))
            {
                events.Add(new BlockMappingReader.Event { Kind = YamlEventKind.Alias });
                ends.Add(first);
                return at;
            }
            written[node] = at;
            var span = node.Span;
            switch (node)
            {
                case YScalar s:
                    events.Add(new BlockMappingReader.Event { Kind = YamlEventKind.Scalar, Value = s.Value, IsPlain = s.IsPlain, Line = span.Line, Column = span.Column, EndLine = span.EndLine, EndColumn = span.EndColumn });
                    ends.Add(at);
                    return at;
                case YMapping m:
                    events.Add(new BlockMappingReader.Event { Kind = YamlEventKind.MappingStart, Line = span.Line, Column = span.Column });
                    ends.Add(-1);
                    foreach (var e in m.Entries) { Write(e.Key, events, ends, written); Write(e.Value, events, ends, written); }
                    events.Add(new BlockMappingReader.Event { Kind = YamlEventKind.MappingEnd, EndLine = span.EndLine, EndColumn = span.EndColumn });
                    break;
                default:
                    var q = (YSequence)node;
                    events.Add(new BlockMappingReader.Event { Kind = YamlEventKind.SequenceStart, Line = span.Line, Column = span.Column });
                    ends.Add(-1);
                    foreach (var item in q.Items) Write(item, events, ends, written);
                    events.Add(new BlockMappingReader.Event { Kind = YamlEventKind.SequenceEnd, EndLine = span.EndLine, EndColumn = span.EndColumn });
                    break;
            }
            ends[at] = events.Count - 1;
            ends.Add(events.Count - 1);
            return at;
        }

        /// <summary>The documents' roots as nodes (a null node for an empty document).</summary>
        public TapeNode Root(int document) => new TapeNode(this, Roots[document]);
    }

    /// <summary>
    /// A node of a <see cref="ManifestTape"/>: a scalar, mapping or sequence event, or none. Its answers are
    /// <see cref="Y"/>'s for the tree's node: the same lookups, strings, booleans, numbers and places.
    /// </summary>
    internal readonly struct TapeNode
    {
        private readonly ManifestTape? _tape;
        private readonly int _at;

        /// <param name="at">An event's index, an alias's followed to its target; below 0 for none.</param>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public TapeNode(ManifestTape tape, int at)
        {
            if (at >= 0 && tape.Events[at].Kind == YamlEventKind.Alias) at = tape.Ends[at];
            _tape = at >= 0 ? tape : null;
            _at = at;
        }

        public bool IsNull => _tape is null;
        private YamlEventKind Kind => _tape is null ? YamlEventKind.Other : _tape.Events[_at].Kind;
        public bool IsScalar => Kind == YamlEventKind.Scalar;
        public bool IsMapping => Kind == YamlEventKind.MappingStart;
        public bool IsSequence => Kind == YamlEventKind.SequenceStart;
        /// <summary>A collection without entries or items.</summary>
        public bool IsEmpty => _tape != null && _tape.Ends[_at] == _at + 1;
        /// <summary>A scalar's value (null for any other node).</summary>
        public string? Value => IsScalar ? _tape!.Events[_at].Value : null;

        /// <summary>Where the node is, as YNode.Span gives it: a collection from its start event's start to its end event's end.</summary>
        public SourceSpan Span
        {
            get
            {
                var events = _tape!.Events;
                ref var e = ref events[_at];
                if (e.Kind == YamlEventKind.Scalar)
                {
                    int line = Math.Max(1, e.Line), column = Math.Max(1, e.Column), endLine = Math.Max(1, e.EndLine), endColumn = Math.Max(1, e.EndColumn);
                    if (endLine < line || endLine == line && endColumn < column) { endLine = line; endColumn = column; }
                    return new SourceSpan(line, column, endLine, endColumn);
                }
                ref var end = ref events[_tape.Ends[_at]];
                return new SourceSpan(e.Line, e.Column, end.EndLine, end.EndColumn);
            }
        }

        /// <summary>The index after a child at <paramref name="j"/> and everything in it.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static int After(ManifestTape tape, int j) => tape.Events[j].Kind == YamlEventKind.Alias ? j + 1 : tape.Ends[j] + 1;

        public bool TryEntry(string key, out TapeNode keyNode, out TapeNode value)
        {
            var tape = _tape;
            if (tape != null && tape.Events[_at].Kind == YamlEventKind.MappingStart)
            {
                // The keys compared in place (the lookup most of a manifest's reading is): a node is made only for the one found.
                var events = tape.Events;
                var ends = tape.Ends;
                int end = ends[_at];
                for (int j = _at + 1; j < end;)
                {
                    int k = j, v;
                    if (events[j].Kind == YamlEventKind.Alias) { k = ends[j]; v = j + 1; }
                    else v = ends[j] + 1;
                    ref var e = ref events[k];
                    if (e.Kind == YamlEventKind.Scalar && e.Value.Length == key.Length && string.Equals(e.Value, key))
                    {
                        keyNode = new TapeNode(tape, k);
                        value = new TapeNode(tape, v);
                        return true;
                    }
                    j = events[v].Kind == YamlEventKind.Alias ? v + 1 : ends[v] + 1;
                }
            }
            keyNode = default; value = default;
            return false;
        }

        public TapeNode Get(string key) => TryEntry(key, out _, out var v) ? v : default;
        public TapeNode Path(string a, string b) => Get(a).Get(b);
        public TapeNode Path(string a, string b, string c) => Get(a).Get(b).Get(c);
        public TapeNode Path(string a, string b, string c, string d) => Get(a).Get(b).Get(c).Get(d);

        /// <summary>As <see cref="Y.Str"/>: a scalar's value, null for a plain null ("~", "null", empty) or a collection.</summary>
        public string? Str
        {
            get
            {
                if (!IsScalar) return null;
                ref var e = ref _tape!.Events[_at];
                return Y.Str(e.Value, e.IsPlain);
            }
        }

        /// <summary>As <see cref="Y.IsTrue"/>: YAML 1.2 core schema true.</summary>
        public bool IsTrue
        {
            get
            {
                if (!IsScalar) return false;
                ref var e = ref _tape!.Events[_at];
                return Y.IsTrue(e.Value, e.IsPlain);
            }
        }

        /// <summary>As <see cref="Y.Int"/>.</summary>
        public int? Int
        {
            get
            {
                if (!IsScalar) return null;
                ref var e = ref _tape!.Events[_at];
                return Y.Int(e.Value, e.IsPlain);
            }
        }

        /// <summary>A sequence's items (none for any other node).</summary>
        public ItemList Items => new ItemList(IsSequence ? _tape : null, _at);
        /// <summary>A mapping's entries (none for any other node).</summary>
        public EntryList Entries => new EntryList(IsMapping ? _tape : null, _at);

        public readonly struct Entry
        {
            public Entry(TapeNode key, TapeNode value) { Key = key; Value = value; }
            public TapeNode Key { get; }
            public TapeNode Value { get; }
        }

        /// <summary>A sequence's items walked on the tape, without a list.</summary>
        public readonly struct ItemList
        {
            private readonly ManifestTape? _tape;
            private readonly int _at;
            public ItemList(ManifestTape? tape, int at) { _tape = tape; _at = at; }
            public Enumerator GetEnumerator() => new Enumerator(_tape, _at);

            public struct Enumerator
            {
                private readonly ManifestTape? _tape;
                private readonly int _end;
                private int _next, _current;
                public Enumerator(ManifestTape? tape, int at)
                {
                    _tape = tape;
                    _end = tape is null ? 0 : tape.Ends[at];
                    _next = at + 1;
                    _current = -1;
                }
                public bool MoveNext()
                {
                    if (_tape is null || _next >= _end) return false;
                    _current = _next;
                    _next = After(_tape, _current);
                    return true;
                }
                public TapeNode Current => new TapeNode(_tape!, _current);
            }
        }

        /// <summary>A mapping's entries walked on the tape, without a list.</summary>
        public readonly struct EntryList
        {
            private readonly ManifestTape? _tape;
            private readonly int _at;
            public EntryList(ManifestTape? tape, int at) { _tape = tape; _at = at; }
            public Enumerator GetEnumerator() => new Enumerator(_tape, _at);

            public struct Enumerator
            {
                private readonly ManifestTape? _tape;
                private readonly int _end;
                private int _next, _key, _value;
                public Enumerator(ManifestTape? tape, int at)
                {
                    _tape = tape;
                    _end = tape is null ? 0 : tape.Ends[at];
                    _next = at + 1;
                    _key = _value = -1;
                }
                public bool MoveNext()
                {
                    if (_tape is null || _next >= _end) return false;
                    _key = _next;
                    _value = After(_tape, _key);
                    _next = After(_tape, _value);
                    return true;
                }
                public Entry Current => new Entry(new TapeNode(_tape!, _key), new TapeNode(_tape!, _value));
            }
        }
    }
}
