using System.IO;
using System.Linq;
using System.Text.Json;
using DeployAdvisor.Cli.Output;
using DeployAdvisor.Cli.Running;

namespace DeployAdvisor.Cli.Tests;

/// <summary>
/// Results are written file by file as the run finishes them (issue 18, item 8), and the small defects
/// of issue 22 around what a run writes: nothing when it checked nothing, a missing --output folder
/// found before the work, recommend's entries in document order.
/// </summary>
public class StreamingTests
{
    [Theory]
    [InlineData("text")]
    [InlineData("json")]
    [InlineData("sarif")]
    [InlineData("github")]
    public void An_empty_folder_writes_no_results_and_exits_2(string format)
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(Path.Combine(dir.Path, "empty"));
        var r = Run.InProcess(dir.Path, "lint", "empty", "--format", format);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("nothing to check", r.Stderr);
        Assert.Equal("", r.Stdout); // it printed "No findings (0 files, 0 workloads checked)." before
    }

    [Fact]
    public void A_scan_without_descriptors_writes_no_results_and_no_output_file()
    {
        using var dir = new TempDir();
        dir.Write("chart/values.yaml", "replicaCount: 1\n");
        var r = Run.InProcess(dir.Path, "recommend", "chart", "--output", "out.json", "--format", "json");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("nothing to check in 'chart'", r.Stderr);
        Assert.False(File.Exists(Path.Combine(dir.Path, "out.json")));
    }

    [Fact]
    public void Results_are_still_written_when_one_scan_is_empty_and_another_is_not()
    {
        using var dir = new TempDir();
        dir.Write("chart/values.yaml", "replicaCount: 1\n");
        dir.Write("svc/w.yaml", Descriptors.Restricted());
        var r = Run.InProcess(dir.Path, "lint", "chart", "svc");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("svc/w.yaml:10:13: error DA1001", r.Stdout);
        Assert.Contains("1 error, 0 warnings, 0 info", r.Stdout);
    }

    [Theory]
    [InlineData("lint")]
    [InlineData("recommend")]
    public void Output_into_a_missing_folder_fails_before_the_work(string command)
    {
        using var dir = new TempDir();
        // The input does not exist either: the output's folder is checked first, before any input is looked at.
        var r = Run.InProcess(dir.Path, command, "missing.yaml", "--output", "no/such/folder/out.txt");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("its folder does not exist", r.Stderr);
        Assert.DoesNotContain("missing.yaml", r.Stderr);
        Assert.False(Directory.Exists(Path.Combine(dir.Path, "no")));
    }

    [Fact]
    public void Recommend_lists_a_files_entries_in_document_order()
    {
        using var dir = new TempDir();
        dir.Write("a.yaml", Descriptors.Clean("good") + "---\n" + Descriptors.Clean("bad").Replace("interface: web", "interface: [web"));
        var r = Run.InProcess(dir.Path, "recommend", "a.yaml", "--format", "json");
        Assert.Equal(1, r.ExitCode);
        using var json = JsonDocument.Parse(r.Stdout);
        var results = json.RootElement.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(2, results.Count);
        Assert.Equal("good", results[0].GetProperty("workload").GetString());
        Assert.Equal("DA0001", results[1].GetProperty("findings")[0].GetProperty("ruleId").GetString());

        var text = Run.InProcess(dir.Path, "recommend", "a.yaml").Stdout;
        Assert.True(text.IndexOf("good a.yaml", System.StringComparison.Ordinal) < text.IndexOf("(unnamed) a.yaml", System.StringComparison.Ordinal), text);
    }

    [Theory]
    [InlineData("text")]
    [InlineData("json")]
    [InlineData("sarif")]
    [InlineData("github")]
    public void A_run_larger_than_what_is_held_in_memory_streams_the_same_output(string format)
    {
        // Past OutputSink.SpillBytes the output goes on to its target while the run goes on.
        using var dir = new TempDir();
        for (int i = 0; i < 500; i++) dir.Write($"w{i:000}.yaml", string.Join("---\n", Enumerable.Range(0, 10).Select(k => Descriptors.Restricted($"w{i}-{k % 5}"))));
        var inMemory = Run.Lint(format, dir.Path, ".");
        Assert.True(inMemory.Length > OutputSink.SpillBytes, $"{inMemory.Length} bytes");
        var r = Run.InProcess(dir.Path, "lint", ".", "--format", format, "--output", "out.txt");
        Assert.Equal(1, r.ExitCode);
        Assert.Equal(inMemory, File.ReadAllText(Path.Combine(dir.Path, "out.txt")));
        var stdout = Run.InProcess(dir.Path, "lint", ".", "--format", format);
        Assert.Equal(inMemory, stdout.Stdout);
        Assert.Equal(new[] { "out.txt" }, Directory.GetFiles(dir.Path, "*.txt*", SearchOption.TopDirectoryOnly).Select(Path.GetFileName).Concat(Directory.GetFiles(dir.Path, ".out*").Select(Path.GetFileName)).ToArray());
    }
}
