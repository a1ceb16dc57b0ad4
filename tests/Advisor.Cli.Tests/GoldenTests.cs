using System.IO;
using System.Text.RegularExpressions;

namespace DeployAdvisor.Cli.Tests;

/// <summary>
/// The output formats on the bundled examples/, compared with committed files in golden/.
/// When examples or messages change on purpose: DEPLOYADVISOR_UPDATE=1 dotnet test tests/Advisor.Cli.Tests,
/// then review the diff of golden/ before committing it.
/// </summary>
public class GoldenTests
{
    private static string GoldenPath(string name) => Path.Combine(Repo.TestsDir, "golden", name);

    /// <summary>The tool version is the only thing in the output that changes without a behaviour change.</summary>
    private static string NormalizeVersion(string text)
        => Regex.Replace(text, "\"(version|semanticVersion)\": \"(?!2\\.1\\.0\")[^\"]*\"", "\"$1\": \"<version>\"");

    [Theory]
    [InlineData("text", "lint.txt")]
    [InlineData("json", "lint.json")]
    [InlineData("sarif", "lint.sarif")]
    [InlineData("github", "lint.github.txt")]
    public void Lint_on_examples(string format, string golden)
        => Repo.AssertMatchesFile(GoldenPath(golden), NormalizeVersion(Run.Lint(format, Repo.Root, "examples")));

    [Theory]
    [InlineData("text", "recommend.txt")]
    [InlineData("json", "recommend.json")]
    public void Recommend_on_examples(string format, string golden)
        => Repo.AssertMatchesFile(GoldenPath(golden), Run.Recommend(format, Repo.Root, "examples"));

    [Fact]
    public void Lint_json_of_a_clean_file_has_an_empty_findings_array()
    {
        var json = Run.Lint("json", Repo.Root, "examples/web-frontend.yaml");
        Assert.Contains("\"findings\": []", json);
    }

    [Fact]
    public void Sarif_of_a_clean_file_has_an_empty_results_array()
    {
        var sarif = Run.Lint("sarif", Repo.Root, "examples/web-frontend.yaml");
        Assert.Contains("\"results\": []", sarif);
    }
}
