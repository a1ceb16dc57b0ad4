using System;
using System.IO;
using System.Linq;
using DeployAdvisor.Engine.Rules;

namespace DeployAdvisor.Cli.Tests;

/// <summary>
/// A clone stands alone (issue 22): nothing reads a folder beside the repository, no placeholder URL
/// is written anywhere, and every pointer the CLI prints (explain's "Docs:" line, rule sources, SARIF
/// links) is something a user can follow. Plus two small defects: `rules test` of an empty folder, and
/// the `--docs-base-url` help text.
/// </summary>
public class StandaloneTests
{
    // Built from parts so that this file does not hold the strings it looks for.
    private static readonly string Placeholder = "example" + ".invalid";

    private static readonly string[] TextExtensions = { ".cs", ".csproj", ".props", ".targets", ".sln", ".md", ".yaml", ".yml", ".json", ".sh", ".py", ".txt", ".sarif", ".globalconfig", ".config", "" };

    private static System.Collections.Generic.IEnumerable<string> RepositoryTextFiles()
    {
        var skip = new[] { ".git", "bin", "obj", "node_modules", "TestResults", "BenchmarkDotNet.Artifacts", "artifacts", ".test-tools" };
        var stack = new System.Collections.Generic.Stack<string>();
        stack.Push(Repo.Root);
        while (stack.Count > 0)
        {
            var dir = stack.Pop();
            foreach (var sub in Directory.GetDirectories(dir))
                if (!skip.Contains(Path.GetFileName(sub))) stack.Push(sub);
            foreach (var file in Directory.GetFiles(dir))
                if (TextExtensions.Contains(Path.GetExtension(file)) && new FileInfo(file).Length < 4_000_000) yield return file;
        }
    }

    private static string Rel(string file) => Path.GetRelativePath(Repo.Root, file).Replace('\\', '/');

    [Fact]
    public void No_placeholder_url_anywhere()
    {
        var offenders = RepositoryTextFiles()
            .Where(f => File.ReadAllText(f).Contains(Placeholder)).Select(Rel).ToList();
        Assert.True(offenders.Count == 0, "placeholder URLs in: " + string.Join(", ", offenders));
    }

    [Fact]
    public void Sarif_carries_no_placeholder_and_no_link_unless_a_docs_base_url_is_configured()
    {
        var plain = Run.InProcess(Repo.Root, "lint", "examples", "--format", "sarif", "--fail-on", "never");
        Assert.Equal(0, plain.ExitCode);
        Assert.DoesNotContain(Placeholder, plain.Stdout);
        Assert.DoesNotContain("informationUri", plain.Stdout);
        Assert.DoesNotContain("helpUri", plain.Stdout);
        Assert.DoesNotContain("\"https://", plain.Stdout.Replace("\"https://docs.oasis-open.org/sarif/", ""));

        using var dir = new TempDir();
        File.Copy(Path.Combine(Repo.Root, "examples", "payments-api.yaml"), Path.Combine(dir.Path, "w.yaml"));
        dir.Write(".deployadvisor.yaml", "docs:\n  baseUrl: https://docs.acme.test/deployadvisor/rules/\n");
        var configured = Run.InProcess(dir.Path, "lint", "w.yaml", "--format", "sarif", "--fail-on", "never");
        Assert.Equal(0, configured.ExitCode);
        Assert.Contains("\"helpUri\": \"https://docs.acme.test/deployadvisor/rules/DA1001.md\"", configured.Stdout);
        Assert.Contains("\"informationUri\": \"https://docs.acme.test/deployadvisor/rules/README.md\"", configured.Stdout);
    }

    [Fact]
    public void Explain_ends_with_the_rule_page_in_the_repository_when_no_docs_url_is_configured()
    {
        foreach (var rule in RuleSet.BuiltIn.Rules)
        {
            var r = Run.InProcess(Repo.Root, "explain", rule.Id);
            Assert.Equal(0, r.ExitCode);
            var last = r.Stdout.TrimEnd('\n').Split('\n').Last();
            Assert.StartsWith($"Docs: docs/rules/{rule.Id}.md in the DeployAdvisor repository", last);
            Assert.True(File.Exists(Path.Combine(Repo.Root, "docs", "rules", rule.Id + ".md")), rule.Id);
        }
    }

    [Fact]
    public void Explain_ends_with_a_url_when_a_docs_base_url_is_given()
    {
        var r = Run.InProcess(Repo.Root, "explain", "DA0007", "--docs-base-url", "https://docs.acme.test/da/docs/rules/");
        Assert.Equal(0, r.ExitCode);
        Assert.EndsWith("Docs: https://docs.acme.test/da/docs/rules/DA0007.md\n", r.Stdout);
        // A source that links a page of the project resolves against the same base.
        Assert.Contains("(https://docs.acme.test/da/README.md#limits-and-guarantees)", r.Stdout);
    }

    [Fact]
    public void Rule_help_that_leaves_the_repository_carries_no_relative_link()
    {
        // SARIF help.markdown and `explain --format markdown` are read outside docs/rules/, where "../decisions.md" means nothing.
        var page = Run.InProcess(Repo.Root, "explain", "DA1001", "--format", "markdown");
        Assert.Equal(0, page.ExitCode);
        Assert.DoesNotContain("](../", page.Stdout);
        Assert.Contains("DeployAdvisor: targets and their isolation boundaries (docs/decisions.md#targets in the DeployAdvisor repository)", page.Stdout);
        var linked = Run.InProcess(Repo.Root, "explain", "DA1001", "--format", "markdown", "--docs-base-url", "https://docs.acme.test/da/docs/rules/");
        Assert.Contains("[DeployAdvisor: targets and their isolation boundaries](https://docs.acme.test/da/docs/decisions.md#targets)", linked.Stdout);

        var sarif = Run.InProcess(Repo.Root, "lint", "examples", "--format", "sarif", "--fail-on", "never");
        Assert.DoesNotContain("](../", sarif.Stdout);
        // The generated page itself keeps the relative link, which resolves inside the repository (RepositoryLinksTests).
        Assert.Contains("](../decisions.md#targets)", File.ReadAllText(Path.Combine(Repo.Root, "docs", "rules", "DA1001.md")));
    }

    [Fact]
    public void Explain_of_a_user_rule_names_the_file_that_defines_it()
    {
        using var dir = new TempDir();
        dir.Write("ci/rules/acme.yaml", CommandTests.UserRule.Replace("FIXTURE-SHOULD-FAIL", "x"));
        var r = Run.InProcess(dir.Path, "explain", "ACME0001", "--rules", "ci/rules");
        Assert.Equal(0, r.ExitCode);
        Assert.EndsWith("Docs: this rule is defined in ci/rules/acme.yaml (pages are generated for built-in rules only).\n", r.Stdout);
    }

    [Fact]
    public void Rule_sources_name_real_documents_not_internal_notes()
    {
        foreach (var rule in RuleSet.BuiltIn.Rules)
            foreach (var source in rule.Sources)
            {
                Assert.DoesNotContain("source notes", source, StringComparison.OrdinalIgnoreCase);
                Assert.False(System.Text.RegularExpressions.Regex.IsMatch(source, @"(?<![./\w])(decisions|workload)\.md"), $"{rule.Id}: '{source}' names a file a user cannot find");
            }
        foreach (var rule in RuleSet.BuiltIn.Rules.Where(r => r.Category != "input" && r.Effect != RuleEffect.Evidence || r.Id == "DA2101"))
            Assert.True(rule.Sources.Count > 0, rule.Id + " has no source");
    }

    [Fact]
    public void Rules_test_of_an_empty_folder_exits_2_saying_there_is_nothing_to_test()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(Path.Combine(dir.Path, "rules"));
        File.WriteAllText(Path.Combine(dir.Path, "rules", "README.md"), "not a rule file\n");
        var r = Run.InProcess(dir.Path, "rules", "test", "rules");
        Assert.Equal(2, r.ExitCode);
        Assert.Equal("", r.Stdout);
        Assert.Contains("there are no rule files (*.yaml, *.yml) in 'rules'", r.Stderr);
        var viaOption = Run.InProcess(dir.Path, "rules", "test", "--rules", "rules");
        Assert.Equal(2, viaOption.ExitCode);
        Assert.Contains("no rule files", viaOption.Stderr);
    }

    [Fact]
    public void Rules_test_of_rules_without_fixtures_exits_2()
    {
        using var dir = new TempDir();
        var withoutFixtures = CommandTests.UserRule.Substring(0, CommandTests.UserRule.IndexOf("    fixtures:", StringComparison.Ordinal));
        dir.Write("rules/acme.yaml", withoutFixtures);
        var r = Run.InProcess(dir.Path, "rules", "test", "rules");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("the rules in 'rules' have no fixtures", r.Stderr);
        // The built-in fixtures alone still run and pass when no folder is named.
        Assert.Equal(0, Run.InProcess(dir.Path, "rules", "test").ExitCode);
    }

    [Theory]
    [InlineData("lint")]
    [InlineData("recommend")]
    [InlineData("explain")]
    [InlineData("rules", "list")]
    [InlineData("rules", "test")]
    public void Docs_base_url_help_promises_links_only_where_they_are_written(params string[] command)
    {
        var r = Run.InProcess(Repo.Root, command.Concat(new[] { "--help" }).ToArray());
        Assert.Equal(0, r.ExitCode);
        var line = r.Stdout.Split('\n').Single(l => l.TrimStart().StartsWith("--docs-base-url", StringComparison.Ordinal));
        Assert.DoesNotContain("SARIF then links", line);
        Assert.Contains("only explain and lint --format sarif write rule links", line);
    }

    [Fact]
    public void Docs_base_url_changes_nothing_in_commands_that_write_no_links()
    {
        var without = Run.InProcess(Repo.Root, "recommend", "examples", "--format", "json");
        var with = Run.InProcess(Repo.Root, "recommend", "examples", "--format", "json", "--docs-base-url", "https://docs.acme.test/r/");
        Assert.Equal(without.Stdout, with.Stdout);
        Assert.DoesNotContain("docs.acme.test", Run.InProcess(Repo.Root, "rules", "list", "--docs-base-url", "https://docs.acme.test/r/").Stdout);
    }
}
