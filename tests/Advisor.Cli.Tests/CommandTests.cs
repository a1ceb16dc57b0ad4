using System.IO;
using System.Linq;
using System.Text.Json;
using DeployAdvisor.Engine.Rules;

namespace DeployAdvisor.Cli.Tests;

/// <summary>The commands through the real command line, in-process (fast); process-level checks are in EndToEndTests.</summary>
public class CommandTests
{
    [Theory]
    [InlineData("--help")]
    [InlineData("lint", "--help")]
    [InlineData("recommend", "--help")]
    [InlineData("explain", "--help")]
    [InlineData("rules", "--help")]
    [InlineData("rules", "list", "--help")]
    [InlineData("rules", "test", "--help")]
    [InlineData("rules", "docs", "--help")]
    [InlineData("schema", "--help")]
    [InlineData("init", "--help")]
    public void Every_command_has_help_with_examples(params string[] args)
    {
        var r = Run.InProcess(Repo.Root, args);
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("Usage:", r.Stdout);
        Assert.Contains("Examples:\n  deploy-advisor", r.Stdout);
    }

    [Theory]
    [InlineData(new[] { "lnt", "examples" }, "Did you mean 'lint'?")]
    [InlineData(new[] { "lint", "examples", "--fromat", "json" }, "Did you mean '--format'?")]
    [InlineData(new[] { "lint", "examples", "--format", "xml" }, "'xml' not recognized")]
    [InlineData(new[] { "lint" }, "Required argument missing")]
    [InlineData(new[] { "rules", "lst" }, "Did you mean 'list'?")]
    [InlineData(new[] { "lint", "examples", "--fail-on", "sometimes" }, "'sometimes' not recognized")]
    [InlineData(new string[0], "name a command")]
    public void Bad_arguments_exit_2_with_a_message_and_a_suggestion(string[] args, string expected)
    {
        var r = Run.InProcess(Repo.Root, args);
        Assert.Equal(2, r.ExitCode);
        Assert.Equal("", r.Stdout);
        Assert.Contains(expected, r.Stderr);
        Assert.DoesNotContain("   at ", r.Stderr); // never a stack trace
    }

    [Fact]
    public void Explain_prints_rationale_sources_fix_and_example()
    {
        var r = Run.InProcess(Repo.Root, "explain", "DA1001");
        Assert.Equal(0, r.ExitCode);
        foreach (var section in new[] { "DA1001 restricted-data-shared-kernel", "What fires it:", "Why:", "How to fix it:", "Example:", "Sources:", "Docs: docs/rules/DA1001.md" })
            Assert.Contains(section, r.Stdout);
    }

    [Fact]
    public void Explain_of_an_unknown_rule_exits_2_with_a_suggestion()
    {
        var r = Run.InProcess(Repo.Root, "explain", "DA1010");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("there is no rule 'DA1010'; did you mean", r.Stderr);
    }

    [Fact]
    public void Rules_list_as_json_lists_every_rule()
    {
        var r = Run.InProcess(Repo.Root, "rules", "list", "--format", "json");
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Stdout);
        var ids = doc.RootElement.GetProperty("rules").EnumerateArray().Select(e => e.GetProperty("id").GetString()).ToList();
        Assert.Equal(RuleSet.BuiltIn.Rules.Select(x => x.Id), ids);
    }

    [Fact]
    public void Rules_list_as_table_shows_ids_and_severities()
    {
        var r = Run.InProcess(Repo.Root, "rules", "list");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("DA4001", r.Stdout);
        Assert.Contains("no-feasible-target", r.Stdout);
    }

    [Fact]
    public void Rules_test_runs_built_in_fixtures()
    {
        var r = Run.InProcess(Repo.Root, "rules", "test");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("PASS DA1001", r.Stdout);
        Assert.Contains(" 0 failed.", r.Stdout);
    }

    internal const string UserRule = """
        rules:
          - id: ACME0001
            name: windows-needs-owner
            category: governance
            severity: warning
            effect: report
            summary: Windows workloads must name an owner.
            rationale: Windows images are large and need a team that patches them.
            when:
              all:
                - field: spec.os
                  equals: windows
                - field: metadata.owner
                  isSet: false
            at: [spec.os, spec]
            message: "windows workload {name} has no owner"
            remediation: Set metadata.owner.
            fixtures:
              fires:
                - description: windows without owner
                  workload: {apiVersion: deployadvisor/v1, kind: Workload, metadata: {name: w}, spec: {interface: web, os: windows, security: {sensitivity: public}}}
              passes:
                - description: FIXTURE-SHOULD-FAIL
                  workload: {apiVersion: deployadvisor/v1, kind: Workload, metadata: {name: w}, spec: {interface: web, os: windows, security: {sensitivity: public}}}
        """;

    [Fact]
    public void Rules_test_of_a_user_folder_exits_1_when_a_fixture_fails()
    {
        using var dir = new TempDir();
        dir.Write("rules/acme.yaml", UserRule);
        var r = Run.InProcess(dir.Path, "rules", "test", "rules");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("PASS ACME0001 fires: windows without owner", r.Stdout);
        Assert.Contains("FAIL ACME0001 passes: FIXTURE-SHOULD-FAIL", r.Stdout);
        Assert.Contains("PASS DA1001", r.Stdout);
    }

    [Fact]
    public void User_rules_from_the_config_take_part_in_lint()
    {
        using var dir = new TempDir();
        dir.Write("ci/rules/acme.yaml", UserRule.Replace("FIXTURE-SHOULD-FAIL", "x"));
        dir.Write(".deployadvisor.yaml", "ruleFolders: [ci/rules]\n");
        dir.Write("w.yaml", Descriptors.Clean().Replace("interface: web", "interface: web\n  os: windows"));
        var r = Run.InProcess(dir.Path, "lint", "w.yaml", "--format", "json");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("\"ruleId\": \"ACME0001\"", r.Stdout);
    }

    [Fact]
    public void An_invalid_user_rule_file_exits_2_with_located_findings()
    {
        using var dir = new TempDir();
        dir.Write("rules/bad.yaml", "rules:\n  - id: ACME0001\n    name: x\n");
        dir.Write("w.yaml", Descriptors.Clean());
        var r = Run.InProcess(dir.Path, "lint", "w.yaml", "--rules", "rules");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("rules/bad.yaml:2:", r.Stderr);
        Assert.Contains("DA0008", r.Stderr);
    }

    [Theory]
    [InlineData("workload", "workload-v1.schema.json")]
    [InlineData("rules", "rules.schema.json")]
    [InlineData("config", "config.schema.json")]
    public void Schema_prints_the_committed_schema(string kind, string file)
    {
        var r = Run.InProcess(Repo.Root, "schema", kind);
        Assert.Equal(0, r.ExitCode);
        Assert.Equal(Repo.Normalize(File.ReadAllText(Path.Combine(Repo.Root, "schemas", file))), Repo.Normalize(r.Stdout));
    }

    [Fact]
    public void Init_writes_a_starter_that_lints_clean_and_the_schema_its_modeline_names()
    {
        using var dir = new TempDir();
        var r = Run.InProcess(dir.Path, "init", "--name", "my-service");
        Assert.Equal(0, r.ExitCode);
        var starter = File.ReadAllText(Path.Combine(dir.Path, "workload.yaml"));
        Assert.StartsWith("# yaml-language-server: $schema=.deployadvisor/workload-v1.schema.json\n", starter);
        Assert.Equal(File.ReadAllText(Path.Combine(Repo.Root, "schemas", "workload-v1.schema.json")),
            File.ReadAllText(Path.Combine(dir.Path, ".deployadvisor", "workload-v1.schema.json")));
        var lint = Run.InProcess(dir.Path, "lint", "workload.yaml", "--fail-on", "info");
        Assert.Equal(0, lint.ExitCode);

        File.WriteAllText(Path.Combine(dir.Path, "workload.yaml"), "mine");
        var again = Run.InProcess(dir.Path, "init");
        Assert.Equal(2, again.ExitCode);
        Assert.Contains("never overwrites", again.Stderr);
        Assert.Equal("mine", File.ReadAllText(Path.Combine(dir.Path, "workload.yaml")));
    }

    [Fact]
    public void Recommend_exits_0_for_an_infeasible_workload_and_1_for_input_not_understood()
    {
        Assert.Equal(0, Run.InProcess(Repo.Root, "recommend", "examples/edge-inspector.yaml").ExitCode);
        using var dir = new TempDir();
        dir.Write("bad.yaml", Descriptors.Clean().Replace("sensitivity: public", "sensitivty: public"));
        var r = Run.InProcess(dir.Path, "recommend", "bad.yaml", "--format", "json");
        Assert.Equal(1, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Stdout);
        var result = Assert.Single(doc.RootElement.GetProperty("results").EnumerateArray());
        Assert.Equal("site", result.GetProperty("workload").GetString());
        Assert.Equal(JsonValueKind.Null, result.GetProperty("recommendation").ValueKind);
        Assert.Equal(0, result.GetProperty("ranking").GetArrayLength());
        Assert.Contains(result.GetProperty("findings").EnumerateArray(), f => f.GetProperty("ruleId").GetString() == "DA0002");
    }

    [Fact]
    public void Recommend_json_for_a_file_that_is_not_yaml_has_a_result_with_null_workload()
    {
        using var dir = new TempDir();
        dir.Write("broken.yaml", "apiVersion: deployadvisor/v1\nkind: [\n");
        var r = Run.InProcess(dir.Path, "recommend", "broken.yaml", "--format", "json");
        Assert.Equal(1, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Stdout);
        var result = Assert.Single(doc.RootElement.GetProperty("results").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, result.GetProperty("workload").ValueKind);
        Assert.Equal("DA0001", result.GetProperty("findings")[0].GetProperty("ruleId").GetString());
    }

    [Fact]
    public void Infeasible_workloads_say_what_would_have_to_change()
    {
        var r = Run.InProcess(Repo.Root, "recommend", "examples/edge-inspector.yaml");
        Assert.Contains("What would have to change:", r.Stdout);
        Assert.Contains("- vm fits if spec.budgets.startup is at least 30s", r.Stdout);
    }
}
