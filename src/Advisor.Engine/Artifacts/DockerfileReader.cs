using System;
using System.Collections.Generic;
using System.Text;
using DeployAdvisor.Engine.Findings;

namespace DeployAdvisor.Engine.Artifacts
{
    /// <summary>One Dockerfile instruction with its lines (continuations and heredoc bodies included).</summary>
    public sealed class DockerInstruction
    {
        public DockerInstruction(string keyword, string arguments, SourceSpan span, string firstLine)
        {
            Keyword = keyword; Arguments = arguments; Span = span; FirstLine = firstLine;
        }

        /// <summary>Upper-case keyword (FROM, ARG, RUN, …).</summary>
        public string Keyword { get; }
        /// <summary>The arguments with continuations joined (escape + line break removed); heredoc bodies follow after a line break.</summary>
        public string Arguments { get; }
        public SourceSpan Span { get; }
        public string FirstLine { get; }
    }

    /// <summary>
    /// A small Dockerfile instruction reader, to Docker's Dockerfile reference: parser directives
    /// (<c># escape=</c>, read only before anything else), comments, line continuations with the
    /// escape character (comment and empty lines inside a continuation are dropped), heredocs
    /// (<c>&lt;&lt;EOF</c>, <c>&lt;&lt;-EOF</c>, quoted delimiters) on RUN, COPY and ADD, global
    /// <c>ARG</c> defaults substituted in <c>FROM</c>, and stages (<c>FROM x AS y</c>). Nothing is
    /// executed or fetched: an image reference is only text.
    /// </summary>
    public static class DockerfileReader
    {
        /// <summary>The instructions of a Dockerfile text, with their places; never throws.</summary>
        public static List<DockerInstruction> Parse(string text) => Parse(text, everything: true);

        /// <summary>
        /// The instructions, or with <paramref name="everything"/> false only FROM and ARG (what <see cref="Read"/>
        /// uses): the others are still followed to their end (continuations, heredocs) but not made into strings.
        /// Lines are index ranges into the text, not strings: a Dockerfile's parse allocated about 25 times its size.
        /// </summary>
        private static List<DockerInstruction> Parse(string text, bool everything)
        {
            var lines = LineRanges(text);
            int count = lines.Count / 2;
            var result = new List<DockerInstruction>();
            char escape = '\\';
            bool directives = true;
            StringBuilder? joined = null;
            List<int>? pieces = null;
            int i = 0;
            while (i < count)
            {
                int rawStart = lines[2 * i], rawEnd = lines[2 * i + 1];
                int first = SkipSpaceOrTab(text, rawStart, rawEnd);
                if (directives)
                {
                    if (first < rawEnd && text[first] == '#' && IsDirective(text, first, rawEnd, out var escapeValue))
                    {
                        if (escapeValue == "`" || escapeValue == "\\") escape = escapeValue[0];
                        i++;
                        continue;
                    }
                    directives = false;
                }
                if (first == rawEnd || text[first] == '#') { i++; continue; }

                int startLine = i + 1;
                int startColumn = first - rawStart + 1;
                int endLine = startLine, endColumn = rawEnd - rawStart + 1;
                // The instruction's text: a range of one line, or its lines joined when it continues.
                string source = text;
                int from = first, to = rawEnd;
                bool continued = false;
                int current = first, currentEnd = rawEnd;
                while (true)
                {
                    int body = TrimEndSpaceTabCr(text, current, currentEnd);
                    if (body > current && text[body - 1] == escape)
                    {
                        // The pieces are joined only once the instruction is known to need its text (see below).
                        if (!continued) (pieces ??= new List<int>()).Clear();
                        continued = true;
                        pieces!.Add(current); pieces.Add(body - 1);
                        i++;
                        // Comment lines and empty lines inside a continuation are removed.
                        while (i < count)
                        {
                            int t = SkipSpaceOrTab(text, lines[2 * i], lines[2 * i + 1]);
                            if (t < lines[2 * i + 1] && text[t] == '#' || IsWhiteSpace(text, t, lines[2 * i + 1])) { i++; continue; }
                            break;
                        }
                        if (i >= count) break;
                        current = lines[2 * i]; currentEnd = lines[2 * i + 1];
                        endLine = i + 1; endColumn = currentEnd - current + 1;
                        continue;
                    }
                    if (continued) { pieces!.Add(current); pieces.Add(body); }
                    else to = body;
                    i++;
                    break;
                }
                if (continued)
                {
                    // An instruction of many lines whose keyword ends on its first line, that is neither kept nor able
                    // to hold a heredoc (no '<' in any piece), is not joined: nothing of its text is used.
                    if (!everything && !NeedsText(text, pieces!)) continue;
                    (joined ??= new StringBuilder()).Clear();
                    for (int p = 0; p < pieces!.Count; p += 2) joined.Append(text, pieces[p], pieces[p + 1] - pieces[p]);
                    source = joined.ToString();
                    from = 0; to = source.Length;
                }
                int space = IndexOfSpace(source, from, to);
                int keywordEnd = space < 0 ? to : space;
                var keyword = everything ? source.Substring(from, keywordEnd - from).ToUpperInvariant() : KnownKeyword(source, from, keywordEnd);
                bool heredocs = keyword == "RUN" || keyword == "COPY" || keyword == "ADD";
                bool wanted = everything || keyword == "FROM" || keyword == "ARG";
                // Arguments are made only where they are kept, or where a heredoc may start.
                string? args = null;
                if (wanted || heredocs && space >= 0 && IndexOf(source, "<<", space, to) >= 0)
                    args = space < 0 ? "" : Trimmed(source, space, to);

                // Heredocs: the body lines follow the instruction, up to a line that is the delimiter.
                if (heredocs && args != null)
                {
                    foreach (var (delimiter, stripTabs) in Heredocs(args))
                    {
                        var heredoc = wanted ? new StringBuilder() : null;
                        while (i < count)
                        {
                            int lineStart = lines[2 * i], lineEnd = lines[2 * i + 1];
                            int content = lineStart;
                            if (stripTabs) while (content < lineEnd && text[content] == '\t') content++;
                            endLine = i + 1; endColumn = lineEnd - lineStart + 1;
                            i++;
                            int contentEnd = lineEnd;
                            while (contentEnd > content && text[contentEnd - 1] == '\r') contentEnd--;
                            if (contentEnd - content == delimiter.Length && string.CompareOrdinal(text, content, delimiter, 0, delimiter.Length) == 0) break;
                            heredoc?.Append('\n').Append(text, content, lineEnd - content);
                        }
                        if (heredoc != null) args += heredoc.ToString();
                    }
                }
                if (!wanted) continue;
                result.Add(new DockerInstruction(keyword!, args!, new SourceSpan(startLine, startColumn, endLine, Math.Max(1, endColumn)),
                    Trimmed(text, lines[2 * (startLine - 1)], lines[2 * (startLine - 1) + 1])));
            }
            return result;
        }

        /// <summary>Where each line starts and ends (a pair per line, a final CR left out), lines split at LF only.</summary>
        private static List<int> LineRanges(string text)
        {
            var ranges = new List<int>(64);
            int start = 0;
            while (true)
            {
                int lf = text.IndexOf('\n', start);
                int end = lf < 0 ? text.Length : lf;
                ranges.Add(start);
                ranges.Add(end > start && text[end - 1] == '\r' ? end - 1 : end);
                if (lf < 0) return ranges;
                start = lf + 1;
            }
        }

        /// <summary>
        /// Whether a continued instruction's joined text is needed when only FROM and ARG are kept: when its keyword
        /// does not end on its first piece, is FROM or ARG, or is RUN, COPY or ADD with a '&lt;' in some piece.
        /// </summary>
        private static bool NeedsText(string text, List<int> pieces)
        {
            int space = IndexOfSpace(text, pieces[0], pieces[1]);
            if (space < 0) return true;
            var keyword = KnownKeyword(text, pieces[0], space);
            if (keyword is null) return false;
            if (keyword == "FROM" || keyword == "ARG") return true;
            for (int p = 0; p < pieces.Count; p += 2)
                if (pieces[p + 1] > pieces[p] && text.IndexOf('<', pieces[p], pieces[p + 1] - pieces[p]) >= 0) return true;
            return false;
        }

        /// <summary>The keywords <see cref="Read"/> looks at or must follow (heredocs), upper-case; null for any other.</summary>
        private static string? KnownKeyword(string s, int from, int to)
        {
            foreach (var k in KnownKeywords)
            {
                if (to - from != k.Length) continue;
                bool same = true;
                for (int j = 0; j < k.Length && same; j++)
                {
                    char c = s[from + j];
                    // ToUpperInvariant maps a few non-ASCII letters to ASCII ones (U+0131 to I): ask it then.
                    if (c >= 0x80)
                    {
                        var upper = s.Substring(from, to - from).ToUpperInvariant();
                        return Array.IndexOf(KnownKeywords, upper) >= 0 ? upper : null;
                    }
                    same = (c >= 'a' && c <= 'z' ? (char)(c - 32) : c) == k[j];
                }
                if (same) return k;
            }
            return null;
        }

        private static readonly string[] KnownKeywords = { "FROM", "ARG", "RUN", "COPY", "ADD" };

        private static int SkipSpaceOrTab(string s, int from, int to)
        {
            while (from < to && (s[from] == ' ' || s[from] == '\t')) from++;
            return from;
        }

        private static int TrimEndSpaceTabCr(string s, int from, int to)
        {
            while (to > from && (s[to - 1] == ' ' || s[to - 1] == '\t' || s[to - 1] == '\r')) to--;
            return to;
        }

        private static bool IsWhiteSpace(string s, int from, int to)
        {
            for (int j = from; j < to; j++) if (!char.IsWhiteSpace(s[j])) return false;
            return true;
        }

        /// <summary>The range as string.Trim() would give it, made once.</summary>
        private static string Trimmed(string s, int from, int to)
        {
            while (from < to && char.IsWhiteSpace(s[from])) from++;
            while (to > from && char.IsWhiteSpace(s[to - 1])) to--;
            return from == 0 && to == s.Length ? s : s.Substring(from, to - from);
        }

        private static int IndexOf(string s, string value, int from, int to)
            => to - from < value.Length ? -1 : s.IndexOf(value, from, to - from, StringComparison.Ordinal);

        private static int IndexOfSpace(string s, int from, int to)
        {
            for (int i = from; i < to; i++) if (s[i] == ' ' || s[i] == '\t') return i;
            return -1;
        }

        /// <summary>
        /// Whether the line from <paramref name="from"/> (a '#') to <paramref name="to"/> is a parser directive, as
        /// <see cref="TryDirective"/> reads it, and the value when it is the escape directive (else null). An ASCII
        /// name is read in place; any other goes to TryDirective, whose lower-casing may change it.
        /// </summary>
        private static bool IsDirective(string text, int from, int to, out string? escapeValue)
        {
            escapeValue = null;
            int start = from + 1, end = to;
            while (start < end && char.IsWhiteSpace(text[start])) start++;
            while (end > start && char.IsWhiteSpace(text[end - 1])) end--;
            int eq = end > start ? text.IndexOf('=', start, end - start) : -1;
            if (eq <= start) return false;
            int nameStart = start, nameEnd = eq;
            while (nameStart < nameEnd && char.IsWhiteSpace(text[nameStart])) nameStart++;
            while (nameEnd > nameStart && char.IsWhiteSpace(text[nameEnd - 1])) nameEnd--;
            for (int j = nameStart; j < nameEnd; j++)
            {
                char c = text[j];
                if (c >= 0x80)
                {
                    if (!TryDirective(text.Substring(from, to - from), out var name, out var value)) return false;
                    if (name == "escape") escapeValue = value;
                    return true;
                }
                if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_')) return false;
            }
            if (nameEnd == nameStart) return false;
            if (nameEnd - nameStart == 6 && string.Compare(text, nameStart, "escape", 0, 6, StringComparison.OrdinalIgnoreCase) == 0)
                escapeValue = Trimmed(text, eq + 1, end);
            return true;
        }

        /// <summary>A parser directive line: <c># name=value</c>, the name a single word.</summary>
        private static bool TryDirective(string line, out string name, out string value)
        {
            name = value = "";
            var body = line.Substring(1).Trim();
            int eq = body.IndexOf('=');
            if (eq <= 0) return false;
            name = body.Substring(0, eq).Trim().ToLowerInvariant();
            value = body.Substring(eq + 1).Trim();
            foreach (var c in name) if (!char.IsLetterOrDigit(c) && c != '-' && c != '_') return false;
            return name.Length > 0;
        }

        /// <summary>The heredoc delimiters of an instruction's arguments, in order: <c>&lt;&lt;EOF</c>, <c>&lt;&lt;-EOF</c>, <c>&lt;&lt;"EOF"</c>, <c>&lt;&lt;'EOF'</c>.</summary>
        private static List<(string Delimiter, bool StripTabs)> Heredocs(string args)
        {
            var list = new List<(string, bool)>();
            int i = 0;
            while (i < args.Length && (i = args.IndexOf("<<", i, StringComparison.Ordinal)) >= 0)
            {
                int j = i + 2;
                bool strip = j < args.Length && args[j] == '-';
                if (strip) j++;
                char quote = j < args.Length && (args[j] == '"' || args[j] == '\'') ? args[j] : '\0';
                if (quote != '\0') j++;
                int start = j;
                while (j < args.Length && (char.IsLetterOrDigit(args[j]) || args[j] == '_')) j++;
                if (j > start && (quote == '\0' || j < args.Length && args[j] == quote))
                    list.Add((args.Substring(start, j - start), strip));
                i = Math.Max(j, i + 2);
            }
            return list;
        }

        /// <summary>
        /// Reads one Dockerfile into a workload with os/windows.image evidence from its final stage.
        /// Returns null (with a finding) when the file is not text.
        /// </summary>
        internal static RawWorkload? Read(string file, byte[] bytes, string workloadName, ReadContext ctx)
        {
            if (bytes.LongLength > ctx.Limits.MaxFileBytes)
            {
                ctx.Finding(RuleIds.LimitExceeded, file, SourceSpan.FileStart, $"the file is {bytes.LongLength} bytes; the limit is {ctx.Limits.MaxFileBytes} bytes");
                return null;
            }
            var text = Text.Decode(bytes);
            if (text is null)
            {
                ctx.Finding(RuleIds.YamlSyntax, file, SourceSpan.FileStart, "a file named like a Dockerfile is not text (it holds NUL bytes or is not UTF-8): not read");
                return null;
            }
            var source = new ArtifactSource(ArtifactKind.Dockerfile, "Dockerfile " + file, workloadName, new Location(file, SourceSpan.FileStart));
            var w = new RawWorkload(source, file);
            var instructions = Parse(text, everything: false);

            // Global ARGs (before the first FROM) are what FROM can use.
            var args = new Dictionary<string, string?>(StringComparer.Ordinal);
            var stages = new Dictionary<string, (string? Image, DockerInstruction From)>(StringComparer.OrdinalIgnoreCase);
            DockerInstruction? finalFrom = null;
            string? finalImage = null;
            bool finalPlatformWindows = false;
            string? chain = null;
            bool seenFrom = false;
            foreach (var ins in instructions)
            {
                if (ins.Keyword == "ARG" && !seenFrom)
                {
                    ArgDefinitions(ins.Arguments, args);
                    continue;
                }
                if (ins.Keyword != "FROM") continue;
                seenFrom = true;
                var words = Words(ins.Arguments);
                bool platformWindows = false;
                int k = 0;
                while (k < words.Count && words[k].StartsWith("--", StringComparison.Ordinal))
                {
                    if (words[k].StartsWith("--platform=", StringComparison.OrdinalIgnoreCase))
                    {
                        var platform = Substitute(words[k].Substring("--platform=".Length), args);
                        platformWindows = platform != null && platform.StartsWith("windows/", StringComparison.OrdinalIgnoreCase);
                    }
                    k++;
                }
                if (k >= words.Count) continue;
                var image = Substitute(words[k], args);
                string? stageName = k + 2 < words.Count && words[k + 1].Equals("AS", StringComparison.OrdinalIgnoreCase) ? words[k + 2] : null;
                // FROM a previous stage: that stage's base image.
                string? resolved = image;
                chain = null;
                if (image != null && stages.TryGetValue(image, out var earlier))
                {
                    resolved = earlier.Image;
                    chain = $"stage {image} is FROM {earlier.Image ?? "an image left unknown"}";
                }
                if (stageName != null) stages[stageName] = (resolved, ins);
                finalFrom = ins; finalImage = resolved; finalPlatformWindows = platformWindows;
            }

            if (finalFrom is null)
            {
                w.Notes.Add($"{file}: no FROM instruction");
                return w;
            }
            var loc = new Location(file, finalFrom.Span);
            if (finalImage is null)
            {
                w.Notes.Add($"{file}:{finalFrom.Span.Line}: the final image is unknown (an ARG without a default, or an unset variable)");
                return w;
            }
            var image2 = finalImage.ToLowerInvariant();
            string? windowsImage = WindowsImage(image2);
            string reason = $"the final stage's image is {finalImage}" + (chain != null ? $" ({chain})" : "");
            if (windowsImage != null)
            {
                w.Add(ArtifactFields.Os, "windows", loc, finalFrom.FirstLine, reason);
                w.Add(ArtifactFields.WindowsImage, windowsImage, loc, finalFrom.FirstLine, reason);
            }
            else if (finalPlatformWindows)
                w.Add(ArtifactFields.Os, "windows", loc, finalFrom.FirstLine, "FROM --platform=windows/…");
            return w;
        }

        /// <summary>artifacts.md: …/windows/nanoserver → nanoserver; …/windows/servercore, …/dotnet/framework/… → servercore; …/windows/server → server. Also Windows tags of other images (…:8.0-nanoserver-ltsc2022, …-windowsservercore-…).</summary>
        internal static string? WindowsImage(string image)
        {
            int colon = image.LastIndexOf(':');
            int slash = image.LastIndexOf('/');
            string repo = colon > slash ? image.Substring(0, colon) : image;
            string tag = colon > slash ? image.Substring(colon + 1) : "";
            int at = repo.IndexOf('@');
            if (at >= 0) repo = repo.Substring(0, at);
            if (repo.EndsWith("windows/nanoserver", StringComparison.Ordinal)) return "nanoserver";
            if (repo.EndsWith("windows/servercore", StringComparison.Ordinal) || repo.Contains("/dotnet/framework/") || repo.StartsWith("dotnet/framework/", StringComparison.Ordinal)) return "servercore";
            if (repo.EndsWith("windows/server", StringComparison.Ordinal)) return "server";
            if (tag.Contains("nanoserver")) return "nanoserver";
            if (tag.Contains("servercore")) return "servercore";
            return null;
        }

        /// <summary>The words between spaces and tabs, as string.Split with both and RemoveEmptyEntries gives them.</summary>
        private static List<string> Words(string s)
        {
            var list = new List<string>();
            int i = 0;
            while (i < s.Length)
            {
                while (i < s.Length && (s[i] == ' ' || s[i] == '\t')) i++;
                int start = i;
                while (i < s.Length && s[i] != ' ' && s[i] != '\t') i++;
                if (i > start) list.Add(start == 0 && i == s.Length ? s : s.Substring(start, i - start));
            }
            return list;
        }

        /// <summary><c>ARG NAME</c>, <c>ARG NAME=value</c>, <c>ARG A=1 B="x y"</c>, each set in the ARG values in order.</summary>
        private static void ArgDefinitions(string arguments, Dictionary<string, string?> into)
        {
            int i = 0;
            while (i < arguments.Length)
            {
                while (i < arguments.Length && char.IsWhiteSpace(arguments[i])) i++;
                int start = i;
                while (i < arguments.Length && arguments[i] != '=' && !char.IsWhiteSpace(arguments[i])) i++;
                if (i == start) break;
                var name = arguments.Substring(start, i - start);
                if (i < arguments.Length && arguments[i] == '=')
                {
                    i++;
                    // A value without quotes (most are) is cut from the arguments as it is.
                    int plain = i;
                    while (plain < arguments.Length && !char.IsWhiteSpace(arguments[plain]) && arguments[plain] != '"' && arguments[plain] != '\'') plain++;
                    if (plain == arguments.Length || char.IsWhiteSpace(arguments[plain]))
                    {
                        into[name] = arguments.Substring(i, plain - i);
                        i = plain;
                        continue;
                    }
                    var value = new StringBuilder();
                    char quote = '\0';
                    while (i < arguments.Length && (quote != '\0' || !char.IsWhiteSpace(arguments[i])))
                    {
                        char c = arguments[i];
                        if (quote == '\0' && (c == '"' || c == '\'')) quote = c;
                        else if (c == quote) quote = '\0';
                        else value.Append(c);
                        i++;
                    }
                    into[name] = value.ToString();
                }
                else into[name] = null;
            }
        }

        /// <summary>$VAR, ${VAR}, ${VAR:-default}, ${VAR:+alt} with the ARG values; null when a variable used has no value.</summary>
        private static string? Substitute(string word, Dictionary<string, string?> args)
        {
            // Most image references name no variable: the word as it is.
            if (word.IndexOf('$') < 0) return word;
            var sb = new StringBuilder();
            int i = 0;
            while (i < word.Length)
            {
                char c = word[i];
                if (c != '$')
                {
                    // The text up to the next '$' in one step, not a character at a time.
                    int dollar = word.IndexOf('$', i);
                    int end = dollar < 0 ? word.Length : dollar;
                    sb.Append(word, i, end - i);
                    i = end;
                    continue;
                }
                if (i + 1 >= word.Length) { sb.Append(c); i++; continue; }
                string name; string? op = null; string? operand = null;
                if (word[i + 1] == '{')
                {
                    int close = word.IndexOf('}', i + 2);
                    if (close < 0) return null;
                    // The name, operator and operand cut from the word itself, without the text between the braces first.
                    int colon = word.IndexOf(':', i + 2, close - i - 2);
                    if (colon >= 0 && colon + 1 < close) { name = word.Substring(i + 2, colon - i - 2); op = word.Substring(colon, 2); operand = word.Substring(colon + 2, close - colon - 2); }
                    else name = word.Substring(i + 2, close - i - 2);
                    i = close + 1;
                }
                else
                {
                    int j = i + 1;
                    while (j < word.Length && (char.IsLetterOrDigit(word[j]) || word[j] == '_')) j++;
                    if (j == i + 1) { sb.Append(c); i++; continue; }
                    name = word.Substring(i + 1, j - i - 1);
                    i = j;
                }
                args.TryGetValue(name, out var value);
                bool set = !string.IsNullOrEmpty(value);
                if (op == ":-") { if (set) sb.Append(value); else sb.Append(operand); }
                else if (op == ":+") { if (set) sb.Append(operand); }
                else if (set) sb.Append(value);
                else return null;
            }
            return sb.ToString();
        }
    }
}
