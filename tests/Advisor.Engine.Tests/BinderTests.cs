using System.Linq;
using DeployAdvisor.Engine.Binding;
using DeployAdvisor.Engine.Loading;
using DeployAdvisor.Engine.Model;

namespace DeployAdvisor.Engine.Tests;

/// <summary>
/// The one binder (issue 18, item 2): any "field path → value + location" source, every error a
/// DA0002-to-be naming the field at the source's own location.
/// </summary>
public class BinderTests
{
    /// <summary>What an attribute gives: dotted paths, C# enum member names, opaque locations (strings here).</summary>
    private static FlatFieldSource Attribute(string name = "payments-api", string iface = "Web", string sensitivity = "Restricted")
        => new FlatFieldSource("attribute")
            .Add(Fields.Name, SourceValue.String(name), "arg0")
            .Add(Fields.Interface, SourceValue.Member(iface), "arg1")
            .Add(Fields.Sensitivity, SourceValue.Member(sensitivity), "arg2");

    [Fact]
    public void A_flat_source_binds_a_workload_with_typed_values_and_defaults()
    {
        var source = Attribute()
            .Add(Fields.StartupBudget, SourceValue.String("2m"), "StartupBudget")
            .Add(Fields.SizeBudget, SourceValue.String("20GB"), "SizeBudget")
            .Add(Fields.Instances, SourceValue.Of(40), "Instances")
            .Add(Fields.UntrustedCode, SourceValue.Of(true), "UntrustedCode")
            .Add(Fields.Target, SourceValue.Member("SandboxedContainer"), "Target");
        var result = WorkloadBinder.Bind(source, "attribute");
        Assert.Empty(result.Errors);
        var w = result.Workload!;
        Assert.Equal("payments-api", w.Name);
        Assert.Equal(WorkloadInterface.Web, w.Interface);
        Assert.Equal(Sensitivity.Restricted, w.Sensitivity);
        Assert.Equal(TargetOs.Linux, w.Os);
        Assert.Equal(120_000, w.StartupBudget!.Value.Milliseconds);
        Assert.Equal(20_000_000_000, w.SizeBudget!.Value.Bytes);
        Assert.Equal(40, w.Instances);
        Assert.True(w.UntrustedCode);
        Assert.False(w.MultiTenant);
        Assert.Equal(Target.SandboxedContainer, w.PlannedTarget);
    }

    [Fact]
    public void Every_error_names_its_field_at_the_sources_location()
    {
        var source = Attribute(name: "Payments API", iface: "Mainframe")
            .Add(Fields.StartupBudget, SourceValue.String("fast"), "StartupBudget")
            .Add(Fields.Instances, SourceValue.Of(0), "Instances")
            .Add(Fields.Target, SourceValue.Of(7), "Target");
        var result = WorkloadBinder.Bind(source, "attribute");
        Assert.Null(result.Workload);
        var byField = result.Errors.ToDictionary(e => e.Field!, e => e);
        Assert.Equal("arg0", byField[Fields.Name].Location);
        Assert.Contains("does not match", byField[Fields.Name].Message);
        Assert.Equal("arg1", byField[Fields.Interface].Location);
        Assert.Contains("must be one of headless, cli, web, gui; 'Mainframe' is not", byField[Fields.Interface].Message);
        Assert.Equal("StartupBudget", byField[Fields.StartupBudget].Location);
        Assert.Equal("Instances", byField[Fields.Instances].Location);
        Assert.Contains("must be an integer from 1", byField[Fields.Instances].Message);
        Assert.Equal("Target", byField[Fields.Target].Location);
        Assert.Equal(5, result.Errors.Count);
    }

    [Fact]
    public void A_missing_required_field_is_reported_where_the_source_puts_the_workload()
    {
        var source = new FlatFieldSource("attribute").Add(Fields.Name, SourceValue.String("x"), "arg0").Add(Fields.Interface, SourceValue.Member("Web"), "arg1");
        var error = Assert.Single(WorkloadBinder.Bind(source, "attribute").Errors);
        Assert.Equal(Fields.Spec + ".security", error.Field);
        Assert.Equal("attribute", error.Location);
        Assert.Contains("spec lacks the required field 'security'", error.Message);
    }

    [Theory]
    [InlineData("interface: web", "interface: api", "did you mean 'web'?")]
    [InlineData("sensitivity: internal", "sensitivity: secret", "did you mean 'restricted'?")]
    [InlineData("sensitivity: internal", "sensitivity: internl", "did you mean 'internal'?")]
    [InlineData("interface: web", "interface: web\n  budgets:\n    size: 2gb", "did you mean '2GB'?")]
    [InlineData("interface: web", "interface: web\n  budgets:\n    memoryOverhead: 512mib", "did you mean '512MiB'?")]
    [InlineData("interface: web", "interface: web\n  budgets:\n    startup: 2S", "did you mean '2s'?")]
    [InlineData("interface: web", "interface: web\n  deployment:\n    target: sandbox", "did you mean 'sandboxed-container'?")]
    public void Suggestions_catch_common_slips(string from, string to, string hint)
    {
        var yaml = "apiVersion: deployadvisor/v1\nkind: Workload\nmetadata:\n  name: w\nspec:\n  interface: web\n  security:\n    sensitivity: internal\n";
        var file = DescriptorLoader.LoadText("w.yaml", yaml.Replace(from, to));
        var f = Assert.Single(file.AllFindings);
        Assert.Equal("DA0002", f.RuleId);
        Assert.Contains(hint, f.Message);
    }

    [Fact]
    public void No_literal_hint_when_the_case_is_not_the_slip()
    {
        var yaml = "apiVersion: deployadvisor/v1\nkind: Workload\nmetadata:\n  name: w\nspec:\n  interface: web\n  security:\n    sensitivity: internal\n  budgets:\n    size: 2 gigabytes\n";
        var f = Assert.Single(DescriptorLoader.LoadText("w.yaml", yaml).AllFindings);
        Assert.DoesNotContain("did you mean", f.Message);
    }

    [Fact]
    public void Yaml_and_a_flat_source_bind_the_same_workload()
    {
        var yaml = "apiVersion: deployadvisor/v1\nkind: Workload\nmetadata:\n  name: payments-api\nspec:\n  interface: web\n  security:\n    sensitivity: restricted\n  budgets:\n    startup: 2m\n  deployment:\n    target: vm\n";
        var fromYaml = Assert.Single(DescriptorLoader.LoadText("w.yaml", yaml).Documents).Workload!;
        var fromFlat = WorkloadBinder.Bind(Attribute()
            .Add(Fields.StartupBudget, SourceValue.String("2m"), null)
            .Add(Fields.Target, SourceValue.Member("Vm"), null), null).Workload!;
        foreach (var path in Fields.Leaves.Keys)
            Assert.Equal(fromYaml.Get(path), fromFlat.Get(path));
    }
}
