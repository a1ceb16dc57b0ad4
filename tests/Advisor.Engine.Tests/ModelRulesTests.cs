using System.Linq;
using DeployAdvisor.Engine.Baselines;
using DeployAdvisor.Engine.Configuration;
using DeployAdvisor.Engine.Evaluation;
using DeployAdvisor.Engine.Findings;
using DeployAdvisor.Engine.Loading;
using DeployAdvisor.Engine.Model;
using DeployAdvisor.Engine.Rules;
using DeployAdvisor.Engine.Suppressions;

namespace DeployAdvisor.Engine.Tests;

/// <summary>
/// The 0.2 rules and profiles (issue 19 items 2 and 3): DA0009, DA1001 changed, DA1005, DA1006,
/// DA1007, DA6001, DA3002 by windows.image, the device and offer figures, and DA4001's new levers.
/// </summary>
public class ModelRulesTests
{
    private static WorkloadEvaluation Eval(string spec, ProfileOverrides? overrides = null)
        => TestWorkloads.Evaluate(TestWorkloads.Spec(spec), overrides: overrides);

    private static Target[] Feasible(WorkloadEvaluation e) => e.Ranking.Where(r => r.Feasible).Select(r => r.Target).OrderBy(t => t).ToArray();

    private static string[] ExcludedBy(WorkloadEvaluation e, Target t) => e.For(t).Exclusions.Select(x => x.Rule.Id).ToArray();

    [Fact]
    public void DA1001_excludes_container_for_restricted_data_on_shared_hosts_only()
    {
        var shared = Eval("interface: web\nsecurity:\n  sensitivity: restricted");
        Assert.Contains("DA1001", ExcludedBy(shared, Target.Container));
        var dedicated = Eval("interface: web\nsecurity:\n  sensitivity: restricted\ndeployment:\n  hosts: dedicated\n  target: container");
        Assert.Empty(ExcludedBy(dedicated, Target.Container));
        Assert.Equal(Target.Vm, dedicated.Recommendation);     // the ranking still prefers vm for restricted data
        Assert.Contains(dedicated.Findings, f => f.RuleId == "DA4002");
    }

    [Fact]
    public void DA1005_excludes_each_target_whose_profile_lacks_a_device()
    {
        var e = Eval("interface: headless\nsecurity:\n  sensitivity: internal\nhost:\n  devices: [gpu, fpga]");
        Assert.Equal(new[] { "DA1005" }, ExcludedBy(e, Target.SandboxedContainer));
        Assert.Contains("needs a device that sandboxed-container does not offer (it offers gpu)", e.For(Target.SandboxedContainer).Exclusions[0].Message);
        Assert.Equal(new[] { "spec.host.devices without fpga" }, e.For(Target.SandboxedContainer).Exclusions[0].Remedies);
        Assert.Equal(new[] { Target.Container, Target.Vm }, Feasible(e));

        var overrides = new ProfileOverrides();
        Assert.True(overrides.TryAdd(Target.Vm, ProfileFigure.Devices, "", "test", out _));        // an empty set: none
        var gpuOnVmWithout = Eval("interface: headless\nsecurity:\n  sensitivity: internal\nhost:\n  devices: [gpu]", overrides);
        Assert.Equal(new[] { "DA1005" }, ExcludedBy(gpuOnVmWithout, Target.Vm));
        Assert.Contains("(it offers none)", gpuOnVmWithout.For(Target.Vm).Exclusions[0].Message);
    }

    [Fact]
    public void DA1006_excludes_container_for_privileged_work_on_shared_hosts_but_not_for_node_agents_or_dedicated_hosts()
    {
        Assert.Equal(new[] { "DA1006" }, ExcludedBy(Eval("interface: headless\nsecurity:\n  sensitivity: internal\nhost:\n  privileged: true"), Target.Container));
        Assert.Empty(ExcludedBy(Eval("interface: headless\nsecurity:\n  sensitivity: internal\nhost:\n  privileged: true\ndeployment:\n  hosts: dedicated"), Target.Container));
        Assert.Empty(ExcludedBy(Eval("interface: headless\nsecurity:\n  sensitivity: internal\nhost:\n  privileged: true\n  hostAccess: true"), Target.Container));
    }

    [Fact]
    public void DA1007_leaves_a_node_agent_only_container_and_DA1002_still_applies()
    {
        var agent = Eval("interface: headless\nsecurity:\n  sensitivity: internal\nhost:\n  hostAccess: true");
        Assert.Equal(new[] { Target.Container }, Feasible(agent));
        Assert.Equal(new[] { "DA1007" }, ExcludedBy(agent, Target.Vm));
        var untrusted = Eval("interface: headless\nsecurity:\n  sensitivity: internal\n  untrustedCode: true\nhost:\n  hostAccess: true");
        Assert.Empty(Feasible(untrusted));
        Assert.Contains(untrusted.Findings, f => f.RuleId == "DA4001");
    }

    [Fact]
    public void DA3002_compares_the_size_for_the_windows_image()
    {
        var core = Eval("interface: web\nos: windows\nwindows:\n  image: servercore\nsecurity:\n  sensitivity: internal\nbudgets:\n  size: 2GB");
        Assert.Equal(new[] { Target.Container, Target.SandboxedContainer }, Feasible(core));
        var server = Eval("interface: web\nos: windows\nwindows:\n  image: server\nsecurity:\n  sensitivity: internal\nbudgets:\n  size: 2GB");
        Assert.Empty(Feasible(server));
        Assert.Equal(new[] { "DA3002" }, ExcludedBy(server, Target.Container));
        Assert.Equal(FieldValue.Of(Literals.ByteSize.Parse("3.1GB")), RuleSet.BuiltIn.Profiles.Get(Target.Container).Figure(ProfileFigure.Size, TargetOs.Windows, WindowsImage.Server));
        var nano = Eval("interface: web\nos: windows\nsecurity:\n  sensitivity: internal\nbudgets:\n  size: 2GB");
        Assert.Equal(new[] { Target.Container, Target.SandboxedContainer }, Feasible(nano));
    }

    [Fact]
    public void DA6001_excludes_what_the_platform_does_not_offer_and_relates_the_configuration()
    {
        var config = ConfigFile.Parse(".deployadvisor.yaml", "platform:\n  targets: [container, vm]\n");
        Assert.Empty(config.Findings);
        var resolved = config.Resolve(RuleSet.BuiltIn);
        Assert.True(resolved.IsValid);
        var e = Eval("interface: web\nsecurity:\n  sensitivity: internal\n  multiTenant: true\ndeployment:\n  target: sandboxed-container", resolved.Overrides);
        Assert.Equal(new[] { "DA6001" }, ExcludedBy(e, Target.SandboxedContainer));
        Assert.Equal(Target.Vm, e.Recommendation);
        var finding = Assert.Single(e.Findings, f => f.RuleId == "DA6001");
        var related = Assert.Single(finding.RelatedLocations);
        Assert.Equal(".deployadvisor.yaml", related.File);
        Assert.Equal(2, related.Span.Line);

        var onlyContainer = new ProfileOverrides();
        onlyContainer.Offer(new[] { Target.Container }, null);
        var restricted = Eval("interface: web\nsecurity:\n  sensitivity: restricted", onlyContainer);
        Assert.Empty(Feasible(restricted));
        var da4001 = Assert.Single(restricted.Findings, f => f.RuleId == "DA4001");
        Assert.Contains("the platform offers vm", da4001.Message);
        Assert.Contains("spec.deployment.hosts is dedicated", da4001.Message);
    }

    [Fact]
    public void DA4001_names_devices_without_fpga_as_a_lever()
    {
        var e = Eval("interface: headless\nsecurity:\n  sensitivity: internal\n  untrustedCode: true\nhost:\n  devices: [fpga]\nbudgets:\n  startup: 5s");
        var da4001 = Assert.Single(e.Findings, f => f.RuleId == "DA4001");
        Assert.Contains("sandboxed-container fits if", da4001.Message);
        Assert.Contains("spec.host.devices without fpga", da4001.Message);
    }

    [Theory]
    [InlineData("platform:\n  targets: [container, sandbox]\n", 2, "sandbox")]
    [InlineData("profiles:\n  - target: vm\n    devices: [gpu, tpu]\n", 3, "tpu")]
    public void An_unknown_target_or_device_in_the_configuration_is_DA0008_where_it_is_written(string yaml, int line, string named)
    {
        var config = ConfigFile.Parse(".deployadvisor.yaml", yaml);
        var f = Assert.Single(config.Findings);
        Assert.Equal("DA0008", f.RuleId);
        Assert.Equal(line, f.Location!.Span.Line);
        Assert.Contains(named, f.Message);
    }

    [Fact]
    public void Configuration_overrides_the_new_figures()
    {
        var config = ConfigFile.Parse(".deployadvisor.yaml", "profiles:\n  - target: sandboxed-container\n    devices: []\n    sizeWindowsServerCore: 900MB\n");
        var resolved = config.Resolve(RuleSet.BuiltIn);
        Assert.True(resolved.IsValid, string.Join("; ", resolved.Findings.Select(f => f.Message)));
        var profiles = RuleSet.BuiltIn.Profiles.With(resolved.Overrides);
        Assert.Equal("none", profiles.Get(Target.SandboxedContainer).Devices.ToString());
        Assert.Equal(900_000_000, profiles.Get(Target.SandboxedContainer).SizeWindowsServerCore.Bytes);
        Assert.Equal("gpu, fpga, usb", profiles.Get(Target.Container).Devices.ToString());
    }

    [Theory]
    [InlineData("interface: web\nsecurity:\n  sensitivity: internal\n  multiTenant: true\ndeployment:\n  hosts: dedicated", "spec.deployment.hosts", 11, 12, 9, 18)]
    [InlineData("interface: web\ndeployment:\n  hosts: dedicated\nsecurity:\n  sensitivity: internal\n  multiTenant: true", "spec.security.multiTenant", 11, 18, 8, 12)]
    [InlineData("interface: web\nos: linux\nwindows:\n  image: servercore\nsecurity:\n  sensitivity: internal", "spec.windows", 8, 3, 7, 7)]
    [InlineData("interface: web\nwindows:\n  image: servercore\nos: linux\nsecurity:\n  sensitivity: internal", "spec.os", 9, 7, 7, 3)]
    [InlineData("interface: web\nwindows:\n  image: server\nsecurity:\n  sensitivity: internal", "spec.windows", 7, 3, 0, 0)]
    public void DA0009_is_located_at_the_second_field_and_related_to_the_first(string spec, string field, int line, int column, int relatedLine, int relatedColumn)
    {
        var file = DescriptorLoader.LoadText("w.yaml", TestWorkloads.Spec(spec));
        var doc = Assert.Single(file.Documents);
        Assert.Null(doc.Workload);
        var f = Assert.Single(doc.Findings);
        Assert.Equal(RuleIds.ContradictoryFields, f.RuleId);
        Assert.Equal(field, f.Field);
        Assert.Equal((line, column), (f.Location!.Span.Line, f.Location.Span.Column));
        if (relatedLine == 0) Assert.Empty(f.RelatedLocations);
        else Assert.Equal((relatedLine, relatedColumn), (f.RelatedLocations[0].Span.Line, f.RelatedLocations[0].Span.Column));
    }

    [Fact]
    public void DA0009_is_a_fixed_error_that_cannot_be_disabled_suppressed_or_baselined()
    {
        Assert.True(RuleIds.IsFixedError("DA0009"));
        Assert.False(Suppressor.CanSuppress("DA0009"));
        Assert.False(Baseline.CanRecord("DA0009"));
        Assert.False(new RulePolicy().Disable("DA0009"));
    }

    [Fact]
    public void A_contradiction_does_not_stop_the_other_documents()
    {
        var bad = TestWorkloads.Spec("interface: web\nsecurity:\n  sensitivity: internal\n  multiTenant: true\ndeployment:\n  hosts: dedicated", "bad");
        var good = TestWorkloads.Spec("interface: web\nsecurity:\n  sensitivity: internal\ndeployment:\n  hosts: dedicated", "good");
        var file = DescriptorLoader.LoadText("w.yaml", bad + "---\n" + good);
        Assert.Equal("DA0009", Assert.Single(file.Documents[0].Findings).RuleId);
        Assert.NotNull(file.Documents[1].Workload);
    }
}
