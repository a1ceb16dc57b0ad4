using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace DeployAdvisor.Cli.Output.Report
{
    /// <summary>An attribute: a constant name and a value that is always escaped. A null value leaves the attribute out.</summary>
    public readonly struct Attr
    {
        public Attr(string name, string? value) { Name = name; Value = value; }
        public string Name { get; }
        public string? Value { get; }
        public static implicit operator Attr((string Name, string? Value) pair) => new Attr(pair.Name, pair.Value);
        public static implicit operator Attr((string Name, int Value) pair) => new Attr(pair.Name, pair.Value.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// Writes HTML that is escaped by construction: every text and attribute value goes through the escaper,
    /// tag and attribute names must be plain identifiers (so a value can never become markup), elements close
    /// in order, and the only way to write characters unescaped is <see cref="Asset"/>, which takes an
    /// <see cref="InlineAsset"/> — a type only <see cref="ReportAssets"/> can create, from compile-time constants.
    /// </summary>
    public sealed class HtmlWriter
    {
        private readonly StringBuilder _out;
        private readonly Stack<string> _open = new Stack<string>();

        public HtmlWriter(int capacity = 1 << 16) { _out = new StringBuilder(capacity); }

        public void Doctype() => _out.Append("<!DOCTYPE html>\n");

        /// <summary>Opens an element; dispose the result to close it.</summary>
        public Closer Open(string tag, params Attr[] attrs)
        {
            StartTag(tag, attrs);
            _open.Push(tag);
            return new Closer(this, tag);
        }

        /// <summary>An element holding only text.</summary>
        public void Element(string tag, string? text, params Attr[] attrs)
        {
            StartTag(tag, attrs);
            Text(text);
            _out.Append("</").Append(tag).Append('>');
        }

        /// <summary>A void element (meta, input, br…).</summary>
        public void Void(string tag, params Attr[] attrs) => StartTag(tag, attrs);

        public void Text(string? text)
        {
            if (string.IsNullOrEmpty(text)) return;
            var span = text.AsSpan();
            while (true)
            {
                int i = span.IndexOfAny(TextSpecials);
                if (i < 0) { _out.Append(span); return; }
                _out.Append(span.Slice(0, i));
                _out.Append(span[i] switch { '&' => "&amp;", '<' => "&lt;", '>' => "&gt;", _ => "\uFFFD" });
                span = span.Slice(i + 1);
            }
        }

        private static readonly System.Buffers.SearchValues<char> TextSpecials = System.Buffers.SearchValues.Create("&<>\0");
        private static readonly System.Buffers.SearchValues<char> AttributeSpecials = System.Buffers.SearchValues.Create("&<>\"'\0");

        public void Text(int value) => _out.Append(value.ToString(CultureInfo.InvariantCulture));

        /// <summary>A newline between blocks, to keep the file readable; no effect on rendering.</summary>
        public void Line() => _out.Append('\n');

        /// <summary>The inline script or style: the only unescaped text, and only inside script or style.</summary>
        public void Asset(InlineAsset asset)
        {
            if (_open.Count == 0 || (_open.Peek() != "script" && _open.Peek() != "style"))
                throw new InvalidOperationException("an inline asset belongs inside <script> or <style>");
            _out.Append(asset.Text);
        }

        private void StartTag(string tag, Attr[] attrs)
        {
            if (!IsName(tag, allowUpper: false)) throw new ArgumentException($"not a tag name: {tag}", nameof(tag));
            _out.Append('<').Append(tag);
            foreach (var a in attrs)
            {
                if (a.Value is null) continue;
                if (!IsName(a.Name, allowUpper: true) || a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase))
                    throw new ArgumentException($"not an allowed attribute name: {a.Name}", nameof(attrs));
                _out.Append(' ').Append(a.Name).Append("=\"");
                var span = a.Value.AsSpan();
                while (true)
                {
                    int i = span.IndexOfAny(AttributeSpecials);
                    if (i < 0) { _out.Append(span); break; }
                    _out.Append(span.Slice(0, i));
                    _out.Append(span[i] switch { '&' => "&amp;", '<' => "&lt;", '>' => "&gt;", '"' => "&quot;", '\'' => "&#39;", _ => "\uFFFD" });
                    span = span.Slice(i + 1);
                }
                _out.Append('"');
            }
            _out.Append('>');
        }

        private void Close(string tag)
        {
            if (_open.Count == 0 || _open.Peek() != tag) throw new InvalidOperationException($"</{tag}> does not close the innermost open element");
            _open.Pop();
            _out.Append("</").Append(tag).Append('>');
        }

        private static bool IsName(string name, bool allowUpper)
        {
            if (string.IsNullOrEmpty(name) || !(name[0] >= 'a' && name[0] <= 'z' || allowUpper && name[0] >= 'A' && name[0] <= 'Z')) return false;
            foreach (var c in name)
                if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || allowUpper && (c >= 'A' && c <= 'Z' || c == ':'))) return false;
            return true;
        }

        public override string ToString()
        {
            if (_open.Count > 0) throw new InvalidOperationException($"<{_open.Peek()}> was never closed");
            return _out.ToString();
        }

        public readonly struct Closer : IDisposable
        {
            private readonly HtmlWriter _writer;
            private readonly string _tag;
            internal Closer(HtmlWriter writer, string tag) { _writer = writer; _tag = tag; }
            public void Dispose() => _writer.Close(_tag);
        }
    }

    /// <summary>Text written unescaped into a script or style element. Only <see cref="ReportAssets"/> makes them, from constants.</summary>
    public sealed class InlineAsset
    {
        internal InlineAsset(string text, string closer)
        {
            if (text.IndexOf("</" + closer, StringComparison.OrdinalIgnoreCase) >= 0)
                throw new ArgumentException($"an inline {closer} must not contain </{closer}");
            Text = text;
            using var sha = System.Security.Cryptography.SHA256.Create();
            Hash = "sha256-" + Convert.ToBase64String(sha.ComputeHash(Encoding.UTF8.GetBytes(text)));
        }

        public string Text { get; }
        /// <summary>The CSP source that allows exactly this inline text.</summary>
        public string Hash { get; }
    }
}
