using System.Linq;
using DeployAdvisor.Engine.Evaluation;
using DeployAdvisor.Engine.Findings;
using DeployAdvisor.Engine.Model;
using DeployAdvisor.Engine.Rules;
using static DeployAdvisor.Engine.Tests.TestWorkloads;

namespace DeployAdvisor.Engine.Tests;

public class RuleFileTests
{
    private const string UserRule = """
        rules:
          - id: ACME0001
            name: no-vm-for-cli
            category: cost
            severity: warning
            effect: exclude
            summary: Our VM budget does not cover command-line tools.
            rationale: VMs for CLI tools cost too much here.
            excludes: [vm]
            when:
              all:
                - field: spec.interface
                  equals: cli
                - field: spec.operations.instances
                  atLeast: 2
            message: "cli tools do not get a {target} at ACME"
            remediation: Use a container.
            fixtures:
              fires:
                - description: a cli with instances
                  workload: {apiVersion: deployadvisor/v1, kind: Workload, metadata: {name: t}, spec: {interface: cli, security: {sensitivity: public}, operations: {instances: 3}}}
              passes:
                - description: a web service
                  workload: {apiVersion: deployadvisor/v1, kind: Workload, metadata: {name: t}, spec: {interface: web, security: {sensitivity: public}, operations: {instances: 3}}}
        """;

    private static RuleSetLoad WithUser(string text) => RuleSet.BuiltIn.WithUserRules(new[] { new RuleSource("acme.rules.yaml", text) });

    private static (int Line, int Column, string Message) SingleError(string text)
    {
        var load = WithUser(text);
        var f = Assert.Single(load.Findings);
        Assert.Equal("DA0008", f.RuleId);
        Assert.Equal("acme.rules.yaml", f.Location!.File);
        return (f.Location.Span.Line, f.Location.Span.Column, f.Message);
    }

    [Fact]
    public void The_built_in_catalog_is_complete()
    {
        var ids = RuleSet.BuiltIn.Rules.Select(r => r.Id).ToArray();
        Assert.Equal(new[] { "DA0001", "DA0002", "DA0003", "DA0004", "DA0005", "DA0006", "DA0007", "DA0008", "DA0009", "DA0010", "DA1001", "DA1002", "DA1003", "DA1004", "DA1005", "DA1006", "DA1007", "DA1101", "DA1102", "DA1103", "DA1104", "DA2001", "DA2101", "DA2102", "DA3001", "DA3002", "DA3003", "DA4001", "DA4002", "DA5001", "DA6001", "DA7000", "DA7001", "DA7002", "DA7003", "DA7004", "DA7005" }, ids);
        Assert.All(RuleSet.BuiltIn.Rules, r => Assert.NotEmpty(r.Rationale));
        Assert.Equal(Severity.Info, RuleSet.BuiltIn.Find("DA4002")!.DefaultSeverity);
        Assert.Equal(Severity.Warning, RuleSet.BuiltIn.Find("DA1004")!.DefaultSeverity);
        Assert.All(RuleSet.BuiltIn.Profiles.All, p => Assert.Equal(7, p.Sources.Count));
    }

    [Fact]
    public void User_rules_take_part_in_evaluation_and_their_fixtures_run()
    {
        var load = WithUser(UserRule);
        Assert.True(load.IsValid, string.Join("; ", load.Findings));
        var rule = load.RuleSet.Find("ACME0001")!;
        Assert.False(rule.IsBuiltIn);
        Assert.All(FixtureRunner.Run(load.RuleSet, new[] { rule }), r => Assert.True(r.Passed, r.Detail));
        var w = Document(Spec("interface: cli\nsecurity:\n  sensitivity: restricted\noperations:\n  instances: 2\ndeployment:\n  target: vm")).Workload!;
        var e = new Evaluator(load.RuleSet).Evaluate(w);
        Assert.Equal(Target.SandboxedContainer, e.Recommendation);
        var f = Assert.Single(e.Findings, x => x.RuleId == "ACME0001");
        Assert.Equal(Severity.Warning, f.Severity);
        Assert.Contains("cli tools do not get a planned vm at ACME", f.Message);   // the plan violation says "planned" once
    }

    [Fact]
    public void An_exclusion_names_only_the_fields_of_conditions_that_held()
    {
        // all: one child holds, the next fails, so neither is why the rule holds; not: what its inner
        // condition read is not why it holds either. Only the any's last child is.
        var load = WithUser("""
            rules:
              - id: ACME0002
                name: fields-that-held
                category: cost
                severity: warning
                effect: exclude
                summary: A rule whose condition has branches that fail.
                rationale: For the test.
                excludes: [vm]
                when:
                  any:
                    - all:
                        - field: spec.security.multiTenant
                          equals: true
                        - field: spec.operations.instances
                          atLeast: 100
                    - not: {field: spec.interface, equals: gui}
                    - field: spec.security.untrustedCode
                      equals: true
                message: "no {target}"
                remediation: None.
            """);
        Assert.True(load.IsValid, string.Join("; ", load.Findings));
        var w = Document(Spec("interface: web\nsecurity:\n  sensitivity: public\n  multiTenant: true\n  untrustedCode: true\noperations:\n  instances: 3")).Workload!;
        var exclusion = Assert.Single(new Evaluator(load.RuleSet).Evaluate(w).For(Target.Vm).Exclusions, e => e.Rule.Id == "ACME0002");
        Assert.Equal(new[] { Fields.UntrustedCode }, exclusion.Fields);

        // The same rule where the all holds: both of its fields, then the any's last child's.
        w.Instances = 200;
        exclusion = Assert.Single(new Evaluator(load.RuleSet).Evaluate(w).For(Target.Vm).Exclusions, e => e.Rule.Id == "ACME0002");
        Assert.Equal(new[] { Fields.MultiTenant, Fields.Instances, Fields.UntrustedCode }, exclusion.Fields);
    }

    [Fact]
    public void Unknown_field_in_a_condition_is_located()
    {
        var (line, column, message) = SingleError(UserRule.Replace("field: spec.interface", "field: spec.interfac"));
        Assert.Equal((12, 18), (line, column));
        Assert.Contains("did you mean 'spec.interface'", message);
    }

    [Fact]
    public void Operand_of_the_wrong_type_is_located()
    {
        var (line, column, message) = SingleError(UserRule.Replace("atLeast: 2", "atLeast: two"));
        Assert.Equal((15, 20), (line, column));
        Assert.Contains("not an integer", message);
    }

    [Fact]
    public void Ordering_a_non_amount_is_an_error()
        => Assert.Contains("compares amounts", SingleError(UserRule.Replace("equals: cli", "lessThan: cli")).Message);

    [Fact]
    public void Profile_figure_of_the_wrong_kind_is_an_error()
        => Assert.Contains("cannot be compared", SingleError(UserRule.Replace("atLeast: 2", "atLeast: profile.startup")).Message);

    [Fact]
    public void Unknown_placeholder_is_an_error()
        => Assert.Contains("unknown placeholder {tgt}", SingleError(UserRule.Replace("{target}", "{tgt}")).Message);

    [Fact]
    public void Unknown_key_in_a_rule_is_located()
    {
        var (line, column, message) = SingleError(UserRule.Replace("    summary:", "    sumary: x\n    summary:"));
        Assert.Equal((7, 5), (line, column));
        Assert.Contains("did you mean 'summary'", message);
    }

    [Fact]
    public void Facts_are_not_allowed_in_exclude_rules()
        => Assert.Contains("known only after feasibility", SingleError(UserRule.Replace("- field: spec.interface\n          equals: cli", "- feasible: vm")).Message);

    [Fact]
    public void A_rule_may_not_replace_a_built_in_one()
        => Assert.Contains("already defined", SingleError(UserRule.Replace("ACME0001", "DA1001")).Message);

    [Fact]
    public void A_condition_with_two_kinds_is_an_error()
        => Assert.Contains("exactly one of", SingleError(UserRule.Replace("      all:", "      feasible: vm\n      all:").Replace("effect: exclude", "effect: report")).Message);

    [Fact]
    public void Malformed_yaml_in_a_rule_file_is_located()
    {
        var (line, _, message) = SingleError("rules:\n  - id: X\n    name: [unclosed\n");
        Assert.True(line >= 3);
        Assert.Contains("not well-formed YAML", message);
    }

    [Fact]
    public void A_cycle_of_reported_conditions_is_an_error()
    {
        var cyclic = """
            rules:
              - {id: ACME0010, name: a, category: x, severity: info, effect: report, summary: s, rationale: r, message: m, remediation: r, when: {reported: ACME0011}}
              - {id: ACME0011, name: b, category: x, severity: info, effect: report, summary: s, rationale: r, message: m, remediation: r, when: {reported: ACME0010}}
            """;
        var load = WithUser(cyclic);
        Assert.Equal(2, load.Findings.Count(f => f.Message.Contains("cycle")));
    }

    [Fact]
    public void A_reference_to_an_unknown_rule_is_an_error()
        => Assert.Contains("not defined", SingleError("rules:\n  - {id: ACME0012, name: a, category: x, severity: info, effect: report, summary: s, rationale: r, message: m, remediation: r, when: {reported: NOPE0001}}\n").Message);
}
