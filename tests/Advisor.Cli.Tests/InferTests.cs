using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace DeployAdvisor.Cli.Tests;

/// <summary>
/// `deploy-advisor infer` end to end through the built CLI: the golden drafts of samples/shop, the
/// JSON shape of artifacts.md, --write and --force, exit codes, and bad input (a malformed manifest,
/// a Helm template, a binary Dockerfile, an unreadable project, a FIFO, a link loop, no network).
/// </summary>
public class InferTests
{
    private static string Sample => Path.Combine(Repo.Root, "samples", "shop");
    private static string GoldenPath(string name) => Path.Combine(Repo.TestsDir, "golden", name);

    private const string Deployment = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  replicas: 2\n  template:\n    spec:\n      containers:\n        - name: api\n          image: example.com/api:1\n";

    private static CliResult Infer(string cwd, params string[] args) => Run.Exec(cwd, new[] { "infer" }.Concat(args).ToArray());

    // ---- the sample and its golden outputs ----

    [Theory]
    [InlineData("text", "infer.txt")]
    [InlineData("json", "infer.json")]
    public void Sample_matches_the_golden_output(string format, string golden)
    {
        var r = Infer(Sample, ".", "--format", format);
        Assert.Equal(0, r.ExitCode);
        Assert.Equal("", r.Stderr);
        Repo.AssertMatchesFile(GoldenPath(golden), r.Stdout);
    }

    [Fact]
    public void Json_has_the_documented_shape()
    {
        var r = Infer(Sample, ".", "--format", "json");
        using var doc = JsonDocument.Parse(r.Stdout);
        var root = doc.RootElement;
        Assert.Equal(new[] { "version", "workloads", "platform" }, root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(1, root.GetProperty("version").GetInt32());
        foreach (var w in root.GetProperty("workloads").EnumerateArray())
        {
            Assert.Equal(new[] { "name", "fields", "conflicts", "questions", "artifacts" }, w.EnumerateObject().Select(p => p.Name));
            foreach (var f in w.GetProperty("fields").EnumerateObject())
            {
                Assert.StartsWith("spec.", f.Name);
                Assert.Equal(new[] { "value", "evidence" }, f.Value.EnumerateObject().Select(p => p.Name));
                foreach (var e in f.Value.GetProperty("evidence").EnumerateArray())
                    Assert.Equal(new[] { "file", "line", "column", "text" }, e.EnumerateObject().Select(p => p.Name));
            }
            Assert.Contains("spec.security.sensitivity", w.GetProperty("questions").EnumerateArray().Select(q => q.GetString()));
        }
        var cart = root.GetProperty("workloads").EnumerateArray().Single(w => w.GetProperty("name").GetString() == "cartservice");
        Assert.Equal("sandboxed-container", cart.GetProperty("fields").GetProperty("spec.deployment.target").GetProperty("value").GetString());
        Assert.Equal("2m", cart.GetProperty("fields").GetProperty("spec.budgets.startup").GetProperty("value").GetString());
        Assert.Equal("deploy/k8s/cartservice.yaml", cart.GetProperty("artifacts")[0].GetString());
        var reports = root.GetProperty("workloads").EnumerateArray().Single(w => w.GetProperty("name").GetString() == "reports");
        Assert.Equal(JsonValueKind.Array, reports.GetProperty("fields").GetProperty("spec.host.devices").GetProperty("value").ValueKind);
        var legacy = root.GetProperty("workloads").EnumerateArray().Single(w => w.GetProperty("name").GetString() == "legacyapi");
        var conflict = legacy.GetProperty("conflicts").EnumerateArray().Single();
        Assert.Equal("spec.windows.image", conflict.GetProperty("field").GetString());
        Assert.Equal(new[] { "nanoserver", "servercore" }, conflict.GetProperty("candidates").EnumerateArray().Select(c => c.GetProperty("value").GetString()));
        Assert.Equal(new[] { "spec.interface", "spec.security.sensitivity" }, legacy.GetProperty("questions").EnumerateArray().Select(q => q.GetString()));
        var platform = root.GetProperty("platform").EnumerateArray().Single();
        Assert.Equal("kata", platform.GetProperty("runtimeClass").GetString());
        Assert.Equal("160Mi", platform.GetProperty("memoryOverhead").GetString());
        Assert.Equal("160MiB", platform.GetProperty("suggested").GetString());
        Assert.Equal("deploy/k8s/runtimeclass.yaml", platform.GetProperty("file").GetString());
    }

    [Fact]
    public void Text_drafts_carry_evidence_questions_conflicts_and_hosts()
    {
        var text = Infer(Sample, ".").Stdout;
        var docs = text.Split("\n---\n");
        Assert.Equal(7, docs.Length);
        Assert.All(docs, d => Assert.StartsWith("# yaml-language-server: $schema=.deployadvisor/workload-v1.schema.json\n", d));
        Assert.All(docs, d => Assert.Contains("  # security:\n  #   sensitivity: ???", d));
        Assert.All(docs, d => Assert.Contains("hosts: shared         # not inferable", d));
        // every value line under spec (not a comment, not a list item, not a mapping key) names its evidence
        foreach (var d in docs)
        {
            var spec = d.Substring(d.IndexOf("\nspec:\n", StringComparison.Ordinal));
            foreach (var line in spec.Split('\n').Where(l => Regex.IsMatch(l, @"^\s+[a-zA-Z]+: \S")))
                if (!line.TrimStart().StartsWith("artifacts:", StringComparison.Ordinal))
                    Assert.Matches(@"# .+ at [^ ]+:\d+:\d+", line);
        }
        var agent = docs.Single(d => d.Contains("name: log-agent"));
        Assert.Contains("    privileged: true  # privileged: true at deploy/k8s/log-agent.yaml:21:13\n", agent);
        var legacy = docs.Single(d => d.Contains("name: legacyapi"));
        Assert.Contains("  # windows:\n  #   image: nanoserver  # FROM mcr.microsoft.com/windows/nanoserver:ltsc2022 at src/LegacyApi/Dockerfile:3:1", legacy);
        Assert.Contains("  #   image: servercore  # <TargetFrameworkVersion>v4.8</TargetFrameworkVersion> at src/LegacyApi/LegacyApi.csproj:5:5", legacy);
        Assert.Contains("memoryOverhead: 160MiB", docs.Last());
    }

    [Fact]
    public void Paths_are_relative_to_the_working_directory_when_printed()
    {
        var r = Infer(Repo.Root, "samples/shop/deploy", "samples/shop/compose.yaml");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("    - samples/shop/deploy/k8s/cartservice.yaml\n", r.Stdout);
        Assert.Contains("at samples/shop/compose.yaml:", r.Stdout);
    }

    // ---- --write, --force, --output ----

    [Fact]
    public void Write_makes_one_draft_per_workload_with_paths_relative_to_it()
    {
        using var dir = new TempDir();
        CopyDirectory(Sample, Path.Combine(dir.Path, "shop"));
        var shop = Path.Combine(dir.Path, "shop");
        var r = Infer(shop, ".", "--write", "workloads");
        Assert.Equal(0, r.ExitCode);
        Assert.Equal("", r.Stdout.Split("# Platform figures")[0]);
        var files = Directory.GetFiles(Path.Combine(shop, "workloads"), "*.workload.yaml").Select(Path.GetFileName).OrderBy(f => f).ToArray();
        Assert.Equal(new[] { "cache", "cartservice", "frontend", "legacyapi", "log-agent", "reports", "shop-desktop" }.Select(n => n + ".workload.yaml"), files);
        Assert.True(File.Exists(Path.Combine(shop, "workloads", ".deployadvisor", "workload-v1.schema.json")));
        var cart = File.ReadAllText(Path.Combine(shop, "workloads", "cartservice.workload.yaml"));
        Assert.Contains("    - ../deploy/k8s/cartservice.yaml\n    - ../src/cartservice/Dockerfile\n", cart);
        Assert.Contains("at ../deploy/k8s/cartservice.yaml:", cart);
        Assert.Contains("deploy-advisor: wrote workloads/cartservice.workload.yaml", r.Stderr);

        // The drafts are descriptors, not artifacts: a second run over the folder finds the same workloads.
        var again = Infer(shop, ".", "--format", "json");
        Assert.Equal(Infer(Sample, ".", "--format", "json").Stdout, again.Stdout);
        Assert.Equal("", again.Stderr);
    }

    [Fact]
    public void Write_never_overwrites_without_force_and_then_writes_nothing()
    {
        using var dir = new TempDir();
        dir.Write("deploy/api.yaml", Deployment);
        dir.Write("compose.yaml", "services:\n  worker:\n    image: x\n");
        var kept = dir.Write("out/worker.workload.yaml", "# mine\n");
        var r = Infer(dir.Path, "deploy", "compose.yaml", "--write", "out");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("out/worker.workload.yaml", r.Stderr);
        Assert.Contains("--force", r.Stderr);
        Assert.Equal("# mine\n", File.ReadAllText(kept));
        Assert.False(File.Exists(Path.Combine(dir.Path, "out", "api.workload.yaml")));
        Assert.False(Directory.Exists(Path.Combine(dir.Path, "out", ".deployadvisor")));

        var forced = Infer(dir.Path, "deploy", "compose.yaml", "--write", "out", "--force");
        Assert.Equal(0, forced.ExitCode);
        Assert.Contains("name: worker", File.ReadAllText(kept));
        Assert.True(File.Exists(Path.Combine(dir.Path, "out", "api.workload.yaml")));
    }

    [Fact]
    public void Output_is_written_as_a_whole_file_and_nothing_is_printed()
    {
        using var dir = new TempDir();
        dir.Write("api.yaml", Deployment);
        var r = Infer(dir.Path, ".", "--format", "json", "--output", "inferred.json");
        Assert.Equal(0, r.ExitCode);
        Assert.Equal("", r.Stdout);
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir.Path, "inferred.json")));
        Assert.Equal("api", doc.RootElement.GetProperty("workloads")[0].GetProperty("name").GetString());
        Assert.Empty(Directory.GetFiles(dir.Path, "*.tmp"));
    }

    [Theory]
    [InlineData("--force")]
    [InlineData("--write", "out", "--output", "x.yaml")]
    [InlineData("--write", "out", "--format", "json")]
    public void Contradictory_options_are_usage_errors(params string[] options)
    {
        using var dir = new TempDir();
        dir.Write("api.yaml", Deployment);
        var r = Infer(dir.Path, new[] { "." }.Concat(options).ToArray());
        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith("deploy-advisor: error: ", r.Stderr);
        Assert.Equal("", r.Stdout);
        Assert.False(Directory.Exists(Path.Combine(dir.Path, "out")));
    }

    // ---- exit codes and bad input ----

    [Fact]
    public void Nothing_inferable_exits_2_and_still_prints_platform_figures()
    {
        using var dir = new TempDir();
        dir.Write("README.md", "# nothing here\n");
        dir.Write("values.yaml", "replicaCount: 1\n");
        var none = Infer(dir.Path, ".");
        Assert.Equal(2, none.ExitCode);
        Assert.Equal("", none.Stdout);
        Assert.Contains("no workload found", none.Stderr);

        dir.Write("runtimeclass.yaml", "apiVersion: node.k8s.io/v1\nkind: RuntimeClass\nmetadata:\n  name: gvisor\nhandler: runsc\noverhead:\n  podFixed:\n    memory: 64Mi\n");
        var platform = Infer(dir.Path, ".", "--format", "json");
        Assert.Equal(2, platform.ExitCode);
        using var doc = JsonDocument.Parse(platform.Stdout);
        Assert.Equal(0, doc.RootElement.GetProperty("workloads").GetArrayLength());
        Assert.Equal("64MiB", doc.RootElement.GetProperty("platform")[0].GetProperty("suggested").GetString());
        Assert.Contains("memoryOverhead: 64MiB", Infer(dir.Path, ".").Stdout);
    }

    [Fact]
    public void Help_has_examples_and_a_mistyped_option_gets_a_suggestion()
    {
        using var dir = new TempDir();
        var help = Run.InProcess(dir.Path, "infer", "--help");
        Assert.Equal(0, help.ExitCode);
        Assert.Contains("deploy-advisor infer deploy/ src/ --write workloads/", help.Stdout);
        var typo = Run.InProcess(dir.Path, "infer", "--frce", ".");
        Assert.Equal(2, typo.ExitCode);
        Assert.Contains("Did you mean '--force'?", typo.Stderr);
    }

    [Fact]
    public void A_path_that_does_not_exist_is_a_usage_error()
    {
        using var dir = new TempDir();
        var r = Infer(dir.Path, "no-such-folder");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("'no-such-folder' does not exist", r.Stderr);
    }

    [Fact]
    public void A_malformed_manifest_is_reported_at_its_place_and_the_other_files_go_on()
    {
        using var dir = new TempDir();
        dir.Write("deploy/broken.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: broken\n  labels: {app: broken\nspec: {}\n");
        dir.Write("deploy/api.yaml", Deployment);
        var r = Infer(dir.Path, ".");
        Assert.Equal(0, r.ExitCode);
        Assert.Matches(@"(?m)^deploy/broken\.yaml:\d+:\d+: error DA0001: ", r.Stderr);
        Assert.Contains("  name: api  # Deployment api at deploy/api.yaml:4:3", r.Stdout);
        Assert.DoesNotContain("name: broken", r.Stdout);
    }

    [Fact]
    public void Folder_scans_skip_the_configs_ignored_paths_but_a_named_file_is_read()
    {
        using var dir = new TempDir();
        dir.Write(".deployadvisor.yaml", "ignore:\n  - legacy/\n  - '*.generated.yaml'\n");
        dir.Write("deploy/api.yaml", Deployment);
        dir.Write("legacy/old.yaml", Deployment.Replace("name: api", "name: old"));
        dir.Write("deploy/web.generated.yaml", Deployment.Replace("name: api", "name: gen"));
        dir.Write("legacy/Dockerfile", "FROM mcr.microsoft.com/windows/servercore:ltsc2022\n");
        // From a subfolder: the config is found by walking up, and its patterns stay relative to its own folder.
        var r = Infer(Path.Combine(dir.Path, "deploy"), "..");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("name: api", r.Stdout);
        Assert.DoesNotContain("name: old", r.Stdout);
        Assert.DoesNotContain("name: gen", r.Stdout);
        Assert.DoesNotContain("legacy", r.Stdout + r.Stderr);
        var named = Infer(dir.Path, "legacy/old.yaml");
        Assert.Equal(0, named.ExitCode);
        Assert.Contains("name: old", named.Stdout);
    }

    [Fact]
    public void An_invalid_config_stops_infer_with_a_located_error_and_exit_2()
    {
        using var dir = new TempDir();
        dir.Write(".deployadvisor.yaml", "ignore: 3\n");
        dir.Write("deploy/api.yaml", Deployment);
        var r = Infer(dir.Path, ".");
        Assert.Equal(2, r.ExitCode);
        Assert.Equal("", r.Stdout);
        Assert.Matches(@"(?m)^\.deployadvisor\.yaml:1:\d+: error DA0008: ", r.Stderr);
    }

    [Fact]
    public void A_second_workload_of_the_same_name_is_renamed_with_a_note()
    {
        using var dir = new TempDir();
        dir.Write("dev/api.yaml", Deployment);
        dir.Write("prod/api.yaml", Deployment);
        var r = Infer(dir.Path, ".");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("  name: api  # Deployment api at dev/api.yaml:4:3", r.Stdout);
        Assert.Contains("  name: api-2  # Deployment api at prod/api.yaml:4:3", r.Stdout);
        Assert.Contains("# NOTE: the name 'api' is taken", r.Stdout);
        Assert.Single(Regex.Matches(r.Stderr, "deploy-advisor: note: the name 'api' is taken"));
    }

    [Theory]
    [InlineData("1e3")]
    [InlineData("0x1f")]
    [InlineData("404")]
    public void A_name_that_YAML_would_read_as_a_number_is_quoted(string name)
    {
        using var dir = new TempDir();
        dir.Write("deploy/app.yaml", Deployment.Replace("name: api", "name: " + name));
        var r = Infer(dir.Path, ".");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains($"  name: \"{name}\"  # Deployment {name} at deploy/app.yaml:4:3", r.Stdout);
    }


    [Fact]
    public void A_value_with_more_than_eight_pieces_of_evidence_lists_eight_and_counts_the_rest()
    {
        using var dir = new TempDir();
        var manifest = new System.Text.StringBuilder("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: agent\nspec:\n  template:\n    spec:\n      containers:\n");
        for (int i = 0; i < 10; i++)
            manifest.Append($"        - name: c{i}\n          image: example.com/c{i}:1\n          securityContext:\n            privileged: true\n");
        dir.Write("deploy/agent.yaml", manifest.ToString());
        var r = Infer(dir.Path, ".");
        Assert.Equal(0, r.ExitCode);
        var expected = "    privileged: true  # privileged: true at deploy/agent.yaml:12:13\n"
            + string.Concat(Enumerable.Range(1, 7).Select(i => $"    #   and privileged: true at deploy/agent.yaml:{12 + 4 * i}:13\n"))
            + "    #   and 2 more\n";
        Assert.Contains(expected, r.Stdout);
    }

    [Fact]
    public void Artifact_text_in_a_comment_is_one_line_of_at_most_160_characters()
    {
        // A tab and a line separator (YAML's \L) in a name, and a FROM line longer than a comment may quote.
        using var dir = new TempDir();
        dir.Write("svc/deploy.yaml", Deployment.Replace("name: api\nspec", "name: \"web\\tapi\\Lx\"\nspec"));
        var image = "mcr.microsoft.com/windows/servercore:ltsc2022-" + new string('x', 150);
        dir.Write("svc/Dockerfile", $"FROM {image}\n");
        var r = Infer(dir.Path, ".");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("  name: web-api-x  # Deployment web api x at svc/deploy.yaml:4:3\n", r.Stdout);
        var quoted = ("FROM " + image).Substring(0, 160) + "…";
        Assert.Contains($"  os: windows  # {quoted} at svc/Dockerfile:1:1 (", r.Stdout);
        Assert.DoesNotContain('\t', r.Stdout);
        Assert.DoesNotContain('\u2028', r.Stdout);
    }
    [Fact]
    public void A_helm_template_is_skipped_with_a_note()
    {
        using var dir = new TempDir();
        dir.Write("chart/templates/deployment.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ include \"x.fullname\" . }}\nspec:\n  replicas: {{ .Values.replicas }}\n");
        dir.Write("deploy/api.yaml", Deployment);
        var r = Infer(dir.Path, ".");
        Assert.Equal(0, r.ExitCode);
        Assert.Matches(@"(?m)^chart/templates/deployment\.yaml: note: .*[Hh]elm", r.Stderr);
        Assert.Single(r.Stdout.Split("\n---\n"));
    }

    [Fact]
    public void A_binary_file_named_Dockerfile_does_not_stop_the_run()
    {
        using var dir = new TempDir();
        var bytes = new byte[4096];
        new Random(7).NextBytes(bytes);
        bytes[0] = 0x7f; bytes[1] = (byte)'E'; bytes[2] = (byte)'L'; bytes[3] = (byte)'F'; bytes[10] = 0;
        Directory.CreateDirectory(Path.Combine(dir.Path, "tools"));
        File.WriteAllBytes(Path.Combine(dir.Path, "tools", "Dockerfile"), bytes);
        dir.Write("deploy/api.yaml", Deployment);
        var r = Infer(dir.Path, ".");
        Assert.Equal(0, r.ExitCode);
        Assert.DoesNotContain("internal error", r.Stderr);
        Assert.Matches(@"(?m)^tools/Dockerfile:1:1: error DA0001: ", r.Stderr);
        Assert.Contains("name: api", r.Stdout);
        Assert.DoesNotContain("\0", r.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unreadable_project_file_is_reported_and_the_rest_goes_on()
    {
        using var dir = new TempDir();
        dir.Write("src/Web/Web.csproj", "<Project Sdk=\"Microsoft.NET.Sdk.Web\" />");
        Directory.CreateDirectory(Path.Combine(dir.Path, "src", "Api"));
        // A link to nowhere: the listing finds it, the read cannot (chmod 000 does not stop root).
        File.CreateSymbolicLink(Path.Combine(dir.Path, "src", "Api", "Api.csproj"), Path.Combine(dir.Path, "gone", "Api.csproj"));
        var r = Infer(dir.Path, ".");
        Assert.Equal(0, r.ExitCode);
        Assert.Matches(@"(?m)^src/Api/Api\.csproj: error: could not be read", r.Stderr);
        Assert.Contains("name: web", r.Stdout);
    }

    [Fact]
    public void A_fifo_named_Dockerfile_and_a_link_loop_do_not_hang_the_run()
    {
        if (OperatingSystem.IsWindows()) return;
        using var dir = new TempDir();
        dir.Write("deploy/api.yaml", Deployment);
        Directory.CreateDirectory(Path.Combine(dir.Path, "pipe"));
        using (var mk = Process.Start("mkfifo", Path.Combine(dir.Path, "pipe", "Dockerfile"))!) mk.WaitForExit();
        Directory.CreateSymbolicLink(Path.Combine(dir.Path, "deploy", "loop"), dir.Path);
        var r = Run.Exec(dir.Path, new[] { "infer", "." }, timeoutMs: 30_000);
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("name: api", r.Stdout);
        Assert.Single(Regex.Matches(r.Stdout, "name: api  #"));
    }

    /// <summary>
    /// What each odd file reads as, pinned in the words users see: a link to nowhere and a link loop cannot be
    /// read, a file over the limit is DA0007 with its size, a FIFO, a device and a socket named like artifacts
    /// read as empty. On Linux infer opens files itself (without blocking on a FIFO); the portable read, which
    /// other systems use, must say the same.
    /// </summary>
    [Theory]
    [InlineData("text", false)]
    [InlineData("text", true)]
    [InlineData("json", false)]
    [InlineData("json", true)]
    public void Links_to_nowhere_loops_fifos_devices_sockets_and_huge_files_read_as_before(string format, bool portable)
    {
        if (OperatingSystem.IsWindows()) return;
        using var dir = new TempDir();
        dir.Write("deploy/api.yaml", Deployment);
        dir.Write("big/huge.yaml", "# " + new string('x', 4_200_000) + "\n");
        Directory.CreateDirectory(Path.Combine(dir.Path, "pipe"));
        using (var mk = Process.Start("mkfifo", Path.Combine(dir.Path, "pipe", "Dockerfile"))!) mk.WaitForExit();
        File.CreateSymbolicLink(Path.Combine(dir.Path, "deploy", "broken.yaml"), Path.Combine(dir.Path, "gone", "x.yaml"));
        File.CreateSymbolicLink(Path.Combine(dir.Path, "deploy", "loop1.yaml"), "loop2.yaml");
        File.CreateSymbolicLink(Path.Combine(dir.Path, "deploy", "loop2.yaml"), "loop1.yaml");
        File.CreateSymbolicLink(Path.Combine(dir.Path, "deploy", "null.yaml"), "/dev/null");
        using var socket = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.Unix, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Unspecified);
        socket.Bind(new System.Net.Sockets.UnixDomainSocketEndPoint(Path.Combine(dir.Path, "deploy", "sock.yaml")));
        var env = portable ? new Dictionary<string, string> { ["DEPLOYADVISOR_TEST_PORTABLE_READ"] = "1" } : null;

        var r = Run.Exec(dir.Path, new[] { "infer", ".", "--format", format }, env, timeoutMs: 30_000);
        Assert.Equal(0, r.ExitCode);
        Assert.Equal(
            "big/huge.yaml:1:1: error DA0007: the file is 4200003 bytes; the limit is 4194304 bytes; it was not read\n"
            + "deploy/broken.yaml: error: could not be read: Could not find file '<dir>/deploy/broken.yaml'.\n"
            + "deploy/loop1.yaml: error: could not be read: Too many levels of symbolic links : '<dir>/deploy/loop1.yaml'\n"
            + "deploy/loop2.yaml: error: could not be read: Too many levels of symbolic links : '<dir>/deploy/loop2.yaml'\n"
            + "deploy-advisor: note: pipe/Dockerfile: no FROM instruction\n",
            r.Stderr.Replace(dir.Path, "<dir>"));
        Assert.Contains(format == "json" ? "\"name\": \"api\"" : "name: api  #", r.Stdout);
        Assert.Contains(format == "json" ? "\"name\": \"pipe\"" : "name: pipe  #", r.Stdout);

        // Named on the command line, each reads the same as when found in a folder.
        foreach (var (file, error) in new[] { ("deploy/broken.yaml", true), ("deploy/loop1.yaml", true), ("deploy/null.yaml", false), ("deploy/sock.yaml", false) })
        {
            var one = Run.Exec(dir.Path, new[] { "infer", file, "--format", format }, env, timeoutMs: 30_000);
            Assert.Equal(2, one.ExitCode);
            Assert.Equal((error ? r.Stderr.Split('\n').Single(l => l.StartsWith(file + ":", StringComparison.Ordinal)) + "\n" : "")
                + $"deploy-advisor: error: no workload found in '{file}': no Kubernetes workload, compose service, Dockerfile or .NET project was read\n", one.Stderr);
        }
        var fifo = Run.Exec(dir.Path, new[] { "infer", "pipe/Dockerfile", "--format", format }, env, timeoutMs: 30_000);
        Assert.Equal(0, fifo.ExitCode);
        Assert.Equal("deploy-advisor: note: pipe/Dockerfile: no FROM instruction\n", fifo.Stderr);
    }

    [Fact]
    public void A_file_over_the_size_limit_is_DA0007_and_not_read()
    {
        using var dir = new TempDir();
        dir.Write("deploy/api.yaml", Deployment);
        dir.Write("deploy/huge.yaml", "# " + new string('x', 4 * 1024 * 1024) + "\n");
        var r = Infer(dir.Path, ".");
        Assert.Equal(0, r.ExitCode);
        Assert.Matches(@"(?m)^deploy/huge\.yaml:1:1: error DA0007: ", r.Stderr);
    }

    [Fact]
    public void Nothing_is_fetched_the_run_is_the_same_without_a_network()
    {
        if (!OperatingSystem.IsLinux() || !CanUnshareNetwork()) return;
        var with = Infer(Sample, ".", "--format", "json");
        using var p = Run.Start(Sample, new[] { "infer", ".", "--format", "json" }, wrapper: new[] { "unshare", "--net" });
        p.StandardInput.Close();
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        Assert.True(p.WaitForExit(60_000), "infer did not finish without a network");
        Assert.Equal(0, p.ExitCode);
        Assert.Equal(with.Stdout, Repo.Normalize(stdout.Result));
        Assert.Equal("", stderr.Result);
    }

    private static bool CanUnshareNetwork()
    {
        try
        {
            using var p = Process.Start(new ProcessStartInfo("unshare", "--net true") { RedirectStandardError = true, UseShellExecute = false })!;
            p.WaitForExit(10_000);
            return p.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception) { return false; }
    }

    // ---- a draft answered by a person passes lint ----

    [Theory]
    [InlineData("cartservice", "confidential")]   // interface, budgets.startup, instances, a sandbox target
    [InlineData("log-agent", "internal")]         // host.privileged and host.hostAccess from a DaemonSet
    public void An_answered_draft_passes_lint_and_an_unanswered_one_fails_with_DA0002(string workload, string sensitivity)
    {
        using var dir = new TempDir();
        CopyDirectory(Sample, Path.Combine(dir.Path, "shop"));
        var shop = Path.Combine(dir.Path, "shop");
        Assert.Equal(0, Infer(shop, ".", "--write", "workloads").ExitCode);
        var file = $"workloads/{workload}.workload.yaml";
        var path = Path.Combine(shop, "workloads", workload + ".workload.yaml");

        // Linted as written, spec.artifacts included: lint then also holds the draft to its artifacts.
        var draft = File.ReadAllText(path);
        var unanswered = Run.Exec(shop, new[] { "lint", file, "--format", "json" });
        Assert.Equal(1, unanswered.ExitCode);
        Assert.Contains("\"ruleId\": \"DA0002\"", unanswered.Stdout);

        // A person answers the question: uncomments security and says how sensitive the data is.
        var answered = draft.Replace("  # security:\n  #   sensitivity: ???", "  security:\n    sensitivity: " + sensitivity);
        Assert.NotEqual(draft, answered);
        File.WriteAllText(path, answered);
        var lint = Run.Exec(shop, new[] { "lint", file, "--format", "json" });
        Assert.True(lint.ExitCode == 0, lint.Stdout + lint.Stderr);
        Assert.Contains("\"findings\": []", lint.Stdout);
    }

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var f in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, f));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(f, target);
        }
    }

    // ---- a repository of many workloads: made on every core, written in order ----

    /// <summary>More workloads than one batch of the renderer, with evidence that needs escaping in JSON and quoting in YAML.</summary>
    private static TempDir ManyWorkloads(int count)
    {
        var dir = new TempDir();
        for (int i = 0; i < count; i++)
        {
            var name = $"svc{i:D3}";
            dir.Write($"services/{name}/deploy/{name}.yaml", Deployment.Replace("name: api", "name: " + name).Replace("replicas: 2", $"replicas: {1 + i % 4}") + (i % 7 == 0 ? "          securityContext: {privileged: true}  # \"quoted\" ü\n" : ""));
            dir.Write($"services/{name}/Dockerfile", i % 5 == 0 ? "FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\n" : $"FROM alpine:3\nEXPOSE {8000 + i}\n");
        }
        return dir;
    }

    [Fact]
    public void Many_workloads_made_in_parallel_are_the_json_one_writer_makes_in_the_scans_order()
    {
        using var dir = ManyWorkloads(700);
        var r = Infer(dir.Path, ".", "--format", "json");
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Stdout);
        var names = doc.RootElement.GetProperty("workloads").EnumerateArray().Select(w => w.GetProperty("name").GetString()).ToList();
        Assert.Equal(Enumerable.Range(0, 700).Select(i => $"svc{i:D3}"), names);
        // Written again by a single writer with the CLI's options: every separator, newline and indentation as it was.
        var again = new MemoryStream();
        using (var w = new Utf8JsonWriter(again, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping, NewLine = "\n" }))
            doc.WriteTo(w);
        Assert.Equal(System.Text.Encoding.UTF8.GetString(again.ToArray()) + "\n", r.Stdout);
    }

    [Fact]
    public void Many_workloads_drafted_in_parallel_are_the_drafts_write_makes_one_at_a_time()
    {
        using var dir = ManyWorkloads(700);
        var printed = Infer(dir.Path, ".");
        Assert.Equal(0, printed.ExitCode);
        // --write into the working folder: the drafts' paths are the printed ones, each draft made and written alone.
        var written = Infer(dir.Path, ".", "--write", ".");
        Assert.Equal(0, written.ExitCode);
        var drafts = Enumerable.Range(0, 700).Select(i => File.ReadAllText(Path.Combine(dir.Path, $"svc{i:D3}.workload.yaml")));
        Assert.Equal(string.Join("---\n", drafts), printed.Stdout);
    }
}
