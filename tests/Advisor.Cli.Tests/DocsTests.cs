using System.IO;
using System.Linq;
using DeployAdvisor.Engine.Rules;

namespace DeployAdvisor.Cli.Tests;

/// <summary>
/// docs/rules/ holds one generated page per built-in rule (plus an index); these tests fail when the
/// pages drift from rules/. Regenerate with `deploy-advisor rules docs` or DEPLOYADVISOR_UPDATE=1.
/// </summary>
public class DocsTests
{
    private static string DocsDir => Path.Combine(Repo.Root, "docs", "rules");

    [Fact]
    public void Rule_pages_match_the_rule_set()
    {
        var pages = Output.RuleDocs.Pages(RuleSet.BuiltIn);
        foreach (var page in pages)
            Repo.AssertMatchesFile(Path.Combine(DocsDir, page.Key), page.Value, "run `dotnet run --project src/Advisor.Cli -- rules docs` (or the tests with DEPLOYADVISOR_UPDATE=1) and commit docs/rules");
        var extra = Directory.GetFiles(DocsDir, "*.md").Select(Path.GetFileName).Except(pages.Keys).ToList();
        Assert.True(extra.Count == 0, "pages for rules that no longer exist: " + string.Join(", ", extra));
    }

    [Fact]
    public void Every_built_in_rule_has_a_page_that_explain_names()
    {
        foreach (var rule in RuleSet.BuiltIn.Rules)
        {
            Assert.True(File.Exists(Path.Combine(Repo.Root, "docs", "rules", rule.Id + ".md")), rule.Id);
            Assert.Contains($"Docs: docs/rules/{rule.Id}.md", Output.RuleDocs.Text(rule, null));
        }
    }

    [Fact]
    public void Rules_docs_check_reports_drift()
    {
        using var dir = new TempDir();
        var write = Run.InProcess(dir.Path, "rules", "docs", "--output-dir", "out");
        Assert.Equal(0, write.ExitCode);
        Assert.Equal(0, Run.InProcess(dir.Path, "rules", "docs", "--output-dir", "out", "--check").ExitCode);
        File.AppendAllText(Path.Combine(dir.Path, "out", "DA1001.md"), "edited by hand\n");
        var check = Run.InProcess(dir.Path, "rules", "docs", "--output-dir", "out", "--check");
        Assert.Equal(1, check.ExitCode);
        Assert.Contains("DA1001.md is missing or out of date", check.Stderr);
    }
}
