using System;
using System.Linq;
using DeployAdvisor.Engine.Checking;
using DeployAdvisor.Engine.Evaluation;
using DeployAdvisor.Engine.Findings;
using DeployAdvisor.Engine.Loading;
using DeployAdvisor.Engine.Rules;

namespace DeployAdvisor.Engine.Tests;

/// <summary>The engine's whole check: policy once, DA0004 across files, suppressions (DA0005/DA0006), one order.</summary>
public class CheckingTests
{
    private static string Restricted(string name, string targetSuffix = "")
        => TestWorkloads.Spec($"interface: web\nsecurity:\n  sensitivity: restricted\ndeployment:\n  target: container{targetSuffix}", name);

    private static string Clean(string name) => TestWorkloads.Spec("interface: web\nsecurity:\n  sensitivity: public", name);

    private static LoadedFile Load(string path, string yaml) => DescriptorLoader.LoadText(path, yaml);

    private static WorkloadChecker Checker(RulePolicy? policy = null) => new WorkloadChecker(RuleSet.BuiltIn, policy);

    [Fact]
    public void Duplicate_names_are_reported_on_every_later_descriptor_in_path_order()
    {
        var files = Checker().CheckAll(new[]
        {
            Load("b.yaml", Clean("same")),
            Load("a.yaml", Clean("same") + "---\n" + Clean("same")),
            Load("c.yaml", Clean("other")),
        });
        Assert.Equal(new[] { "a.yaml", "b.yaml", "c.yaml" }, files.Select(f => f.Path));
        Assert.Empty(files[0].Documents[0].Findings);
        var inA = Assert.Single(files[0].Documents[1].Findings);
        Assert.Equal(RuleIds.DuplicateName, inA.RuleId);
        Assert.Equal("a.yaml", inA.Location!.File);
        Assert.Equal(new Location("a.yaml", SourceSpan.At(4, 9)).ToString(), Assert.Single(inA.RelatedLocations).ToString());
        var inB = Assert.Single(files[1].AllFindings);
        Assert.Equal(RuleIds.DuplicateName, inB.RuleId);
        Assert.Contains("already used by a.yaml:4:9", inB.Message);
        Assert.Equal(Severity.Warning, inB.Severity);
        Assert.Empty(files[2].AllFindings);
    }

    [Fact]
    public void The_policy_applies_to_duplicate_names()
    {
        var policy = new RulePolicy();
        policy.SetSeverity(RuleIds.DuplicateName, Severity.Error);
        var files = Checker(policy).CheckAll(new[] { Load("a.yaml", Clean("x")), Load("b.yaml", Clean("x")) });
        Assert.Equal(Severity.Error, Assert.Single(files[1].AllFindings).Severity);

        var off = new RulePolicy();
        off.Disable(RuleIds.DuplicateName);
        Assert.Empty(Checker(off).CheckAll(new[] { Load("a.yaml", Clean("x")), Load("b.yaml", Clean("x")) }).SelectMany(f => f.AllFindings));
    }

    [Fact]
    public void Files_must_be_finished_in_ordinal_path_order()
    {
        var checker = Checker();
        var run = checker.StartRun();
        run.Finish(checker.Check(Load("b.yaml", Clean("b"))));
        Assert.Throws<InvalidOperationException>(() => run.Finish(checker.Check(Load("a.yaml", Clean("a")))));
        // Ordinal, not culture: 'B' < 'a'.
        var again = checker.StartRun();
        again.Finish(checker.Check(Load("B.yaml", Clean("b"))));
        again.Finish(checker.Check(Load("a.yaml", Clean("a"))));
    }

    [Fact]
    public void A_line_suppression_with_a_reason_removes_the_finding()
    {
        var file = Assert.Single(Checker().CheckAll(new[] { Load("a.yaml", Restricted("r", "  # deployadvisor-ignore DA1001: accepted by the risk board")) }));
        Assert.DoesNotContain(file.AllFindings, f => f.RuleId == "DA1001");
        Assert.DoesNotContain(file.AllFindings, f => f.RuleId == RuleIds.UnusedSuppression);
    }

    [Fact]
    public void A_suppression_without_reason_has_no_effect_and_is_DA0005()
    {
        var file = Assert.Single(Checker().CheckAll(new[] { Load("a.yaml", Restricted("r", "  # deployadvisor-ignore DA1001")) }));
        Assert.Contains(file.Documents[0].Findings, f => f.RuleId == "DA1001");
        var da0005 = Assert.Single(file.Documents[0].Findings, f => f.RuleId == RuleIds.SuppressionWithoutReason);
        Assert.Equal(10, da0005.Location!.Span.Line); // the line of deployment.target, where the comment is
    }

    [Fact]
    public void An_unused_suppression_is_DA0006_in_the_document_it_is_written_in()
    {
        var yaml = Clean("first") + "---\n" + Clean("second").Replace("name: second", "name: second  # deployadvisor-ignore DA1001: not needed");
        var file = Assert.Single(Checker().CheckAll(new[] { Load("a.yaml", yaml) }));
        Assert.Empty(file.Documents[0].Findings);
        var unused = Assert.Single(file.Documents[1].Findings);
        Assert.Equal(RuleIds.UnusedSuppression, unused.RuleId);
    }

    [Fact]
    public void A_duplicate_name_can_be_suppressed_and_the_suppression_then_counts_as_used()
    {
        var second = Clean("same").Replace("name: same", "name: same  # deployadvisor-ignore DA0004: a fork, renamed next sprint");
        var files = Checker().CheckAll(new[] { Load("a.yaml", Clean("same")), Load("b.yaml", second) });
        Assert.Empty(files.SelectMany(f => f.AllFindings));
    }

    [Fact]
    public void Input_findings_cannot_be_suppressed()
    {
        var yaml = "# deployadvisor-ignore DA0002: no\n" + Clean("x").Replace("interface: web", "interface: api");
        var file = Assert.Single(Checker().CheckAll(new[] { Load("a.yaml", yaml) }));
        Assert.Contains(file.AllFindings, f => f.RuleId == RuleIds.SchemaViolation);
        Assert.Contains(file.AllFindings, f => f.RuleId == RuleIds.UnusedSuppression && f.Message.Contains("cannot be suppressed"));
    }

    [Fact]
    public void A_finished_file_lists_its_findings_in_one_order()
    {
        var yaml = Restricted("b") + "---\n" + Restricted("a");
        var file = Assert.Single(Checker().CheckAll(new[] { Load("a.yaml", yaml) }));
        var all = file.AllFindings.ToList();
        Assert.True(all.Count >= 2);
        Assert.Equal(Finding.Sort(all), all);
        foreach (var doc in file.Documents) Assert.Equal(Finding.Sort(doc.Findings), doc.Findings);
    }

    [Fact]
    public void Check_is_the_same_whatever_the_files_arrive_in()
    {
        var inputs = Enumerable.Range(0, 12).Select(i => Load($"f{i:00}.yaml", i % 3 == 0 ? Restricted($"w{i % 4}") : Clean($"w{i % 4}"))).ToArray();
        string Render(LoadedFile[] files) => string.Join("\n", Checker().CheckAll(files).SelectMany(f => f.AllFindings).Select(f => f.ToString()));
        Assert.Equal(Render(inputs), Render(inputs.Reverse().ToArray()));
        Assert.Contains("DA0004", Render(inputs));
    }

    [Fact]
    public void A_name_claimed_outside_the_files_takes_part_in_duplicate_names()
    {
        // As an analyzer would: an attribute in a.cs, then the YAML file b.yaml, in ordinal path order.
        var checker = Checker();
        var run = checker.StartRun();
        Assert.Null(run.Claim("same", new Location("a.cs", SourceSpan.At(3, 11))));
        var b = run.Finish(checker.Check(Load("b.yaml", Clean("same"))));
        var dup = Assert.Single(b.AllFindings);
        Assert.Equal(RuleIds.DuplicateName, dup.RuleId);
        Assert.Contains("already used by a.cs:3:11", dup.Message);
        var later = run.Claim("same", new Location("c.cs", SourceSpan.At(1, 1)));
        Assert.Equal("c.cs", later!.Location!.File);
    }
}
