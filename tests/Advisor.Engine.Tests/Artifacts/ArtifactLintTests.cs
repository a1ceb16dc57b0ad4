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
