using System.Collections.Generic;
using System.Linq;
using DeployAdvisor.Engine.Evaluation;
using DeployAdvisor.Engine.Rules;

namespace DeployAdvisor.Engine.Tests;

public class RuleFixtureTests
{
    public static IEnumerable<object[]> Fixtures()
        => RuleSet.BuiltIn.Rules.SelectMany(r => r.Fixtures.Select((f, i) => new object[] { r.Id, i, f.Description }));

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Fixture_holds(string ruleId, int index, string description)
    {
        var rule = RuleSet.BuiltIn.Find(ruleId)!;
        var result = FixtureRunner.Run(RuleSet.BuiltIn, new[] { rule })[index];
        Assert.True(result.Passed, $"{ruleId} fixture {index} ({description}): {result.Detail}");
    }

    [Fact]
    public void Every_rule_that_decides_something_has_fixtures_both_ways()
    {
        foreach (var rule in RuleSet.BuiltIn.Rules.Where(r => r.Effect == RuleEffect.Exclude || r.Effect == RuleEffect.Report))
        {
            Assert.True(rule.Fixtures.Any(f => f.MustFire), $"{rule.Id} has no fixture on which it must fire");
            Assert.True(rule.Fixtures.Any(f => !f.MustFire), $"{rule.Id} has no fixture on which it must not fire");
        }
    }
}
