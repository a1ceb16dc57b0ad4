using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using DeployAdvisor.Engine.Findings;
using DeployAdvisor.Engine.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using RuleSet = DeployAdvisor.Engine.Rules.RuleSet;

namespace DeployAdvisor.Analyzers
{
    /// <summary>
    /// The rules and configuration of one project: the built-in rules with the project's
    /// <c>*.rules.yaml</c> additional files, and its <c>.deployadvisor.yaml</c>. Every job of the
    /// analyzer (workload evaluation, evidence, severities) uses this one rule set.
    /// </summary>
    internal sealed class ProjectRules
    {
        public const string RulesFileSuffix = ".rules.yaml";

        private ProjectRules(RuleSet ruleSet, IReadOnlyList<Finding> ruleFileFindings, IReadOnlyDictionary<string, SourceText> ruleFiles, ProjectConfig config)
        {
            RuleSet = ruleSet;
            RuleFileFindings = ruleFileFindings;
            RuleFiles = ruleFiles;
            Config = config;
        }

        public RuleSet RuleSet { get; }
        /// <summary>DA0008 findings of the project's rule files, located in them.</summary>
        public IReadOnlyList<Finding> RuleFileFindings { get; }
        public IReadOnlyDictionary<string, SourceText> RuleFiles { get; }
        /// <summary>The project's .deployadvisor.yaml, if given as an additional file.</summary>
        public ProjectConfig Config { get; }

        public static ProjectRules Load(AnalyzerOptions options, CancellationToken ct)
        {
            var texts = new Dictionary<string, SourceText>(StringComparer.Ordinal);
            var sources = new List<RuleSource>();
            foreach (var file in options.AdditionalFiles.Where(f => f.Path.EndsWith(RulesFileSuffix, StringComparison.OrdinalIgnoreCase)).OrderBy(f => f.Path, StringComparer.Ordinal))
            {
                var text = file.GetText(ct);
                if (text is null) continue;
                texts[file.Path] = text;
                sources.Add(new RuleSource(file.Path, text.ToString()));
            }
            RuleSet ruleSet = RuleSet.BuiltIn;
            IReadOnlyList<Finding> findings = Array.Empty<Finding>();
            if (sources.Count > 0)
            {
                // The engine caches compiled rule files by content: a keystroke elsewhere does not re-parse them.
                var load = RuleSet.BuiltIn.WithUserRules(sources);
                ruleSet = load.RuleSet;
                findings = load.Findings;
            }
            return new ProjectRules(ruleSet, findings, texts, ProjectConfig.Load(options.AdditionalFiles, ruleSet, ct));
        }
    }
}
