using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;

namespace DeployAdvisor.Cli.Tests;

/// <summary>
/// lint's CI formats and habits (cli.md "Additions in 0.2", issue 22 item 3): junit, validated against
/// the Jenkins xUnit plugin's JUnit schema (vendor/junit); gitlab, checked against GitLab's Code Quality
/// field list; several -f/-o pairs in one run; '-' for standard input; -q. Baselines are in BaselineTests.
/// </summary>
public class CiFormatsTests
{
    private static string GoldenPath(string name) => Path.Combine(Repo.TestsDir, "golden", name);

    [Theory]
    [InlineData("junit", "lint.junit.xml")]
    [InlineData("gitlab", "lint.gitlab.json")]
    public void Lint_on_examples(string format, string golden)
    {
        var r = Run.InProcess(Repo.Root, "lint", "examples", "-f", format);
        Assert.Equal(1, r.ExitCode);
        Repo.AssertMatchesFile(GoldenPath(golden), r.Stdout);
    }

    // ---- JUnit ----

    private static XmlSchemaSet JunitSchema()
    {
        var set = new XmlSchemaSet();
        using var reader = XmlReader.Create(Path.Combine(Repo.TestsDir, "vendor", "junit", "junit-10.xsd"));
        set.Add(null, reader);
        set.Compile();
        return set;
    }

    /// <summary>The schema's errors for this document (empty when it is valid).</summary>
    private static List<string> Validate(string xml)
    {
        var errors = new List<string>();
        var settings = new XmlReaderSettings { ValidationType = ValidationType.Schema, Schemas = JunitSchema() };
        settings.ValidationFlags |= XmlSchemaValidationFlags.ReportValidationWarnings;
        settings.ValidationEventHandler += (_, e) => errors.Add($"{e.Severity} at {e.Exception?.LineNumber}:{e.Exception?.LinePosition}: {e.Message}");
        using var reader = XmlReader.Create(new StringReader(xml), settings);
        while (reader.Read()) { }
        return errors;
    }

    private static void AssertValidJunit(string xml)
    {
        var errors = Validate(xml);
        Assert.True(errors.Count == 0, "JUnit XML is invalid against junit-10.xsd:\n" + string.Join("\n", errors));
        // Counts are strings in the schema: check them as numbers, and against the cases they count.
        var doc = XDocument.Parse(xml);
        Assert.Equal("testsuites", doc.Root!.Name.LocalName);
        foreach (var suite in doc.Root.Elements("testsuite"))
        {
            var cases = suite.Elements("testcase").ToList();
            Assert.Equal(cases.Count, int.Parse((string)suite.Attribute("tests")!));
            Assert.Equal(cases.Count(c => c.Elements("failure").Any()), int.Parse((string)suite.Attribute("failures")!));
            Assert.Equal(cases.Count(c => c.Elements("error").Any()), int.Parse((string)suite.Attribute("errors")!));
            Assert.True(cases.Count > 0, $"suite {suite.Attribute("name")} has no test case");
        }
    }

    [Fact]
    public void The_schema_check_can_fail()
    {
        // A negative control: the validator is live and rejects what the schema forbids.
        Assert.NotEmpty(Validate("<testsuites><testsuite name=\"x\"><testcase classname=\"c\"/></testsuite></testsuites>"));
        Assert.NotEmpty(Validate("<testsuites><testcase name=\"n\"/></testsuites>"));
    }

    [Fact]
    public void Junit_on_examples_is_valid_and_has_a_case_per_document()
    {
        var r = Run.InProcess(Repo.Root, "lint", "examples", "-f", "junit");
        AssertValidJunit(r.Stdout);
        var doc = XDocument.Parse(r.Stdout);
        var json = JsonDocument.Parse(Run.InProcess(Repo.Root, "lint", "examples", "-f", "json").Stdout);
        var summary = json.RootElement.GetProperty("summary");
        Assert.Equal(summary.GetProperty("workloads").GetInt32(), doc.Descendants("testcase").Count());
        Assert.Equal(summary.GetProperty("files").GetInt32(), doc.Descendants("testsuite").Count());
        // Errors fail (the default --fail-on); the warning is in the case's output, not a failure.
        Assert.Equal(summary.GetProperty("errors").GetInt32(), doc.Descendants("failure").Count());
        Assert.Contains(doc.Descendants("system-out"), o => o.Value.Contains("warning DA1004"));
    }

    [Theory]
    [InlineData("never", 0)]
    [InlineData("error", 3)]
    [InlineData("warning", 4)]
    public void Junit_failures_follow_fail_on(string failOn, int failures)
    {
        var r = Run.InProcess(Repo.Root, "lint", "examples/services.yaml", "examples/payments-api.yaml", "examples/edge-inspector.yaml", "-f", "junit", "--fail-on", failOn);
        AssertValidJunit(r.Stdout);
        Assert.Equal(failures, XDocument.Parse(r.Stdout).Descendants("failure").Count());
    }

    [Fact]
    public void A_file_that_cannot_be_understood_is_one_failing_case_and_text_is_escaped()
    {
        using var dir = new TempDir();
        dir.Write("broken.yaml", "apiVersion: deployadvisor/v1\nkind: [\n");
        dir.Write("odd.yaml", "apiVersion: deployadvisor/v1\nkind: Workload\nmetadata:\n  name: \"<script>&\\u0001\"\n");
        var r = Run.InProcess(dir.Path, "lint", "broken.yaml", "odd.yaml", "-f", "junit", "--fail-on", "never");
        Assert.Equal(0, r.ExitCode);
        AssertValidJunit(r.Stdout);
        var doc = XDocument.Parse(r.Stdout);
        var broken = doc.Root!.Elements("testsuite").Single(s => (string?)s.Attribute("name") == "broken.yaml");
        var c = Assert.Single(broken.Elements("testcase"));
        // Input errors fail the case whatever --fail-on says: the file must be fixed.
        Assert.Contains(c.Elements("failure"), f => (string?)f.Attribute("type") == "DA0001");
        Assert.DoesNotContain("<script>", r.Stdout);
    }

    [Fact]
    public void An_unreadable_file_is_a_failing_case_and_the_run_exits_2()
    {
        if (OperatingSystem.IsWindows()) return;
        using var dir = new TempDir();
        dir.Write("ok.yaml", File.ReadAllText(Path.Combine(Repo.Root, "examples", "web-frontend.yaml")));
        // A link to nothing: named on the command line, it cannot be read.
        var link = Path.Combine(dir.Path, "gone.yaml");
        File.CreateSymbolicLink(link, Path.Combine(dir.Path, "missing-target.yaml"));
        var r = Run.InProcess(dir.Path, "lint", "ok.yaml", "gone.yaml", "-f", "junit");
        Assert.Equal(2, r.ExitCode);
        AssertValidJunit(r.Stdout);
        var suite = XDocument.Parse(r.Stdout).Root!.Elements("testsuite").Single(s => (string?)s.Attribute("name") == "gone.yaml");
        Assert.Equal("unreadable", (string?)Assert.Single(suite.Descendants("failure")).Attribute("type"));
        Assert.Contains("could not read 'gone.yaml'", r.Stderr);
    }

    // ---- GitLab Code Quality ----

    private static readonly string[] CodeQualitySeverities = { "info", "minor", "major", "critical", "blocker" };

    /// <summary>
    /// GitLab's Code Quality report format (docs.gitlab.com, "Code Quality report format"): a JSON array of
    /// objects with description (string), check_name (string), fingerprint (string, unique), severity (one of
    /// info, minor, major, critical, blocker), location.path (string) and location.lines.begin (integer).
    /// </summary>
    private static List<JsonElement> AssertCodeQuality(string json)
    {
        using var doc = JsonDocument.Parse(json);
        Assert.Equal(JsonValueKind.Array, doc.RootElement.ValueKind);
        var issues = doc.RootElement.EnumerateArray().Select(e => e.Clone()).ToList();
        foreach (var i in issues)
        {
            Assert.Equal(JsonValueKind.Object, i.ValueKind);
            Assert.False(string.IsNullOrEmpty(i.GetProperty("description").GetString()));
            Assert.False(string.IsNullOrEmpty(i.GetProperty("check_name").GetString()));
            Assert.Matches("^[0-9a-f]{32}$", i.GetProperty("fingerprint").GetString()!);
            Assert.Contains(i.GetProperty("severity").GetString(), CodeQualitySeverities);
            var location = i.GetProperty("location");
            Assert.False(string.IsNullOrEmpty(location.GetProperty("path").GetString()));
            Assert.Equal(JsonValueKind.Number, location.GetProperty("lines").GetProperty("begin").ValueKind);
            Assert.True(location.GetProperty("lines").GetProperty("begin").GetInt32() >= 1);
            if (i.TryGetProperty("type", out var type)) Assert.Equal("issue", type.GetString());
        }
        var fingerprints = issues.Select(i => i.GetProperty("fingerprint").GetString()).ToList();
        Assert.Equal(fingerprints.Count, fingerprints.Distinct().Count());
        return issues;
    }

    [Fact]
    public void Gitlab_on_examples_has_every_code_quality_field()
    {
        var r = Run.InProcess(Repo.Root, "lint", "examples", "-f", "gitlab");
        var issues = AssertCodeQuality(r.Stdout);
        var json = JsonDocument.Parse(Run.InProcess(Repo.Root, "lint", "examples", "-f", "json").Stdout);
        Assert.Equal(json.RootElement.GetProperty("findings").GetArrayLength(), issues.Count);
        Assert.Contains(issues, i => i.GetProperty("severity").GetString() == "major");
        Assert.Contains(issues, i => i.GetProperty("severity").GetString() == "minor");
    }

    [Fact]
    public void A_clean_run_is_an_empty_array()
        => Assert.Equal("[]\n", Run.InProcess(Repo.Root, "lint", "examples/web-frontend.yaml", "-f", "gitlab").Stdout);

    [Fact]
    public void Fingerprints_survive_an_edit_above_a_finding_and_equal_findings_differ()
    {
        using var dir = new TempDir();
        var services = File.ReadAllText(Path.Combine(Repo.Root, "examples", "services.yaml"));
        dir.Write("services.yaml", services);
        var before = AssertCodeQuality(Run.InProcess(dir.Path, "lint", "services.yaml", "-f", "gitlab").Stdout);
        dir.Write("services.yaml", "# a note\n# and another, moving every finding down\n\n" + services);
        var after = AssertCodeQuality(Run.InProcess(dir.Path, "lint", "services.yaml", "-f", "gitlab").Stdout);
        Assert.Equal(before.Count, after.Count);
        Assert.NotEmpty(before);
        for (int i = 0; i < before.Count; i++)
        {
            Assert.Equal(before[i].GetProperty("fingerprint").GetString(), after[i].GetProperty("fingerprint").GetString());
            Assert.Equal(before[i].GetProperty("location").GetProperty("lines").GetProperty("begin").GetInt32() + 3,
                after[i].GetProperty("location").GetProperty("lines").GetProperty("begin").GetInt32());
        }
        // The same workload twice in one file: equal findings, still two fingerprints (checked in AssertCodeQuality).
        var ledger = services.Split("\n---\n")[0];
        dir.Write("twice.yaml", ledger + "\n---\n" + ledger + "\n");
        var twice = AssertCodeQuality(Run.InProcess(dir.Path, "lint", "twice.yaml", "-f", "gitlab").Stdout);
        Assert.True(twice.Count(i => i.GetProperty("check_name").GetString() == "DA1001") == 2);
    }

    // ---- several formats, -q ----

    [Fact]
    public void Several_formats_from_one_run_each_match_a_run_of_its_own()
    {
        using var dir = new TempDir();
        var sarif = Path.Combine(dir.Path, "a.sarif");
        var gitlab = Path.Combine(dir.Path, "gl.json");
        var junit = Path.Combine(dir.Path, "lint.junit.xml");
        var r = Run.InProcess(Repo.Root, "lint", "examples", "-f", "sarif", "-o", sarif, "-f", "gitlab", "-o", gitlab, "-f", "text", "-f", "junit", "-o", junit);
        Assert.Equal(1, r.ExitCode);
        Assert.Equal(Run.InProcess(Repo.Root, "lint", "examples", "-f", "text").Stdout, r.Stdout);
        Assert.Equal(Run.InProcess(Repo.Root, "lint", "examples", "-f", "sarif").Stdout, File.ReadAllText(sarif));
        Assert.Equal(Run.InProcess(Repo.Root, "lint", "examples", "-f", "gitlab").Stdout, File.ReadAllText(gitlab));
        Assert.Equal(Run.InProcess(Repo.Root, "lint", "examples", "-f", "junit").Stdout, File.ReadAllText(junit));
        Assert.Empty(Directory.GetFiles(dir.Path, "*.tmp")); // each --output renamed into place
    }

    [Fact]
    public void One_format_may_still_name_its_output_first()
    {
        using var dir = new TempDir();
        var file = Path.Combine(dir.Path, "out.json");
        var r = Run.InProcess(Repo.Root, "lint", "examples", "-o", file, "-f", "gitlab");
        Assert.Equal(1, r.ExitCode);
        Assert.Equal("", r.Stdout);
        AssertCodeQuality(File.ReadAllText(file));
    }

    [Theory]
    [InlineData("two formats to standard output", "-f", "json", "-f", "text")]
    [InlineData("an output before any format", "-o", "{0}/a", "-f", "json", "-f", "text")]
    [InlineData("two outputs for one format", "-f", "json", "-o", "{0}/a", "-o", "{0}/b", "-f", "text")]
    [InlineData("one file for two formats", "-f", "json", "-o", "{0}/a", "-f", "sarif", "-o", "{0}/a")]
    public void Bad_pairs_of_formats_and_outputs_exit_2_and_write_nothing(string why, params string[] options)
    {
        using var dir = new TempDir();
        var args = new[] { "lint", "examples" }.Concat(options.Select(o => string.Format(o, dir.Path))).ToArray();
        var r = Run.InProcess(Repo.Root, args);
        Assert.True(r.ExitCode == 2, why + ": " + r.Stderr);
        Assert.Equal("", r.Stdout);
        Assert.Empty(Directory.GetFileSystemEntries(dir.Path));
        Assert.StartsWith("deploy-advisor: error: ", r.Stderr);
    }

    [Fact]
    public void Quiet_prints_findings_and_no_summary()
    {
        var loud = Run.InProcess(Repo.Root, "lint", "examples", "--color", "never");
        var quiet = Run.InProcess(Repo.Root, "lint", "examples", "-q", "--color", "never");
        Assert.Equal(loud.ExitCode, quiet.ExitCode);
        Assert.Contains(" workloads checked)", loud.Stdout);
        Assert.DoesNotContain("checked)", quiet.Stdout);
        Assert.StartsWith(quiet.Stdout, loud.Stdout);
        var clean = Run.InProcess(Repo.Root, "lint", "examples/web-frontend.yaml", "--quiet");
        Assert.Equal(0, clean.ExitCode);
        Assert.Equal("", clean.Stdout);
        Assert.Equal("", clean.Stderr);
    }

    // ---- standard input (a real process: the tool reads its own standard input) ----

    private static CliResult WithStdin(string cwd, byte[] input, params string[] args)
    {
        using var p = Run.Start(cwd, args);
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        try
        {
            p.StandardInput.BaseStream.Write(input);
            p.StandardInput.Close();
        }
        catch (IOException) { } // the tool may stop reading at its limit and exit first
        if (!p.WaitForExit(120_000)) { p.Kill(true); throw new TimeoutException("deploy-advisor " + string.Join(" ", args)); }
        p.WaitForExit();
        return new CliResult(p.ExitCode, Repo.Normalize(stdout.Result), Repo.Normalize(stderr.Result));
    }

    [Fact]
    public void Standard_input_is_checked_as_one_file_named_by_stdin_path()
    {
        var services = File.ReadAllBytes(Path.Combine(Repo.Root, "examples", "services.yaml"));
        var unnamed = WithStdin(Repo.Root, services, "lint", "-", "-f", "github");
        Assert.Equal(1, unnamed.ExitCode);
        Assert.Contains("::error file=<stdin>,line=16,col=13", unnamed.Stdout);

        var named = WithStdin(Repo.Root, services, "lint", "-", "--stdin-path", "deploy/services.yaml", "-f", "json");
        Assert.Equal(1, named.ExitCode);
        var files = JsonDocument.Parse(named.Stdout).RootElement.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("file").GetString()).Distinct();
        Assert.Equal(new[] { "deploy/services.yaml" }, files);

        // The same findings as the file itself, but for the name.
        var fromFile = Run.InProcess(Repo.Root, "lint", "examples/services.yaml", "-f", "json").Stdout;
        Assert.Equal(fromFile.Replace("examples/services.yaml", "deploy/services.yaml"), named.Stdout);

        var recommend = WithStdin(Repo.Root, services, "recommend", "-", "--stdin-path", "svc.yaml", "-f", "json");
        Assert.Equal(0, recommend.ExitCode);
        Assert.Contains("\"file\": \"svc.yaml\"", recommend.Stdout);
    }

    [Fact]
    public void Standard_input_is_read_bounded_like_a_file()
    {
        var big = new StringBuilder("apiVersion: deployadvisor/v1\nkind: Workload\n");
        while (big.Length <= 4 * 1024 * 1024 + 100) big.Append("# padding padding padding padding padding padding padding padding\n");
        var r = WithStdin(Repo.Root, Encoding.UTF8.GetBytes(big.ToString()), "lint", "-", "-f", "json");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("\"ruleId\": \"DA0007\"", r.Stdout);
        Assert.Contains("more than 4194304 bytes", r.Stdout);
    }
}
