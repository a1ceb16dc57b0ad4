using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Text;
using CsCheck;
using DeployAdvisor.Engine.Artifacts;
using DeployAdvisor.Engine.Findings;

namespace DeployAdvisor.Engine.Tests.Artifacts
{
    /// <summary>
    /// The Dockerfile reader reads lines as index ranges (it allocated a string per line and per step); these
    /// tests hold it to the reader it replaced, kept below as it was, on generated Dockerfiles with
    /// continuations, heredocs, directives, comments, CRs, tabs and odd whitespace and casing.
    /// </summary>
    public class DockerfileParseDifferentialTests
    {
        private static readonly string[] Lines =
        {
            "FROM mcr.microsoft.com/dotnet/sdk:8.0 AS build", "from alpine:3", "FROM --platform=windows/amd64 ${BASE:-x}", "FROM\tbuild", "  FROM scratch  ",
            "ARG A=1", "arg B", "ARG C=\"x y\" D", "RUN echo hi \\", "  && echo there", "    --flag \\", "RUN <<EOF", "RUN cat <<-'END' > f", "COPY <<A <<B ./",
            "ADD a b \\\r", "EOF", "\tEND", "END", "A", "B", "# comment", "  # indented comment", "", "   ", "\t", "\u00A0", "# escape=`", "# syntax=docker/dockerfile:1",
            "RUN x `", "\r", "RU\u0131N y", "FRO\u0131 z", "ruN x <<\\", "<EOF", "WORKDIR /x  ", "\t\tRUN y", "ENTRYPOINT [\"dotnet\", \"a.dll\"]", "COPY --from=build /app .",
            "EXPOSE 8080", "RUN a \\   ", "EOF\r", "END\r\r", "\tA\r", "K\u212Aey x", "FROM", "ARG", "RUN", "\\", "`",
        };

        private static readonly Gen<string> Dockerfiles =
            Gen.Select(Gen.Int[0, Lines.Length - 1].Array[0, 24], Gen.Bool, Gen.Bool, (picks, crlf, finalBreak) =>
            {
                var text = string.Join(crlf ? "\r\n" : "\n", picks.Select(p => Lines[p]));
                return finalBreak ? text + "\n" : text;
            });

        private static string Dump(IEnumerable<DockerInstruction> instructions)
            => string.Join("\n", instructions.Select(i => $"{i.Keyword}|{i.Arguments}|{i.Span.Line}:{i.Span.Column}-{i.Span.EndLine}:{i.Span.EndColumn}|{i.FirstLine}"));

        private static readonly MethodInfo Filtered = typeof(DockerfileReader).GetMethod("Parse", BindingFlags.NonPublic | BindingFlags.Static, null, new[] { typeof(string), typeof(bool) }, null)!;

        [Fact]
        [Trait("Category", "Fuzz")]
        public void Parses_as_the_reader_it_replaced()
        {
            Dockerfiles.Sample(text =>
            {
                var expected = Reference.Parse(text);
                Assert.Equal(Dump(expected), Dump(DockerfileReader.Parse(text)));
                // What Read uses: FROM and ARG only, the same as in the whole parse.
                var only = (List<DockerInstruction>)Filtered.Invoke(null, new object[] { text, false })!;
                Assert.Equal(Dump(expected.Where(i => i.Keyword == "FROM" || i.Keyword == "ARG")), Dump(only));
            }, iter: FuzzTests.Iterations(20_000));
        }

        [Theory]
        [InlineData("RUN a \\\n\n  # c\n  b\nFROM x\n")]
        [InlineData("RUN <<EOF\nFROM not-an-instruction\nEOF\nFROM real\n")]
        [InlineData("COPY <<A <<B ./\nFROM a\nA\nFROM b\nB\nFROM c")]
        [InlineData("# escape=`\nFROM a `\n  AS b\n")]
        [InlineData("\u00A0\nFROM a\r\n")]
        public void Examples_parse_as_before(string text)
        {
            Assert.Equal(Dump(Reference.Parse(text)), Dump(DockerfileReader.Parse(text)));
            var only = (List<DockerInstruction>)Filtered.Invoke(null, new object[] { text, false })!;
            Assert.Equal(Dump(Reference.Parse(text).Where(i => i.Keyword == "FROM" || i.Keyword == "ARG")), Dump(only));
        }

        // Continued instructions whose text is skipped when nothing of it is used (keyword on the first piece, no '<'),
        // next to ones that must be joined: a keyword split over pieces, '<' and "<<" split over pieces, FROM and ARG.
        private static readonly string[] ContinuedLines =
        {
            "RUN a \\", "  b \\", "  c", "RUN x <\\", "<EOF", "EOF", "RU\\", "N y <<E", "E", "FR\\", "OM z", "WORKDIR w \\", "  /q",
            "COPY a \\", " <<B b", "B", "ADD <\\", "x", "fRoM b \\", "  AS c", "ARG D=\\", "1", "EXPOSE 1\\", "# c", "", "  2", "RUN\\", " <<F", "F",
            "RUN \u0131 \\", "x", "run\t\\", "\t<<G", "G", "# escape=`", "# Escape = ` ", "#syntax=x", "# sy ntax=x", "# =x", "#", "# \u212Aey=x", "# ESCAPE=\\",
            "# escape=`\r", "#\u00A0escape\u00A0=\u00A0`", "# es_c-1=", "FROM a `", "  AS b", "ARG A=\"x y\" B", "FROM ${A:-d} AS e", "FROM $A:${B:+z}$", "FROM ${A",
        };

        [Fact]
        [Trait("Category", "Fuzz")]
        public void Continued_instructions_and_directives_parse_as_the_reader_it_replaced()
        {
            var files = Gen.Select(Gen.Int[0, ContinuedLines.Length - 1].Array[0, 16], Gen.Bool, (picks, crlf) => string.Join(crlf ? "\r\n" : "\n", picks.Select(p => ContinuedLines[p])));
            files.Sample(text =>
            {
                var expected = Reference.Parse(text);
                Assert.Equal(Dump(expected), Dump(DockerfileReader.Parse(text)));
                var only = (List<DockerInstruction>)Filtered.Invoke(null, new object[] { text, false })!;
                Assert.Equal(Dump(expected.Where(i => i.Keyword == "FROM" || i.Keyword == "ARG")), Dump(only));
            }, iter: FuzzTests.Iterations(20_000));
        }

        [Fact]
        public void Directives_read_in_place_as_through_substrings()
        {
            var inPlace = typeof(DockerfileReader).GetMethod("IsDirective", BindingFlags.NonPublic | BindingFlags.Static)!;
            var throughSubstrings = typeof(DockerfileReader).GetMethod("TryDirective", BindingFlags.NonPublic | BindingFlags.Static)!;
            var lines = ContinuedLines.Concat(Lines).Where(l => l.TrimStart(' ', '\t').StartsWith("#", StringComparison.Ordinal))
                .Concat(new[] { "# escape=\\", "#escape=`", "# ESCAPE =  `  ", "# e\u0131scape=`", "# \u0130=x", "# escape=``", "# escape", "#=", "# a=b=c" });
            foreach (var line in lines)
            {
                int from = line.IndexOf('#');
                var substrings = new object?[] { line.Substring(from), null, null };
                bool expected = (bool)throughSubstrings.Invoke(null, substrings)!;
                string? name = (string?)substrings[1], value = (string?)substrings[2];
                var arguments = new object?[] { "  " + line + "  ", from + 2, line.Length + 2, null };
                Assert.Equal(expected, (bool)inPlace.Invoke(null, arguments)!);
                Assert.Equal(expected && name == "escape" ? value : null, (string?)arguments[3]);
            }
        }

        [Fact]
        [Trait("Category", "Fuzz")]
        public void Words_are_those_of_string_split()
        {
            var words = typeof(DockerfileReader).GetMethod("Words", BindingFlags.NonPublic | BindingFlags.Static)!;
            Gen.String[Gen.Char["ab \t\u00A0-"], 0, 12].Sample(s =>
                Assert.Equal(s.Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries), (List<string>)words.Invoke(null, new object[] { s })!),
                iter: FuzzTests.Iterations(5_000));
        }

        [Fact]
        [Trait("Category", "Fuzz")]
        public void ARG_values_are_those_of_the_reading_character_by_character()
        {
            // A value without quotes is cut from the arguments as it is; the reading it replaced built every value a character at a time.
            var read = typeof(DockerfileReader).GetMethod("ArgDefinitions", BindingFlags.NonPublic | BindingFlags.Static)!;
            Gen.String[Gen.Char["AB= \t\"'x\u00A0"], 0, 14].Sample(arguments =>
            {
                var expected = new Dictionary<string, string?>(StringComparer.Ordinal);
                foreach (var (name, value) in ReferenceArgDefinitions(arguments)) expected[name] = value;
                var actual = new Dictionary<string, string?>(StringComparer.Ordinal);
                read.Invoke(null, new object[] { arguments, actual });
                Assert.Equal(expected.Select(e => $"{e.Key}={e.Value ?? "(null)"}"), actual.Select(e => $"{e.Key}={e.Value ?? "(null)"}"));
            }, iter: FuzzTests.Iterations(5_000));
        }

        private static IEnumerable<(string Name, string? Value)> ReferenceArgDefinitions(string arguments)
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
                    yield return (name, value.ToString());
                }
                else yield return (name, null);
            }
        }

        /// <summary>DockerfileReader.Parse before it read lines as ranges (commit adeeae0), unchanged but for quoting first lines from its own split.</summary>
        private static class Reference
        {
            /// <summary>The instructions of a Dockerfile text, with their places; never throws.</summary>
            public static List<DockerInstruction> Parse(string text)
            {
                var lineTexts = SplitLines(text);
                var all = SplitLines(text);
                var result = new List<DockerInstruction>();
                char escape = '\\';
                bool directives = true;
                int i = 0;
                while (i < all.Count)
                {
                    var raw = all[i];
                    var trimmed = raw.TrimStart(' ', '\t');
                    if (directives)
                    {
                        if (trimmed.StartsWith("#", StringComparison.Ordinal) && TryDirective(trimmed, out var name, out var value))
                        {
                            if (name == "escape" && (value == "`" || value == "\\")) escape = value[0];
                            i++;
                            continue;
                        }
                        directives = false;
                    }
                    if (trimmed.Length == 0 || trimmed.StartsWith("#", StringComparison.Ordinal)) { i++; continue; }

                    int startLine = i + 1;
                    int startColumn = raw.Length - trimmed.Length + 1;
                    var sb = new StringBuilder();
                    var current = trimmed;
                    int endLine = startLine, endColumn = raw.Length + 1;
                    while (true)
                    {
                        var body = current.TrimEnd(' ', '\t', '\r');
                        if (body.Length > 0 && body[body.Length - 1] == escape)
                        {
                            sb.Append(body, 0, body.Length - 1);
                            i++;
                            // Comment lines and empty lines inside a continuation are removed.
                            while (i < all.Count)
                            {
                                var t = all[i].TrimStart(' ', '\t');
                                if (t.StartsWith("#", StringComparison.Ordinal) || t.Trim().Length == 0) { i++; continue; }
                                break;
                            }
                            if (i >= all.Count) break;
                            current = all[i];
                            endLine = i + 1; endColumn = all[i].Length + 1;
                            continue;
                        }
                        sb.Append(body);
                        i++;
                        break;
                    }
                    var instruction = sb.ToString();
                    int space = IndexOfSpace(instruction);
                    var keyword = (space < 0 ? instruction : instruction.Substring(0, space)).ToUpperInvariant();
                    var args = space < 0 ? "" : instruction.Substring(space).Trim();

                    // Heredocs: the body lines follow the instruction, up to a line that is the delimiter.
                    if (keyword == "RUN" || keyword == "COPY" || keyword == "ADD")
                    {
                        foreach (var (delimiter, stripTabs) in Heredocs(args))
                        {
                            var heredoc = new StringBuilder();
                            while (i < all.Count)
                            {
                                var line = stripTabs ? all[i].TrimStart('\t') : all[i];
                                endLine = i + 1; endColumn = all[i].Length + 1;
                                i++;
                                if (line.TrimEnd('\r') == delimiter) break;
                                heredoc.Append('\n').Append(line);
                            }
                            args += heredoc.ToString();
                        }
                    }
                    result.Add(new DockerInstruction(keyword, args, new SourceSpan(startLine, startColumn, endLine, Math.Max(1, endColumn)), lineTexts[startLine - 1].Trim()));
                }
                return result;
            }

            private static List<string> SplitLines(string text)
            {
                var list = new List<string>();
                int start = 0;
                for (int i = 0; i <= text.Length; i++)
                {
                    if (i == text.Length || text[i] == '\n')
                    {
                        var line = text.Substring(start, i - start);
                        list.Add(line.EndsWith("\r", StringComparison.Ordinal) ? line.Substring(0, line.Length - 1) : line);
                        start = i + 1;
                    }
                }
                return list;
            }

            private static int IndexOfSpace(string s)
            {
                for (int i = 0; i < s.Length; i++) if (s[i] == ' ' || s[i] == '\t') return i;
                return -1;
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

        }
    }
}
