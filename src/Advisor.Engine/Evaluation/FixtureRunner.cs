using System.Collections.Generic;
using System.Linq;
using DeployAdvisor.Engine.Findings;
using DeployAdvisor.Engine.Loading;
using DeployAdvisor.Engine.Model;
using DeployAdvisor.Engine.Rules;

namespace DeployAdvisor.Engine.Evaluation
{
    public sealed class FixtureResult
    {
        internal FixtureResult(Rule rule, Fixture fixture, bool passed, string detail)
        {
            Rule = rule; Fixture = fixture; Passed = passed; Detail = detail;
        }

        public Rule Rule { get; }
        public Fixture Fixture { get; }
        public bool Passed { get; }
        public string Detail { get; }
    }

    /// <summary>
    /// Runs the rules' own fixtures: each "fires" workload must make its rule fire (exclude a target
    /// or be reported), each "passes" workload must not. Used by the test suite and `rules test`.
    /// </summary>
    public static class FixtureRunner
    {
        public static IReadOnlyList<FixtureResult> Run(RuleSet rules, IEnumerable<Rule>? only = null)
        {
            var evaluator = new Evaluator(rules);
            var results = new List<FixtureResult>();
            foreach (var rule in only ?? rules.Rules)
            {
                foreach (var fixture in rule.Fixtures)
                    results.Add(RunOne(evaluator, rule, fixture));
            }
            return results;
        }

        private static FixtureResult RunOne(Evaluator evaluator, Rule rule, Fixture fixture)
        {
            var doc = DescriptorLoader.ReadDocument(fixture.WorkloadNode, fixture.WorkloadNode.Span);
            if (doc is null)
                return new FixtureResult(rule, fixture, false, "the fixture's workload is not a deployadvisor/ document");

            // Input rules fire on the loader's findings; all others need a valid workload.
            if (rule.Effect == RuleEffect.Input)
            {
                bool firedInput = doc.Findings.Any(f => f.RuleId == rule.Id);
                return Verdict(rule, fixture, firedInput, firedInput ? "reported by the loader" : "not reported by the loader");
            }
            if (doc.Workload is null)
                return new FixtureResult(rule, fixture, false, "the fixture's workload is invalid: " + string.Join("; ", doc.Findings.Select(f => $"{f.Location?.Span} {f.Message}")));

            // Evidence rules fire on code: their fixtures say whether the rule applies to the workload.
            if (rule.Effect == RuleEffect.Evidence)
            {
                bool applies = rule.AppliesTo(doc.Workload.Get);
                return Verdict(rule, fixture, applies, applies ? "applies (evidence in the code would be reported)" : "does not apply");
            }

            if (fixture.OfferedTargets != null)
            {
                var platform = new ProfileOverrides();
                platform.Offer(fixture.OfferedTargets, fixture.Location);
                evaluator = new Evaluator(evaluator.Rules, evaluator.Policy, platform);
            }
            var evaluation = evaluator.Evaluate(doc.Workload);
            var excluded = evaluation.Ranking.Where(r => r.Exclusions.Any(e => e.Rule.Id == rule.Id)).Select(r => r.Target).ToList();
            bool reported = evaluation.Findings.Any(f => f.RuleId == rule.Id);
            bool fired = reported || excluded.Count > 0;
            string detail = fired
                ? (excluded.Count > 0 ? "excluded " + string.Join(", ", excluded.Select(t => t.Name())) : "") + (reported ? (excluded.Count > 0 ? "; " : "") + "reported" : "")
                : "did not fire";
            if (fixture.MustFire && fired && fixture.Excludes != null)
            {
                var expected = fixture.Excludes.OrderBy(t => t).ToList();
                if (!expected.SequenceEqual(excluded.OrderBy(t => t)))
                    return new FixtureResult(rule, fixture, false, $"expected to exclude {string.Join(", ", expected.Select(t => t.Name()))}, {detail}");
            }
            return Verdict(rule, fixture, fired, detail);
        }

        private static FixtureResult Verdict(Rule rule, Fixture fixture, bool fired, string detail)
            => new FixtureResult(rule, fixture, fired == fixture.MustFire, (fixture.MustFire ? "must fire: " : "must not fire: ") + detail);
    }
}
