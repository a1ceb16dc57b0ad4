using System.IO;
using System.Linq;
using DeployAdvisor.Engine.Evaluation;
using DeployAdvisor.Engine.Findings;
using DeployAdvisor.Engine.Model;
using DeployAdvisor.Engine.Rules;
using static DeployAdvisor.Engine.Tests.TestWorkloads;

namespace DeployAdvisor.Engine.Tests;

public class EvaluationTests
{
    [Fact]
    public void Spec_example_is_vm_with_a_DA1001_plan_violation_at_the_target_value()
    {
        // workload.md's example: "With these budgets the example's verdict is vm; its planned container is a DA1001 plan violation."
        var path = Path.Combine(SchemaFiles.RepositoryRoot, "examples", "payments-api.yaml");
        var doc = Document(File.ReadAllText(path));
        var e = new Evaluator(RuleSet.BuiltIn).Evaluate(doc.Workload!);
        Assert.Equal(Target.Vm, e.Recommendation);
        Assert.Equal(new[] { Target.Vm, Target.SandboxedContainer, Target.Container }, e.Ranking.Select(r => r.Target));
        Assert.Equal(new[] { "DA1001" }, e.For(Target.Container).ExcludedBy);
        var f = Assert.Single(FindingLocator.Locate(e.Findings, "p.yaml", doc.Locations));
        Assert.Equal(("DA1001", Severity.Error, 25, 13), (f.RuleId, f.Severity, f.Location!.Span.Line, f.Location.Span.Column));
        Assert.Contains(f.RelatedLocations, l => l.Span.Line == 12);   // sensitivity: restricted fired the rule
    }

    [Fact]
    public void Targets_All_lists_every_target_at_its_enum_value()
    {
        // The evaluator keeps per-target state in arrays indexed by (int)target, sized by Targets.All.
        Assert.Equal(System.Enum.GetValues<Target>(), Targets.All);
        Assert.All(Targets.All.Select((t, i) => (t, i)), p => Assert.Equal(p.i, (int)p.t));
    }

    [Theory]
    [InlineData("sensitivity: restricted", "vm,sandboxed-container,container")]
    [InlineData("sensitivity: confidential", "sandboxed-container,vm,container")]
    [InlineData("sensitivity: internal\n  untrustedCode: true", "sandboxed-container,vm,container")]
    [InlineData("sensitivity: public\n  multiTenant: true", "sandboxed-container,vm,container")]
    [InlineData("sensitivity: internal", "container,sandboxed-container,vm")]
    [InlineData("sensitivity: public", "container,sandboxed-container,vm")]
    public void Ranking_follows_decisions_md(string security, string order)
    {
        var e = Evaluate(Spec($"interface: headless\nsecurity:\n  {security}"));
        Assert.Equal(order, string.Join(",", e.Order.Order.Select(t => t.Name())));
        Assert.Equal(e.Ranking.First(r => r.Feasible).Target, e.Recommendation);
        Assert.All(e.Ranking, r => Assert.NotEmpty(r.Reasons));
    }

    [Fact]
    public void Ranking_lists_feasible_targets_first_then_excluded_ones_in_order()
    {
        // restricted: order vm > sandboxed > container; a 5s startup budget excludes vm, DA1001 container.
        var e = Evaluate(Spec("interface: web\nsecurity:\n  sensitivity: restricted\nbudgets:\n  startup: 5s"));
        Assert.Equal(new[] { Target.SandboxedContainer, Target.Vm, Target.Container }, e.Ranking.Select(r => r.Target));
        Assert.Equal(new[] { true, false, false }, e.Ranking.Select(r => r.Feasible));
        Assert.Equal(Target.SandboxedContainer, e.Recommendation);
        Assert.Equal(new[] { "DA3001" }, e.For(Target.Vm).ExcludedBy);
        Assert.Contains("startup of 30s", e.For(Target.Vm).Reasons[0]);
    }

    [Fact]
    public void Without_a_plan_excluding_rules_only_shape_the_recommendation()
    {
        var e = Evaluate(Spec("interface: gui\nsecurity:\n  sensitivity: internal"));
        Assert.Empty(e.Findings);
        Assert.Equal(Target.Vm, e.Recommendation);
    }

    [Fact]
    public void Infeasible_workload_has_no_recommendation_and_DA4001_with_the_smallest_changes()
    {
        var e = Evaluate(Spec("interface: gui\nsecurity:\n  sensitivity: public\nbudgets:\n  startup: 1s"));
        Assert.Null(e.Recommendation);
        var f = Assert.Single(e.Findings);
        Assert.Equal(("DA4001", Fields.Spec), (f.RuleId, f.Field));
        Assert.Contains("vm fits if spec.budgets.startup is at least 30s", f.Message);
        Assert.Contains("container fits if spec.interface is not gui", f.Message);
        Assert.Contains(Fields.StartupBudget, f.RelatedFields);
        Assert.Contains(Fields.Interface, f.RelatedFields);
    }

    [Fact]
    public void DA4001_with_a_plan_is_located_at_the_target()
    {
        var e = Evaluate(Spec("interface: gui\nsecurity:\n  sensitivity: public\nbudgets:\n  startup: 1s\ndeployment:\n  target: vm"));
        Assert.Equal(new[] { "DA3001", "DA4001" }, e.Findings.Select(f => f.RuleId));
        Assert.All(e.Findings, f => Assert.Equal(Fields.Target, f.Field));
    }

    [Fact]
    public void DA1004_warns_on_confidential_data_planned_on_container()
    {
        var e = Evaluate(Spec("interface: web\nsecurity:\n  sensitivity: confidential\ndeployment:\n  target: container"));
        var f = Assert.Single(e.Findings);
        Assert.Equal(("DA1004", Severity.Warning), (f.RuleId, f.Severity));
        Assert.Contains("sandboxed-container is recommended", f.Message);
    }

    [Fact]
    public void DA4002_is_info_when_a_feasible_plan_is_not_first()
    {
        var e = Evaluate(Spec("interface: web\nsecurity:\n  sensitivity: internal\ndeployment:\n  target: sandboxed-container"));
        var f = Assert.Single(e.Findings);
        Assert.Equal(("DA4002", Severity.Info), (f.RuleId, f.Severity));
    }

    [Fact]
    public void DA5001_replaces_DA4002_for_vm_plans_that_ship_often()
    {
        var e = Evaluate(Spec("interface: web\nsecurity:\n  sensitivity: internal\noperations:\n  instances: 20\ndeployment:\n  target: vm"));
        var f = Assert.Single(e.Findings);
        Assert.Equal("DA5001", f.RuleId);
        Assert.Contains(Fields.Instances, f.RelatedFields);
    }

    [Fact]
    public void A_disabled_excluding_rule_no_longer_excludes()
    {
        var policy = new RulePolicy();
        policy.Disable("DA2001");
        var e = Evaluate(Spec("interface: gui\nsecurity:\n  sensitivity: public\ndeployment:\n  target: container"), policy);
        Assert.Equal(Target.Container, e.Recommendation);
        Assert.Empty(e.Findings);
    }

    [Fact]
    public void Severity_overrides_apply_to_evaluation_findings()
    {
        var policy = new RulePolicy();
        policy.SetSeverity("DA1001", Severity.Warning);
        var e = Evaluate(Spec("interface: web\nsecurity:\n  sensitivity: restricted\ndeployment:\n  target: container"), policy);
        Assert.Equal(Severity.Warning, Assert.Single(e.Findings).Severity);
    }

    [Fact]
    public void Input_rules_cannot_be_lowered_or_disabled()
    {
        var policy = new RulePolicy();
        Assert.False(policy.Disable("DA0001"));
        Assert.False(policy.SetSeverity("DA0002", Severity.Info));
        Assert.True(policy.Disable("DA0004"));
    }

    [Fact]
    public void Profile_overrides_change_feasibility()
    {
        var yaml = Spec("interface: web\nsecurity:\n  sensitivity: restricted\nbudgets:\n  startup: 10s");
        Assert.Equal(Target.SandboxedContainer, Evaluate(yaml).Recommendation);
        var overrides = new ProfileOverrides();
        Assert.True(overrides.TryAdd(Target.Vm, ProfileFigure.Startup, "8s", "our KVM fleet", out _));
        var e = Evaluate(yaml, overrides: overrides);
        Assert.Equal(Target.Vm, e.Recommendation);
        Assert.False(overrides.TryAdd(Target.Vm, ProfileFigure.Startup, "fast", "x", out var error));
        Assert.Contains("not a valid literal", error);
    }

    [Fact]
    public void Windows_workloads_use_windows_artifact_sizes()
    {
        var linux = Evaluate(Spec("interface: web\nsecurity:\n  sensitivity: public\nbudgets:\n  size: 100MB"));
        var windows = Evaluate(Spec("interface: web\nos: windows\nsecurity:\n  sensitivity: public\nbudgets:\n  size: 100MB"));
        Assert.Equal(Target.Container, linux.Recommendation);
        Assert.Null(windows.Recommendation);
        Assert.Contains("250MB", windows.For(Target.Container).Reasons[0]);
    }

    [Fact]
    public void Duplicate_names_are_reported_after_the_first_in_ordinal_path_order()
    {
        Location At(string f, int line) => new(f, SourceSpan.At(line, 9));
        var findings = DuplicateNames.Find(new[]
        {
            new NamedWorkload("b.yaml", 0, "api", At("b.yaml", 4)),
            new NamedWorkload("a.yaml", 1, "api", At("a.yaml", 14)),
            new NamedWorkload("a.yaml", 0, "api", At("a.yaml", 4)),
            new NamedWorkload("a.yaml", 2, "web", At("a.yaml", 24)),
        });
        Assert.Equal(new[] { ("a.yaml", 14), ("b.yaml", 4) }, findings.Select(f => (f.Location!.File!, f.Location.Span.Line)));
        Assert.All(findings, f => Assert.Equal(("a.yaml", 4), (f.RelatedLocations[0].File!, f.RelatedLocations[0].Span.Line)));
    }

    [Fact]
    public void Every_finding_names_its_workload_and_a_known_rule()
    {
        foreach (var file in Directory.GetFiles(Path.Combine(SchemaFiles.RepositoryRoot, "examples"), "*.yaml"))
        {
            foreach (var doc in Loading.DescriptorLoader.LoadText(file, File.ReadAllText(file)).Documents)
            {
                var e = new Evaluator(RuleSet.BuiltIn).Evaluate(doc.Workload!);
                Assert.All(e.Findings, f => Assert.Equal(doc.Name, f.Workload));
                Assert.All(e.Findings, f => Assert.NotNull(RuleSet.BuiltIn.Find(f.RuleId)));
            }
        }
    }
}
