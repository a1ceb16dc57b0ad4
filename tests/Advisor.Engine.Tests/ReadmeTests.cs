using System;
using System.IO;
using System.Linq;
using System.Text;
using DeployAdvisor.Engine.Findings;
using DeployAdvisor.Engine.Rules;

namespace DeployAdvisor.Engine.Tests;

public class ReadmeTests
{
    private const string Start = "<!-- rules:start -->";
    private const string End = "<!-- rules:end -->";

    public static string RulesTable()
    {
        var sb = new StringBuilder();
        sb.Append("| ID | name | category | default severity | what fires it | front ends |\n|---|---|---|---|---|---|\n");
        foreach (var r in RuleSet.BuiltIn.Rules)
        {
            // DA0010 reports a failure inside an analyzer: the CLI never raises it.
            var where = r.Effect == RuleEffect.Evidence || r.Id == "DA0010" ? "analyzers" : "CLI, analyzers";
            var severity = r.IsFixed ? "error (fixed)" : r.DefaultSeverity.ToName();
            sb.Append($"| [{r.Id}](docs/rules/{r.Id}.md) | {r.Name} | {r.Category} | {severity} | {r.Summary.Replace("|", "\\|")} | {where} |\n");
        }
        return sb.ToString();
    }

    [Fact]
    public void Readme_rules_table_is_generated_from_the_rules_folder()
    {
        var path = Path.Combine(SchemaFiles.RepositoryRoot, "README.md");
        var text = File.ReadAllText(path).Replace("\r\n", "\n");
        int s = text.IndexOf(Start, StringComparison.Ordinal), e = text.IndexOf(End, StringComparison.Ordinal);
        Assert.True(s >= 0 && e > s, "README.md lacks the rules table markers");
        var expected = text.Substring(0, s + Start.Length) + "\n" + RulesTable() + text.Substring(e);
        if (DeployAdvisor.Tests.Shared.TestRepository.Regenerate) File.WriteAllText(path, expected);
        Assert.True(text == expected, "README.md's rules table differs from rules/; run the tests with DEPLOYADVISOR_UPDATE=1");
    }

    [Fact]
    public void Readme_gives_the_two_commands()
    {
        var text = File.ReadAllText(Path.Combine(SchemaFiles.RepositoryRoot, "README.md"));
        Assert.Contains("\ndotnet run --project src/Advisor.Cli -- recommend examples/\n", text);
        Assert.Contains("\ndotnet test DeployAdvisor.sln\n", text);
        Assert.Contains("dotnet test DeployAdvisor.sln", File.ReadAllText(Path.Combine(SchemaFiles.RepositoryRoot, ".ci", "run")));
    }
}
