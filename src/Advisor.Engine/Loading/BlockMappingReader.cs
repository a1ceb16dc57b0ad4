using System;
using System.Collections.Generic;

namespace DeployAdvisor.Engine.Loading
{
    /// <summary>
    /// A reader for the plain shape nearly every descriptor and Kubernetes manifest has: block mappings
    /// and block sequences (indented or not, mappings starting on the dash's line) of single-line plain or
    /// quoted scalars, with comments, blank lines and document markers. For such text it produces
    /// exactly the events YamlDotNet produces, positions included; for anything else it gives up, and
    /// <see cref="YamlReader"/> reads the text with YamlDotNet.
    /// </summary>
    /// <remarks>
    /// Written here rather than taken from a library because no library parser is faster where it
    /// counts: measured in the Native AOT CLI on the 10k-file bench corpus, YamlDotNet's and SharpYaml's
    /// event parsers each cost about as much as the whole parse floor (docs/performance.md), and the
    /// parse was nearly half of lint's time. This reader does one pass over the characters of a small
    /// grammar. It is held to YamlDotNet by differential fuzzing (<c>BlockMappingReaderTests</c>):
    /// whenever it reads a text to its end, the tree must be YamlDotNet's, node for node and position
    /// for position. Everything it is not sure of — flow collections, anchors, tags, block and multi-line
    /// scalars, escapes, tabs, explicit keys, directives, a sequence opened on an entry's line ("- - a"),
    /// a scalar on the line below a bare dash, odd indentation — it leaves.
    /// </remarks>
    public sealed class BlockMappingReader : IFastYamlParser
    {
        public static readonly BlockMappingReader Instance = new BlockMappingReader();

        /// <summary>Characters of constructs this reader leaves to YamlDotNet wherever they appear.</summary>
        private static readonly char[] Left = "&*!|>%@`{}[]?\t\\".ToCharArray();

        /// <summary>YAML's indicator characters: a plain key or value starting with one is left to YamlDotNet.</summary>
        private const string Indicators = "-?:,[]{}#&*!|>'\"%@`";

        public bool Accepts(string text) => text.IndexOfAny(Left) < 0;

        /// <summary>The ASCII characters of those each line is checked for (<see cref="Scan"/>).</summary>
        private static readonly char[] AsciiLeft = { '\r', '\t', '\u007F' };

        public IYamlEventSource Open(string text)
        {
            // Guarded here too, not only by the caller asking Accepts first.
            if (!Accepts(text)) throw new NotInSubset();
            var events = Take(text);
            try { Scan(text, events); }
            catch { Release(events); throw; }
            return new Events(events);
        }

        [ThreadStatic] private static EventList? Spare;

        /// <summary>The event list of the last text read on this thread, reused: it was a third of what a manifest's read allocated.</summary>
        private static EventList Take(string text)
        {
            var events = Spare ?? new EventList(Math.Min(text.Length / 6 + 16, 1 << 16));
            Spare = null;
            return events;
        }

        /// <summary>
        /// The events of a text this reader reads, for a caller that walks them in place instead of building a tree
        /// (Kubernetes manifests); null when it leaves the text to YamlDotNet. The caller gives the list back with <see cref="Release"/>.
        /// </summary>
        internal EventList? TryScan(string text)
        {
            if (!Accepts(text)) return null;
            var events = Take(text);
            try { Scan(text, events); }
            catch
            {
                // Whatever the scan throws, YamlDotNet's path reads the text again (as YamlReader's fast read does).
                Release(events);
                return null;
            }
            return events;
        }

        internal static void Release(EventList events)
        {
            if (events.Items.Length > 1 << 16) return; // an unusually large text's list is not kept
            events.Clear();
            Spare = events;
        }

        /// <summary>Thrown when the text leaves the subset; the caller reads it with YamlDotNet.</summary>
        private sealed class NotInSubset : Exception { }

        internal struct Event
        {
            public YamlEventKind Kind;
            public string Value;
            public bool IsPlain;
            public int Line, Column, EndLine, EndColumn;
        }

        /// <summary>
        /// The events of a text, in an array read in place: the tree builder asks each event for up to nine
        /// properties, and a list's indexer copied the whole event for each.
        /// </summary>
        internal sealed class EventList
        {
            public Event[] Items;
            public int Count;
            public EventList(int capacity) { Items = new Event[Math.Max(capacity, 16)]; }
            /// <summary>
            /// Written field by field in its place: an event made on the stack and copied in was read back in 16-byte
            /// loads of the 4-byte stores just made, which the processor cannot forward (most of this method's time).
            /// </summary>
            public void Add(YamlEventKind kind, string? value, bool plain, int line, int column, int endLine, int endColumn)
            {
                if (Count == Items.Length) Array.Resize(ref Items, Items.Length * 2);
                ref var e = ref Items[Count++];
                e.Kind = kind; e.Value = value!; e.IsPlain = plain; e.Line = line; e.Column = column; e.EndLine = endLine; e.EndColumn = endColumn;
            }
            public void Clear()
            {
                Array.Clear(Items, 0, Count);
                Count = 0;
            }
        }

        private sealed class Events : IYamlEventSource
        {
            private EventList? _events;
            private Event[] _items;
            private int _at = -1;
            public Events(EventList events) { _events = events; _items = events.Items; }
            public bool MoveNext()
            {
                if (_events is null) return false;
                if (++_at < _events.Count) return true;
                // Read to the end: the list goes back for the next text read on this thread.
                Release(_events);
                _events = null;
                _items = Array.Empty<Event>();
                return false;
            }
            public YamlEventKind Kind => _items[_at].Kind;
            public string Value => _items[_at].Value ?? "";
            public bool IsPlain => _items[_at].IsPlain;
            public bool IsInlineComment => false;
            public string? Tag => null;
            public string? Anchor => null;
            public int Line => _items[_at].Line;
            public int Column => _items[_at].Column;
            public int EndLine => _items[_at].EndLine;
            public int EndColumn => _items[_at].EndColumn;
        }

        /// <summary>An open collection: a mapping (its keys' column) or a block sequence (its dashes' column).</summary>
        private struct Collection
        {
            public bool Sequence;
            /// <summary>A sequence whose dashes are at its parent key's column ("key:\n- a"): it ends at the next key there.</summary>
            public bool Indentless;
            public int Column; // 0-based
        }

        private static void Scan(string text, EventList events)
        {
            var open = new List<Collection>(); // outermost first
            bool inDocument = false, ended = false;
            // A key or a sequence entry whose value is on the lines below (a nested collection) or absent (an empty scalar).
            bool pending = false, pendingEntry = false;
            int pendingLine = 0, pendingColumn = 0, pendingIndent = 0;

            void Add(YamlEventKind kind, int line, int column, int endLine, int endColumn, string? value = null, bool plain = false)
                => events.Add(kind, value, plain, line, column, endLine, endColumn);

            void Pop(int line, int column)
            {
                bool sequence = open[open.Count - 1].Sequence;
                open.RemoveAt(open.Count - 1);
                Add(sequence ? YamlEventKind.SequenceEnd : YamlEventKind.MappingEnd, line, column, line, column);
            }

            // Ends collections deeper than `indent` where the next token starts; with `key`, a key line,
            // also an indentless sequence at that column (its parent mapping's next key ends it).
            void CloseTo(int indent, int line, int column, bool key = false)
            {
                while (open.Count > 0 && (open[open.Count - 1].Column > indent || key && open[open.Count - 1].Indentless && open[open.Count - 1].Column == indent))
                    Pop(line, column);
            }

            // A pending key or entry followed by no deeper line: its value is an empty plain scalar just after the colon or dash.
            void ResolvePendingAsEmpty()
            {
                if (!pending) return;
                Add(YamlEventKind.Scalar, pendingLine, pendingColumn, pendingLine, pendingColumn, "", plain: true);
                pending = false;
            }

            void EndDocument(int line, int column)
            {
                ResolvePendingAsEmpty();
                // A document without content has a null root in YamlDotNet: not this reader's shape.
                if (open.Count == 0) throw new NotInSubset();
                CloseTo(-1, line, column);
                Add(YamlEventKind.DocumentEnd, line, column, line, column);
                inDocument = false;
            }

            int lineNumber = 0;
            int pos = 0;
            bool explicitStart = false;
            // A text of ASCII without CR, tab or DEL (nearly every one) has none of the characters checked for on
            // each line below: two vectorised searches instead of a test per character.
            bool plainAscii = text.IndexOfAny(AsciiLeft) < 0 && System.Text.Encoding.UTF8.GetByteCount(text) == text.Length;
            while (pos < text.Length)
            {
                lineNumber++;
                int lineStart = pos;
                int lineEnd = text.IndexOf('\n', pos);
                bool endsWithoutBreak = lineEnd < 0;
                int next = lineEnd < 0 ? text.Length : lineEnd + 1;
                if (lineEnd < 0) lineEnd = text.Length;
                if (lineEnd > lineStart && text[lineEnd - 1] == '\r') lineEnd--;
                pos = next;

                int indent = lineStart;
                while (indent < lineEnd && text[indent] == ' ') indent++;
                if (!plainAscii)
                {
                    for (int i = indent; i < lineEnd; i++)
                    {
                        char c = text[i];
                        // A lone CR, NEL, LS and PS are line breaks to YamlDotNet; a tab may be indentation;
                        // DEL, C1 controls, BOMs, non-characters and unpaired surrogates are not plain text.
                        if (c == '\r' || c == '\t' || c >= '\u007F' && c <= '\u009F' || c == '\u2028' || c == '\u2029' || c == '\uFEFF' || c >= '\uFFFE'
                            || char.IsHighSurrogate(c) && (i + 1 >= lineEnd || !char.IsLowSurrogate(text[i + 1]))
                            || char.IsLowSurrogate(c) && (i == lineStart || !char.IsHighSurrogate(text[i - 1])))
                            throw new NotInSubset();
                    }
                }
                if (indent == lineEnd)
                {
                    // Spaces on the last line, with no line break after them, move where YamlDotNet closes the
                    // collections deeper than those spaces (after them, not at the end of the stream): its to read.
                    if (endsWithoutBreak && lineEnd > lineStart) throw new NotInSubset();
                    continue; // blank line
                }
                if (text[indent] == '#')
                {
                    // A comment on the last line, with no line break after it, can move where YamlDotNet
                    // closes the mappings it ends (a lone "#" there closes them after the '#', not at the
                    // end of the stream): that text is YamlDotNet's to read.
                    if (endsWithoutBreak) throw new NotInSubset();
                    continue;
                }
                int column = indent - lineStart;

                // Document markers, at the start of a line only.
                if (column == 0 && lineEnd - lineStart >= 3 && (string.CompareOrdinal(text, lineStart, "---", 0, 3) == 0 || string.CompareOrdinal(text, lineStart, "...", 0, 3) == 0)
                    && (lineEnd - lineStart == 3 || text[lineStart + 3] == ' '))
                {
                    // Only spaces or a comment may follow a marker here.
                    int after = lineStart + 3;
                    while (after < lineEnd && text[after] == ' ') after++;
                    if (after < lineEnd && (text[after] != '#' || after == lineStart + 3)) throw new NotInSubset();
                    bool start = text[lineStart] == '-';
                    if (start)
                    {
                        if (inDocument) EndDocument(lineNumber, 1);
                        Add(YamlEventKind.DocumentStart, lineNumber, 1, lineNumber, 4);
                        inDocument = true; ended = false; explicitStart = true;
                    }
                    else
                    {
                        if (!inDocument) throw new NotInSubset();
                        EndDocument(lineNumber, 1);
                        ended = true;
                    }
                    continue;
                }
                // After "...", only a new "---" may start a document here.
                if (ended) throw new NotInSubset();

                if (!inDocument)
                {
                    Add(YamlEventKind.DocumentStart, lineNumber, column + 1, lineNumber, column + 1);
                    inDocument = true; explicitStart = false;
                }

                // A line of entries: "- " and what follows, and "- " again for each entry it opens ("- - a" is left).
                int at = indent;
                if (IsEntry(text, at, lineEnd))
                {
                    if (pending)
                    {
                        if (column > pendingIndent || !pendingEntry && column == pendingIndent)
                        {
                            // The pending key's or entry's value is the sequence that starts here; at the key's
                            // own column it is indentless, and its start event spans the dash.
                            bool indentless = column == pendingIndent;
                            open.Add(new Collection { Sequence = true, Indentless = indentless, Column = column });
                            Add(YamlEventKind.SequenceStart, lineNumber, column + 1, lineNumber, column + (indentless ? 2 : 1));
                            pending = false;
                        }
                        else ResolvePendingAsEmpty();
                    }
                    if (open.Count == 0)
                    {
                        open.Add(new Collection { Sequence = true, Column = column });
                        Add(YamlEventKind.SequenceStart, lineNumber, column + 1, lineNumber, column + 1);
                    }
                    else if (column != open[open.Count - 1].Column || !open[open.Count - 1].Sequence)
                    {
                        if (column > open[open.Count - 1].Column) throw new NotInSubset(); // deeper without a pending key
                        CloseTo(column, lineNumber, column + 1);
                        if (open.Count == 0 || column != open[open.Count - 1].Column || !open[open.Count - 1].Sequence) throw new NotInSubset(); // no sequence at this column
                    }

                    // What follows the dash: nothing (the entry is below), a key (a mapping starts here), or a scalar.
                    int v = at + 1;
                    while (v < lineEnd && text[v] == ' ') v++;
                    if (v == lineEnd || text[v] == '#')
                    {
                        pending = true; pendingEntry = true;
                        pendingLine = lineNumber; pendingColumn = at - lineStart + 2; pendingIndent = column;
                        continue;
                    }
                    if (IsEntry(text, v, lineEnd)) throw new NotInSubset(); // a sequence in an entry on one line
                    int keyAt = KeyEnd(text, v, lineEnd);
                    if (keyAt < 0)
                    {
                        Value(lineNumber, lineStart, lineEnd, v);
                        continue;
                    }
                    // "- key: ...": a mapping whose keys are at this column.
                    at = v;
                    column = at - lineStart;
                    open.Add(new Collection { Column = column });
                    Add(YamlEventKind.MappingStart, lineNumber, column + 1, lineNumber, column + 1);
                    KeyAndValue(lineNumber, lineStart, lineEnd, at, keyAt);
                    continue;
                }

                // A key line: "key:" or "key: value", the key plain and on one line.
                int keyEnd = KeyEnd(text, at, lineEnd);
                if (keyEnd < 0) throw new NotInSubset();

                if (pending)
                {
                    if (column > pendingIndent)
                    {
                        // The pending key's or entry's value is the mapping that starts here.
                        open.Add(new Collection { Column = column });
                        Add(YamlEventKind.MappingStart, lineNumber, column + 1, lineNumber, column + 1);
                        pending = false;
                    }
                    else ResolvePendingAsEmpty();
                }
                if (open.Count == 0)
                {
                    open.Add(new Collection { Column = column });
                    Add(YamlEventKind.MappingStart, lineNumber, column + 1, lineNumber, column + 1);
                }
                else if (column != open[open.Count - 1].Column || open[open.Count - 1].Sequence)
                {
                    if (column > open[open.Count - 1].Column) throw new NotInSubset(); // deeper without a pending key
                    CloseTo(column, lineNumber, column + 1, key: true);
                    if (open.Count == 0 || column != open[open.Count - 1].Column || open[open.Count - 1].Sequence) throw new NotInSubset(); // no mapping at this column
                }
                KeyAndValue(lineNumber, lineStart, lineEnd, at, keyEnd);
            }

            // The end of the stream: YamlDotNet puts it at the start of the line after the last line break,
            // or of the line after the last line when the text does not end with one.
            int endLine = text.Length == 0 ? 1 : lineNumber + 1;
            if (inDocument) EndDocument(endLine, 1);
            else if (explicitStart && !ended) throw new NotInSubset();
            if (events.Count == 0) throw new NotInSubset(); // no document at all: let YamlDotNet say so

            // The key at `at` (its colon at keyEnd) and its value on the same line, or a pending key.
            void KeyAndValue(int line, int lineStart, int lineEnd, int at, int keyEnd)
            {
                Add(YamlEventKind.Scalar, line, at - lineStart + 1, line, keyEnd - lineStart + 1, text.Substring(at, keyEnd - at), plain: true);

                // The value, after the colon.
                int v = keyEnd + 1;
                while (v < lineEnd && text[v] == ' ') v++;
                if (v == lineEnd || text[v] == '#' && v > keyEnd + 1)
                {
                    pending = true; pendingEntry = false;
                    pendingLine = line; pendingColumn = keyEnd - lineStart + 2; pendingIndent = at - lineStart;
                    return;
                }
                if (v == keyEnd + 1) throw new NotInSubset(); // "key:value" is a plain scalar, not a pair
                Value(line, lineStart, lineEnd, v);
            }

            // A one-line scalar value at `v`, plain or quoted, and at most a comment after it.
            void Value(int line, int lineStart, int lineEnd, int v)
            {
                int valueEnd;
                string value;
                bool plain;
                char first = text[v];
                if (first == '\'' || first == '"')
                {
                    plain = false;
                    var sb = (System.Text.StringBuilder?)null;
                    int i = v + 1;
                    int segment = i;
                    while (true)
                    {
                        if (i >= lineEnd) throw new NotInSubset(); // a quoted scalar spanning lines
                        if (text[i] == first)
                        {
                            if (first == '\'' && i + 1 < lineEnd && text[i + 1] == '\'')
                            {
                                sb ??= new System.Text.StringBuilder();
                                sb.Append(text, segment, i + 1 - segment);
                                i += 2;
                                segment = i;
                                continue;
                            }
                            break;
                        }
                        i++;
                    }
                    value = sb is null ? text.Substring(v + 1, i - v - 1) : sb.Append(text, segment, i - segment).ToString();
                    valueEnd = i + 1;
                    int rest = valueEnd;
                    while (rest < lineEnd && text[rest] == ' ') rest++;
                    if (rest < lineEnd && (text[rest] != '#' || rest == valueEnd)) throw new NotInSubset();
                }
                else
                {
                    plain = true;
                    if (!MayStartPlain(text, v, lineEnd)) throw new NotInSubset();
                    int end = v;
                    for (int i = v; i < lineEnd; i++)
                    {
                        char c = text[i];
                        if (c == '#' && text[i - 1] == ' ') break; // a comment
                        if (c == ':' && (i + 1 == lineEnd || text[i + 1] == ' ')) throw new NotInSubset(); // a second "key:"
                        if (c != ' ') end = i + 1;
                    }
                    value = text.Substring(v, end - v);
                    valueEnd = end;
                }
                Add(YamlEventKind.Scalar, line, v - lineStart + 1, line, valueEnd - lineStart + 1, value, plain);
                // A deeper line after a value would continue the scalar (or be an error): it is not a key
                // line under a pending key, so the next round leaves the text to YamlDotNet.
            }
        }

        /// <summary>A block sequence entry: a dash followed by a space or the end of the line.</summary>
        private static bool IsEntry(string text, int at, int lineEnd)
            => text[at] == '-' && (at + 1 == lineEnd || text[at + 1] == ' ');

        /// <summary>
        /// Whether a plain scalar may start here: not with an indicator, except a '-' before a letter, a
        /// digit, a dot or another '-' ("-2", "-x", "--port"; "- x" is a sequence entry).
        /// </summary>
        private static bool MayStartPlain(string text, int at, int lineEnd)
        {
            char first = text[at];
            if (Indicators.IndexOf(first) < 0) return true;
            return first == '-' && at + 1 < lineEnd && (char.IsLetterOrDigit(text[at + 1]) || text[at + 1] == '.' || text[at + 1] == '-');
        }

        /// <summary>The index of the colon ending a plain key that starts at <paramref name="start"/>, or -1.</summary>
        private static int KeyEnd(string text, int start, int lineEnd)
        {
            if (!MayStartPlain(text, start, lineEnd)) return -1;
            for (int i = start; i < lineEnd; i++)
            {
                char c = text[i];
                if (c == ':' && (i + 1 == lineEnd || text[i + 1] == ' '))
                    return text[i - 1] == ' ' ? -1 : i; // "key :" is YAML, but rare: YamlDotNet's to read
                if (c == '#' && text[i - 1] == ' ') return -1; // a comment before any colon: a scalar line
            }
            return -1;
        }
    }
}
