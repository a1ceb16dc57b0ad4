using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using DeployAdvisor.Cli.Output.Report;

namespace DeployAdvisor.Report.Tests;

public sealed class MarkdownTests : IDisposable
{
    private readonly TempDir _dir = new TempDir();

    public void Dispose() => _dir.Dispose();

    private static string Golden(string name) => Path.Combine(Repo.TestsDir, "golden", name);

    [Fact]
    public void The_examples_match_their_golden_file()
        => Repo.AssertMatchesFile(Golden("examples.md"), MarkdownReport.Render(Reports.Examples()));

    [Fact]
    public void Hostile_text_is_escaped_and_matches_its_golden_file()
    {
        Reports.WriteHostile(_dir);
        var md = MarkdownReport.Render(Reports.Model(_dir.Path, "hostile.yaml", "unknown-key.yaml"));
        Repo.AssertMatchesFile(Golden("hostile.md"), md);
        Assert.DoesNotContain("<script", md);
        Assert.DoesNotContain("<img", md);
        Assert.DoesNotContain("<svg", md);
        Assert.Contains("&lt;script&gt;", md);
        Assert.False(md.Contains("@someone", StringComparison.Ordinal)); // no mention (a zero-width space follows the @)
        Assert.Contains("\\[link\\]", md);               // no link
        Assert.Contains("\\*bold\\*", md);               // no emphasis
        // Every table row keeps its cell count: user text cannot add a "|".
        foreach (var line in md.Split('\n').Where(l => l.StartsWith("| ", StringComparison.Ordinal)))
        {
            int cells = Regex.Matches(line, @"(?<!\\)\|").Count;
            Assert.True(cells == 5 || cells == 6, line);
        }
    }

    [Fact]
    public void A_report_that_fits_lists_every_workload_and_leaves_nothing_out()
    {
        var model = Reports.Examples();
        var md = MarkdownReport.Render(model);
        Assert.Equal(model.Workloads.Count, Regex.Matches(md, "<details>").Count);
        Assert.Equal(model.Workloads.Count, Regex.Matches(md, "</details>").Count);
        Assert.DoesNotContain("left out", md);
    }

    [Fact]
    public void Five_thousand_workloads_stay_under_the_comment_limit_keep_the_worst_first_and_say_what_was_left_out()
    {
        var corpus = Reports.WriteCorpus(_dir, 5_000);
        var model = Reports.Model(corpus, ".");
        Assert.Equal(5_000, model.Workloads.Count);
        var md = MarkdownReport.Render(model);
        Assert.True(md.Length <= MarkdownReport.GitHubCommentLimit, $"{md.Length} characters");
        int kept = Regex.Matches(md, "<details>").Count;
        Assert.Equal(kept, Regex.Matches(md, "</details>").Count);
        Assert.InRange(kept, 1, model.Workloads.Count - 1);
        // What did not fit in full is listed one line each while it fits, worst first; the rest is counted.
        int lines = Regex.Matches(md, @"^- \*\*[^*]+\*\*: ", RegexOptions.Multiline).Count;
        var left = model.Workloads.Count - kept - lines;
        Assert.True(left > 0);
        Assert.Contains($"**{left:N0} workloads left out**", md);
        // What was kept is the head of the priority order: every plan violation comes before any plan that was followed.
        var keptNames = Regex.Matches(md, "<summary><b>([^<]+)</b>").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(model.Workloads.Take(kept).Select(w => w.Name), keptNames);
        var lineNames = Regex.Matches(md, @"^- \*\*([^*]+)\*\*: ", RegexOptions.Multiline).Select(m => m.Groups[1].Value.Replace("\\", "")).ToList();
        Assert.Equal(model.Workloads.Skip(kept).Take(lines).Select(w => w.Name), lineNames);
        int attention = model.Workloads.Count(w => w.Priority <= 2);
        Assert.True(attention > kept, "the corpus has more plan violations than fit in full");
        Assert.Equal(attention, kept + lines); // every one of them is at least named
        Assert.All(model.Workloads.Skip(kept + lines), w => Assert.Equal(3, w.Priority));
        // The summary table still counts every workload.
        Assert.Contains("**5,000 workloads**", md);
    }

    [Fact]
    public void A_small_limit_still_keeps_infeasible_workloads_first()
    {
        var model = Reports.Examples();
        var md = MarkdownReport.Render(model, limit: 3_500);
        Assert.True(md.Length <= 3_500, $"{md.Length}");
        Assert.Contains("<summary><b>edge-inspector</b>", md); // the only infeasible one
        Assert.Contains("left out", md);
        Assert.Contains("without a feasible target", md.Substring(0, 400));
    }
}
