using System.IO;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace DeployAdvisor.Engine.Loading
{
    public enum YamlEventKind { Other, DocumentStart, DocumentEnd, Scalar, Alias, MappingStart, MappingEnd, SequenceStart, SequenceEnd, Comment }

    /// <summary>
    /// A YAML parser's events as <see cref="YamlReader"/> builds its tree from them: one parser-neutral
    /// shape, so that the tree, its limits and its duplicate-key and alias checks are written once
    /// whichever parser produced the events. Positions are 1-based and relative to the text read.
    /// A source throws when the text is not well-formed.
    /// </summary>
    public interface IYamlEventSource
    {
        bool MoveNext();
        YamlEventKind Kind { get; }
        /// <summary>The scalar's value, the alias's anchor name, or the comment's text.</summary>
        string Value { get; }
        /// <summary>A plain (unquoted, not block) scalar.</summary>
        bool IsPlain { get; }
        /// <summary>A comment written after other content on its line.</summary>
        bool IsInlineComment { get; }
        /// <summary>The node's explicit tag, null when it has none (or only the non-specific "!").</summary>
        string? Tag { get; }
        /// <summary>The node's anchor name, null when it has none.</summary>
        string? Anchor { get; }
        int Line { get; }
        int Column { get; }
        int EndLine { get; }
        int EndColumn { get; }
    }

    /// <summary>
    /// A second YAML parser that <see cref="YamlReader"/> may try before YamlDotNet, for speed. Its
    /// result is used only when it read the whole text without any finding; every error, limit and
    /// comment still comes from YamlDotNet's path, so both paths report alike. It must say no
    /// (<see cref="Accepts"/>) to any text where it could build a different tree than YamlDotNet.
    /// </summary>
    public interface IFastYamlParser
    {
        /// <summary>False when the text uses a construct for which this parser is not known to agree with YamlDotNet.</summary>
        bool Accepts(string text);
        IYamlEventSource Open(string text);
    }

    /// <summary>YamlDotNet's event parser as an <see cref="IYamlEventSource"/>, with comments.</summary>
    internal sealed class YamlDotNetEventSource : IYamlEventSource
    {
        private readonly Parser _parser;
        private ParsingEvent _current = null!;

        public YamlDotNetEventSource(string text, bool skipComments = false)
        {
            _parser = new Parser(new Scanner(new StringReader(text), skipComments));
        }

        public bool MoveNext()
        {
            while (_parser.MoveNext())
            {
                _current = _parser.Current!;
                Kind = _current switch
                {
                    Scalar _ => YamlEventKind.Scalar,
                    MappingStart _ => YamlEventKind.MappingStart,
                    MappingEnd _ => YamlEventKind.MappingEnd,
                    SequenceStart _ => YamlEventKind.SequenceStart,
                    SequenceEnd _ => YamlEventKind.SequenceEnd,
                    AnchorAlias _ => YamlEventKind.Alias,
                    Comment _ => YamlEventKind.Comment,
                    DocumentStart _ => YamlEventKind.DocumentStart,
                    DocumentEnd _ => YamlEventKind.DocumentEnd,
                    _ => YamlEventKind.Other,
                };
                if (Kind != YamlEventKind.Other) return true;
            }
            return false;
        }

        public YamlEventKind Kind { get; private set; }

        public string Value => _current switch
        {
            Scalar s => s.Value,
            AnchorAlias a => a.Value.Value,
            Comment c => c.Value,
            _ => "",
        };

        public bool IsPlain => _current is Scalar s && s.Style == ScalarStyle.Plain;
        public bool IsInlineComment => _current is Comment c && c.IsInline;

        public string? Tag => _current is NodeEvent n && !n.Tag.IsEmpty && !n.Tag.IsNonSpecific ? n.Tag.Value : null;
        public string? Anchor => _current is NodeEvent n && !n.Anchor.IsEmpty ? n.Anchor.Value : null;

        public int Line => (int)_current.Start.Line;
        public int Column => (int)_current.Start.Column;
        public int EndLine => (int)_current.End.Line;
        public int EndColumn => (int)_current.End.Column;
    }
}
