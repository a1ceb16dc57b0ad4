using System.IO;
using System.Linq;
using System.Text.Json;

namespace DeployAdvisor.Cli.Tests;

/// <summary>
/// `lint` against artifacts end to end through the CLI: an entry of spec.artifacts that matches no file
/// (relative to the descriptor's folder) is DA7000 at the entry, in text and SARIF; matching entries are quiet.
/// </summary>
public class ArtifactLintTests
{
    private const string Deployment = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: example.com/web:1\n";

    private static string Descriptor(params string[] entries)
        => "apiVersion: deployadvisor/v1\nkind: Workload\nmetadata:\n  name: web\nspec:\n  interface: web\n  security:\n    sensitivity: public\n  artifacts:\n"
           + string.Concat(entries.Select(e => $"    - \"{e}\"\n"));

    private static CliResult Lint(string cwd, params string[] args) => Run.Exec(cwd, new[] { "lint" }.Concat(args).ToArray());

    [Fact]
    public void A_missing_path_is_DA7000_at_its_entry_in_text()
    {
        using var dir = new TempDir();
        dir.Write("svc/k8s/deployment.yaml", Deployment);
        dir.Write("svc/web.workload.yaml", Descriptor("k8s/deployment.yaml", "k8s/missing.yaml"));
        var r = Lint(dir.Path, ".");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("svc/web.workload.yaml:11:7: error DA7000 (artifact-not-found): the path 'k8s/missing.yaml' in spec.artifacts matches no file", r.Stdout);
        Assert.DoesNotContain("k8s/deployment.yaml' in spec.artifacts", r.Stdout);
    }

    [Fact]
    public void Globs_match_below_the_descriptors_folder_and_a_glob_matching_nothing_is_DA7000()
    {
        using var dir = new TempDir();
        dir.Write("svc/k8s/a/deployment.yaml", Deployment);
        dir.Write("svc/web.workload.yaml", Descriptor("k8s/**/*.yaml", "docker/*.Dockerfile"));
        var r = Lint(dir.Path, ".");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("svc/web.workload.yaml:11:7: error DA7000 (artifact-not-found): the glob 'docker/*.Dockerfile'", r.Stdout);
        Assert.DoesNotContain("k8s/**/*.yaml' in spec.artifacts", r.Stdout);
    }

    [Fact]
    public void Descriptors_that_share_artifact_files_each_get_their_own_workloads_findings()
    {
        // Many descriptors, one glob over the same manifests: the run scans the files once (the cache
        // shared by the parallel checks), and each descriptor is still compared with its own workload.
        using var dir = new TempDir();
        var privileged = Deployment + "          securityContext:\n            privileged: true\n";
        for (int i = 0; i < 40; i++)
        {
            var name = "w" + i.ToString("00");
            dir.Write($"deploy/{name}.yaml", (i % 2 == 0 ? privileged : Deployment).Replace("web", name));
            dir.Write($"svc/{name}/{name}.workload.yaml", Descriptor("../../deploy/*.yaml").Replace("name: web", "name: " + name));
        }
        var r = Lint(dir.Path, "svc", "--format", "json", "--jobs", "2");
        Assert.Equal(0, r.ExitCode);   // DA7002 is a warning
        using var doc = JsonDocument.Parse(r.Stdout);
        var da7002 = doc.RootElement.GetProperty("findings").EnumerateArray().Where(f => f.GetProperty("ruleId").GetString() == "DA7002")
            .Select(f => (f.GetProperty("workload").GetString()!, f.GetProperty("file").GetString()!)).ToList();
        Assert.Equal(Enumerable.Range(0, 20).Select(i => ("w" + (2 * i).ToString("00"), $"deploy/w{2 * i:00}.yaml")), da7002);
    }

    [Fact]
    public void Entries_that_all_match_pass()
    {
        using var dir = new TempDir();
        dir.Write("svc/k8s/deployment.yaml", Deployment);
        dir.Write("svc/Dockerfile", "FROM alpine:3.20\n");
        dir.Write("svc/web.workload.yaml", Descriptor("k8s/deployment.yaml", "Dockerfile"));
        var r = Lint(dir.Path, ".");
        Assert.Equal(0, r.ExitCode);
        Assert.DoesNotContain("DA7000", r.Stdout);
    }

    [Fact]
    public void Sarif_locates_DA7000_at_the_entry()
    {
        using var dir = new TempDir();
        dir.Write("web.workload.yaml", Descriptor("k8s/missing.yaml"));
        var r = Lint(dir.Path, ".", "--format", "sarif");
        Assert.Equal(1, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Stdout);
        var result = doc.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray()
            .Single(x => x.GetProperty("ruleId").GetString() == "DA7000");
        var physical = result.GetProperty("locations")[0].GetProperty("physicalLocation");
        Assert.Equal("web.workload.yaml", physical.GetProperty("artifactLocation").GetProperty("uri").GetString());
        Assert.Equal(10, physical.GetProperty("region").GetProperty("startLine").GetInt32());
        Assert.Equal(7, physical.GetProperty("region").GetProperty("startColumn").GetInt32());
        Assert.Equal("error", result.GetProperty("level").GetString());
    }

    [Fact]
    public void A_folder_or_a_path_outside_the_tree_is_not_a_file()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(Path.Combine(dir.Path, "k8s"));
        dir.Write("web.workload.yaml", Descriptor("k8s", "../../../nonexistent-da-artifact.yaml"));
        var r = Lint(dir.Path, ".");
        Assert.Equal(1, r.ExitCode);
        Assert.Equal(2, r.Stdout.Split('\n').Count(l => l.Contains("error DA7000")));
    }

    /// <summary>
    /// A FIFO, a socket or a device named in spec.artifacts reads as empty instead of holding the run: lint opened
    /// artifacts as it opens descriptors, and opening a FIFO waits for a writer. The manifest beside them is still
    /// compared, and a file over the size limit is still DA0007 (the portable read decides what is not a regular
    /// file of known length).
    /// </summary>
    [Fact]
    public void A_fifo_a_socket_or_a_device_named_in_spec_artifacts_reads_as_empty_and_does_not_hang_lint()
    {
        if (!System.OperatingSystem.IsLinux()) return;
        using var dir = new TempDir();
        dir.Write("svc/k8s/deployment.yaml", Privileged);
        dir.Write("svc/k8s/huge.yaml", "apiVersion: apps/v1\nkind: Deployment\n# " + new string('x', 4_200_000) + "\n");
        using (var mk = System.Diagnostics.Process.Start("mkfifo", Path.Combine(dir.Path, "svc", "k8s", "pipe.yaml"))!) mk.WaitForExit();
        File.CreateSymbolicLink(Path.Combine(dir.Path, "svc", "k8s", "null.yaml"), "/dev/null");
        using var socket = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.Unix, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Unspecified);
        socket.Bind(new System.Net.Sockets.UnixDomainSocketEndPoint(Path.Combine(dir.Path, "svc", "k8s", "sock.yaml")));
        dir.Write("svc/web.workload.yaml", Restricted.Replace("k8s/*.yaml", "k8s/pipe.yaml\"\n    - \"k8s/sock.yaml\"\n    - \"k8s/null.yaml\"\n    - \"k8s/huge.yaml\"\n    - \"k8s/deployment.yaml"));

        // The descriptor by name: a folder walk would read pipe.yaml as a candidate descriptor, which is another read.
        var r = Run.Exec(dir.Path, new[] { "lint", "svc/web.workload.yaml" }, timeoutMs: 30_000);
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("svc/k8s/huge.yaml:1:1: error DA0007", r.Stdout);
        Assert.Contains("svc/k8s/deployment.yaml:12:13: warning DA7002 (artifact-privilege-undeclared)", r.Stdout);
        Assert.DoesNotContain("DA7000", r.Stdout);
        Assert.DoesNotContain("pipe.yaml:", r.Stdout);
        Assert.DoesNotContain("sock.yaml:", r.Stdout);
    }

    private const string Restricted = "apiVersion: deployadvisor/v1\nkind: Workload\nmetadata:\n  name: web\nspec:\n  interface: web\n  security:\n    sensitivity: restricted\n  deployment:\n    target: sandboxed-container\n  artifacts:\n    - \"k8s/*.yaml\"\n";

    private const string Privileged = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: example.com/web:1\n          securityContext:\n            privileged: true\n";

    [Fact]
    public void Comparison_findings_are_located_in_the_artifact_with_the_descriptor_related_in_text()
    {
        using var dir = new TempDir();
        dir.Write("svc/k8s/deployment.yaml", Privileged);
        dir.Write("svc/k8s/broken.yaml", "apiVersion: apps/v1\nkind: [\n");
        dir.Write("svc/web.workload.yaml", Restricted);
        var r = Lint(dir.Path, ".");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("svc/k8s/broken.yaml:3:1: error DA0001", r.Stdout);
        Assert.Contains("svc/k8s/deployment.yaml:7:5: error DA7001 (artifact-target-mismatch): the artifacts deploy a container", r.Stdout);
        Assert.Contains("  = related: svc/web.workload.yaml:10:13", r.Stdout);
        Assert.Contains("svc/k8s/deployment.yaml:12:13: warning DA7002 (artifact-privilege-undeclared)", r.Stdout);
        Assert.Single(r.Stdout.Split('\n'), l => l.Contains("DA7001"));
        // No frame from the descriptor's lines under a finding in the manifest (line 7 of the descriptor is 'security:').
        Assert.DoesNotContain("|   security:", r.Stdout);

        var recommend = Run.Exec(dir.Path, new[] { "recommend", "." });
        Assert.Contains("svc/k8s/deployment.yaml:7:5: error DA7001", recommend.Stdout);
        Assert.DoesNotContain("|   security:", recommend.Stdout);
    }

    [Fact]
    public void Sarif_locates_comparison_findings_in_the_artifact_with_related_locations()
    {
        using var dir = new TempDir();
        dir.Write("svc/k8s/deployment.yaml", Privileged);
        dir.Write("svc/web.workload.yaml", Restricted);
        var r = Lint(dir.Path, ".", "--format", "sarif");
        Assert.Equal(1, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Stdout);
        var result = doc.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray()
            .Single(x => x.GetProperty("ruleId").GetString() == "DA7001");
        var physical = result.GetProperty("locations")[0].GetProperty("physicalLocation");
        Assert.Equal("svc/k8s/deployment.yaml", physical.GetProperty("artifactLocation").GetProperty("uri").GetString());
        Assert.Equal(7, physical.GetProperty("region").GetProperty("startLine").GetInt32());
        var related = result.GetProperty("relatedLocations").EnumerateArray().Select(x => x.GetProperty("physicalLocation")).ToList();
        Assert.Contains(related, x => x.GetProperty("artifactLocation").GetProperty("uri").GetString() == "svc/web.workload.yaml"
            && x.GetProperty("region").GetProperty("startLine").GetInt32() == 10);
    }

    [Fact]
    public void A_descriptor_that_matches_its_artifacts_draws_no_comparison_finding()
    {
        using var dir = new TempDir();
        dir.Write("svc/k8s/deployment.yaml", Privileged.Replace("          securityContext:\n            privileged: true\n", ""));
        dir.Write("svc/web.workload.yaml", Restricted.Replace("sandboxed-container", "container").Replace("restricted", "public"));
        var r = Lint(dir.Path, ".");
        Assert.DoesNotContain("DA700", r.Stdout);
    }

    [Fact]
    public void The_artifacts_plan_draws_DA1001_at_the_pod_spec_in_text_and_sarif()
    {
        using var dir = new TempDir();
        dir.Write("svc/k8s/deployment.yaml", Privileged.Replace("          securityContext:\n            privileged: true\n", ""));
        dir.Write("svc/web.workload.yaml", Restricted.Replace("  deployment:\n    target: sandboxed-container\n", ""));
        var r = Lint(dir.Path, ".");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("svc/k8s/deployment.yaml:7:5: error DA1001 (restricted-data-shared-kernel): restricted data must not share a kernel with other workloads, so container as the artifacts deploy it is excluded", r.Stdout);
        Assert.Contains("  = related: svc/web.workload.yaml:8:18", r.Stdout);
        Assert.DoesNotContain("DA7001", r.Stdout);

        var sarif = Lint(dir.Path, ".", "--format", "sarif");
        using var doc = JsonDocument.Parse(sarif.Stdout);
        var result = doc.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray().Single(x => x.GetProperty("ruleId").GetString() == "DA1001");
        var physical = result.GetProperty("locations")[0].GetProperty("physicalLocation");
        Assert.Equal("svc/k8s/deployment.yaml", physical.GetProperty("artifactLocation").GetProperty("uri").GetString());
        Assert.Equal(7, physical.GetProperty("region").GetProperty("startLine").GetInt32());
    }
}
