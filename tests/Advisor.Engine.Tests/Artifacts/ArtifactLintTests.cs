using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using DeployAdvisor.Engine.Artifacts;
using DeployAdvisor.Engine.Checking;
using DeployAdvisor.Engine.Evaluation;
using DeployAdvisor.Engine.Findings;
using DeployAdvisor.Engine.Loading;
using DeployAdvisor.Engine.Rules;

namespace DeployAdvisor.Engine.Tests.Artifacts;

/// <summary>lint against artifacts (docs/artifacts.md): DA7000 for an entry of spec.artifacts that matches no file.</summary>
public class ArtifactLintTests
{
    private const string Descriptor = """
        apiVersion: deployadvisor/v1
        kind: Workload
        metadata:
          name: web
        spec:
          interface: web
          security:
            sensitivity: public
          artifacts:
            - k8s/deployment.yaml
            - "docker/*.Dockerfile"
            - src/Web.csproj
        """;

    private static CheckedFile Check(string yaml, Func<string, IReadOnlyList<string>> match, RulePolicy? policy = null)
    {
        var loaded = DescriptorLoader.LoadText("svc/web.workload.yaml", yaml);
        return new WorkloadChecker(RuleSet.BuiltIn, policy).Check(loaded, true, new ArtifactLookup(match, Encoding.UTF8.GetBytes(yaml)));
    }

    private static IReadOnlyList<string> Only(string entry, string pattern) => entry == pattern ? Array.Empty<string>() : new[] { "x" };

    [Fact]
    public void An_entry_that_matches_no_file_is_DA7000_located_at_the_entry()
    {
        var file = Check(Descriptor, e => Only(e, "docker/*.Dockerfile"));
        var f = Assert.Single(file.AllFindings, x => x.RuleId == "DA7000");
        Assert.Equal(Severity.Error, f.Severity);
        Assert.Equal("svc/web.workload.yaml", f.Location!.File);
        Assert.Equal(11, f.Location.Span.Line);
        Assert.Equal(7, f.Location.Span.Column);
        Assert.Equal("spec.artifacts", f.Field);
        Assert.Equal("web", f.Workload);
        Assert.Contains("the glob 'docker/*.Dockerfile'", f.Message);
    }

    [Fact]
    public void Each_missing_entry_is_reported_in_entry_order()
    {
        var file = Check(Descriptor, _ => Array.Empty<string>());
        var found = file.AllFindings.Where(x => x.RuleId == "DA7000").ToList();
        Assert.Equal(new[] { 10, 11, 12 }, found.Select(x => x.Location!.Span.Line));
        Assert.Contains("the path 'k8s/deployment.yaml'", found[0].Message);
    }

    [Fact]
    public void Entries_that_match_files_draw_no_DA7000()
        => Assert.DoesNotContain(Check(Descriptor, _ => new[] { "found" }).AllFindings, x => x.RuleId == "DA7000");

    [Fact]
    public void Without_a_lookup_or_without_artifacts_nothing_is_resolved()
    {
        var asked = 0;
        var plain = TestWorkloads.Spec("interface: web\nsecurity:\n  sensitivity: public", "plain");
        Assert.DoesNotContain(Check(plain, _ => { asked++; return Array.Empty<string>(); }).AllFindings, x => x.RuleId == "DA7000");
        Assert.Equal(0, asked);
        var unchecked_ = new WorkloadChecker(RuleSet.BuiltIn).Check(DescriptorLoader.LoadText("a.yaml", Descriptor));
        Assert.DoesNotContain(unchecked_.AllFindings, x => x.RuleId == "DA7000");
    }

    [Fact]
    public void An_invalid_descriptor_is_not_held_to_its_artifacts()
    {
        var invalid = Descriptor.Replace("interface: web", "interface: nope");
        Assert.DoesNotContain(Check(invalid, _ => Array.Empty<string>()).AllFindings, x => x.RuleId == "DA7000");
    }

    [Fact]
    public void The_entry_of_a_later_document_is_located_in_that_document()
    {
        var two = TestWorkloads.Spec("interface: web\nsecurity:\n  sensitivity: public", "first") + "---\n" + Descriptor;
        var file = Check(two, e => Only(e, "src/Web.csproj"));
        var f = Assert.Single(file.AllFindings, x => x.RuleId == "DA7000");
        var firstLines = two.Substring(0, two.IndexOf("---", StringComparison.Ordinal)).Count(c => c == '\n') + 1;
        Assert.Equal(firstLines + 12, f.Location!.Span.Line);
        Assert.Equal("web", f.Workload);
    }

    [Fact]
    public void Without_the_descriptors_bytes_DA7000_is_located_at_the_field()
    {
        var loaded = DescriptorLoader.LoadText("a.yaml", Descriptor);
        var file = new WorkloadChecker(RuleSet.BuiltIn).Check(loaded, true, new ArtifactLookup(_ => Array.Empty<string>()));
        Assert.All(file.AllFindings.Where(x => x.RuleId == "DA7000"), x => Assert.Equal(9, x.Location!.Span.Line));
    }

    [Fact]
    public void The_policy_can_lower_or_disable_DA7000()
    {
        var lower = new RulePolicy();
        lower.SetSeverity("DA7000", Severity.Warning);
        Assert.All(Check(Descriptor, _ => Array.Empty<string>(), lower).AllFindings.Where(x => x.RuleId == "DA7000"), x => Assert.Equal(Severity.Warning, x.Severity));
        var off = new RulePolicy();
        off.Disable("DA7000");
        Assert.DoesNotContain(Check(Descriptor, _ => Array.Empty<string>(), off).AllFindings, x => x.RuleId == "DA7000");
    }
}

/// <summary>lint against artifacts: DA7001-DA7005 compare the artifacts' facts with the descriptor, at the first evidence.</summary>
public class ArtifactComparisonTests
{
    private const string Deployment = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
        spec:
          template:
            spec:
              containers:
                - name: web
                  image: example.com/web:1
                  securityContext:
                    privileged: true
                  resources:
                    limits:
                      nvidia.com/gpu: 1
        """;

    private static string Descriptor(string spec) => "apiVersion: deployadvisor/v1\nkind: Workload\nmetadata:\n  name: web\nspec:\n"
        + spec + "  artifacts:\n    - k8s/deployment.yaml\n";

    private static List<Finding> Check(string descriptor, params (string Path, string Text)[] artifacts)
    {
        var loaded = DescriptorLoader.LoadText("web.workload.yaml", descriptor);
        Assert.Empty(loaded.Findings);
        var files = artifacts.Select(a => new ArtifactFile(a.Path, Encoding.UTF8.GetBytes(a.Text))).ToList();
        var lookup = new ArtifactLookup(_ => files.Select(f => f.Path).ToList(), Encoding.UTF8.GetBytes(descriptor), _ => files);
        var file = new WorkloadChecker(RuleSet.BuiltIn).Check(loaded, true, lookup);
        return file.AllFindings.ToList();
    }

    private const string Public = "  interface: web\n  security:\n    sensitivity: public\n";

    [Fact]
    public void Undeclared_privilege_is_DA7002_at_the_manifest_with_the_descriptors_field_related()
    {
        var findings = Check(Descriptor(Public), ("k8s/deployment.yaml", Deployment));
        var f = Assert.Single(findings, x => x.RuleId == "DA7002");
        Assert.Equal(Severity.Warning, f.Severity);
        Assert.Equal("k8s/deployment.yaml", f.Location!.File);
        Assert.Equal(12, f.Location.Span.Line);
        Assert.Equal("web.workload.yaml", f.RelatedLocations.Last().File);
        Assert.Contains("privilege", f.Message);
    }

    [Fact]
    public void Declared_privilege_and_devices_draw_nothing()
    {
        var findings = Check(Descriptor(Public + "  host:\n    privileged: true\n    devices: [gpu]\n"), ("k8s/deployment.yaml", Deployment));
        Assert.DoesNotContain(findings, x => x.RuleId == "DA7002" || x.RuleId == "DA7003");
    }

    [Fact]
    public void An_undeclared_device_is_DA7003()
    {
        var f = Assert.Single(Check(Descriptor(Public), ("k8s/deployment.yaml", Deployment)), x => x.RuleId == "DA7003");
        Assert.Equal("k8s/deployment.yaml", f.Location!.File);
        Assert.Contains("gpu", f.Message);
    }

    [Fact]
    public void A_different_target_is_DA7001_and_the_same_target_is_not()
    {
        var plain = Plain;
        var sandboxed = Descriptor(Public + "  deployment:\n    target: sandboxed-container\n");
        var f = Assert.Single(Check(sandboxed, ("k8s/deployment.yaml", plain)), x => x.RuleId == "DA7001");
        Assert.Equal(Severity.Error, f.Severity);
        Assert.Equal("k8s/deployment.yaml", f.Location!.File);
        Assert.Equal(new Location("web.workload.yaml", SourceSpan.At(10, 13)).ToString(), f.RelatedLocations.Last().ToString());
        var container = Descriptor(Public + "  deployment:\n    target: container\n");
        Assert.DoesNotContain(Check(container, ("k8s/deployment.yaml", plain)), x => x.RuleId == "DA7001");
        Assert.DoesNotContain(Check(Descriptor(Public), ("k8s/deployment.yaml", plain)), x => x.RuleId == "DA7001");
    }

    [Fact]
    public void A_windows_dockerfile_is_DA7004_for_a_linux_descriptor()
    {
        var docker = ("web/Dockerfile", "FROM mcr.microsoft.com/windows/servercore:ltsc2022\n");
        var f = Assert.Single(Check(Descriptor(Public), docker), x => x.RuleId == "DA7004");
        Assert.Equal("web/Dockerfile", f.Location!.File);
        Assert.Equal(1, f.Location.Span.Line);
        Assert.DoesNotContain(Check(Descriptor(Public), ("web/Dockerfile", "FROM alpine:3.20\n")), x => x.RuleId == "DA7004");
    }

    [Fact]
    public void A_wpf_project_is_DA7005_while_the_interface_is_web()
    {
        var project = ("web/Web.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\">\n  <PropertyGroup>\n    <TargetFramework>net8.0-windows</TargetFramework>\n    <UseWPF>true</UseWPF>\n  </PropertyGroup>\n</Project>\n");
        var f = Assert.Single(Check(Descriptor(Public), project), x => x.RuleId == "DA7005");
        Assert.Equal("web/Web.csproj", f.Location!.File);
        Assert.DoesNotContain(Check(Descriptor(Public.Replace("interface: web", "interface: gui")), project), x => x.RuleId == "DA7005");
    }

    [Fact]
    public void Another_workload_is_not_compared_when_the_artifacts_hold_several()
    {
        var other = Deployment.Replace("name: web\nspec", "name: other\nspec").Replace("  name: web\n", "  name: other\n");
        var two = other + "---\n" + Deployment.Replace("name: web", "name: third");
        Assert.DoesNotContain(Check(Descriptor(Public), ("k8s/deployment.yaml", two)), x => x.RuleId.StartsWith("DA700", StringComparison.Ordinal));
    }

    [Fact]
    public void A_malformed_manifest_is_DA0001_at_its_place_and_the_rest_goes_on()
    {
        var findings = Check(Descriptor(Public), ("k8s/broken.yaml", "apiVersion: apps/v1\nkind: [\n"), ("k8s/deployment.yaml", Deployment));
        var bad = Assert.Single(findings, x => x.RuleId == "DA0001");
        Assert.Equal("k8s/broken.yaml", bad.Location!.File);
        Assert.Contains(findings, x => x.RuleId == "DA7002");
    }

    [Fact]
    public void The_artifacts_facts_change_no_verdict()
    {
        var loaded = DescriptorLoader.LoadText("web.workload.yaml", Descriptor(Public));
        var without = new WorkloadChecker(RuleSet.BuiltIn).Check(loaded).AllFindings.Select(f => f.RuleId);
        var with = Check(Descriptor(Public), ("k8s/deployment.yaml", Deployment)).Select(f => f.RuleId).Where(id => !id.StartsWith("DA700", StringComparison.Ordinal));
        Assert.Equal(without, with);
    }

    private const string Restricted = "  interface: web\n  security:\n    sensitivity: restricted\n";

    private static readonly string Plain = string.Join("\n", Deployment.Split('\n').Where(l => !(l.Contains("securityContext") || l.Contains("privileged") || l.Contains("resources") || l.Contains("limits") || l.Contains("gpu"))));

    [Fact]
    public void A_restricted_workload_whose_deployment_has_no_sandbox_draws_DA1001_at_the_pod_spec()
    {
        var findings = Check(Descriptor(Restricted), ("k8s/deployment.yaml", Plain));
        var f = Assert.Single(findings, x => x.RuleId == "DA1001");
        Assert.Equal("k8s/deployment.yaml", f.Location!.File);
        Assert.Equal(7, f.Location.Span.Line);
        Assert.Contains("container as the artifacts deploy it is excluded", f.Message);
        Assert.Contains(f.RelatedLocations, l => l.File == "web.workload.yaml");
    }

    [Fact]
    public void The_artifacts_plan_is_reported_besides_the_descriptors_own_plan()
    {
        var findings = Check(Descriptor(Restricted + "  deployment:\n    target: container\n"), ("k8s/deployment.yaml", Plain));
        Assert.Equal(new[] { "k8s/deployment.yaml", "web.workload.yaml" }, findings.Where(x => x.RuleId == "DA1001").Select(x => x.Location!.File).OrderBy(x => x, StringComparer.Ordinal));
        Assert.DoesNotContain(findings, x => x.RuleId == "DA4002" && x.Location!.File == "k8s/deployment.yaml");
    }

    [Fact]
    public void A_sandboxed_deployment_or_public_data_draws_no_plan_finding_in_the_artifact()
    {
        var sandboxed = Plain.Replace("    spec:\n      containers:", "    spec:\n      runtimeClassName: gvisor\n      containers:");
        Assert.DoesNotContain(Check(Descriptor(Restricted), ("k8s/deployment.yaml", sandboxed)), x => x.Location!.File == "k8s/deployment.yaml" && x.RuleId.StartsWith("DA1", StringComparison.Ordinal));
        Assert.DoesNotContain(Check(Descriptor(Public), ("k8s/deployment.yaml", Plain)), x => x.Location!.File == "k8s/deployment.yaml");
    }

    [Fact]
    public void A_suppression_in_the_descriptor_does_not_match_an_artifacts_finding_by_line()
    {
        // The comment sits on line 7 of the descriptor; the artifact's DA1001 is on line 7 of the manifest.
        var descriptor = Descriptor(Restricted.Replace("  security:\n", "  security:  # deployadvisor-ignore DA1001: a descriptor line, not the manifest's\n"));
        var loaded = DescriptorLoader.LoadText("web.workload.yaml", descriptor);
        var files = new List<ArtifactFile> { new ArtifactFile("k8s/deployment.yaml", Encoding.UTF8.GetBytes(Plain)) };
        var lookup = new ArtifactLookup(_ => files.Select(f => f.Path).ToList(), Encoding.UTF8.GetBytes(descriptor), _ => files);
        var checker = new WorkloadChecker(RuleSet.BuiltIn);
        var run = checker.StartRun();
        var file = run.Finish(checker.Check(loaded, true, lookup));
        var f = Assert.Single(file.AllFindings, x => x.RuleId == "DA1001");
        Assert.Equal("k8s/deployment.yaml", f.Location!.File);
        Assert.Equal(7, f.Location.Span.Line);
    }
}
