using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Xunit.Abstractions;

namespace DeployAdvisor.Cli.Tests;

/// <summary>
/// Issue 5's output integrity at the process level: --output is complete or absent (or unchanged) when the
/// process is killed with SIGKILL at any point, concurrent runs do not interfere, and an interrupt stops a
/// run even when its work cannot see the cancellation. (SIGINT during a lint that is checking files is
/// EndToEndTests.Sigint_exits_130_and_leaves_no_partial_output.)
/// </summary>
[Trait("Category", "Slow")]
public class OutputIntegrityTests
{
    private readonly ITestOutputHelper _log;
    public OutputIntegrityTests(ITestOutputHelper log) { _log = log; }

    /// <summary>What OutputTarget names its temporary: hidden, beside the target, with the writer's PID, ending in .tmp.</summary>
    private static Regex TempName(string target) => new Regex("^\\." + Regex.Escape(target) + "\\.[0-9]+\\.[0-9a-f]{32}\\.tmp$");

    private static string[] Names(string dir) => Directory.GetFileSystemEntries(dir).Select(p => Path.GetFileName(p)!).OrderBy(n => n, StringComparer.Ordinal).ToArray();

    private static void Signal(int pid, string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", $"-{signal} {pid}") { UseShellExecute = false })!;
        kill.WaitForExit();
    }

    private static Dictionary<string, string> Delay(int ms) => new() { ["DEPLOYADVISOR_TEST_FILE_DELAY_MS"] = ms.ToString(System.Globalization.CultureInfo.InvariantCulture) };

    [Fact]
    public void Sigkill_while_checking_leaves_an_existing_output_unchanged_and_creates_none()
    {
        using var dir = new TempDir();
        for (int i = 0; i < 4; i++) dir.Write($"in/w{i}.yaml", Descriptors.Restricted($"w{i}"));
        var outDir = Path.Combine(dir.Path, "out");
        Directory.CreateDirectory(outDir);
        File.WriteAllText(Path.Combine(outDir, "old.sarif"), "previous report");
        // Two runs at once: one over an existing report, one to a new file; both killed 2 s into 4 x 1.5 s of checking.
        using var overOld = Run.Start(dir.Path, new[] { "lint", "in", "--format", "sarif", "--output", "out/old.sarif", "--jobs", "1" }, Delay(1500));
        using var toNew = Run.Start(dir.Path, new[] { "lint", "in", "--format", "json", "--output", "out/new.json", "--jobs", "1" }, Delay(1500));
        Thread.Sleep(2000);
        Assert.False(overOld.HasExited || toNew.HasExited, "a run ended before it was killed");
        overOld.Kill();
        toNew.Kill();
        Assert.True(overOld.WaitForExit(10_000) && toNew.WaitForExit(10_000));
        Assert.Equal(137, overOld.ExitCode); // 128 + SIGKILL
        Assert.Equal("previous report", File.ReadAllText(Path.Combine(outDir, "old.sarif")));
        Assert.Equal(new[] { "old.sarif" }, Names(outDir)); // no new.json, no temporary
    }

    /// <summary>
    /// The dangerous moment: SIGKILL while the temporary is being written. A 6 MB SARIF report takes long
    /// enough to write and flush that a watcher sees the temporary appear and kills the writer before the
    /// rename. The target must then be unchanged (or, if the rename won the race, complete); what is left
    /// beside it may only be the clearly named temporary.
    /// </summary>
    [Fact]
    public void Sigkill_while_the_output_is_written_leaves_it_unchanged_or_complete()
    {
        using var dir = new TempDir();
        for (int k = 0; k < 2; k++)
            dir.Write($"in/b{k}.yaml", string.Join("---\n", Enumerable.Range(0, 2500).Select(i => Descriptors.Restricted($"w{k}-{i}"))));
        var outDir = Path.Combine(dir.Path, "out");
        Directory.CreateDirectory(outDir);
        var target = Path.Combine(outDir, "report.sarif");
        var args = new[] { "lint", "in", "--format", "sarif", "--output", "out/report.sarif" };
        var tempName = TempName("report.sarif");
        string? solo = null;

        int caught = 0;
        for (int attempt = 1; attempt <= 3 && caught == 0; attempt++)
        {
            File.WriteAllText(target, "previous report");
            foreach (var stale in Names(outDir).Where(n => n != "report.sarif")) File.Delete(Path.Combine(outDir, stale));

            using var seen = new ManualResetEventSlim();
            Process? p = null;
            using var watcher = new FileSystemWatcher(outDir) { IncludeSubdirectories = false, NotifyFilter = NotifyFilters.FileName };
            watcher.Created += (_, e) =>
            {
                if (!tempName.IsMatch(e.Name ?? "")) return;
                try { p?.Kill(); } catch (InvalidOperationException) { }
                seen.Set();
            };
            watcher.EnableRaisingEvents = true;
            p = Run.Start(dir.Path, args);
            using (p)
            {
                p.StandardInput.Close();
                var stderr = p.StandardError.ReadToEndAsync();
                bool killed = seen.Wait(30_000);
                Assert.True(p.WaitForExit(30_000), "the run did not end");
                watcher.EnableRaisingEvents = false;

                var content = File.ReadAllText(target);
                var left = Names(outDir).Where(n => n != "report.sarif").ToArray();
                _log.WriteLine($"attempt {attempt}: temporary seen {killed}, exit {p.ExitCode}, target {(content == "previous report" ? "unchanged" : $"replaced ({content.Length} characters)")}, left beside it: [{string.Join(", ", left)}]");
                Assert.All(left, n => Assert.Matches(tempName, n));
                if (content != "previous report")
                {
                    // The rename happened before the kill: the report must then be whole.
                    solo ??= Run.Exec(dir.Path, args.Take(4).ToArray()).Stdout;
                    Assert.Equal(solo, Repo.Normalize(content));
                }
                else if (killed)
                {
                    Assert.Equal(137, p.ExitCode);
                    caught++;
                    Assert.Single(left); // the partial temporary of the killed writer, clearly named
                    Assert.True(new FileInfo(Path.Combine(outDir, left[0])).Length < new FileInfo(target).Length + 20_000_000);
                }
                _ = stderr.Result;
            }
        }
        // The write window was hit at least once (else this test proved less than it says).
        Assert.True(caught > 0, "SIGKILL never landed while the temporary was being written; make the report bigger");
    }

    /// <summary>
    /// Six runs at once: four to their own --output (JSON and SARIF over two input sets), and two — JSON and
    /// SARIF — to the same file. Every file is a complete document equal to a solo run's; the shared file
    /// is exactly one of its two writers' documents; no temporary is left.
    /// </summary>
    [Fact]
    public void Concurrent_runs_do_not_interfere()
    {
        using var dir = new TempDir();
        for (int i = 0; i < 12; i++)
        {
            dir.Write($"a/w{i}.yaml", i % 3 == 0 ? Descriptors.Restricted($"a{i}") : Descriptors.Confidential($"a{i}"));
            dir.Write($"b/w{i}.yaml", i % 2 == 0 ? Descriptors.Restricted($"b{i % 4}") : Descriptors.Clean($"b{i}"));
        }
        var outDir = Path.Combine(dir.Path, "out");
        Directory.CreateDirectory(outDir);
        var runs = new (string Input, string Format, string Output)[]
        {
            ("a", "json", "a.json"), ("a", "sarif", "a.sarif"), ("b", "json", "b.json"), ("b", "sarif", "b.sarif"),
            ("a", "json", "same"), ("b", "sarif", "same"),
        };

        var solo = runs.Select(r => (r.Input, r.Format)).Distinct()
            .ToDictionary(k => k, k => Run.Exec(dir.Path, new[] { "lint", k.Input, "--format", k.Format }));
        Assert.All(solo.Values, s => Assert.Equal(1, s.ExitCode));

        // 12 files x 80 ms on one thread each: about a second per run, so all six overlap.
        var processes = runs.Select(r => Run.Start(dir.Path, new[] { "lint", r.Input, "--format", r.Format, "--output", "out/" + r.Output, "--jobs", "1" }, Delay(80))).ToList();
        try
        {
            foreach (var p in processes)
            {
                p.StandardInput.Close();
                var err = p.StandardError.ReadToEnd();
                Assert.True(p.WaitForExit(60_000));
                Assert.Equal("", err);
                Assert.Equal(1, p.ExitCode);
            }
        }
        finally
        {
            foreach (var p in processes) { if (!p.HasExited) p.Kill(); p.Dispose(); }
        }

        Assert.Equal(new[] { "a.json", "a.sarif", "b.json", "b.sarif", "same" }, Names(outDir));
        foreach (var r in runs.Take(4))
        {
            var text = Repo.Normalize(File.ReadAllText(Path.Combine(outDir, r.Output)));
            using var _ = JsonDocument.Parse(text);
            Assert.Equal(solo[(r.Input, r.Format)].Stdout, text);
        }
        var same = Repo.Normalize(File.ReadAllText(Path.Combine(outDir, "same")));
        using (JsonDocument.Parse(same)) { }
        Assert.True(same == solo[("a", "json")].Stdout || same == solo[("b", "sarif")].Stdout, "the shared --output is neither writer's complete document");
    }

    /// <summary>
    /// A FIFO that a folder walk finds named like a descriptor is not one: it reads as empty and is skipped, where
    /// opening it waited for a writer and held lint and recommend. (Named on the command line, a FIFO is read as
    /// the pipe it is: the test below.)
    /// </summary>
    [Theory]
    [InlineData("lint")]
    [InlineData("recommend")]
    public void A_fifo_found_by_a_folder_walk_is_skipped_and_does_not_hold_the_run(string command)
    {
        if (!OperatingSystem.IsLinux()) return;
        using var dir = new TempDir();
        dir.Write("svc/web.workload.yaml", "apiVersion: deployadvisor/v1\nkind: Workload\nmetadata:\n  name: web\n  owner: team\nspec:\n  interface: web\n  security:\n    sensitivity: internal\n");
        using (var mkfifo = Process.Start(new ProcessStartInfo("mkfifo", Path.Combine(dir.Path, "svc", "pipe.yaml")) { UseShellExecute = false })!)
        {
            mkfifo.WaitForExit();
            Assert.Equal(0, mkfifo.ExitCode);
        }

        var r = Run.Exec(dir.Path, new[] { command, "." }, timeoutMs: 30_000);
        Assert.Equal(0, r.ExitCode);
        // The descriptor beside it is checked, and only it.
        Assert.Contains(command == "lint" ? "(1 file, 1 workload checked)" : "web", r.Stdout);
        Assert.DoesNotContain("pipe.yaml", r.Stdout + r.Stderr);
    }

    /// <summary>
    /// A socket, a FIFO or a device that a folder walk finds named like a descriptor is skipped, on Linux's read and on
    /// the read other systems use (run here with DEPLOYADVISOR_TEST_PORTABLE_READ). A socket failed the run with exit 2
    /// ("could not read … No such device or address") on both, and the portable read opened a FIFO and waited for a
    /// writer; it now asks the length first and opens nothing of length 0.
    /// </summary>
    [Theory]
    [InlineData("lint", false)]
    [InlineData("lint", true)]
    [InlineData("recommend", false)]
    [InlineData("recommend", true)]
    public void A_socket_fifo_or_device_found_by_a_folder_walk_is_skipped_on_either_read(string command, bool portable)
    {
        if (!OperatingSystem.IsLinux()) return;
        using var dir = new TempDir();
        dir.Write("svc/web.workload.yaml", "apiVersion: deployadvisor/v1\nkind: Workload\nmetadata:\n  name: web\n  owner: team\nspec:\n  interface: web\n  security:\n    sensitivity: internal\n");
        dir.Write("svc/empty.yaml", "");
        using (var mkfifo = Process.Start(new ProcessStartInfo("mkfifo", Path.Combine(dir.Path, "svc", "pipe.yaml")) { UseShellExecute = false })!)
        {
            mkfifo.WaitForExit();
            Assert.Equal(0, mkfifo.ExitCode);
        }
        File.CreateSymbolicLink(Path.Combine(dir.Path, "svc", "null.yaml"), "/dev/null");
        using var socket = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.Unix, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Unspecified);
        socket.Bind(new System.Net.Sockets.UnixDomainSocketEndPoint(Path.Combine(dir.Path, "svc", "sock.yaml")));
        var env = portable ? new Dictionary<string, string> { ["DEPLOYADVISOR_TEST_PORTABLE_READ"] = "1" } : null;

        var r = Run.Exec(dir.Path, new[] { command, "." }, env, timeoutMs: 30_000);
        Assert.True(r.ExitCode == 0, $"exit {r.ExitCode}: {r.Stderr}");
        Assert.Contains(command == "lint" ? "(1 file, 1 workload checked)" : "web", r.Stdout);
        foreach (var name in new[] { "sock.yaml", "pipe.yaml", "null.yaml", "empty.yaml" })
            Assert.DoesNotContain(name, r.Stdout + r.Stderr);
    }

    /// <summary>
    /// SIGINT and SIGTERM stop a run whose work cannot see the cancellation: a FIFO named x.yaml blocks
    /// the read in open(2). Before the interrupt watchdog the process ignored both signals forever.
    /// </summary>
    [Theory]
    [InlineData("INT")]
    [InlineData("TERM")]
    public void An_interrupt_stops_a_run_blocked_on_a_fifo_with_130_and_no_output(string signal)
    {
        using var dir = new TempDir();
        using (var mkfifo = Process.Start(new ProcessStartInfo("mkfifo", Path.Combine(dir.Path, "pipe.yaml")) { UseShellExecute = false })!)
        {
            mkfifo.WaitForExit();
            Assert.Equal(0, mkfifo.ExitCode);
        }
        using var p = Run.Start(dir.Path, new[] { "lint", "pipe.yaml", "--output", "report.txt" });
        p.StandardInput.Close();
        var stderr = p.StandardError.ReadToEndAsync();
        Thread.Sleep(1500);
        Assert.False(p.HasExited, "the run should be blocked on the FIFO");
        var watch = Stopwatch.StartNew();
        Signal(p.Id, signal);
        bool stopped = p.WaitForExit(10_000);
        if (!stopped) p.Kill();
        Assert.True(stopped, $"SIG{signal} did not stop a run blocked on a FIFO");
        _log.WriteLine($"SIG{signal}: stopped after {watch.ElapsedMilliseconds} ms");
        Assert.Equal(130, p.ExitCode);
        Assert.Contains("interrupted", stderr.Result);
        Assert.DoesNotContain("   at ", stderr.Result);
        Assert.Equal(new[] { "pipe.yaml" }, Names(dir.Path));
    }
}
