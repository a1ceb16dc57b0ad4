using System.Linq;
using System.Reflection;
using DeployAdvisor.Analyzers.CodeFixes;
using DeployAdvisor.Engine.Rules;
using Microsoft.CodeAnalysis;
using RuleSet = DeployAdvisor.Engine.Rules.RuleSet;

namespace DeployAdvisor.Analyzers.Tests
{
    /// <summary>The descriptors are the rule catalog's: one source for IDs, titles, severities and help.</summary>
    public class CatalogTests
    {
        [Fact]
        public void Every_catalog_rule_has_a_descriptor_with_its_metadata()
        {
            var supported = new WorkloadAnalyzer().SupportedDiagnostics.Concat(new EvidenceAnalyzer().SupportedDiagnostics).ToList();
            Assert.Equal(supported.Count, supported.Select(d => d.Id).Distinct().Count());
            foreach (var rule in RuleSet.BuiltIn.Rules)
            {
                var d = Assert.Single(supported, x => x.Id == rule.Id);
                Assert.Equal(rule.Summary, d.Title.ToString());
                Assert.Equal(Descriptors.ToRoslyn(rule.DefaultSeverity), d.DefaultSeverity);
                Assert.Equal("DeployAdvisor." + rule.Category, d.Category);
                Assert.StartsWith(rule.Rationale, d.Description.ToString());
                // No placeholder URL: a help link only when a docs base URL is configured (HelpLinkTests).
                Assert.Equal("", d.HelpLinkUri);
                Assert.True(d.IsEnabledByDefault);
                Assert.Equal(rule.IsFixed, d.CustomTags.Contains(WellKnownDiagnosticTags.NotConfigurable));
            }
            Assert.Contains(supported, d => d.Id == Descriptors.UserRuleId);
        }

        [Fact]
        public void Evidence_rules_of_the_catalog_are_the_ones_implemented_with_their_message_templates()
        {
            var evidence = RuleSet.BuiltIn.Rules.Where(r => r.Effect == RuleEffect.Evidence).Select(r => r.Id).OrderBy(i => i).ToArray();
            Assert.Equal(evidence, EvidenceAnalyzer.EvidenceIds.OrderBy(i => i).ToArray());
            var d = Descriptors.Get("DA1101");
            Assert.Equal("workload '{0}' handles classified or personal data but declares sensitivity {1}", d.MessageFormat.ToString());
        }

        [Fact]
        public void Every_plan_and_evidence_rule_is_fixable()
        {
            var fixable = new WorkloadCodeFixProvider().FixableDiagnosticIds;
            foreach (var rule in RuleSet.BuiltIn.Rules.Where(r => r.Effect is RuleEffect.Exclude or RuleEffect.Evidence))
                Assert.Contains(rule.Id, fixable);
        }

        [Fact]
        public void The_analyzer_path_is_free_of_NJsonSchema_and_Newtonsoft()
        {
            foreach (var assembly in new[] { typeof(WorkloadAnalyzer).Assembly, typeof(RuleSet).Assembly, typeof(WorkloadCodeFixProvider).Assembly })
            {
                var names = assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();
                Assert.DoesNotContain(names, n => n.StartsWith("NJsonSchema") || n.StartsWith("Newtonsoft") || n.StartsWith("Namotion"));
            }
        }
    }
}
