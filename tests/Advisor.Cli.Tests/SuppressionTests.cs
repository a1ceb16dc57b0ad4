using System.Linq;
using DeployAdvisor.Engine.Findings;

namespace DeployAdvisor.Cli.Tests;

public class SuppressionTests
{
    private static (string Rule, int Line)[] Lint(string yaml, string file = "w.yaml")
    {
        using var dir = new TempDir();
        dir.Write(file, yaml);
        var (analysis, _) = Run.Analyze(dir.Path, new[] { file });
        return analysis.Findings.Select(f => (f.RuleId, f.Location!.Span.Line)).ToArray();
    }

    private static string Confidential(string deployment) => $"""
        apiVersion: deployadvisor/v1
        kind: Workload
        metadata:
          name: crm
        spec:
          interface: web
          security:
            sensitivity: confidential
        {deployment}
        """;

    [Fact]
    public void Without_a_suppression_DA1004_is_reported()
        => Assert.Equal(new[] { ("DA1004", 10) }, Lint(Confidential("  deployment:\n    target: container")));

    [Fact]
    public void A_comment_on_the_line_suppresses()
        => Assert.Empty(Lint(Confidential("  deployment:\n    target: container  # deployadvisor-ignore DA1004: pseudonymised upstream")));

    [Fact]
    public void A_comment_above_the_line_suppresses_even_after_other_comments()
        => Assert.Empty(Lint(Confidential("  deployment:\n    # deployadvisor-ignore DA1004: pseudonymised upstream\n    # reviewed 2025-01\n    target: container")));

    [Fact]
    public void A_document_suppression_covers_the_whole_document_only()
    {
        var yaml = "# deployadvisor-ignore-document DA1004: pseudonymised upstream\n" + Confidential("  deployment:\n    target: container")
                   + "\n---\n" + Confidential("  deployment:\n    target: container").Replace("name: crm", "name: crm2");
        var findings = Lint(yaml);
        Assert.Equal(new[] { ("DA1004", 22) }, findings);
    }

    [Fact]
    public void A_suppression_without_reason_has_no_effect_and_is_DA0005()
        => Assert.Equal(new[] { ("DA0005", 10), ("DA1004", 10) },
            Lint(Confidential("  deployment:\n    target: container  # deployadvisor-ignore DA1004")).OrderBy(f => f.Item1).ToArray());

    [Fact]
    public void A_suppression_that_matches_nothing_is_DA0006()
    {
        var findings = Lint(Confidential("  deployment:\n    target: container  # deployadvisor-ignore DA1004, DA5001: both")).ToArray();
        Assert.Equal(new[] { ("DA0006", 10) }, findings);
    }

    [Fact]
    public void Input_findings_cannot_be_suppressed()
    {
        var findings = Lint(Confidential("  deployment:\n    target: cloud  # deployadvisor-ignore DA0002: no"));
        Assert.Equal(new[] { ("DA0002", 10), ("DA0006", 10) }, findings.OrderBy(f => f.Item1).ToArray());
    }

    [Fact]
    public void DA0004_can_be_suppressed_where_it_is_reported()
    {
        var yaml = Descriptors.Clean("same") + "---\n" + Descriptors.Clean("same").Replace("name: same", "name: same  # deployadvisor-ignore DA0004: staging copy");
        Assert.Empty(Lint(yaml));
    }

    [Fact]
    public void Suppressions_apply_to_recommend_findings_too()
    {
        using var dir = new TempDir();
        dir.Write("w.yaml", Confidential("  deployment:\n    target: container  # deployadvisor-ignore DA1004: pseudonymised upstream"));
        var json = Run.Recommend("json", dir.Path, "w.yaml");
        Assert.Contains("\"findings\": []", json);
    }
}
