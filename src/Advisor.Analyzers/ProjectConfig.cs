using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using DeployAdvisor.Engine.Configuration;
using DeployAdvisor.Engine.Findings;
using DeployAdvisor.Engine.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using RuleSet = DeployAdvisor.Engine.Rules.RuleSet;

namespace DeployAdvisor.Analyzers
{
    /// <summary>
    /// The CLI's <c>.deployadvisor.yaml</c>, given as an additional file: its profile overrides and
    /// disabled rules apply to the analyzers too, so the IDE and CI agree. Parsed by the engine's
    /// <see cref="ConfigFile"/>; .editorconfig keys win where both set one. Its severities are left to
    /// Roslyn's own configuration, and its ignore/ruleFolders entries to the CLI (additional files
    /// name the analyzers' inputs).
    /// </summary>
    internal sealed class ProjectConfig
    {
        public static readonly ProjectConfig None = new ProjectConfig(null, null, null, Array.Empty<Finding>());

        private ProjectConfig(string? path, SourceText? text, ConfigResolution? resolution, IReadOnlyList<Finding> findings)
        {
            Path = path; Text = text; Resolution = resolution; Findings = findings;
        }

        public string? Path { get; }
        public SourceText? Text { get; }
        public ConfigResolution? Resolution { get; }
        /// <summary>DA0008 findings, located in the file.</summary>
        public IReadOnlyList<Finding> Findings { get; }

        public bool Disables(string ruleId) => Resolution != null && !Resolution.Policy.IsEnabled(ruleId);

        public IReadOnlyList<ProfileOverride> Overrides => (IReadOnlyList<ProfileOverride>?)Resolution?.Overrides.Entries ?? Array.Empty<ProfileOverride>();

        public static bool IsConfigFile(string path)
            => string.Equals(System.IO.Path.GetFileName(path), ConfigFile.FileName, StringComparison.Ordinal);

        private static readonly ConcurrentDictionary<(string, string, RuleSet), ProjectConfig> Cache = new ConcurrentDictionary<(string, string, RuleSet), ProjectConfig>();

        public static ProjectConfig Load(ImmutableArray<AdditionalText> files, RuleSet rules, CancellationToken ct)
        {
            var file = files.Where(f => IsConfigFile(f.Path)).OrderBy(f => f.Path, StringComparer.Ordinal).FirstOrDefault();
            var text = file?.GetText(ct);
            if (file is null || text is null) return None;
            if (Cache.Count > 64) Cache.Clear();
            return Cache.GetOrAdd((file.Path, text.ToString(), rules), key =>
            {
                var parsed = ConfigFile.Parse(key.Item1, key.Item2);
                // Resolve even a file with shape errors: its valid entries still apply, as every
                // bad one is reported (once) where it is written.
                var resolution = parsed.Resolve(rules);
                var findings = parsed.Findings.Concat(resolution.Findings)
                    .GroupBy(f => (f.Location?.Span.ToString(), f.Message)).Select(g => g.First()).ToList();
                return new ProjectConfig(key.Item1, text, resolution, Finding.Sort(findings));
            });
        }
    }
}
