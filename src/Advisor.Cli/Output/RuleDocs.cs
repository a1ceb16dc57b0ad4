using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using DeployAdvisor.Engine.Findings;
using DeployAdvisor.Engine.Rules;

namespace DeployAdvisor.Cli.Output
{
    /// <summary>
    /// A rule's documentation, from the rule's own data: the page docs/rules/DAxxxx.md, the text
    /// `explain` prints, and the help SARIF carries. One source, so the three cannot disagree.
    /// </summary>
    public static class RuleDocs
    {
        public const string DocsFolder = "docs/rules";

        /// <summary>DA0010, raised by the analyzers about themselves.</summary>
        private const string AnalyzerInternalError = "DA0010";

        public static string RelativePage(string ruleId) => $"{DocsFolder}/{ruleId}.md";

        public static string? HelpUri(string? baseUrl, string ruleId)
            => string.IsNullOrEmpty(baseUrl) ? null : baseUrl!.TrimEnd('/') + "/" + ruleId + ".md";

        /// <summary>The rule index (README.md, which `rules docs` writes beside the pages) under a configured docs URL.</summary>
        public static string? IndexUri(string? baseUrl)
            => string.IsNullOrEmpty(baseUrl) ? null : baseUrl!.TrimEnd('/') + "/README.md";

        public static string Effect(Rule rule) => rule.Effect switch
        {
            RuleEffect.Exclude => $"excludes {string.Join(" and ", rule.Excludes.Select(t => t.Name()))} from the feasible targets; reported when it excludes the planned target (deployment.target)",
            RuleEffect.Report => "reported as a finding when its condition holds",
            RuleEffect.Evidence => "found by the Roslyn analyzers in a workload's code",
            _ => "raised while reading input or configuration",
        };

        public static string Changeable(Rule rule) => rule.IsFixed
            ? "always an error; cannot be changed or disabled (the input was not understood)"
            : "can be changed or disabled in .deployadvisor.yaml (rules: - id: " + rule.Id + " severity: error|warning|info|off)";

        /// <summary>The Markdown page of a rule.</summary>
        public static string Markdown(Rule rule)
        {
            var sb = new StringBuilder();
            sb.Append("# ").Append(rule.Id).Append(": ").Append(rule.Name).Append("\n\n");
            sb.Append("<!-- Generated from the rule set by `deploy-advisor rules docs`; do not edit by hand. -->\n\n");
            sb.Append("| | |\n|---|---|\n");
            sb.Append("| Category | ").Append(rule.Category).Append(" |\n");
            sb.Append("| Default severity | ").Append(rule.DefaultSeverity.ToName()).Append(" |\n");
            sb.Append("| Effect | ").Append(Effect(rule)).Append(" |\n");
            sb.Append("| Configurable | ").Append(rule.IsFixed ? "no: always an error" : "yes: severity or `off` in `.deployadvisor.yaml`").Append(" |\n\n");
            sb.Append("## What fires it\n\n").Append(rule.Summary).Append("\n\n");
            sb.Append("## Why\n\n").Append(rule.Rationale).Append("\n\n");
            sb.Append("## How to fix it\n\n").Append(rule.Remediation).Append("\n\n");
            if (!string.IsNullOrWhiteSpace(rule.Example))
                sb.Append("## Example\n\n```yaml\n").Append(rule.Example!.TrimEnd()).Append("\n```\n\n");
            if (rule.Evidence is EvidenceTriggers evidence && !evidence.IsEmpty)
            {
                // The triggers are the rule's data (rules/*.yaml): the page says exactly what code fires it.
                sb.Append("## Evidence the analyzers look for\n\n");
                foreach (var call in evidence.NativeCalls)
                    sb.Append(call.EntryPoint is null
                        ? "- P/Invoke (`DllImport`/`LibraryImport`) of any entry point in `" + call.Library + "` (" + LibrarySpellings(call.Library!) + ")"
                        : "- P/Invoke (`DllImport`/`LibraryImport`) of `" + call.EntryPoint + "`" + (call.Library is null ? "" : " in `" + call.Library + "`")).Append('\n');
                foreach (var type in evidence.Types) sb.Append("- calls or creations of `").Append(type).Append("` and types derived from it\n");
                foreach (var ns in evidence.Namespaces) sb.Append("- types in the namespace `").Append(ns).Append("` or below\n");
                foreach (var member in evidence.Members) sb.Append("- calls or reads of `").Append(member).Append("`\n");
                foreach (var attribute in evidence.Attributes) sb.Append("- declarations marked `[").Append(attribute).Append("]` (or a subclass), and their uses\n");
                foreach (var platform in evidence.SupportedOSPlatforms) sb.Append("- APIs marked `[SupportedOSPlatform(\"").Append(platform).Append("\")]`, unless the call is guarded\n");
                if (rule.Fix is EvidenceFix fix)
                    sb.Append(fix.Adds
                        ? "\nThe code fix adds `" + fix.Text + "` to `" + fix.Field + "` on the `[Workload]` attribute.\n"
                        : "\nThe code fix declares `" + fix.Field + ": " + fix.Text + "` on the `[Workload]` attribute.\n");
                sb.Append('\n');
            }
            var fires = rule.Fixtures.Where(f => f.MustFire).Select(f => f.Description).ToList();
            var passes = rule.Fixtures.Where(f => !f.MustFire).Select(f => f.Description).ToList();
            if (fires.Count + passes.Count > 0)
            {
                sb.Append("## Fixtures\n\n");
                foreach (var d in fires) sb.Append("- fires: ").Append(d).Append('\n');
                foreach (var d in passes) sb.Append("- does not fire: ").Append(d).Append('\n');
                sb.Append('\n');
            }
            if (rule.Sources.Count > 0)
            {
                sb.Append("## Sources\n\n");
                foreach (var s in rule.Sources) sb.Append("- ").Append(s).Append('\n');
                sb.Append('\n');
            }
            sb.Append("## Suppressing it\n\n");
            sb.Append(rule.IsFixed || rule.Id == RuleIds.SuppressionWithoutReason || rule.Id == RuleIds.UnusedSuppression || rule.Id == RuleIds.InvalidConfiguration
                ? "This rule cannot be suppressed inline.\n"
                : rule.Effect == RuleEffect.Evidence || rule.Id == AnalyzerInternalError
                    // Reported on C# code by the analyzers: C#'s own ways apply, not YAML comments.
                    ? $"In C#: `#pragma warning disable {rule.Id}` around the code, `[SuppressMessage(\"DeployAdvisor\", \"{rule.Id}\", Justification = \"<reason>\")]`, or `dotnet_diagnostic.{rule.Id}.severity = none` in `.editorconfig`.\n"
                    : $"On or above the line of the finding: `# deployadvisor-ignore {rule.Id}: <reason>`; for a whole document: `# deployadvisor-ignore-document {rule.Id}: <reason>`. A reason is required.\n");
            return sb.ToString();
        }

        /// <summary>
        /// The page as it travels outside the repository (SARIF's help.markdown, `explain --format
        /// markdown`): links to the project's own pages, written relative to docs/rules/, become URLs
        /// under the configured docs base URL, or, without one, plain text naming the repository path.
        /// </summary>
        public static string HelpMarkdown(Rule rule, string? docsBaseUrl)
            => MarkdownLink.Replace(Markdown(rule), m =>
            {
                var target = m.Groups[2].Value;
                if (Uri.TryCreate(target, UriKind.Absolute, out _)) return m.Value;
                if (!string.IsNullOrEmpty(docsBaseUrl) && Uri.TryCreate(docsBaseUrl!.TrimEnd('/') + "/", UriKind.Absolute, out var b))
                    return "[" + m.Groups[1].Value + "](" + new Uri(b, target).AbsoluteUri + ")";
                return PlainSource(m.Value, null);
            });

        /// <summary>The plain text `explain` prints and SARIF's help.text carries.</summary>
        public static string Text(Rule rule, string? docsBaseUrl)
        {
            var sb = new StringBuilder();
            sb.Append(rule.Id).Append(' ').Append(rule.Name).Append('\n');
            sb.Append("Category: ").Append(rule.Category).Append("; default severity: ").Append(rule.DefaultSeverity.ToName()).Append('\n');
            sb.Append("Effect: ").Append(Effect(rule)).Append('\n');
            sb.Append("Severity: ").Append(Changeable(rule)).Append("\n\n");
            sb.Append("What fires it:\n  ").Append(rule.Summary).Append("\n\n");
            sb.Append("Why:\n").Append(Indent(rule.Rationale)).Append("\n\n");
            sb.Append("How to fix it:\n").Append(Indent(rule.Remediation)).Append("\n");
            if (!string.IsNullOrWhiteSpace(rule.Example))
                sb.Append("\nExample:\n").Append(Indent(rule.Example!.TrimEnd())).Append('\n');
            if (rule.Sources.Count > 0)
            {
                sb.Append("\nSources:\n");
                foreach (var s in rule.Sources) sb.Append("  - ").Append(PlainSource(s, docsBaseUrl)).Append('\n');
            }
            sb.Append('\n').Append(DocsLine(rule, docsBaseUrl)).Append('\n');
            return sb.ToString();
        }

        /// <summary>
        /// Where to read more, in a form the reader can follow: the configured docs URL; else, for a
        /// built-in rule, its page's path in the DeployAdvisor repository (there is no published site
        /// to link); for a user rule, the file that defines it (no page is generated for user rules).
        /// </summary>
        public static string DocsLine(Rule rule, string? docsBaseUrl)
        {
            if (!rule.IsBuiltIn)
                return "Docs: this rule is defined in " + (rule.SourceFile ?? "a user rule file") + " (pages are generated for built-in rules only).";
            var url = HelpUri(docsBaseUrl, rule.Id);
            if (url != null) return "Docs: " + url;
            return "Docs: " + RelativePage(rule.Id) + " in the DeployAdvisor repository; `explain " + rule.Id
                + " --format markdown` prints the same page, and docs.baseUrl in .deployadvisor.yaml (or --docs-base-url) makes this a link.";
        }

        private static readonly System.Text.RegularExpressions.Regex MarkdownLink =
            new System.Text.RegularExpressions.Regex(@"\[([^\]]+)\]\(([^)\s]+)\)", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

        /// <summary>
        /// A source as plain text. Sources may link the project's own pages relative to docs/rules/
        /// (where the generated pages live): in text, such a link becomes the page's path in the
        /// repository, or an absolute URL resolved against the configured docs base URL.
        /// </summary>
        public static string PlainSource(string source, string? docsBaseUrl) => MarkdownLink.Replace(source, m =>
        {
            var target = m.Groups[2].Value;
            if (Uri.TryCreate(target, UriKind.Absolute, out _)) return m.Groups[1].Value + " (" + target + ")";
            if (!string.IsNullOrEmpty(docsBaseUrl) && Uri.TryCreate(docsBaseUrl!.TrimEnd('/') + "/", UriKind.Absolute, out var b))
                return m.Groups[1].Value + " (" + new Uri(b, target).AbsoluteUri + ")";
            var parts = new List<string>(DocsFolder.Split('/'));
            foreach (var segment in target.Split('/'))
            {
                if (segment == "..") { if (parts.Count > 0) parts.RemoveAt(parts.Count - 1); }
                else if (segment != ".") parts.Add(segment);
            }
            return m.Groups[1].Value + " (" + string.Join("/", parts) + " in the DeployAdvisor repository)";
        });

        private static string Indent(string text)
            => string.Join("\n", text.Replace("\r\n", "\n").Split('\n').Select(l => l.Length == 0 ? l : "  " + l));

        /// <summary>Every page of docs/rules: file name → content.</summary>
        public static IReadOnlyDictionary<string, string> Pages(RuleSet rules)
        {
            var pages = new SortedDictionary<string, string>(StringComparer.Ordinal);
            var index = new StringBuilder();
            index.Append("# DeployAdvisor rules\n\n");
            index.Append("<!-- Generated from the rule set by `deploy-advisor rules docs`; do not edit by hand. -->\n\n");
            index.Append("| ID | name | category | default severity | what fires it |\n|---|---|---|---|---|\n");
            foreach (var rule in rules.Rules.Where(x => x.IsBuiltIn))
            {
                pages[rule.Id + ".md"] = RuleDocs.Markdown(rule);
                index.Append($"| [{rule.Id}]({rule.Id}.md) | {rule.Name} | {rule.Category} | {rule.DefaultSeverity.ToName()} | {rule.Summary.Replace("|", "\\|")} |\n");
            }
            pages["README.md"] = index.ToString();
            return pages;
        }

        /// <summary>How imports of a library trigger are written and still match it (cuda: libcuda.so.1, cuda.dll).</summary>
        private static string LibrarySpellings(string library)
        {
            var stem = NativeCall.LibraryName(library);
            return "`lib" + stem + ".so.1`, `" + stem + ".dll`, `lib" + stem + ".dylib`; without case";
        }
    }
}
