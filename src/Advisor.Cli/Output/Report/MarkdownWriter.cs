using System;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace DeployAdvisor.Cli.Output.Report
{
    /// <summary>
    /// Builds Markdown that is escaped by construction: the literal parts of an interpolated string are
    /// the structure and are written as they are; every interpolated value is escaped for where it lands —
    /// Markdown text (<see cref="Md"/>) or the HTML of a &lt;summary&gt; line (<see cref="Html"/>). A value
    /// already built by this writer can be passed as a <see cref="MdFragment"/>.
    /// </summary>
    public sealed class MarkdownWriter
    {
        internal readonly StringBuilder Out = new StringBuilder();

        public int Length => Out.Length;

        /// <summary>Appends a line of Markdown; interpolated values are escaped as Markdown text.</summary>
        public void Md([InterpolatedStringHandlerArgument("")] ref MdHandler line) => Out.Append('\n');

        /// <summary>Appends a line of inline HTML; interpolated values are HTML-escaped.</summary>
        public void Html([InterpolatedStringHandlerArgument("")] ref HtmlHandler line) => Out.Append('\n');

        public void Blank() => Out.Append('\n');

        /// <summary>Escapes text for Markdown: no markup, no link, no mention, no table cell break, on one line.</summary>
        public static string EscapeMd(string? text)
        {
            if (string.IsNullOrEmpty(text)) return "";
            var sb = new StringBuilder(text!.Length + 8);
            foreach (var c in text)
            {
                switch (c)
                {
                    case '&': sb.Append("&amp;"); break;
                    case '<': sb.Append("&lt;"); break;
                    case '>': sb.Append("&gt;"); break;
                    case '\r': case '\n': case '\t': sb.Append(' '); break;
                    case '@': sb.Append("@\u200B"); break; // no @mention; brackets are escaped, so parentheses cannot make a link
                    case '\\': case '`': case '*': case '_': case '[': case ']': case '#': case '|': case '~': case '!': case '$':
                        sb.Append('\\').Append(c); break;
                    default:
                        if (c < ' ') sb.Append(' '); else sb.Append(c);
                        break;
                }
            }
            return sb.ToString();
        }

        /// <summary>Escapes text for inline HTML (a &lt;summary&gt; line), on one line.</summary>
        public static string EscapeHtml(string? text)
        {
            if (string.IsNullOrEmpty(text)) return "";
            var sb = new StringBuilder(text!.Length + 8);
            foreach (var c in text)
            {
                switch (c)
                {
                    case '&': sb.Append("&amp;"); break;
                    case '<': sb.Append("&lt;"); break;
                    case '>': sb.Append("&gt;"); break;
                    case '"': sb.Append("&quot;"); break;
                    case '@': sb.Append("@\u200B"); break;
                    default:
                        if (c < ' ') sb.Append(' '); else sb.Append(c);
                        break;
                }
            }
            return sb.ToString();
        }

        private static string Format<T>(T value) => value switch
        {
            null => "",
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "",
        };

        [InterpolatedStringHandler]
        public ref struct MdHandler
        {
            private readonly StringBuilder _out;
            public MdHandler(int literalLength, int formattedCount, MarkdownWriter writer) { _out = writer.Out; }
            public void AppendLiteral(string structure) => _out.Append(structure);
            public void AppendFormatted(MdFragment fragment) => _out.Append(fragment.Text);
            public void AppendFormatted<T>(T value) => _out.Append(EscapeMd(Format(value)));
            public void AppendFormatted<T>(T value, string format) where T : IFormattable => _out.Append(EscapeMd(value.ToString(format, CultureInfo.InvariantCulture)));
        }

        [InterpolatedStringHandler]
        public ref struct HtmlHandler
        {
            private readonly StringBuilder _out;
            public HtmlHandler(int literalLength, int formattedCount, MarkdownWriter writer) { _out = writer.Out; }
            public void AppendLiteral(string structure) => _out.Append(structure);
            public void AppendFormatted<T>(T value) => _out.Append(EscapeHtml(Format(value)));
        }
    }

    /// <summary>Markdown already escaped by <see cref="MarkdownWriter"/>: passed through as it is.</summary>
    public readonly struct MdFragment
    {
        private MdFragment(string text) { Text = text; }
        public string Text { get; }
        /// <summary>What another writer built (already escaped).</summary>
        public static MdFragment Raw(MarkdownWriter built, bool trimEnd = false)
            => new MdFragment(trimEnd ? built.Out.ToString().TrimEnd('\n') : built.Out.ToString());
        public int Length => Text.Length;
        /// <summary>Escapes each item and joins them with a constant separator.</summary>
        public static MdFragment Join(string separator, System.Collections.Generic.IEnumerable<string> items)
        {
            var sb = new StringBuilder();
            foreach (var i in items) { if (sb.Length > 0) sb.Append(separator); sb.Append(MarkdownWriter.EscapeMd(i)); }
            return new MdFragment(sb.ToString());
        }
    }
}
