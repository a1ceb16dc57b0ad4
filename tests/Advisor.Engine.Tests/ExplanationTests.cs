using System.Linq;
using DeployAdvisor.Engine.Evaluation;
using DeployAdvisor.Engine.Model;
using DeployAdvisor.Engine.Rules;
using static DeployAdvisor.Engine.Tests.TestWorkloads;

namespace DeployAdvisor.Engine.Tests;

/// <summary>
/// decisions.md, "Explanations": the order stated once with the fields that chose it; one reason per
/// excluding rule naming the field, its value and the profile figure; each feasible target's place in
/// words that hold for this workload only; no message that says a thing twice.
/// </summary>
public class ExplanationTests
{
    private const string DefaultReason = "no restricted or confidential data, no untrusted code or tenants: the lightest feasible target first";

    private static string[] Reasons(WorkloadEvaluation e, Target t) => e.For(t).Reasons.ToArray();

    // --- the order, once ---------------------------------------------------------------------------

    [Fact]
    public void The_default_order_says_no_field_chose_it_and_why_the_lightest_target_comes_first()
    {
        var e = Evaluate(Spec("interface: web\nsecurity:\n  sensitivity: internal"));
        Assert.Empty(e.OrderFields);
        Assert.Equal(DefaultReason, e.OrderReason);
        Assert.Equal("order container > sandboxed-container > vm, because " + DefaultReason, e.OrderStatement);
    }

    [Theory]
    [InlineData("sensitivity: restricted", "vm > sandboxed-container > container", "security.sensitivity: restricted")]
    [InlineData("sensitivity: confidential", "sandboxed-container > vm > container", "security.sensitivity: confidential")]
    [InlineData("sensitivity: internal\n  untrustedCode: true", "sandboxed-container > vm > container", "security.untrustedCode: true")]
    [InlineData("sensitivity: public\n  multiTenant: true", "sandboxed-container > vm > container", "security.multiTenant: true")]
    [InlineData("sensitivity: confidential\n  untrustedCode: true\n  multiTenant: true", "sandboxed-container > vm > container",
        "security.sensitivity: confidential, security.untrustedCode: true and security.multiTenant: true")]
    public void A_non_default_order_names_the_fields_that_chose_it_and_only_those(string security, string order, string fields)
    {
        var e = Evaluate(Spec($"interface: headless\nsecurity:\n  {security}"));
        Assert.Equal(order, e.Order.OrderText);
        Assert.StartsWith(fields + ", so ", e.OrderReason);
        Assert.Equal($"order {order}, because {e.OrderReason}", e.OrderStatement);
        // A field that did not choose the order is not named: internal data is not "sensitivity: internal".
        if (!security.Contains("restricted") && !security.Contains("confidential")) Assert.DoesNotContain("sensitivity", e.OrderReason);
        Assert.DoesNotContain("no restricted", e.OrderReason);
    }

    [Fact]
    public void Restricted_data_wins_the_order_and_untrusted_code_is_not_named_for_it()
    {
        // The first order that holds chooses; the later order's fields did not.
        var e = Evaluate(Spec("interface: web\nsecurity:\n  sensitivity: restricted\n  untrustedCode: true"));
        Assert.Equal(new[] { Fields.Sensitivity }, e.OrderFields);
        Assert.DoesNotContain("untrustedCode", e.OrderReason);
    }

    [Fact]
    public void No_target_row_repeats_the_order()
    {
        foreach (var security in new[] { "sensitivity: restricted", "sensitivity: confidential", "sensitivity: public" })
        {
            var e = Evaluate(Spec($"interface: web\nsecurity:\n  {security}"));
            Assert.All(e.Ranking.SelectMany(r => r.Reasons), reason =>
            {
                Assert.DoesNotContain(e.Order.OrderText, reason);
                Assert.DoesNotContain(e.Order.Reason, reason);
            });
        }
    }

    // --- feasible targets: where each stands, for this workload only ----------------------------

    [Fact]
    public void A_kernel_module_job_s_only_feasible_target_says_so_and_names_no_criterion_it_lacks()
    {
        var e = Evaluate(Spec("interface: headless\nsecurity:\n  sensitivity: internal\nhost:\n  kernelModules: true"));
        Assert.Equal(Target.Vm, e.Recommendation);
        var reasons = Reasons(e, Target.Vm);
        Assert.Equal(new[] { "the only feasible target" }, reasons);
        Assert.All(reasons, r => Assert.DoesNotContain("isolation", r));
        Assert.All(reasons, r => Assert.DoesNotContain("lightest", r));
    }

    [Fact]
    public void The_recommended_first_choice_is_first_in_the_order()
    {
        var e = Evaluate(Spec("interface: web\nsecurity:\n  sensitivity: restricted"));
        Assert.Equal(new[] { "first in the order of preference" }, Reasons(e, Target.Vm));
    }

    [Fact]
    public void A_recommended_target_that_is_not_the_first_choice_names_what_ranks_above_it_and_is_excluded()
    {
        // Default order; a platform whose smallest container image is 2GB: a 1.5GB size budget excludes container only.
        var overrides = new ProfileOverrides();
        Assert.True(overrides.TryAdd(Target.Container, ProfileFigure.SizeLinux, "2GB", "fat base image", out _));
        var e = Evaluate(Spec("interface: web\nsecurity:\n  sensitivity: public\nbudgets:\n  size: 1500MB"), overrides: overrides);
        Assert.Equal(Target.SandboxedContainer, e.Recommendation);
        Assert.Equal(new[] { "second in the order, and the first feasible: container ranks above it but is excluded" }, Reasons(e, Target.SandboxedContainer));
        Assert.Equal(new[] { "third in the order; sandboxed-container ranks above it" }, Reasons(e, Target.Vm));
        // Restricted data with a 5s startup budget: vm (first) is excluded and so is container, so the second is alone.
        var r = Evaluate(Spec("interface: web\nsecurity:\n  sensitivity: restricted\nbudgets:\n  startup: 5s"));
        Assert.Equal(new[] { "the only feasible target" }, Reasons(r, Target.SandboxedContainer));
    }

    [Fact]
    public void A_recommended_last_choice_is_the_only_feasible_target()
    {
        // Confidential data: sandboxed-container > vm > container; a 100MiB overhead budget excludes the first two.
        var e = Evaluate(Spec("interface: web\nsecurity:\n  sensitivity: confidential\nbudgets:\n  memoryOverhead: 100MiB"));
        Assert.Equal(Target.Container, e.Recommendation);
        Assert.Equal(new[] { "the only feasible target" }, Reasons(e, Target.Container));
    }

    [Fact]
    public void A_feasible_lower_choice_names_the_feasible_targets_that_rank_above_it()
    {
        var e = Evaluate(Spec("interface: web\nsecurity:\n  sensitivity: public"));
        Assert.Equal(new[] { "first in the order of preference" }, Reasons(e, Target.Container));
        Assert.Equal(new[] { "second in the order; container ranks above it" }, Reasons(e, Target.SandboxedContainer));
        Assert.Equal(new[] { "third in the order; container and sandboxed-container rank above it" }, Reasons(e, Target.Vm));
    }

    [Fact]
    public void A_feasible_lower_choice_behind_an_excluded_target_names_only_the_feasible_one_above_it()
    {
        // Default order on a platform whose sandbox starts in 20s and whose VMs start in 8s: a 10s budget
        // excludes sandboxed-container only.
        var overrides = new ProfileOverrides();
        Assert.True(overrides.TryAdd(Target.SandboxedContainer, ProfileFigure.Startup, "20s", "slow sandbox", out _));
        Assert.True(overrides.TryAdd(Target.Vm, ProfileFigure.Startup, "8s", "our KVM fleet", out _));
        var e = Evaluate(Spec("interface: web\nsecurity:\n  sensitivity: public\nbudgets:\n  startup: 10s"), overrides: overrides);
        Assert.False(e.IsFeasible(Target.SandboxedContainer));
        Assert.Equal(new[] { "third in the order; container ranks above it" }, Reasons(e, Target.Vm));
        Assert.Equal(new[] { "DA3001 (startup-budget): budgets.startup 10s is below sandboxed-container's typical startup of 20s" },
            Reasons(e, Target.SandboxedContainer));
    }

    [Fact]
    public void Feasible_rows_never_share_a_sentence()
    {
        foreach (var security in new[] { "sensitivity: restricted", "sensitivity: confidential", "sensitivity: public", "sensitivity: internal\n  untrustedCode: true" })
        {
            var e = Evaluate(Spec($"interface: web\nsecurity:\n  {security}"));
            var sentences = e.Ranking.Where(r => r.Feasible).SelectMany(r => r.Reasons).ToList();
            Assert.Equal(sentences.Count, sentences.Distinct().Count());
        }
    }

    // --- excluded targets: one reason per rule, field, value and figure ---------------------------

    [Fact]
    public void A_target_excluded_by_several_rules_has_one_reason_per_rule_naming_field_value_and_figure()
    {
        var e = Evaluate(Spec("interface: web\nsecurity:\n  sensitivity: public\nbudgets:\n  startup: 20s\n  size: 200MB"));
        var vm = Reasons(e, Target.Vm);
        Assert.Equal(2, vm.Length);
        Assert.Equal("DA3001 (startup-budget): budgets.startup 20s is below vm's typical startup of 30s", vm[0]);
        Assert.Equal("DA3002 (size-budget): budgets.size 200MB is below the smallest linux artifact of vm (1GB)", vm[1]);
    }

    [Theory]
    [InlineData("interface: web\nsecurity:\n  sensitivity: restricted", Target.Container, "DA1001", "(deployment.hosts: shared, security.sensitivity: restricted)")]
    [InlineData("interface: web\nsecurity:\n  sensitivity: internal\n  untrustedCode: true", Target.Container, "DA1002", "(security.untrustedCode: true)")]
    [InlineData("interface: web\nsecurity:\n  sensitivity: internal\n  multiTenant: true", Target.Container, "DA1002", "(security.multiTenant: true)")]
    [InlineData("interface: headless\nsecurity:\n  sensitivity: internal\nhost:\n  kernelModules: true", Target.SandboxedContainer, "DA1003", "(host.kernelModules: true)")]
    [InlineData("interface: gui\nsecurity:\n  sensitivity: internal", Target.Container, "DA2001", "(interface: gui)")]
    public void An_exclusion_names_the_field_and_value_that_fired_it(string spec, Target target, string rule, string named)
    {
        var e = Evaluate(Spec(spec));
        var reason = Assert.Single(Reasons(e, target));
        Assert.StartsWith(rule + " (", reason);
        Assert.EndsWith(named, reason);
    }

    [Fact]
    public void An_exclusion_whose_message_names_its_field_does_not_name_it_again()
    {
        var e = Evaluate(Spec("interface: web\nsecurity:\n  sensitivity: public\nbudgets:\n  memoryOverhead: 64MiB"));
        var reason = Assert.Single(Reasons(e, Target.SandboxedContainer));
        Assert.Equal("DA3003 (overhead-budget): budgets.memoryOverhead 64MiB is below sandboxed-container's per-instance overhead of 160MiB", reason);
    }

    [Fact]
    public void Only_the_untrusted_code_field_is_named_when_only_it_holds()
    {
        var e = Evaluate(Spec("interface: web\nsecurity:\n  sensitivity: internal\n  untrustedCode: true\n  multiTenant: false"));
        Assert.DoesNotContain("multiTenant", Assert.Single(Reasons(e, Target.Container)));
    }

    // --- plan violations say it once --------------------------------------------------------------

    [Fact]
    public void A_plan_violation_says_the_planned_target_is_excluded_once()
    {
        var e = Evaluate(Spec("interface: web\nsecurity:\n  sensitivity: restricted\ndeployment:\n  target: container"));
        var f = Assert.Single(e.Findings);
        Assert.Equal("restricted data must not share a kernel with other workloads, so planned container is excluded (deployment.hosts: shared, security.sensitivity: restricted); vm is recommended", f.Message);
        Assert.Equal(1, Occurrences(f.Message, "excluded"));
        Assert.Equal(1, Occurrences(f.Message, "container"));
    }

    [Fact]
    public void A_plan_violation_without_a_feasible_target_recommends_nothing()
    {
        var e = Evaluate(Spec("interface: gui\nsecurity:\n  sensitivity: public\nbudgets:\n  startup: 1s\ndeployment:\n  target: vm"));
        var f = Assert.Single(e.Findings, x => x.RuleId == "DA3001");
        Assert.Equal("budgets.startup 1s is below planned vm's typical startup of 30s", f.Message);
    }

    [Fact]
    public void A_user_rule_whose_message_does_not_name_the_target_still_says_the_plan_is_excluded_once()
    {
        var load = RuleSet.BuiltIn.WithUserRules(new[] { new RuleSource("acme.rules.yaml", """
            rules:
              - id: ACME0003
                name: no-windows-vms
                category: cost
                severity: error
                effect: exclude
                summary: No Windows VMs here.
                rationale: Licences.
                excludes: [vm]
                when:
                  field: spec.os
                  equals: windows
                message: "Windows VMs are not licensed at ACME"
                remediation: Use a container.
            """) });
        Assert.True(load.IsValid, string.Join("; ", load.Findings));
        var w = Document(Spec("interface: web\nos: windows\nsecurity:\n  sensitivity: public\ndeployment:\n  target: vm")).Workload!;
        var e = new Evaluator(load.RuleSet).Evaluate(w);
        Assert.Equal("ACME0003 (no-windows-vms): Windows VMs are not licensed at ACME (os: windows)", Assert.Single(e.For(Target.Vm).Reasons));
        var f = Assert.Single(e.Findings, x => x.RuleId == "ACME0003");
        Assert.Equal("Windows VMs are not licensed at ACME (os: windows); planned vm is excluded; container is recommended", f.Message);
    }

    private static int Occurrences(string text, string word)
    {
        int n = 0;
        for (int at = text.IndexOf(word, System.StringComparison.Ordinal); at >= 0; at = text.IndexOf(word, at + 1, System.StringComparison.Ordinal)) n++;
        return n;
    }
}
