using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Xml;
using DeployAdvisor.Cli.Running;
using DeployAdvisor.Engine.Checking;
using DeployAdvisor.Engine.Findings;
using DeployAdvisor.Engine.Rules;

namespace DeployAdvisor.Cli.Output
{
    /// <summary>
    /// JUnit XML as CI servers read it (Jenkins, GitLab, Azure DevOps): a &lt;testsuite&gt; per file, written as
    /// soon as the file is final, with its own counts; a &lt;testcase&gt; per descriptor document checked; a
    /// &lt;failure&gt; per finding at or above --fail-on (and per input error, whatever --fail-on says), the other findings in the case's &lt;system-out&gt;. A file
    /// that could not be read, or findings about the file itself (it is not YAML, it is too large), make one
    /// failing case for the file. The root &lt;testsuites&gt; carries only a name: its totals would have to come
    /// before the suites in the document, and the format streams; every reader sums the suites.
    /// </summary>
    public sealed class JunitWriter : IResultWriter
    {
        private readonly Stream _output;
        private readonly XmlWriter _xml;
        private readonly RuleSet _rules;
        private readonly Severity? _failOn;

        /// <param name="failOn">The lowest severity that fails a case; null for --fail-on never.</param>
        public JunitWriter(Stream output, RuleSet rules, Severity? failOn)
        {
            _output = output;
            _rules = rules;
            _failOn = failOn;
            _xml = XmlWriter.Create(output, new XmlWriterSettings
            {
                Encoding = new UTF8Encoding(false),
                Indent = true,
                IndentChars = "  ",
                NewLineChars = "\n",
                NewLineHandling = NewLineHandling.Replace,
                CloseOutput = false,
                CheckCharacters = false, // text is escaped below; a control character must not end the run
            });
        }

        public void Begin()
        {
            _xml.WriteStartDocument();
            _xml.WriteStartElement("testsuites");
            _xml.WriteAttributeString("name", "deploy-advisor lint");
        }

        private sealed class Case
        {
            public Case(string name, IReadOnlyList<Finding> findings) { Name = name; Findings = findings; }
            public string Name { get; }
            public IReadOnlyList<Finding> Findings { get; }
            public string? ReadError { get; init; }
        }

        public void WriteFile(FileOutcome file)
        {
            if (file.Skipped) return;
            var cases = new List<Case>();
            if (file.ReadError != null)
            {
                cases.Add(new Case("(file)", Array.Empty<Finding>()) { ReadError = file.ReadError });
            }
            else
            {
                var own = file.Visible(file.FileFindings).ToList();
                if (own.Count > 0 || file.Documents.Count == 0) cases.Add(new Case("(file)", own));
                foreach (var d in file.Documents)
                    cases.Add(new Case(CaseName(d), file.Visible(d.Findings).ToList()));
            }
            int failures = cases.Count(Fails);
            _xml.WriteStartElement("testsuite");
            _xml.WriteAttributeString("name", file.Path);
            _xml.WriteAttributeString("tests", cases.Count.ToString(CultureInfo.InvariantCulture));
            _xml.WriteAttributeString("failures", failures.ToString(CultureInfo.InvariantCulture));
            _xml.WriteAttributeString("errors", "0");
            _xml.WriteAttributeString("skipped", "0");
            _xml.WriteAttributeString("time", "0");
            foreach (var c in cases) WriteCase(file, c);
            _xml.WriteEndElement();
            _xml.Flush();
        }

        private bool Fails(Case c) => c.ReadError != null || c.Findings.Any(AtThreshold);

        /// <summary>A finding fails its case at or above --fail-on; an input error (the file or document was not understood) always does.</summary>
        private bool AtThreshold(Finding f) => (_failOn is Severity min && f.Severity >= min) || NotUnderstood(f.RuleId);

        private static bool NotUnderstood(string ruleId) => RuleIds.IsFixedError(ruleId) || ruleId == "DA0009";

        private static string CaseName(CheckedDocument d)
            => d.Name is null ? $"document {d.Index + 1}" : $"{d.Name} (document {d.Index + 1})";

        private void WriteCase(FileOutcome file, Case c)
        {
            _xml.WriteStartElement("testcase");
            _xml.WriteAttributeString("name", Clean(c.Name));
            _xml.WriteAttributeString("classname", Clean(file.Path));
            _xml.WriteAttributeString("file", Clean(file.Path));
            _xml.WriteAttributeString("time", "0");
            if (c.ReadError != null)
            {
                _xml.WriteStartElement("failure");
                _xml.WriteAttributeString("type", "unreadable");
                _xml.WriteAttributeString("message", Clean($"could not read '{file.Path}': {c.ReadError}"));
                _xml.WriteString(Clean($"{file.Path}: could not read the file: {c.ReadError}"));
                _xml.WriteEndElement();
            }
            foreach (var f in c.Findings.Where(AtThreshold))
            {
                _xml.WriteStartElement("failure");
                _xml.WriteAttributeString("type", f.RuleId);
                _xml.WriteAttributeString("message", Clean(f.Message));
                _xml.WriteString(Clean(Line(f)));
                _xml.WriteEndElement();
            }
            var others = c.Findings.Where(f => !AtThreshold(f)).ToList();
            if (others.Count > 0)
                _xml.WriteElementString("system-out", Clean(string.Join("\n", others.Select(Line))));
            _xml.WriteEndElement();
        }

        private string Line(Finding f)
        {
            var name = _rules.Find(f.RuleId)?.Name;
            return $"{TextFindings.Where(f)}: {f.Severity.ToName()} {f.RuleId}{(name is null ? "" : $" ({name})")}: {f.Message}";
        }

        /// <summary>XML 1.0 cannot hold most control characters, even escaped: they are shown as U+FFFD.</summary>
        private static string Clean(string s)
        {
            StringBuilder? sb = null;
            for (int i = 0; i < s.Length; i++)
            {
                char ch = s[i];
                bool ok = ch == '\t' || ch == '\n' || ch == '\r' || (ch >= 0x20 && ch <= 0xD7FF) || (ch >= 0xE000 && ch <= 0xFFFD)
                          || (char.IsHighSurrogate(ch) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]));
                if (char.IsLowSurrogate(ch) && i > 0 && char.IsHighSurrogate(s[i - 1])) ok = true;
                if (ok) { sb?.Append(ch); continue; }
                sb ??= new StringBuilder(s, 0, i, s.Length);
                sb.Append('\uFFFD');
            }
            return sb?.ToString() ?? s;
        }

        public void End(RunSummary summary)
        {
            _xml.WriteEndElement();
            _xml.WriteEndDocument();
            _xml.Flush();
            _xml.Dispose();
            _output.WriteByte((byte)'\n');
        }
    }
}
