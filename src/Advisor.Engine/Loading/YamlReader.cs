using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using DeployAdvisor.Engine.Findings;
using YamlDotNet.Core;

namespace DeployAdvisor.Engine.Loading
{
    /// <summary>
    /// Reads YAML text into positioned trees, one per document, on YamlDotNet's event parser.
    /// Never throws on bad input: syntax errors are DA0001 and limit breaches DA0007, located.
    /// After a syntax error the reader resumes at the next document marker, so one broken
    /// document never hides the findings of the good documents after it.
    /// </summary>
    public static class YamlReader
    {
        /// <summary>The C0 control characters YAML forbids: all but tab, line feed and carriage return.</summary>
        private static readonly char[] ControlCharacters = Enumerable.Range(0, 0x20).Where(c => c != '\t' && c != '\n' && c != '\r').Select(c => (char)c).ToArray();

        private static readonly UTF8Encoding StrictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

        /// <summary>Decodes bytes as strict UTF-8 (a BOM is skipped); invalid bytes are DA0001 at their position.</summary>
        /// <param name="fast">A faster parser to try first (see <see cref="IFastYamlParser"/>); null reads with YamlDotNet only.</param>
        public static YamlText Read(byte[] bytes, Limits? limits = null, IFastYamlParser? fast = null)
        {
            limits ??= Limits.Default;
            if (bytes.LongLength > limits.MaxFileBytes)
                return Failed(RuleIds.LimitExceeded, $"the file is {bytes.LongLength} bytes; the limit is {limits.MaxFileBytes} bytes", SourceSpan.FileStart);

            int offset = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
            string text;
            try
            {
                text = StrictUtf8.GetString(bytes, offset, bytes.Length - offset);
            }
            catch (DecoderFallbackException e)
            {
                int bad = offset + Math.Max(0, e.Index);
                // Find the first invalid byte by decoding growing prefixes is quadratic; instead decode
                // leniently and locate the first replacement character, which is where decoding failed.
                var lenient = new UTF8Encoding(false, false).GetString(bytes, offset, bytes.Length - offset);
                int at = lenient.IndexOf('\uFFFD');
                var span = at >= 0 ? PositionOf(lenient, at) : SourceSpan.FileStart;
                return Failed(RuleIds.YamlSyntax, $"the file is not valid UTF-8 (invalid byte 0x{(bad < bytes.Length ? bytes[bad] : 0):X2})", span);
            }
            return Read(text, limits, fast);
        }

        /// <param name="fast">A faster parser to try first (see <see cref="IFastYamlParser"/>); null reads with YamlDotNet only.</param>
        public static YamlText Read(string text, Limits? limits = null, IFastYamlParser? fast = null)
        {
            limits ??= Limits.Default;
            if (text.Length > 0 && text[0] == '\uFEFF') text = text.Substring(1);
            if (text.Length > limits.MaxFileBytes)
                return Failed(RuleIds.LimitExceeded, $"the text is {text.Length} characters; the limit is {limits.MaxFileBytes}", SourceSpan.FileStart);

            // YAML forbids C0 control characters other than tab and line breaks; YamlDotNet's scanner
            // would report them with a less helpful message, or not at all for NUL.
            // One vectorised search for the set (the runtime's IndexOfAny searches an ASCII set many characters at a time).
            int control = text.IndexOfAny(ControlCharacters);
            if (control >= 0)
                return Failed(RuleIds.YamlSyntax, $"control character U+{(int)text[control]:X4} is not allowed in YAML", PositionOf(text, control));

            // Comments matter only to suppressions, and the fast parser reads none: a text that may hold a
            // suppression directive is read by YamlDotNet, which keeps them.
            if (fast != null && text.IndexOf(Suppressions.SuppressionParser.LineDirective, StringComparison.Ordinal) < 0 && fast.Accepts(text)
                && ReadFast(text, limits, fast) is YamlText quick)
                return quick;

            var documents = new List<YDocument>();
            var findings = new List<Finding>();
            var comments = new List<YComment>();
            int lineOffset = 0;
            int charOffset = 0;
            while (true)
            {
                var segment = charOffset == 0 ? text : text.Substring(charOffset);
                var outcome = ReadSegment(segment, lineOffset, limits, documents, findings, comments);
                if (outcome.ResumeLine < 0) break;
                // Resume at the next line that starts a new document: at or after the failure (the parser
                // often notices an unclosed collection only at the next "---"), and always past the
                // start of this segment so that reading makes progress.
                int next = FindDocumentMarker(text, Math.Max(outcome.ResumeLine - 1, lineOffset + 1), out int markerLine);
                if (next < 0) break;
                charOffset = next;
                lineOffset = markerLine - 1;
            }
            return new YamlText(documents, findings, comments);
        }

        /// <summary>
        /// The fast parser's events for a text that <see cref="Read(string, Limits?, IFastYamlParser?)"/> with
        /// <see cref="BlockMappingReader"/> would give to it, for a reader that walks them in place (Kubernetes
        /// manifests); null when Read would take YamlDotNet's path. The caller must still apply the tree builder's
        /// checks (limits, duplicate keys, empty keys, scalars spanning lines) and read the tree with Read when any
        /// would report or refuse; it gives the list back with <see cref="BlockMappingReader.Release"/>.
        /// </summary>
        internal static BlockMappingReader.EventList? FastEvents(string text, Limits limits)
        {
            // A BOM, an oversized text, a control character: Read strips or reports them, so such a text is left to Read.
            if (text.Length == 0 || text[0] == '\uFEFF' || text.Length > limits.MaxFileBytes || text.IndexOfAny(ControlCharacters) >= 0) return null;
            if (text.IndexOf(Suppressions.SuppressionParser.LineDirective, StringComparison.Ordinal) >= 0) return null;
            return BlockMappingReader.Instance.TryScan(text);
        }

        private readonly struct SegmentOutcome
        {
            public SegmentOutcome(int resumeLine) { ResumeLine = resumeLine; }
            /// <summary>-1 when the segment was read to its end, else the absolute line after which to resume.</summary>
            public int ResumeLine { get; }
        }

        /// <summary>An open collection. Frames are reused for the collections that follow at the same depth.</summary>
        private sealed class Frame
        {
            public YNode Node = null!;
            public YNode? PendingKey;
            public HashSet<string>? Keys;
            /// <summary>The open collection's entries or items so far, reused: its own list is made at its size when it ends.</summary>
            public readonly List<KeyValuePair<YNode, YNode>> Entries = new List<KeyValuePair<YNode, YNode>>();
            public readonly List<YNode> Items = new List<YNode>();
            /// <summary>Where the collection starts: its node's span is made once, when it ends.</summary>
            public int Line, Column;
        }

        /// <summary>An event's place, as <see cref="ToSpan"/> makes it; a <see cref="SourceSpan"/> is made only where one is kept.</summary>
        private readonly struct Place
        {
            public Place(int startLine, int startColumn, int endLine, int endColumn, int lineOffset)
            {
                // Event positions are 1-based in line and column.
                Line = Math.Max(1, startLine) + lineOffset;
                Column = Math.Max(1, startColumn);
                EndLine = Math.Max(1, endLine) + lineOffset;
                EndColumn = Math.Max(1, endColumn);
                if (EndLine < Line || (EndLine == Line && EndColumn < Column)) { EndLine = Line; EndColumn = Column; }
            }
            public int Line { get; }
            public int Column { get; }
            public int EndLine { get; }
            public int EndColumn { get; }
            public SourceSpan Span => new SourceSpan(Line, Column, EndLine, EndColumn);
        }

        /// <summary>Thrown by a fast read that met something it leaves to YamlDotNet's path.</summary>
        private sealed class NotForTheFastPath : Exception { }

        /// <summary>
        /// The fast parser's reading of the whole text, or null when YamlDotNet's path must read it:
        /// the fast parser failed, or found anything to report (a limit, a duplicate key, an unknown
        /// alias), or met an empty key or a scalar spanning lines — where differential fuzzing found SharpYaml,
        /// tried as a fast parser first, disagreeing with YamlDotNet; a second line of defence for any fast parser.
        /// </summary>
        private static YamlText? ReadFast(string text, Limits limits, IFastYamlParser fast)
        {
            var documents = new List<YDocument>();
            var findings = new List<Finding>();
            var comments = new List<YComment>();
            try
            {
                var builder = new TreeBuilder(0, limits, documents, findings, comments, strict: true);
                var outcome = builder.Run(fast.Open(text));
                if (outcome.ResumeLine >= 0 || findings.Count > 0) return null;
            }
            catch (Exception)
            {
                // Whatever the fast parser throws, YamlDotNet's path reads the text again and reports it.
                return null;
            }
            return new YamlText(documents, findings, comments);
        }

        private static SegmentOutcome ReadSegment(string segment, int lineOffset, Limits limits,
            List<YDocument> documents, List<Finding> findings, List<YComment> comments)
        {
            int documentsBefore = documents.Count, findingsBefore = findings.Count, commentsBefore = comments.Count;
            var builder = new TreeBuilder(lineOffset, limits, documents, findings, comments, strict: false);
            try
            {
                return builder.Run(new YamlDotNetEventSource(segment));
            }
            catch (YamlException) when (ReadWithoutCommentEvents(segment, lineOffset, limits, documents, findings, comments, documentsBefore, findingsBefore, commentsBefore) is SegmentOutcome read)
            {
                // YamlDotNet's parser rejects some valid YAML when it is given comment events (a comment
                // after a flow sequence in a block mapping: "devices: [gpu]  # why"); read without them.
                return read;
            }
            catch (YamlException e)
            {
                // YamlDotNet's Start is the context ("while scanning a mapping" started here) and End the
                // problem mark where the parser stopped, which is what DA0001 points at.
                var at = ToSpan((int)e.End.Line, (int)e.End.Column, (int)e.End.Line, (int)e.End.Column, lineOffset);
                if (e.Message.IndexOf("tab", StringComparison.OrdinalIgnoreCase) >= 0 && FirstTabIndent(segment, at.Line - lineOffset) is SourceSpan tab)
                {
                    // YamlDotNet reports tab indentation at the start of the enclosing mapping; point at the tab.
                    at = SourceSpan.At(tab.Line + lineOffset, tab.Column);
                }
                at = WithinText(segment, at, lineOffset);
                findings.Add(Located(RuleIds.YamlSyntax, CleanMessage(e.Message), at));
                return new SegmentOutcome(at.Line);
            }
            catch (Exception e) when (e is InvalidOperationException || e is ArgumentException || e is IndexOutOfRangeException)
            {
                // YamlDotNet can throw without a position on some malformed flow collections
                // (build-notes.md): report it at the last position the parser reached.
                // The exception's own text ("Operation is not valid due to the current state of the
                // object") means nothing to a user; say what usually causes it.
                var lastKnown = builder.LastKnown;
                findings.Add(Located(RuleIds.YamlSyntax, "the YAML is not well-formed here: the parser stopped, most often at an unclosed '[' or '{' above", lastKnown));
                return new SegmentOutcome(lastKnown.Line);
            }
        }

        /// <summary>
        /// The segment read again with a parser that skips comments, and its comments taken from the
        /// scanner's tokens; null when that reading fails too, and then the lists hold what the first
        /// reading had added, so that its error stands as it was.
        /// </summary>
        private static SegmentOutcome? ReadWithoutCommentEvents(string segment, int lineOffset, Limits limits,
            List<YDocument> documents, List<Finding> findings, List<YComment> comments, int documentsBefore, int findingsBefore, int commentsBefore)
        {
            var firstDocuments = documents.GetRange(documentsBefore, documents.Count - documentsBefore);
            var firstFindings = findings.GetRange(findingsBefore, findings.Count - findingsBefore);
            var firstComments = comments.GetRange(commentsBefore, comments.Count - commentsBefore);
            void Truncate()
            {
                documents.RemoveRange(documentsBefore, documents.Count - documentsBefore);
                findings.RemoveRange(findingsBefore, findings.Count - findingsBefore);
                comments.RemoveRange(commentsBefore, comments.Count - commentsBefore);
            }
            Truncate();
            try
            {
                // Into the run's own lists: document indexes and the document limit count across segments.
                var outcome = new TreeBuilder(lineOffset, limits, documents, findings, comments, strict: false)
                    .Run(new YamlDotNetEventSource(segment, skipComments: true));
                if (outcome.ResumeLine < 0)
                {
                    var lines = segment.Split('\n');
                    var scanner = new Scanner(new System.IO.StringReader(segment), skipComments: false);
                    var scanned = new List<YComment>();
                    while (scanner.MoveNext())
                    {
                        if (!(scanner.Current is YamlDotNet.Core.Tokens.Comment c)) continue;
                        var span = ToSpan((int)c.Start.Line, (int)c.Start.Column, (int)c.End.Line, (int)c.End.Column, lineOffset);
                        int row = (int)c.Start.Line - 1, column = (int)c.Start.Column - 1;
                        bool inline = c.IsInline || row < lines.Length && column <= lines[row].Length && lines[row].Substring(0, column).Trim().Length > 0;
                        scanned.Add(new YComment(c.Value, span, inline));
                    }
                    comments.AddRange(scanned);
                    return outcome;
                }
            }
            catch (Exception e) when (e is YamlException || e is InvalidOperationException || e is ArgumentException || e is IndexOutOfRangeException)
            {
            }
            Truncate();
            documents.AddRange(firstDocuments);
            findings.AddRange(firstFindings);
            comments.AddRange(firstComments);
            return null;
        }

        /// <summary>
        /// Builds positioned trees from a parser's events, with the depth, size and alias-expansion
        /// limits, for either parser. Parse errors propagate as the parser's exceptions.
        /// </summary>
        private sealed class TreeBuilder
        {
            private readonly int _lineOffset;
            private readonly Limits _limits;
            private readonly List<YDocument> _documents;
            private readonly List<Finding> _findings;
            private readonly List<YComment> _comments;
            /// <summary>Fast path: give up on an empty key or a scalar spanning lines (see Run).</summary>
            private readonly bool _strict;

            public TreeBuilder(int lineOffset, Limits limits, List<YDocument> documents, List<Finding> findings, List<YComment> comments, bool strict)
            {
                _lineOffset = lineOffset; _limits = limits; _documents = documents; _findings = findings; _comments = comments; _strict = strict;
                _lastLine = _lastEndLine = 1 + lineOffset;
                _lastColumn = _lastEndColumn = 1;
            }

            // The last position as four numbers: a Place stored whole on every event was a third of the builder's own
            // time (a 16-byte load of four 4-byte stores just made, which the processor cannot forward).
            private int _lastLine, _lastColumn, _lastEndLine, _lastEndColumn;

            /// <summary>The last position the parser reached, for errors that come without one.</summary>
            public SourceSpan LastKnown => new SourceSpan(_lastLine, _lastColumn, _lastEndLine, _lastEndColumn);

            public SegmentOutcome Run(IYamlEventSource events)
            {
                // The frames of the last tree built on this thread, reused with the lists they collect into.
                var stack = SpareStack ?? new List<Frame>();
                SpareStack = null;
                try { return Build(events, stack); }
                finally
                {
                    bool keep = stack.Count <= 64;
                    foreach (var f in stack)
                    {
                        // A collection that ended left its frame clean; only a read that stopped inside one leaves more.
                        // (Each store here costs a write barrier: a frame is an old object.)
                        if (f.Node != null || f.PendingKey != null || f.Entries.Count > 0 || f.Items.Count > 0)
                        {
                            f.Node = null!; f.PendingKey = null; f.Entries.Clear(); f.Items.Clear();
                        }
                        if (f.Keys != null) f.Keys = null;
                        keep &= f.Entries.Capacity <= 1024 && f.Items.Capacity <= 1024;
                    }
                    // An unusually deep or wide tree's frames are not kept.
                    if (keep) SpareStack = stack;
                }
            }

            [ThreadStatic] private static List<Frame>? SpareStack;

            private SegmentOutcome Build(IYamlEventSource events, List<Frame> stack)
            {
                var limits = _limits;
                var documents = _documents;
                var findings = _findings;
                int depth = 0;
                var anchors = new Dictionary<string, YNode>(StringComparer.Ordinal);
                YNode? root = null;
                SourceSpan docStart = SourceSpan.FileStart;
                int lastContentLine = -1;
                while (events.MoveNext())
                {
                    var kind = events.Kind;
                    var span = new Place(events.Line, events.Column, events.EndLine, events.EndColumn, _lineOffset);
                    _lastLine = span.Line; _lastColumn = span.Column; _lastEndLine = span.EndLine; _lastEndColumn = span.EndColumn;
                    switch (kind)
                    {
                        case YamlEventKind.Comment:
                            _comments.Add(new YComment(events.Value, span.Span, events.IsInlineComment || span.Line == lastContentLine));
                            continue;
                        case YamlEventKind.DocumentStart:
                            if (documents.Count >= limits.MaxDocuments)
                            {
                                findings.Add(Located(RuleIds.LimitExceeded, $"the file has more than {limits.MaxDocuments} documents", span.Span));
                                return new SegmentOutcome(-1);
                            }
                            docStart = span.Span;
                            root = null;
                            anchors.Clear();
                            depth = 0;
                            continue;
                        case YamlEventKind.DocumentEnd:
                            documents.Add(new YDocument(documents.Count, root, docStart));
                            continue;
                        case YamlEventKind.Other:
                            continue;
                    }

                    lastContentLine = span.EndLine;
                    YNode node;
                    switch (kind)
                    {
                        case YamlEventKind.Scalar:
                        {
                            var value = events.Value;
                            bool isKey = depth > 0 && stack[depth - 1].Node is YMapping && stack[depth - 1].PendingKey is null;
                            int max = isKey ? limits.MaxKeyLength : limits.MaxScalarLength;
                            if (value.Length > max)
                            {
                                findings.Add(Located(RuleIds.LimitExceeded,
                                    $"a {(isKey ? "key" : "scalar")} of {value.Length} characters is longer than the limit of {max}", span.Span));
                                return Skip(span);
                            }
                            bool plain = events.IsPlain;
                            // Fuzzing found the parsers disagreeing on empty keys and on scalars that span
                            // lines (YamlDotNet checks a continuation line's indentation, SharpYaml does not).
                            if (_strict && (isKey && plain && value.Length == 0 || span.EndLine != span.Line)) throw new NotForTheFastPath();
                            node = new YScalar(value, plain, span.Line, span.Column, span.EndLine, span.EndColumn, events.Tag);
                            Anchor(anchors, events.Anchor, node);
                            break;
                        }
                        case YamlEventKind.Alias:
                        {
                            var name = events.Value;
                            if (!anchors.TryGetValue(name, out var target))
                            {
                                findings.Add(Located(RuleIds.YamlSyntax, $"alias *{name} refers to no anchor defined before it", span.Span));
                                return Skip(span);
                            }
                            node = target;
                            break;
                        }
                        case YamlEventKind.MappingStart:
                        {
                            // Its span is made when it ends (a placeholder until then; no tree is returned before that).
                            var mapping = new YMapping(events.Tag);
                            Anchor(anchors, events.Anchor, mapping);
                            if (!Push(stack, ref depth, mapping, limits, findings, span)) return Skip(span);
                            continue;
                        }
                        case YamlEventKind.SequenceStart:
                        {
                            var sequence = new YSequence(events.Tag);
                            Anchor(anchors, events.Anchor, sequence);
                            if (!Push(stack, ref depth, sequence, limits, findings, span)) return Skip(span);
                            continue;
                        }
                        case YamlEventKind.MappingEnd:
                        case YamlEventKind.SequenceEnd:
                        {
                            var ended = stack[--depth];
                            var done = ended.Node;
                            ended.Node = null!;
                            done.Place(ended.Line, ended.Column, span.EndLine, span.EndColumn);
                            if (done is YMapping endedMap)
                            {
                                endedMap.Entries = ended.Entries.GetRange(0, ended.Entries.Count);
                                ended.Entries.Clear();
                            }
                            else
                            {
                                ((YSequence)done).Items = ended.Items.GetRange(0, ended.Items.Count);
                                ended.Items.Clear();
                            }
                            node = done;
                            break;
                        }
                        default:
                            continue;
                    }

                    // Attach the finished node to its parent.
                    if (depth == 0)
                    {
                        root = node;
                        continue;
                    }
                    var frame = stack[depth - 1];
                    long grown = frame.Node.ExpandedSize + node.ExpandedSize;
                    if (grown > limits.MaxExpandedNodes)
                    {
                        findings.Add(Located(RuleIds.LimitExceeded,
                            $"the document expands to more than {limits.MaxExpandedNodes} nodes through aliases", span.Span));
                        return Skip(span);
                    }
                    frame.Node.ExpandedSize = grown;
                    if (frame.Node is YSequence)
                    {
                        frame.Items.Add(node);
                    }
                    else if (frame.Node is YMapping)
                    {
                        if (frame.PendingKey is null)
                        {
                            if (node is YScalar keyScalar)
                            {
                                if (IsDuplicate(frame, keyScalar.Value))
                                {
                                    findings.Add(Located(RuleIds.YamlSyntax, $"duplicate key '{keyScalar.Value}' in one mapping", span.Span));
                                    return Skip(span);
                                }
                            }
                            frame.PendingKey = node;
                        }
                        else
                        {
                            frame.Entries.Add(new KeyValuePair<YNode, YNode>(frame.PendingKey, node));
                            frame.PendingKey = null;
                        }
                    }
                }
                return new SegmentOutcome(-1);
            }
        }

        /// <summary>
        /// Whether a mapping already has this key: its few entries compared in place, a set made only for a
        /// mapping of many keys (a set per mapping was a tenth of what reading a manifest allocated).
        /// </summary>
        private static bool IsDuplicate(Frame frame, string key)
        {
            if (frame.Keys is null)
            {
                var entries = frame.Entries;
                if (entries.Count < 8)
                {
                    for (int i = 0; i < entries.Count; i++)
                        if (entries[i].Key is YScalar s && s.Value.Length == key.Length && s.Value == key) return true;
                    return false;
                }
                frame.Keys = new HashSet<string>(StringComparer.Ordinal);
                foreach (var e in frame.Entries)
                    if (e.Key is YScalar s) frame.Keys.Add(s.Value);
            }
            return !frame.Keys.Add(key);
        }

        private static SegmentOutcome Skip(Place at) => new SegmentOutcome(at.Line);

        private static bool Push(List<Frame> stack, ref int depth, YNode node, Limits limits, List<Finding> findings, Place span)
        {
            if (depth >= limits.MaxDepth)
            {
                findings.Add(Located(RuleIds.LimitExceeded, $"nesting is deeper than the limit of {limits.MaxDepth} levels", span.Span));
                return false;
            }
            if (depth == stack.Count) stack.Add(new Frame());
            var frame = stack[depth++];
            frame.Node = node;
            frame.PendingKey = null;
            frame.Keys = null;
            frame.Entries.Clear();
            frame.Items.Clear();
            frame.Line = span.Line;
            frame.Column = span.Column;
            return true;
        }

        private static void Anchor(Dictionary<string, YNode> anchors, string? anchor, YNode node)
        {
            if (anchor != null) anchors[anchor] = node;
        }

        private static SourceSpan ToSpan(int startLine, int startColumn, int endLine, int endColumn, int lineOffset)
            => new Place(startLine, startColumn, endLine, endColumn, lineOffset).Span;

        /// <summary>Index of the first line after <paramref name="afterLine"/> that starts with "---", or -1.</summary>
        private static int FindDocumentMarker(string text, int afterLine, out int markerLine)
        {
            int line = 1;
            markerLine = -1;
            for (int i = 0; i < text.Length; i++)
            {
                bool lineStart = i == 0 || text[i - 1] == '\n';
                if (lineStart && line > afterLine && string.CompareOrdinal(text, i, "---", 0, 3) == 0
                    && (i + 3 >= text.Length || text[i + 3] == ' ' || text[i + 3] == '\r' || text[i + 3] == '\n' || text[i + 3] == '\t'))
                {
                    markerLine = line;
                    return i;
                }
                if (text[i] == '\n') line++;
            }
            return -1;
        }

        /// <summary>
        /// YamlDotNet reports an error at end of input on the line after the last one when the text
        /// has no final line break; a location must name a place that exists, so clamp it to the end.
        /// </summary>
        private static SourceSpan WithinText(string segment, SourceSpan at, int lineOffset)
        {
            int lines = 1, lastLineStart = 0;
            for (int i = 0; i < segment.Length; i++)
                if (segment[i] == '\n') { lines++; lastLineStart = i + 1; }
            if (at.Line - lineOffset <= lines) return at;
            int lastLength = segment.Length - lastLineStart;
            return SourceSpan.At(lines + lineOffset, Math.Max(1, lastLength));
        }

        private static SourceSpan? FirstTabIndent(string text, int fromLine)
        {
            int line = 1;
            for (int i = 0; i < text.Length; i++)
            {
                if (i == 0 || text[i - 1] == '\n')
                {
                    if (i > 0) line++;
                    if (line < fromLine) continue;
                    for (int j = i; j < text.Length && (text[j] == ' ' || text[j] == '\t'); j++)
                        if (text[j] == '\t') return SourceSpan.At(line, j - i + 1);
                }
            }
            return null;
        }

        internal static SourceSpan PositionOf(string text, int index)
        {
            int line = 1, col = 1;
            for (int i = 0; i < index && i < text.Length; i++)
            {
                if (text[i] == '\n') { line++; col = 1; }
                else col++;
            }
            return SourceSpan.At(line, col);
        }

        private static string CleanMessage(string message)
        {
            // YamlDotNet prefixes messages with "(Line: 3, Col: 5, Idx: 20) - (Line: …): "; the location is ours to print.
            int cut = message.LastIndexOf("): ", StringComparison.Ordinal);
            var text = cut >= 0 && message.StartsWith("(", StringComparison.Ordinal) ? message.Substring(cut + 3) : message;
            return text.Trim().TrimEnd('.');
        }

        private static YamlText Failed(string ruleId, string message, SourceSpan span)
            => new YamlText(Array.Empty<YDocument>(), new[] { Located(ruleId, message, span) }, Array.Empty<YComment>());

        internal static Finding Located(string ruleId, string message, SourceSpan span)
            => new Finding(ruleId, Severity.Error, message, location: new Location(null, span));
    }
}
