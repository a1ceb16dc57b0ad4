using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using RuleSet = DeployAdvisor.Engine.Rules.RuleSet;

namespace DeployAdvisor.Analyzers.Tests
{
    /// <summary>
    /// Release tracking as roslyn-analyzers does it: AnalyzerReleases.Shipped.md and Unshipped.md list
    /// every rule with its category and severity (the RS2000-series checks compare them with the
    /// descriptors' constants when the analyzers build); these tests compare both with rules/.
    /// </summary>
    public class ReleaseTrackingTests
    {
        private static readonly string Folder = Path.Combine(ConsumerBuildTests.RepositoryRoot(), "src", "Advisor.Analyzers");

        /// <summary>The rules a release file adds (New Rules) and removes (Removed Rules): ID, category, severity.</summary>
        private static (List<(string Id, string Category, string Severity)> New, List<string> Removed) Read(string file)
        {
            var added = new List<(string, string, string)>();
            var removed = new List<string>();
            string? table = null;
            foreach (var raw in File.ReadAllLines(Path.Combine(Folder, file)))
            {
                var line = raw.Trim();
                if (line.StartsWith("### ", StringComparison.Ordinal)) { table = line.Substring(4); continue; }
                if (!line.StartsWith("DA", StringComparison.Ordinal)) continue;
                var cells = line.Split('|').Select(c => c.Trim()).ToArray();
                if (table == "New Rules") added.Add((cells[0], cells[1], cells[2]));
                else if (table == "Removed Rules") removed.Add(cells[0]);
                else Assert.Fail($"{file}: a rule line outside New Rules or Removed Rules: {line}");
            }
            return (added, removed);
        }

        [Fact]
        public void The_release_files_list_exactly_the_rules_of_the_catalog_with_their_category_and_severity()
        {
            var shipped = Read("AnalyzerReleases.Shipped.md");
            var unshipped = Read("AnalyzerReleases.Unshipped.md");
            var released = shipped.New.Concat(unshipped.New)
                .Where(r => !shipped.Removed.Contains(r.Id) && !unshipped.Removed.Contains(r.Id))
                .OrderBy(r => r.Id, StringComparer.Ordinal).ToList();
            Assert.Equal(released.Count, released.Select(r => r.Id).Distinct().Count());

            var expected = RuleSet.BuiltIn.Rules
                .Select(r => (r.Id, Category: "DeployAdvisor." + r.Category, Severity: Descriptors.ToRoslyn(r.DefaultSeverity).ToString()))
                .Append((Descriptors.UserRuleId, "DeployAdvisor.user", "Warning"))
                .OrderBy(r => r.Item1, StringComparer.Ordinal).ToList();
            Assert.Equal(expected, released);
        }

        [Fact]
        public void The_descriptors_constants_agree_with_the_catalog()
        {
            var constants = ReleasedDescriptors.BuiltIn().ToDictionary(d => d.Id);
            Assert.Equal(RuleSet.BuiltIn.Rules.Select(r => r.Id).OrderBy(i => i, StringComparer.Ordinal), constants.Keys.OrderBy(i => i, StringComparer.Ordinal));
            foreach (var rule in RuleSet.BuiltIn.Rules)
            {
                var d = constants[rule.Id];
                Assert.Equal("DeployAdvisor." + rule.Category, d.Category);
                Assert.Equal(Descriptors.ToRoslyn(rule.DefaultSeverity), d.DefaultSeverity);
                Assert.True(d.IsEnabledByDefault);
            }
        }

        [Fact]
        public void Both_release_files_are_additional_files_of_the_analyzer_project()
        {
            var project = File.ReadAllText(Path.Combine(Folder, "Advisor.Analyzers.csproj"));
            Assert.Contains("<AdditionalFiles Include=\"AnalyzerReleases.Shipped.md\" />", project);
            Assert.Contains("<AdditionalFiles Include=\"AnalyzerReleases.Unshipped.md\" />", project);
            Assert.DoesNotContain("RS2008", project);
        }
    }
}
