using System.IO;
using System.Linq;
using DeployAdvisor.Engine.Configuration;
using DeployAdvisor.Engine.Findings;
using DeployAdvisor.Engine.Rules;

namespace DeployAdvisor.Cli.Tests;

public class ConfigTests
{
    [Fact]
    public void A_valid_config_sets_severities_disables_rules_and_overrides_profiles()
    {
        var config = ConfigFile.Parse(".deployadvisor.yaml", """
            rules:
              - id: DA1004
                severity: error
              - id: DA4002
                severity: off
            profiles:
              - target: vm
                startup: 5s
                size: 500MB
            ignore: [legacy/]
            ruleFolders: [ci/rules]
            docs:
              baseUrl: https://example.com/docs/rules/
            """);
        Assert.Empty(config.Findings);
        var resolved = config.Resolve(RuleSet.BuiltIn);
        Assert.Empty(resolved.Findings);
        Assert.Equal(Severity.Error, resolved.Policy.SeverityOf("DA1004", Severity.Warning));
        Assert.False(resolved.Policy.IsEnabled("DA4002"));
        Assert.Equal(2, resolved.Overrides.Count);
        Assert.Equal(new[] { "legacy/" }, config.IgnorePatterns);
        Assert.Equal(new[] { "ci/rules" }, config.RuleFolders);
        Assert.Equal("https://example.com/docs/rules/", config.DocsBaseUrl);
    }

    [Theory]
    [InlineData("rules:\n  - id: DA1004\n    severity: loud\n", 3, 15, "must be one of error, warning, info, off")]
    [InlineData("rulez: []\n", 1, 1, "unknown field 'rulez'")]
    [InlineData("profiles:\n  - target: vm\n    startup: fast\n", 3, 14, "startup")]
    [InlineData("docs:\n  baseUrl: docs/rules\n", 2, 12, "baseUrl")]
    [InlineData("rules: [\n", 2, 1, "not well-formed")]
    public void Shape_errors_are_DA0008_at_the_offending_place(string yaml, int line, int column, string text)
    {
        var config = ConfigFile.Parse("cfg.yaml", yaml);
        var f = Assert.Single(config.Findings);
        Assert.Equal(RuleIds.InvalidConfiguration, f.RuleId);
        Assert.Equal("cfg.yaml", f.Location!.File);
        Assert.Equal((line, column), (f.Location.Span.Line, f.Location.Span.Column));
        Assert.Contains(text, f.Message);
    }

    [Fact]
    public void Unknown_rules_and_fixed_rules_are_DA0008_at_the_entry()
    {
        var config = ConfigFile.Parse("cfg.yaml", "rules:\n  - id: DA1040\n    severity: info\n  - id: DA0002\n    severity: off\n");
        Assert.Empty(config.Findings);
        var findings = config.Resolve(RuleSet.BuiltIn).Findings;
        Assert.Equal(2, findings.Count);
        Assert.Equal((2, 9), (findings[0].Location!.Span.Line, findings[0].Location!.Span.Column));
        Assert.Contains("DA1040 does not exist; did you mean", findings[0].Message);
        Assert.Equal(5, findings[1].Location!.Span.Line);
        Assert.Contains("cannot be changed", findings[1].Message);
    }

    [Fact]
    public void Severity_override_and_disable_change_lint_results()
    {
        using var dir = new TempDir();
        dir.Write("crm.yaml", Descriptors.Confidential());
        dir.Write("vault.yaml", Descriptors.Restricted());
        dir.Write(".deployadvisor.yaml", "rules:\n  - id: DA1004\n    severity: error\n  - id: DA1001\n    severity: off\n");
        var (analysis, _) = Run.Analyze(dir.Path, new[] { "." });
        // DA1001 disabled no longer excludes container for restricted data: the plan is feasible, DA4002 notes vm ranks first.
        Assert.Equal(new[] { ("DA1004", Severity.Error), ("DA4002", Severity.Info) }, analysis.Findings.Select(f => (f.RuleId, f.Severity)));
    }

    [Fact]
    public void Profile_override_changes_the_recommendation()
    {
        using var dir = new TempDir();
        // A GUI that must start in 10s: infeasible by default (vm needs 30s), feasible on a fast vm platform.
        dir.Write("kiosk.yaml", Descriptors.Workload("kiosk", extraSpec: "  budgets:\n    startup: 10s\n").Replace("interface: web", "interface: gui"));
        var (before, _) = Run.Analyze(dir.Path, new[] { "kiosk.yaml" });
        Assert.Null(before.Files[0].Documents[0].Evaluation!.Recommendation);
        dir.Write(".deployadvisor.yaml", "profiles:\n  - target: vm\n    startup: 8s\n");
        var (after, _) = Run.Analyze(dir.Path, new[] { "kiosk.yaml" });
        Assert.Equal(Engine.Model.Target.Vm, after.Files[0].Documents[0].Evaluation!.Recommendation);
    }

    [Fact]
    public void Ignored_paths_are_skipped_in_scans_but_not_when_named()
    {
        using var dir = new TempDir();
        dir.Write("svc/a.yaml", Descriptors.Clean("a"));
        dir.Write("legacy/old.yaml", Descriptors.Restricted("old"));
        dir.Write("gen/x.generated.yaml", Descriptors.Restricted("gen"));
        dir.Write(".deployadvisor.yaml", "ignore:\n  - legacy/\n  - '*.generated.yaml'\n");
        var (scan, _) = Run.Analyze(dir.Path, new[] { "." });
        Assert.Equal(new[] { "svc/a.yaml" }, scan.Files.Select(f => f.Path));
        Assert.Single(scan.Checked);
        var (named, _) = Run.Analyze(dir.Path, new[] { "legacy/old.yaml" });
        Assert.Single(named.Findings);
    }

    [Fact]
    public void Config_is_found_by_walking_up_from_the_working_directory()
    {
        using var dir = new TempDir();
        dir.Write(".deployadvisor.yaml", "rules:\n  - id: DA1001\n    severity: warning\n");
        dir.Write("a/b/vault.yaml", Descriptors.Restricted());
        var (analysis, session) = Run.Analyze(Path.Combine(dir.Path, "a", "b"), new[] { "vault.yaml" });
        Assert.Equal("../../.deployadvisor.yaml", session.Config.Path);
        Assert.Equal(Severity.Warning, Assert.Single(analysis.Findings).Severity);
    }

    [Fact]
    public void Pattern_matching_follows_gitignore_conventions()
    {
        Assert.True(new PathPattern("legacy/").IsMatch("legacy/a/b.yaml"));
        Assert.True(new PathPattern("*.gen.yaml").IsMatch("x/y/z.gen.yaml"));
        Assert.False(new PathPattern("/top.yaml").IsMatch("x/top.yaml"));
        Assert.True(new PathPattern("deploy/**/test").IsMatch("deploy/a/b/test/x.yaml"));
        Assert.True(PathPattern.Anchored("*.yaml").IsMatch("a.yaml"));
        Assert.False(PathPattern.Anchored("*.yaml").IsMatch("d/a.yaml"));
        Assert.True(PathPattern.Anchored("**/*.yaml").IsMatch("d/e/a.yaml"));
    }
}
