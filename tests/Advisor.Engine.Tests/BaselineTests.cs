using System.Linq;
using DeployAdvisor.Engine.Baselines;
using DeployAdvisor.Engine.Findings;
using Xunit;

namespace DeployAdvisor.Engine.Tests;

public class BaselineTests
{
    private static Finding At(string rule, int line, string message = "planned container is excluded", string workload = "pay", string? file = "a.yaml", string field = "spec.deployment.target")
        => new Finding(rule, Severity.Error, message, field, location: new Location(file, new SourceSpan(line, 13, line, 22)), workload: workload);

    [Fact]
    public void A_recorded_finding_still_matches_after_an_edit_above_it_moves_it()
    {
        var baseline = Baseline.Create(new[] { At("DA1001", 25) });
        Assert.True(baseline.Matches(At("DA1001", 31)));
        Assert.Equal(0, baseline.Unmatched);
    }

    [Fact]
    public void Positions_quoted_in_a_message_do_not_make_it_new()
    {
        var baseline = Baseline.Create(new[] { At("DA0004", 3, "workload name 'x' is already used by b.yaml:4:9; names must be unique across a run") });
        Assert.True(baseline.Matches(At("DA0004", 7, "workload name 'x' is already used by b.yaml:12:9; names must be unique across a run")));
    }

    [Fact]
    public void Each_entry_matches_one_finding_and_the_rest_are_new()
    {
        var baseline = Baseline.Create(new[] { At("DA2001", 5) });
        Assert.True(baseline.Matches(At("DA2001", 5)));
        Assert.False(baseline.Matches(At("DA2001", 5)));
    }

    [Theory]
    [InlineData("DA1002", "a.yaml", "pay", "spec.deployment.target", "planned container is excluded")]
    [InlineData("DA1001", "b.yaml", "pay", "spec.deployment.target", "planned container is excluded")]
    [InlineData("DA1001", "a.yaml", "other", "spec.deployment.target", "planned container is excluded")]
    [InlineData("DA1001", "a.yaml", "pay", "spec", "planned container is excluded")]
    [InlineData("DA1001", "a.yaml", "pay", "spec.deployment.target", "planned vm is excluded")]
    public void A_finding_that_differs_in_rule_file_workload_field_or_words_is_new(string rule, string file, string workload, string field, string message)
    {
        var baseline = Baseline.Create(new[] { At("DA1001", 25) });
        Assert.False(baseline.Matches(At(rule, 25, message, workload, file, field)));
        baseline.Checked("a.yaml");
        baseline.Checked(file);
        Assert.Equal(1, baseline.Unmatched);
    }

    [Theory]
    [InlineData("DA0001")]
    [InlineData("DA0002")]
    [InlineData("DA0003")]
    [InlineData("DA0007")]
    [InlineData("DA0009")]
    public void Input_errors_are_never_recorded_nor_matched(string rule)
    {
        var finding = At(rule, 1);
        var baseline = Baseline.Create(new[] { finding });
        Assert.Empty(baseline.Entries);
        Assert.False(new Baseline(new[] { BaselineEntry.Of(finding) }).Matches(finding));
    }

    [Fact]
    public void Unmatched_counts_entries_no_finding_took()
    {
        var baseline = Baseline.Create(new[] { At("DA1001", 1), At("DA2001", 2), At("DA2001", 2) });
        baseline.Matches(At("DA2001", 9));
        baseline.Checked("a.yaml");
        Assert.Equal(2, baseline.Unmatched);
    }

    [Fact]
    public void Only_entries_of_the_files_the_run_checked_count_as_unmatched()
    {
        var baseline = Baseline.Create(new[] { At("DA1001", 1), At("DA1001", 1, file: "b.yaml"), At("DA2001", 2, file: null) });
        Assert.Equal(1, baseline.Unmatched);   // the entry without a file; no file checked yet
        Assert.Equal(1, baseline.InScope);
        baseline.Checked("b.yaml");
        Assert.Equal(2, baseline.Unmatched);
        Assert.Equal(2, baseline.InScope);
        Assert.Equal(3, baseline.Entries.Count);
    }

    [Fact]
    public void Fingerprints_survive_moves_and_tell_equal_findings_apart()
    {
        var before = new Fingerprints();
        var after = new Fingerprints();
        var a = new[] { before.Next(At("DA2001", 5)), before.Next(At("DA2001", 5)), before.Next(At("DA1001", 9)) };
        var b = new[] { after.Next(At("DA2001", 15)), after.Next(At("DA2001", 15)), after.Next(At("DA1001", 19)) };
        Assert.Equal(a, b);
        Assert.Equal(3, a.Distinct().Count());
        Assert.All(a, f => Assert.Matches("^[0-9a-f]{32}$", f));
    }
}
