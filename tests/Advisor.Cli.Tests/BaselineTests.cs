using System;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace DeployAdvisor.Cli.Tests;

/// <summary>
/// baseline create and lint --baseline (cli.md "Additions in 0.2"): entries carry no line numbers, so an
/// edit above a finding does not revive it; the run says how many entries no longer match; input errors
/// are never recorded; a bad baseline file is a clear error (exit 2).
/// </summary>
public class BaselineTests
{
    private static string Example(string name) => File.ReadAllText(Path.Combine(Repo.Root, "examples", name));

    private static TempDir Project()
    {
        var dir = new TempDir();
        dir.Write("deploy/services.yaml", Example("services.yaml"));
        dir.Write("deploy/payments-api.yaml", Example("payments-api.yaml"));
        dir.Write("deploy/web-frontend.yaml", Example("web-frontend.yaml"));
        return dir;
    }

    private static JsonElement Findings(CliResult r) => JsonDocument.Parse(r.Stdout).RootElement.GetProperty("findings");

    [Fact]
    public void A_baseline_records_findings_without_positions()
    {
        using var dir = Project();
        var r = Run.InProcess(dir.Path, "baseline", "create", "deploy", "-o", "baseline.json");
        Assert.Equal(0, r.ExitCode);
        Assert.Equal("", r.Stdout);
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir.Path, "baseline.json")));
        Assert.Equal(1, doc.RootElement.GetProperty("version").GetInt32());
        var entries = doc.RootElement.GetProperty("entries").EnumerateArray().ToList();
        Assert.Equal(3, entries.Count); // DA1001 twice, DA1004 once
        foreach (var e in entries)
        {
            Assert.Equal(new[] { "ruleId", "file", "workload", "field", "messageHash" }, e.EnumerateObject().Select(p => p.Name));
            Assert.Matches("^[0-9a-f]{16}$", e.GetProperty("messageHash").GetString()!);
        }
        Assert.Contains(entries, e => e.GetProperty("file").GetString() == "deploy/services.yaml" && e.GetProperty("workload").GetString() == "crm-api"
                                      && e.GetProperty("field").GetString() == "spec.deployment.target");
        Assert.DoesNotContain("\"line\"", File.ReadAllText(Path.Combine(dir.Path, "baseline.json")));
    }

    [Fact]
    public void Lint_with_the_baseline_reports_only_new_findings_even_after_an_edit_above()
    {
        using var dir = Project();
        Assert.Equal(0, Run.InProcess(dir.Path, "baseline", "create", "deploy", "-o", "baseline.json").ExitCode);

        var same = Run.InProcess(dir.Path, "lint", "deploy", "--baseline", "baseline.json", "-f", "json");
        Assert.Equal(0, same.ExitCode);
        Assert.Equal(0, Findings(same).GetArrayLength());
        Assert.Contains("every one of its 3 entries still matches", same.Stderr);

        // Lines move: nothing is new.
        dir.Write("deploy/services.yaml", "# moved down\n# by two comment lines\n" + Example("services.yaml"));
        var moved = Run.InProcess(dir.Path, "lint", "deploy", "--baseline", "baseline.json", "--color", "never");
        Assert.Equal(0, moved.ExitCode);
        Assert.StartsWith("No findings (3 files, 4 workloads checked).", moved.Stdout);

        // A new file with the same problem is new, and the text, JUnit and exit code all see it.
        dir.Write("deploy/payments-copy.yaml", Example("payments-api.yaml").Replace("name: payments-api", "name: payments-copy"));
        var added = Run.InProcess(dir.Path, "lint", "deploy", "--baseline", "baseline.json", "-f", "json");
        Assert.Equal(1, added.ExitCode);
        var f = Assert.Single(Findings(added).EnumerateArray());
        Assert.Equal("deploy/payments-copy.yaml", f.GetProperty("file").GetString());
        Assert.Equal("DA1001", f.GetProperty("ruleId").GetString());
        Assert.Equal(1, JsonDocument.Parse(added.Stdout).RootElement.GetProperty("summary").GetProperty("errors").GetInt32());
    }

    [Fact]
    public void Entries_that_no_longer_match_are_counted_on_standard_error()
    {
        using var dir = Project();
        Assert.Equal(0, Run.InProcess(dir.Path, "baseline", "create", "deploy", "-o", "baseline.json").ExitCode);
        // The payments plan is fixed: its entry no longer matches.
        dir.Write("deploy/payments-api.yaml", Example("payments-api.yaml").Replace("target: container", "target: vm"));
        var r = Run.InProcess(dir.Path, "lint", "deploy", "--baseline", "baseline.json", "-f", "json");
        Assert.Equal(0, r.ExitCode);
        Assert.Equal(0, Findings(r).GetArrayLength());
        Assert.Contains("deploy-advisor: baseline: 1 of its 3 entries no longer matches a finding", r.Stderr);
        Assert.DoesNotContain("baseline", Run.InProcess(dir.Path, "lint", "deploy", "--baseline", "baseline.json", "-q").Stderr);
    }

    [Fact]
    public void A_lint_of_part_of_the_repository_counts_only_the_entries_of_the_files_it_checked()
    {
        using var dir = Project();
        Assert.Equal(0, Run.InProcess(dir.Path, "baseline", "create", "deploy", "-o", "baseline.json").ExitCode);
        // Only one file is linted: the entries of the other files are not stale.
        var one = Run.InProcess(dir.Path, "lint", "deploy/payments-api.yaml", "--baseline", "baseline.json", "-f", "json");
        Assert.Equal(0, one.ExitCode);
        Assert.Contains("deploy-advisor: baseline: every one of its 1 entry for the files checked still matches a finding", one.Stderr);
        // Fixed in that file: its entry is stale, the others still say nothing.
        dir.Write("deploy/payments-api.yaml", Example("payments-api.yaml").Replace("target: container", "target: vm"));
        var fixedOne = Run.InProcess(dir.Path, "lint", "deploy/payments-api.yaml", "--baseline", "baseline.json", "-f", "json");
        Assert.Contains("deploy-advisor: baseline: 1 of its 1 entry for the files checked no longer matches a finding", fixedOne.Stderr);
    }

    [Fact]
    public void An_entry_about_an_artifact_file_is_stale_once_the_artifact_no_longer_draws_it()
    {
        // The finding is located in the manifest, not in the descriptor: the run checked that file too.
        const string descriptor = "apiVersion: deployadvisor/v1\nkind: Workload\nmetadata:\n  name: web\nspec:\n  interface: web\n  security:\n    sensitivity: internal\n  artifacts:\n    - k8s/deployment.yaml\n";
        const string deployment = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: example.com/web:1\n";
        const string privileged = deployment + "          securityContext:\n            privileged: true\n";
        using var dir = new TempDir();
        dir.Write("svc/web.workload.yaml", descriptor);
        dir.Write("svc/k8s/deployment.yaml", privileged);
        Assert.Equal(0, Run.InProcess(dir.Path, "baseline", "create", "svc", "-o", "baseline.json").ExitCode);
        Assert.Contains("\"file\": \"svc/k8s/deployment.yaml\"", File.ReadAllText(Path.Combine(dir.Path, "baseline.json")));
        Assert.Contains("still matches", Run.InProcess(dir.Path, "lint", "svc", "--baseline", "baseline.json", "-f", "json").Stderr);

        dir.Write("svc/k8s/deployment.yaml", deployment);
        var r = Run.InProcess(dir.Path, "lint", "svc", "--baseline", "baseline.json", "-f", "json");
        Assert.Equal(0, r.ExitCode);
        Assert.Equal(0, Findings(r).GetArrayLength());
        Assert.Contains("deploy-advisor: baseline: 1 of its 1 entry no longer matches a finding", r.Stderr);
    }

    [Fact]
    public void Each_entry_matches_one_finding()
    {
        using var dir = new TempDir();
        var ledger = Example("services.yaml").Split("\n---\n")[0];
        dir.Write("twice.yaml", ledger + "\n");
        Assert.Equal(0, Run.InProcess(dir.Path, "baseline", "create", "twice.yaml", "-o", "baseline.json").ExitCode);
        dir.Write("twice.yaml", ledger + "\n---\n" + ledger + "\n");
        var r = Run.InProcess(dir.Path, "lint", "twice.yaml", "--baseline", "baseline.json", "-f", "json");
        Assert.Equal(1, r.ExitCode);
        // One DA1001 was recorded, two are found: the second is new (besides DA0004 for the name used twice).
        var f = Assert.Single(Findings(r).EnumerateArray(), x => x.GetProperty("ruleId").GetString() == "DA1001");
        Assert.Equal("twice.yaml", f.GetProperty("file").GetString());
    }

    [Fact]
    public void Input_errors_are_never_recorded()
    {
        using var dir = Project();
        dir.Write("deploy/broken.yaml", "apiVersion: deployadvisor/v1\nkind: [\n");
        var create = Run.InProcess(dir.Path, "baseline", "create", "deploy", "-o", "baseline.json");
        Assert.Equal(0, create.ExitCode);
        Assert.Contains("1 input error was not recorded", create.Stderr);
        var text = File.ReadAllText(Path.Combine(dir.Path, "baseline.json"));
        Assert.DoesNotContain("DA000", text);
        Assert.DoesNotContain("broken.yaml", text);

        var r = Run.InProcess(dir.Path, "lint", "deploy", "--baseline", "baseline.json", "-f", "json");
        Assert.Equal(1, r.ExitCode);
        var f = Assert.Single(Findings(r).EnumerateArray());
        Assert.Equal("DA0001", f.GetProperty("ruleId").GetString());
    }

    [Theory]
    [InlineData("missing", null, "does not exist")]
    [InlineData("not JSON", "{ entries: ", "is not valid JSON")]
    [InlineData("another version", "{\"version\": 2, \"entries\": []}", "its version is 2")]
    [InlineData("no entries", "{\"version\": 1}", "no \"entries\" array")]
    [InlineData("an entry without its rule", "{\"version\": 1, \"entries\": [{\"file\": \"a.yaml\", \"messageHash\": \"00\"}]}", "entry 0 has no \"ruleId\"")]
    [InlineData("a field of the wrong type", "{\"version\": 1, \"entries\": [{\"ruleId\": \"DA1001\", \"file\": 3, \"messageHash\": \"00\"}]}", "\"file\" is neither a string nor null")]
    public void A_bad_baseline_file_is_a_clear_error(string why, string? content, string message)
    {
        using var dir = Project();
        if (content != null) dir.Write("baseline.json", content);
        var r = Run.InProcess(dir.Path, "lint", "deploy", "--baseline", "baseline.json", "-o", "out.txt");
        Assert.True(r.ExitCode == 2, why);
        Assert.Equal("", r.Stdout);
        Assert.StartsWith("deploy-advisor: error: the baseline 'baseline.json' ", r.Stderr);
        Assert.Contains(message, r.Stderr);
        Assert.DoesNotContain("   at ", r.Stderr);
        Assert.False(File.Exists(Path.Combine(dir.Path, "out.txt")));
    }

    [Fact]
    public void Baseline_create_to_standard_output_and_help()
    {
        using var dir = Project();
        var r = Run.InProcess(dir.Path, "baseline", "create", "deploy/payments-api.yaml");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("\"ruleId\": \"DA1001\"", r.Stdout);
        var help = Run.InProcess(dir.Path, "baseline", "create", "--help");
        Assert.Equal(0, help.ExitCode);
        Assert.Contains("--output", help.Stdout);
        var lint = Run.InProcess(dir.Path, "lint", "--help").Stdout;
        foreach (var option in new[] { "--baseline", "--quiet", "--stdin-path", "junit", "gitlab" }) Assert.Contains(option, lint);
    }
}
