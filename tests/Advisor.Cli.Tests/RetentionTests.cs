using System.Linq;
using DeployAdvisor.Cli.Output;
using DeployAdvisor.Cli.Running;
using Xunit;

namespace DeployAdvisor.Cli.Tests;

/// <summary>
/// lint keeps only findings (no evaluations, and source lines only for text output and only of files
/// with findings), so memory does not grow with every checked document. These tests pin that keeping
/// less never changes what is reported.
/// </summary>
public class RetentionTests
{
    private static TempDir Corpus()
    {
        var dir = new TempDir();
        for (int i = 0; i < 30; i++)
            dir.Write($"t{i % 3}/w{i}.yaml", i % 4 == 0 ? Descriptors.Restricted($"r{i}") : Descriptors.Clean($"c{i % 11}"));
        dir.Write("t0/suppressed.yaml", Descriptors.Restricted("s").Replace("target: container", "target: container  # deployadvisor-ignore DA1001: test"));
        return dir;
    }

    [Theory]
    [InlineData("json")]
    [InlineData("text")]
    [InlineData("sarif")]
    public void Keeping_less_reports_the_same(string format)
    {
        using var dir = Corpus();
        var (all, session) = Run.Analyze(dir.Path, new[] { "." }, keep: AnalysisOptions.All);
        var (lean, _) = Run.Analyze(dir.Path, new[] { "." }, keep: new AnalysisOptions { KeepEvaluations = false, KeepSourceLines = format == "text" });
        Assert.Contains(all.Findings, f => f.RuleId == "DA0004");
        Assert.Equal(LintFormats.Render(format, all, session, Rendering.Plain), LintFormats.Render(format, lean, session, Rendering.Plain));
        Assert.Equal(all.WorkloadCount, lean.WorkloadCount);
        Assert.All(lean.Files.SelectMany(f => f.Documents), d => Assert.Null(d.Evaluation));
    }

    [Fact]
    public void Only_files_with_findings_keep_their_lines()
    {
        using var dir = Corpus();
        var (analysis, _) = Run.Analyze(dir.Path, new[] { "." }, keep: new AnalysisOptions { KeepEvaluations = false, KeepSourceLines = true });
        // Files with suppression comments keep theirs too: DA0005/DA0006 about a comment are known only later.
        Assert.All(analysis.Files, f => Assert.Equal(f.AllFindings.Any() || f.SuppressionComments.Count > 0, f.Lines != null));
        Assert.Contains(analysis.Files, f => f.Lines is null);
        var (json, _) = Run.Analyze(dir.Path, new[] { "." }, keep: new AnalysisOptions { KeepEvaluations = false, KeepSourceLines = false });
        Assert.All(json.Files, f => Assert.True(f.Lines is null || f.Lines.Length == 0));
    }

    [Fact]
    public void A_duplicate_name_in_files_without_other_findings_gets_code_frames()
    {
        // DA0004 is known only after every file was checked, when clean files no longer hold their lines.
        using var dir = new TempDir();
        dir.Write("a.yaml", Descriptors.Clean("same"));
        dir.Write("b.yaml", Descriptors.Clean("same"));
        var text = Run.Lint("text", dir.Path, ".");
        Assert.Contains("b.yaml:4:9: warning DA0004", text);
        Assert.Single(text.Split('\n'), l => l.Contains("| ") && l.Contains("name: same"));
    }
}
