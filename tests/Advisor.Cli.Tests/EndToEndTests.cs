using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;

namespace DeployAdvisor.Cli.Tests;

/// <summary>The CLI as installed (Run.Start: the tool package, packed and installed once per build), as a separate process: exit codes, stdout/stderr separation, --output atomicity, SIGINT.</summary>
[Trait("Category", "Slow")]
public class EndToEndTests
{
    [Fact]
    public void Lint_of_examples_exits_1_with_findings_on_stdout_and_nothing_on_stderr()
    {
        var r = Run.Exec(Repo.Root, new[] { "lint", "examples" });
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("examples/payments-api.yaml:25:13: error DA1001", r.Stdout);
        Assert.Contains("    target: container\n", r.Stdout);
        Assert.Equal("", r.Stderr);
        Assert.False(r.Stdout.Contains('\u001b'), "piped output has no colour");
    }

    [Fact]
    public void Fail_on_sets_the_threshold()
    {
        using var dir = new TempDir();
        dir.Write("crm.yaml", Descriptors.Confidential()); // a DA1004 warning only
        Assert.Equal(0, Run.Exec(dir.Path, new[] { "lint", "crm.yaml" }).ExitCode);
        Assert.Equal(1, Run.Exec(dir.Path, new[] { "lint", "crm.yaml", "--fail-on", "warning" }).ExitCode);
        dir.Write("vault.yaml", Descriptors.Restricted());
        Assert.Equal(0, Run.Exec(dir.Path, new[] { "lint", ".", "--fail-on", "never" }).ExitCode);
    }

    [Fact]
    public void Unknown_command_exits_2_with_a_suggestion_on_stderr_only()
    {
        var r = Run.Exec(Repo.Root, new[] { "recomend", "examples" });
        Assert.Equal(2, r.ExitCode);
        Assert.Equal("", r.Stdout);
        Assert.Contains("Did you mean 'recommend'?", r.Stderr);
    }

    [Fact]
    public void A_path_that_does_not_exist_exits_2()
    {
        var r = Run.Exec(Repo.Root, new[] { "lint", "no/such/dir" });
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("'no/such/dir' does not exist", r.Stderr);
    }

    [Fact]
    public void An_invalid_config_exits_2_with_a_located_DA0008()
    {
        using var dir = new TempDir();
        dir.Write("w.yaml", Descriptors.Clean());
        dir.Write(".deployadvisor.yaml", "rules:\n  - id: DA1004\n    severity: loud\n");
        var r = Run.Exec(dir.Path, new[] { "lint", "w.yaml" });
        Assert.Equal(2, r.ExitCode);
        Assert.Equal("", r.Stdout);
        Assert.Contains(".deployadvisor.yaml:3:15: error DA0008: configuration: rules[0].severity must be one of error, warning, info, off", r.Stderr);
        Assert.DoesNotContain("   at ", r.Stderr);
    }

    [Fact]
    public void An_unreadable_file_is_reported_on_stderr_after_the_other_files_and_exits_2()
    {
        using var dir = new TempDir();
        dir.Write("a.yaml", Descriptors.Restricted("a"));
        File.CreateSymbolicLink(Path.Combine(dir.Path, "b.yaml"), Path.Combine(dir.Path, "missing-target.yaml"));
        dir.Write("c.yaml", Descriptors.Restricted("c"));
        var r = Run.Exec(dir.Path, new[] { "lint", "." });
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("a.yaml:10:13: error DA1001", r.Stdout);
        Assert.Contains("c.yaml:10:13: error DA1001", r.Stdout);
        Assert.Contains("could not read 'b.yaml'", r.Stderr);
    }

    [Fact]
    public void Nothing_to_check_exits_2()
    {
        using var dir = new TempDir();
        dir.Write("chart/values.yaml", "replicaCount: 1\n");
        var r = Run.Exec(dir.Path, new[] { "lint", "chart" });
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("nothing to check in 'chart'", r.Stderr);
    }

    [Fact]
    public void Scans_skip_other_tools_yaml_hidden_and_build_folders_and_survive_symlink_loops()
    {
        using var dir = new TempDir();
        dir.Write("svc/w.yaml", Descriptors.Clean());
        dir.Write("svc/broken-helm.yaml", "{{ if .Values.x }}: [\n");        // not ours: never parsed
        dir.Write(".github/w.yaml", Descriptors.Restricted("hidden"));
        dir.Write("node_modules/w.yaml", Descriptors.Restricted("nm"));
        dir.Write("bin/w.yaml", Descriptors.Restricted("bin"));
        Directory.CreateSymbolicLink(Path.Combine(dir.Path, "svc", "loop"), dir.Path);
        var r = Run.Exec(dir.Path, new[] { "lint", ".", "--format", "json" });
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("\"findings\": []", r.Stdout);
        Assert.Contains("\"files\": 1", r.Stdout);
    }

    [Fact]
    public void Scans_follow_links_to_folders_and_take_hidden_files()
    {
        using var outside = new TempDir();
        outside.Write("shared/team.yaml", Descriptors.Restricted("linked"));
        using var dir = new TempDir();
        dir.Write("svc/.w.yaml", Descriptors.Restricted("dotfile"));
        Directory.CreateSymbolicLink(Path.Combine(dir.Path, "svc", "shared"), Path.Combine(outside.Path, "shared"));
        File.CreateSymbolicLink(Path.Combine(dir.Path, "svc", "alias.yaml"), Path.Combine(dir.Path, "svc", ".w.yaml"));
        var r = Run.Exec(dir.Path, new[] { "lint", ".", "--format", "github" });
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("file=svc/shared/team.yaml", r.Stdout);
        Assert.Contains("file=svc/.w.yaml", r.Stdout);
        Assert.Contains("file=svc/alias.yaml", r.Stdout); // a link to a file is a file
    }

    [Fact]
    public void Output_is_written_atomically_and_equals_stdout()
    {
        using var dir = new TempDir();
        var target = Path.Combine(dir.Path, "out.json");
        File.WriteAllText(target, "old");
        var r = Run.Exec(Repo.Root, new[] { "lint", "examples", "--format", "json", "--output", target });
        Assert.Equal(1, r.ExitCode);
        Assert.Equal("", r.Stdout);
        var direct = Run.Exec(Repo.Root, new[] { "lint", "examples", "--format", "json" });
        Assert.Equal(direct.Stdout, Repo.Normalize(File.ReadAllText(target)));
        Assert.Equal(new[] { "out.json" }, Directory.GetFiles(dir.Path).Select(Path.GetFileName)); // no temporary file left

        var missing = Run.Exec(Repo.Root, new[] { "lint", "examples", "--output", Path.Combine(dir.Path, "no", "such", "out.txt") });
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("folder does not exist", missing.Stderr);
    }

    [Fact]
    public void Sigint_exits_130_and_leaves_no_partial_output()
    {
        using var dir = new TempDir();
        for (int i = 0; i < 4; i++) dir.Write($"w{i}.yaml", Descriptors.Clean($"w{i}"));
        var target = Path.Combine(dir.Path, "report.sarif");
        File.WriteAllText(target, "previous report");
        using var p = Run.Start(dir.Path, new[] { "lint", ".", "--format", "sarif", "--output", target, "--jobs", "1" },
            new Dictionary<string, string> { ["DEPLOYADVISOR_TEST_FILE_DELAY_MS"] = "1500" });
        var stderr = p.StandardError.ReadToEndAsync();
        Thread.Sleep(2000); // started, and inside the run (4 files x 1.5 s)
        Assert.False(p.HasExited);
        using (var kill = Process.Start(new ProcessStartInfo("kill", $"-INT {p.Id}") { UseShellExecute = false })!) kill.WaitForExit();
        Assert.True(p.WaitForExit(20_000), "the CLI did not stop after SIGINT");
        Assert.Equal(130, p.ExitCode);
        Assert.Equal("previous report", File.ReadAllText(target));
        Assert.Equal(5, Directory.GetFiles(dir.Path).Length); // 4 inputs + the old report, no temporary file
        Assert.Contains("interrupted", stderr.Result);
    }

    [Fact]
    public void Colour_only_when_asked_or_on_a_terminal_and_never_with_NO_COLOR()
    {
        var always = Run.Exec(Repo.Root, new[] { "lint", "examples/payments-api.yaml", "--color", "always" });
        Assert.True(always.Stdout.Contains("\u001b[", StringComparison.Ordinal));
        var noColor = Run.Exec(Repo.Root, new[] { "recommend", "examples/payments-api.yaml" }, new Dictionary<string, string> { ["NO_COLOR"] = "1" });
        Assert.False(noColor.Stdout.Contains('\u001b'));
        Assert.Contains("Recommendation: vm", noColor.Stdout);
    }

    [Fact]
    public void Output_does_not_depend_on_parallelism()
    {
        using var dir = new TempDir();
        for (int i = 0; i < 40; i++)
            dir.Write($"d{i % 5}/w{i}.yaml", i % 3 == 0 ? Descriptors.Restricted($"w{i % 7}") : Descriptors.Confidential($"w{i}"));
        var one = Run.Exec(dir.Path, new[] { "lint", ".", "--format", "json", "--jobs", "1" });
        var many = Run.Exec(dir.Path, new[] { "lint", ".", "--format", "json", "--jobs", "8" });
        Assert.Equal(1, one.ExitCode);
        Assert.Equal(one.Stdout, many.Stdout);
        Assert.Contains("DA0004", one.Stdout);
    }

    [Fact]
    public void Globs_behave_like_scans()
    {
        using var dir = new TempDir();
        dir.Write("deploy/a/w.yaml", Descriptors.Restricted("a"));
        dir.Write("deploy/b/w.yml", Descriptors.Restricted("b"));
        dir.Write("deploy/b/other.yaml", "kind: ConfigMap\n");
        var r = Run.Exec(dir.Path, new[] { "lint", "deploy/**/*.yaml", "--format", "github" });
        Assert.Equal(1, r.ExitCode);
        Assert.Equal("::error file=deploy/a/w.yaml,line=10,col=13,endLine=10,endColumn=22,title=DA1001 restricted-data-shared-kernel::", r.Stdout.Substring(0, r.Stdout.IndexOf("::restricted", StringComparison.Ordinal) + 2));
        Assert.Single(r.Stdout.Trim().Split('\n'));
    }
}
