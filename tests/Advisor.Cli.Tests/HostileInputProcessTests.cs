using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading;
using Xunit.Abstractions;

namespace DeployAdvisor.Cli.Tests;

/// <summary>A finished CLI process with its wall time and peak resident memory.</summary>
public sealed record MeasuredResult(int ExitCode, string Stdout, string Stderr, TimeSpan Wall, long PeakKiB, string PeakSource);

/// <summary>
/// Runs the CLI as installed (through <see cref="Run.Start"/>) and measures it: wall time with a stopwatch, peak
/// RSS from GNU time's %M (getrusage of the reaped child, exact) when /usr/bin/time exists, else by
/// polling /proc/&lt;pid&gt;/status VmHWM while it runs (a lower bound: growth after the last poll is missed).
/// </summary>
public static class Measure
{
    private static readonly bool HasGnuTime = File.Exists("/usr/bin/time");

    public static MeasuredResult Exec(string cwd, string[] args, IDictionary<string, string>? env = null, int timeoutMs = 60_000)
    {
        string? timeFile = HasGnuTime ? Path.Combine(Path.GetTempPath(), "da-time-" + Guid.NewGuid().ToString("N") + ".txt") : null;
        var wrapper = timeFile is null ? null : new[] { "/usr/bin/time", "-o", timeFile, "-f", "%M" };
        Run.Prepare(); // the installed tool, packed once per build: not part of this command's time
        var watch = Stopwatch.StartNew();
        using var p = Run.Start(cwd, args, env, wrapper);
        p.StandardInput.Close();
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        long polled = 0;
        while (!p.WaitForExit(timeFile is null ? 10 : 200))
        {
            if (timeFile is null) polled = Math.Max(polled, VmHwmKiB(p.Id));
            if (watch.ElapsedMilliseconds > timeoutMs)
            {
                p.Kill(entireProcessTree: true);
                throw new TimeoutException("deploy-advisor " + string.Join(" ", args.Select(a => a.Length > 80 ? a.Substring(0, 80) + "…" : a)) + $" did not finish in {timeoutMs} ms");
            }
        }
        p.WaitForExit();
        watch.Stop();
        long peak = polled;
        string source = "VmHWM polled every 10 ms";
        if (timeFile != null)
        {
            // GNU time writes "Command exited with non-zero status N" before the format's line.
            var lines = File.ReadAllLines(timeFile);
            File.Delete(timeFile);
            peak = long.Parse(lines.Last(l => l.Trim().Length > 0).Trim(), System.Globalization.CultureInfo.InvariantCulture);
            source = "GNU time %M";
        }
        return new MeasuredResult(p.ExitCode, Repo.Normalize(stdout.Result), Repo.Normalize(stderr.Result), watch.Elapsed, peak, source);
    }

    private static long VmHwmKiB(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                    return long.Parse(line.Substring(6).Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        return 0;
    }

    /// <summary>The issue's bounds for any input: no stack trace, under 20 s wall and 1 GiB peak memory.</summary>
    public static void AssertBounded(MeasuredResult r, string what)
    {
        foreach (var (stream, text) in new[] { ("stdout", r.Stdout), ("stderr", r.Stderr) })
        {
            Assert.False(text.Contains("   at ", StringComparison.Ordinal), $"{what}: stack frame on {stream}:\n{Head(text)}");
            Assert.False(text.Contains("Unhandled exception", StringComparison.OrdinalIgnoreCase), $"{what}: unhandled exception on {stream}:\n{Head(text)}");
            Assert.False(text.Contains("internal error", StringComparison.Ordinal), $"{what}: internal error (a bug, not the input) on {stream}:\n{Head(text)}");
        }
        Assert.True(r.Wall < TimeSpan.FromSeconds(20), $"{what}: took {r.Wall.TotalSeconds:0.0} s (limit 20 s)");
        Assert.True(r.PeakKiB < 1024 * 1024, $"{what}: peak RSS {r.PeakKiB / 1024} MiB (limit 1 GiB, {r.PeakSource})");
    }

    public static string Head(string text) => text.Length > 2000 ? text.Substring(0, 2000) + "…" : text;
}

/// <summary>
/// Issue 5 at the process level: every kind of hostile input, generated here (nothing large is committed),
/// run through the built CLI. Each ends in exit 1 with a located DA000x finding in the JSON output, or exit 2
/// with a clear message on standard error — with no stack trace, in under 20 s and 1 GiB. The README's
/// "what each kind of bad input produces" table points at the rows of <see cref="Lint"/>.
/// </summary>
[Trait("Category", "Slow")]
public class HostileInputProcessTests
{
    private readonly ITestOutputHelper _log;
    public HostileInputProcessTests(ITestOutputHelper log) { _log = log; }

    /// <summary>
    /// One kind of input: how to make it (returns the path argument, relative to the folder) and what the
    /// run must end in — exit 1 with (rule, line, column) among the findings, or exit 2 with a message on stderr.
    /// </summary>
    public sealed record Case(string Kind, Func<string, string> Make, int Exit, string? Rule = null, int Line = 0, int Column = 0, string? Message = null);

    private const string Head = "apiVersion: deployadvisor/v1\nkind: Workload\n";
    /// <summary>A valid descriptor of 8 lines; fields appended to it start at line 9.</summary>
    private const string Valid = Head + "metadata:\n  name: w\nspec:\n  interface: web\n  security:\n    sensitivity: public\n";

    private static Func<string, string> Text(string text) => dir => { File.WriteAllText(Path.Combine(dir, "input.yaml"), text); return "input.yaml"; };
    private static Func<string, string> Bytes(Func<byte[]> bytes) => dir => { File.WriteAllBytes(Path.Combine(dir, "input.yaml"), bytes()); return "input.yaml"; };
    private static byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s);
    private static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();

    private static string AliasBomb()
    {
        var sb = new StringBuilder(Head + "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (int i = 1; i < 10; i++) sb.Append($"a{i}: &a{i} [" + string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 10)) + "]\n");
        return sb.ToString();
    }

    private static string FlowMappings(int depth)
    {
        var sb = new StringBuilder(Head + "spec: ");
        for (int i = 0; i < depth; i++) sb.Append("{a: ");
        return sb.Append('1').Append('}', depth).Append('\n').ToString();
    }

    public static readonly Case[] Cases =
    {
        // malformed YAML: DA0001 where the parser stopped
        new("unclosed-flow-sequence", Text(Head + "metadata: [a, b\nspec: x\n"), 1, "DA0001", 3, 12),
        new("unclosed-flow-mapping", Text(Head + "metadata: {name: a\n"), 1, "DA0001", 4, 1, "did not find expected ',' or '}'"),
        new("unclosed-flow-at-end-of-file", Text(Head + "spec: [[[[[[[[[[\n"), 1, "DA0001", 4, 1, "did not find expected node content"),
        new("bad-indentation", Text("apiVersion: deployadvisor/v1\n  kind: Workload\n"), 1, "DA0001", 2, 7),
        new("tab-indentation", Text(Head + "metadata:\n\tname: w\n"), 1, "DA0001", 4, 1, "tab"),
        new("duplicate-keys", Text(Head + "metadata:\n  name: a\n  name: b\n"), 1, "DA0001", 5, 3, "duplicate key 'name'"),
        new("undefined-alias", Text(Head + "metadata: *nope\n"), 1, "DA0001", 3, 11, "alias *nope"),
        // limits: DA0007 where the limit is crossed
        new("alias-bomb", Text(AliasBomb()), 1, "DA0007", 7, 55, "aliases"),
        new("flow-nesting-300k", Text(Head + "spec: " + new string('[', 300_000) + new string(']', 300_000) + "\n"), 1, "DA0007", 3, 70, "nesting"),
        new("flow-mapping-nesting-200k", Text(FlowMappings(200_000)), 1, "DA0007", 3, 259, "nesting"),
        new("block-nesting-300k", Text(Head + "spec:\n" + string.Concat(Enumerable.Repeat("- ", 300_000)) + "x\n"), 1, "DA0007", 4, 127, "nesting"),
        new("scalar-50MB", Bytes(() => Concat(Utf8(Head + "metadata:\n  description: "), Enumerable.Repeat((byte)'x', 50_000_000).ToArray(), Utf8("\n"))), 1, "DA0007", 1, 1, "the file is 50000070 bytes; the limit is 4194304 bytes"),
        new("scalar-1MB", Text(Head + "metadata:\n  description: " + new string('x', 1_000_000) + "\n"), 1, "DA0007", 4, 16, "scalar"),
        new("key-2MB-explicit", Text("apiVersion: deployadvisor/v1\n? " + new string('k', 2_000_000) + "\n: 1\n"), 1, "DA0007", 2, 3, "a key of 2000000 characters"),
        new("key-2MB-implicit", Text("apiVersion: deployadvisor/v1\n" + new string('k', 2_000_000) + ": 1\n"), 1, "DA0001", 2, 2_000_001),
        new("documents-10001", Text(string.Join("---\n", Enumerable.Repeat("a: 1\n", 10_001))), 1, "DA0007", 20_000, 1, "more than 10000 documents"),
        // bytes that are not YAML text: DA0001 at the offending byte
        new("invalid-utf8", Bytes(() => Concat(Utf8(Head + "metadata:\n  name: "), new byte[] { 0xFF, 0xFE, 0xC3, 0x28 }, Utf8("\n"))), 1, "DA0001", 4, 9, "not valid UTF-8"),
        new("nul-byte", Text(Head + "metadata:\n  name: a\0b\n"), 1, "DA0001", 4, 10, "U+0000"),
        new("binary-junk", Bytes(() => { var b = new byte[4096]; new Random(5).NextBytes(b); return b; }), 1, "DA0001", 1, 1),
        // valid: BOM and CRLF change nothing, positions included
        new("bom-crlf-valid", Bytes(() => Concat(new byte[] { 0xEF, 0xBB, 0xBF }, Utf8(Valid.Replace("\n", "\r\n")))), 0),
        new("bom-crlf-positions", Bytes(() => Concat(new byte[] { 0xEF, 0xBB, 0xBF }, Utf8(Descriptors.Restricted().Replace("\n", "\r\n")))), 1, "DA1001", 10, 13),
        new("thousands-of-documents", Text(string.Join("---\n", Enumerable.Range(0, 5_000).Select(i => Valid.Replace("name: w", $"name: w{i}")))), 0),
        // no descriptor in a file named on the command line: DA0003 at 1:1
        new("empty-file", Text(""), 1, "DA0003", 1, 1),
        new("comment-only", Text("# nothing here\n# still nothing\n"), 1, "DA0003", 1, 1),
        new("null-document", Text("~\n"), 1, "DA0003", 1, 1),
        new("scalar-document", Text("just a string\n"), 1, "DA0003", 1, 1),
        new("sequence-document", Text("- a\n- b\n"), 1, "DA0003", 1, 1),
        // tags are never instantiated; merge keys are not special: DA0002
        new("python-tag", Text(Head + "metadata: !!python/object/apply:os.system ['rm -rf /']\n"), 1, "DA0002", 3, 11, "is not supported"),
        new("js-function-tag", Text(Head + "metadata: !<tag:yaml.org,2002:js/function> 'function(){}'\n"), 1, "DA0002", 3, 11, "is not supported"),
        new("custom-tag", Text(Head + "metadata: !custom {name: x}\n"), 1, "DA0002", 3, 11, "tag !custom is not supported"),
        new("merge-key", Text(Valid.Replace("    sensitivity: public\n", "    <<: {sensitivity: public}\n")), 1, "DA0002", 8, 5, "'<<'"),
        // out-of-range numbers and literals: DA0002 at the value
        new("negative-duration", Text(Valid + "  budgets:\n    startup: -5s\n"), 1, "DA0002", 10, 14, "'-5s'"),
        new("size-1e309MB", Text(Valid + "  budgets:\n    size: 1e309MB\n"), 1, "DA0002", 10, 11, "'1e309MB'"),
        new("integer-30-digits", Text(Valid + "  operations:\n    instances: 123456789012345678901234567890\n"), 1, "DA0002", 10, 16, "integer"),
        // paths that are not readable files: exit 2, a message on stderr
        new("directory-named-x.yaml", dir => { Directory.CreateDirectory(Path.Combine(dir, "x.yaml")); return "x.yaml"; }, 2, Message: "nothing to check"),
        new("symlink-loop", dir => { File.CreateSymbolicLink(Path.Combine(dir, "loop.yaml"), Path.Combine(dir, "loop.yaml")); return "loop.yaml"; }, 2, Message: "could not read 'loop.yaml'"),
        new("symlink-cycle", dir => { File.CreateSymbolicLink(Path.Combine(dir, "a.yaml"), "b.yaml"); File.CreateSymbolicLink(Path.Combine(dir, "b.yaml"), "a.yaml"); return "a.yaml"; }, 2, Message: "could not read 'a.yaml'"),
        new("path-does-not-exist", _ => "no/such/file.yaml", 2, Message: "the path 'no/such/file.yaml' does not exist"),
    };

    private static Case Find(string kind) => Cases.Single(c => c.Kind == kind);

    public static IEnumerable<object[]> Kinds => Cases.Select(c => new object[] { c.Kind });

    /// <summary>Kinds also run through recommend: the limits, a parse error, bad bytes, a valid file and a run error.</summary>
    public static IEnumerable<object[]> RecommendKinds => new[] { "alias-bomb", "flow-nesting-300k", "scalar-50MB", "unclosed-flow-sequence", "invalid-utf8", "bom-crlf-valid", "symlink-loop" }.Select(k => new object[] { k });

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Lint(string kind) => Check(Find(kind), "lint");

    [Theory]
    [MemberData(nameof(RecommendKinds))]
    public void Recommend(string kind) => Check(Find(kind), "recommend");

    private void Check(Case c, string command)
    {
        using var dir = new TempDir();
        var path = c.Make(dir.Path);
        var r = Measure.Exec(dir.Path, new[] { command, path, "--format", "json" });
        _log.WriteLine($"{command} {c.Kind}: exit {r.ExitCode}, {r.Wall.TotalSeconds:0.00} s, peak {r.PeakKiB / 1024} MiB ({r.PeakSource})");
        _log.WriteLine("stderr: " + Measure.Head(r.Stderr));
        Measure.AssertBounded(r, $"{command} {c.Kind}");
        Assert.True(c.Exit == r.ExitCode, $"{command} {c.Kind}: exit {r.ExitCode}, expected {c.Exit}\nstdout: {Measure.Head(r.Stdout)}\nstderr: {Measure.Head(r.Stderr)}");

        if (c.Exit == 2)
        {
            Assert.StartsWith("deploy-advisor: error: ", r.Stderr);
            Assert.Contains(c.Message!, r.Stderr);
            return;
        }

        Assert.Equal("", r.Stderr);
        var findings = Findings(r.Stdout, command);
        foreach (var f in findings)
        {
            _log.WriteLine($"  {f.Rule} {f.Line}:{f.Column} {f.Message}");
            Assert.True(f.Line >= 1 && f.Column >= 1, $"{c.Kind}: unlocated finding {f}");
        }
        if (c.Rule is null)
        {
            Assert.Empty(findings);
            return;
        }
        Assert.True(findings.Any(f => f.Rule == c.Rule && f.Line == c.Line && f.Column == c.Column && (c.Message is null || f.Message.Contains(c.Message, StringComparison.Ordinal))),
            $"{command} {c.Kind}: expected {c.Rule} at {c.Line}:{c.Column}{(c.Message is null ? "" : $" saying \"{c.Message}\"")}; got\n" +
            string.Join("\n", findings.Select(f => $"  {f.Rule} {f.Line}:{f.Column} {Measure.Head(f.Message)}")));
        if (c.Rule.StartsWith("DA000", StringComparison.Ordinal))
            Assert.All(findings, f => Assert.StartsWith("DA000", f.Rule)); // input problems only, nothing evaluated from a broken document
    }

    public sealed record JsonFinding(string Rule, int Line, int Column, string Message);

    /// <summary>lint's findings, or every result's findings of recommend.</summary>
    public static List<JsonFinding> Findings(string json, string command)
    {
        using var doc = JsonDocument.Parse(json);
        Assert.Equal(1, doc.RootElement.GetProperty("version").GetInt32());
        var arrays = command == "lint"
            ? new[] { doc.RootElement.GetProperty("findings") }
            : doc.RootElement.GetProperty("results").EnumerateArray().Select(x => x.GetProperty("findings")).ToArray();
        return arrays.SelectMany(a => a.EnumerateArray())
            .Select(f => new JsonFinding(f.GetProperty("ruleId").GetString()!, f.GetProperty("line").GetInt32(), f.GetProperty("column").GetInt32(), f.GetProperty("message").GetString()!))
            .ToList();
    }

    /// <summary>
    /// Every file-based input at once, in the formats people read (text code frames, SARIF, GitHub
    /// annotations): each finding located, and the output small. The text format used to print the whole
    /// offending line in its code frame — 600 KB for deep nesting, 2 MB for a long key — and took minutes.
    /// </summary>
    [Theory]
    [InlineData("text")]
    [InlineData("sarif")]
    [InlineData("github")]
    public void Every_input_at_once_renders_bounded_and_located(string format)
    {
        using var dir = new TempDir();
        var located = new List<(string Path, Case Case)>();
        foreach (var c in Cases.Where(c => c.Exit != 2))
        {
            var sub = Path.Combine(dir.Path, c.Kind);
            Directory.CreateDirectory(sub);
            located.Add((c.Kind + "/" + c.Make(sub), c));
        }
        var r = Measure.Exec(dir.Path, new[] { "lint", "--format", format }.Concat(located.Select(l => l.Path)).ToArray());
        _log.WriteLine($"lint --format {format} of {located.Count} inputs: exit {r.ExitCode}, {r.Wall.TotalSeconds:0.00} s, peak {r.PeakKiB / 1024} MiB, {r.Stdout.Length} characters out");
        Measure.AssertBounded(r, $"lint --format {format}");
        Assert.Equal(1, r.ExitCode);
        Assert.Equal("", r.Stderr);
        Assert.True(r.Stdout.Length < 200_000, $"{r.Stdout.Length} characters of {format} output");
        foreach (var (path, c) in located.Where(l => l.Case.Rule != null))
        {
            var expected = format switch
            {
                "text" => $"{path}:{c.Line}:{c.Column}: error {c.Rule}",
                "github" => $"::error file={path},line={c.Line},col={c.Column},",
                _ => $"\"uri\": \"{path}\"",
            };
            Assert.True(r.Stdout.Contains(expected, StringComparison.Ordinal), $"{c.Kind}: no '{expected}' in the {format} output");
        }
        if (format == "sarif")
        {
            using var sarif = JsonDocument.Parse(r.Stdout);
            var results = sarif.RootElement.GetProperty("runs")[0].GetProperty("results");
            Assert.All(results.EnumerateArray(), x => Assert.True(x.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("region").GetProperty("startLine").GetInt32() >= 1));
        }
    }
}
