using System.Collections.Generic;
using System.Linq;
using System.Threading;
using DeployAdvisor.Engine.Evaluation;
using Microsoft.CodeAnalysis;

namespace DeployAdvisor.Analyzers
{
    /// <summary>
    /// Which rules are off, for the project and for each file: Roslyn's configuration (.editorconfig,
    /// global config, command line) where it sets a rule's severity, else the project's
    /// .deployadvisor.yaml. A rule whose severity is none is disabled, and "a disabled rule has no
    /// effect at all": a disabled excluding rule no longer excludes, as in the CLI.
    /// </summary>
    internal sealed class Severities
    {
        private readonly Compilation _compilation;
        private readonly ProjectConfig _config;
        private readonly CancellationToken _ct;

        public Severities(Compilation compilation, ProjectRules rules, CancellationToken ct)
        {
            _compilation = compilation;
            _config = rules.Config;
            _ct = ct;
            // What holds for every file, asked once: a file's own severities are all that differ per file.
            Configurable = rules.RuleSet.Rules.Where(r => !r.IsFixed).Select(r => (r.Id, IsDisabled(null, r.Id))).ToArray();
            var off = Configurable.Where(r => r.DisabledEverywhere).Select(r => r.Id).ToList();
            DisabledEverywhere = off.Count > 0 ? off : null;
        }

        /// <summary>The rules a severity can turn off, and whether the configuration for all files turns each off.</summary>
        public (string Id, bool DisabledEverywhere)[] Configurable { get; }

        /// <summary>The rules the configuration for all files turns off; null for none (nearly every project).</summary>
        public List<string>? DisabledEverywhere { get; }

        public bool IsDisabled(SyntaxTree? tree, string id)
            => RoslynConfigures(tree, id, out var suppressed) ? suppressed : _config.Disables(id);

        /// <summary>The rule is off in .deployadvisor.yaml and Roslyn's configuration says nothing for this symbol's file.</summary>
        public bool DisabledByConfig(string id, ISymbol symbol)
        {
            if (!_config.Disables(id)) return false;
            var tree = symbol.Locations.FirstOrDefault(l => l.IsInSource)?.SourceTree;
            return !RoslynConfigures(tree, id, out _);
        }

        /// <summary>The rules off for this file (its own severities first, then the configuration for all files); null for none.</summary>
        public List<string>? DisabledFor(SyntaxTree? tree)
        {
            List<string>? disabled = null;
            foreach (var (id, disabledEverywhere) in Configurable)
            {
                bool off = FileSets(tree, id, out var value) ? value == ReportDiagnostic.Suppress : disabledEverywhere;
                if (off) (disabled ??= new List<string>()).Add(id);
            }
            return disabled;
        }

        /// <summary>
        /// Whether the file's own severity turns off a rule that fired here, or turns on one that is off
        /// for all files: a rule that did not fire excluded nothing and reported nothing, so turning it off
        /// changes nothing, and only these rules need the file's severities looked up.
        /// </summary>
        public bool FileSetsOtherwise(SyntaxTree tree, WorkloadEvaluation evaluation)
        {
            if (DisabledEverywhere != null)
                foreach (var id in DisabledEverywhere)
                    if (FileSetsOtherwise(tree, id)) return true;
            // Indexed: foreach over an IReadOnlyList boxes its enumerator, for every workload.
            var ranking = evaluation.Ranking;
            for (int i = 0; i < ranking.Count; i++)
            {
                var exclusions = ranking[i].Exclusions;
                for (int j = 0; j < exclusions.Count; j++)
                    if (FileSetsOtherwise(tree, exclusions[j].Rule.Id)) return true;
            }
            var findings = evaluation.Findings;
            for (int i = 0; i < findings.Count; i++)
                if (FileSetsOtherwise(tree, findings[i].RuleId)) return true;
            return false;
        }

        private bool FileSetsOtherwise(SyntaxTree tree, string id)
        {
            if (!FileSets(tree, id, out var value)) return false;
            foreach (var (configurable, disabledEverywhere) in Configurable)
                if (configurable == id) return (value == ReportDiagnostic.Suppress) != disabledEverywhere;
            return false; // a fixed rule: no severity turns it off
        }

        /// <summary>
        /// Whether Roslyn's configuration sets this rule's severity for the tree (or globally), and whether
        /// it suppresses it. Where it does, it wins over .deployadvisor.yaml.
        /// </summary>
        public bool RoslynConfigures(SyntaxTree? tree, string id, out bool suppressed)
        {
            var provider = _compilation.Options.SyntaxTreeOptionsProvider;
            if (FileSets(tree, id, out var value)
                || (provider != null && provider.TryGetGlobalDiagnosticValue(id, _ct, out value))
                || (_compilation.Options.SpecificDiagnosticOptions.TryGetValue(id, out value) && value != ReportDiagnostic.Default))
            {
                suppressed = value == ReportDiagnostic.Suppress;
                return true;
            }
            suppressed = false;
            return false;
        }

        /// <summary>The file's own severity for the rule (an .editorconfig section that matches it), if it sets one.</summary>
        private bool FileSets(SyntaxTree? tree, string id, out ReportDiagnostic value)
        {
            value = default;
            var provider = _compilation.Options.SyntaxTreeOptionsProvider;
            return tree != null && provider != null && provider.TryGetDiagnosticValue(tree, id, _ct, out value);
        }
    }
}
