using System.Collections.Generic;
using DeployAdvisor.Engine.Findings;

namespace DeployAdvisor.Engine.Loading
{
    // A small positioned YAML tree built from YamlDotNet's parser events. We do not use
    // YamlDotNet's representation model because it recurses (a deeply nested document would
    // overflow the stack, which .NET cannot catch) and expands nothing lazily; this tree is built
    // iteratively with depth, size and alias-expansion limits, and aliases share the anchored node.

    public abstract class YNode
    {
        // Where the node is, kept as numbers: its SourceSpan is made when first asked for. A manifest's tree
        // has about a hundred nodes and its reader quotes a tenth of them; a span object per node was a fifth
        // of what building the tree allocated.
        private int _line, _column, _endLine, _endColumn;
        private SourceSpan? _span;

        protected YNode(SourceSpan span, string? tag) { Span = span; Tag = tag; }
        private protected YNode(int line, int column, int endLine, int endColumn, string? tag)
        {
            _line = line; _column = column; _endLine = endLine; _endColumn = endColumn; Tag = tag;
        }

        public SourceSpan Span
        {
            get => _span ??= new SourceSpan(_line, _column, _endLine, _endColumn);
            internal set { _span = value; _line = value.Line; _column = value.Column; _endLine = value.EndLine; _endColumn = value.EndColumn; }
        }

        /// <summary>Sets the place without making its span (a collection's, once it ends).</summary>
        internal void Place(int line, int column, int endLine, int endColumn)
        {
            _line = line; _column = column; _endLine = endLine; _endColumn = endColumn; _span = null;
        }

        public string? Tag { get; }
        /// <summary>Nodes reachable from here with every alias expanded, this one included.</summary>
        public long ExpandedSize { get; internal set; } = 1;
    }

    public sealed class YScalar : YNode
    {
        public YScalar(string value, bool isPlain, SourceSpan span, string? tag) : base(span, tag)
        {
            Value = value; IsPlain = isPlain;
        }

        internal YScalar(string value, bool isPlain, int line, int column, int endLine, int endColumn, string? tag) : base(line, column, endLine, endColumn, tag)
        {
            Value = value; IsPlain = isPlain;
        }

        public string Value { get; }
        /// <summary>Plain (unquoted, not block) scalars are resolved by the YAML 1.2 core schema; others are strings.</summary>
        public bool IsPlain { get; }
    }

    public sealed class YMapping : YNode
    {
        public YMapping(SourceSpan span, string? tag) : base(span, tag) { Entries = new List<KeyValuePair<YNode, YNode>>(); }
        /// <summary>
        /// A mapping being read: its place and its entries, in a list of their number, are given when it ends
        /// (lists grown entry by entry were half empty). No tree is returned before then.
        /// </summary>
        internal YMapping(string? tag) : base(1, 1, 1, 1, tag) { Entries = null!; }
        public List<KeyValuePair<YNode, YNode>> Entries { get; internal set; }
    }

    public sealed class YSequence : YNode
    {
        public YSequence(SourceSpan span, string? tag) : base(span, tag) { Items = new List<YNode>(); }
        /// <summary>A sequence being read: its place and its items are given when it ends, as a mapping's are.</summary>
        internal YSequence(string? tag) : base(1, 1, 1, 1, tag) { Items = null!; }
        public List<YNode> Items { get; internal set; }
    }

    public sealed class YDocument
    {
        public YDocument(int index, YNode? root, SourceSpan start)
        {
            Index = index; Root = root; Start = start;
        }

        /// <summary>0-based position of the document in its file.</summary>
        public int Index { get; }
        public YNode? Root { get; }
        public SourceSpan Start { get; }
    }

    public sealed class YComment
    {
        public YComment(string text, SourceSpan span, bool isInline) { Text = text; Span = span; IsInline = isInline; }
        public string Text { get; }
        public SourceSpan Span { get; }
        /// <summary>True when the comment follows other content on its line.</summary>
        public bool IsInline { get; }
    }

    /// <summary>What reading one YAML text produced: the well-formed documents and the findings about the rest.</summary>
    public sealed class YamlText
    {
        public YamlText(IReadOnlyList<YDocument> documents, IReadOnlyList<Finding> findings, IReadOnlyList<YComment> comments)
        {
            Documents = documents; Findings = findings; Comments = comments;
        }

        public IReadOnlyList<YDocument> Documents { get; }
        /// <summary>DA0001 and DA0007 findings, located, without a file name.</summary>
        public IReadOnlyList<Finding> Findings { get; }
        public IReadOnlyList<YComment> Comments { get; }
    }
}
