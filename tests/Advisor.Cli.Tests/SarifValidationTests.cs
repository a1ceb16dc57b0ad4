using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;

namespace DeployAdvisor.Cli.Tests;

/// <summary>
/// Microsoft's SARIF Multitool (npm @microsoft/sarif-multitool, the validator GitHub's guidance names)
/// must find no error and no warning in our SARIF, for a clean run, a dirty run, and with help URIs;
/// the one exception is SARIF2005 (no informationUri) when no docs base URL is configured.
/// The tool is installed with npm into artifacts/tools/ on first use, so a fresh machine with only the
/// .NET SDK and npm runs this test as CI does.
/// </summary>
[Trait("Category", "Slow")]
public class SarifValidationTests
{
    private const string Package = "@microsoft/sarif-multitool@5.7.0";
    private static readonly object InstallLock = new object();

    private static string Multitool()
    {
        var dir = Path.Combine(Repo.Root, "artifacts", "tools", "sarif-multitool-5.7.0");
        var exe = Path.Combine(dir, "node_modules", "@microsoft", "sarif-multitool-linux", "Sarif.Multitool");
        lock (InstallLock)
        {
            if (!File.Exists(exe))
            {
                Directory.CreateDirectory(dir);
                var npm = Exec("npm", dir, "install", "--no-audit", "--no-fund", "--no-save", "--prefix", dir, Package);
                Assert.True(npm.ExitCode == 0, "npm install of the SARIF Multitool failed:\n" + npm.Stdout + npm.Stderr);
            }
            // npm skips the package's postinstall (chmod), so make the binary executable ourselves.
            File.SetUnixFileMode(exe, File.GetUnixFileMode(exe) | UnixFileMode.UserExecute);
        }
        return exe;
    }

    private static CliResult Exec(string file, string cwd, params string[] args)
    {
        var psi = new ProcessStartInfo(file) { WorkingDirectory = cwd, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var p = Process.Start(psi)!;
        var o = p.StandardOutput.ReadToEndAsync();
        var e = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(300_000)) { p.Kill(true); throw new TimeoutException(file); }
        p.WaitForExit();
        return new CliResult(p.ExitCode, o.Result, e.Result);
    }

    [Theory]
    [InlineData("clean", new[] { "lint", "examples/web-frontend.yaml" })]
    [InlineData("dirty", new[] { "lint", "examples" })]
    [InlineData("help-uri", new[] { "lint", "examples", "--docs-base-url", "https://github.com/acme/platform/blob/main/docs/rules/" })]
    public void Sarif_passes_the_Multitool_with_no_error_and_no_warning(string name, string[] args)
    {
        var exe = Multitool();
        using var dir = new TempDir();
        var sarif = Path.Combine(dir.Path, name + ".sarif");
        var run = Run.Exec(Repo.Root, args.Concat(new[] { "--format", "sarif", "--output", sarif, "--fail-on", "never" }).ToArray());
        Assert.True(run.ExitCode == 0, run.Stderr);
        if (name == "clean") Assert.Contains("\"results\": []", File.ReadAllText(sarif));
        if (name == "help-uri") Assert.Contains("\"helpUri\": \"https://github.com/acme/platform/blob/main/docs/rules/DA1001.md\"", File.ReadAllText(sarif));
        else Assert.DoesNotContain("helpUri", File.ReadAllText(sarif));

        var log = Path.Combine(dir.Path, name + ".validation.sarif");
        var v = Exec(exe, dir.Path, "validate", "--rule-kind", "Sarif;Gh", "--output", log, sarif);
        Assert.True(v.ExitCode == 0, v.Stdout + v.Stderr);
        using var doc = JsonDocument.Parse(File.ReadAllText(log));
        var problems = doc.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray()
            .Where(r => !r.TryGetProperty("level", out var level) || level.GetString() is "error" or "warning")
            .Select(r => r.GetProperty("ruleId").GetString() + ": " + r.GetProperty("message").ToString())
            .ToList();
        // Without a docs base URL there is no page to name as the tool's informationUri (the project
        // publishes none, and a placeholder would be worse), which the Multitool notes as SARIF2005. That
        // one warning, and nothing else, is expected then; with a docs URL, nothing at all.
        var expected = name == "help-uri" ? Array.Empty<string>() : new[] { "SARIF2005" };
        Assert.True(problems.Select(p => p.Split(':')[0]).SequenceEqual(expected), "expected [" + string.Join(", ", expected) + "], got:\n" + string.Join("\n", problems) + "\n" + v.Stdout);
        Assert.DoesNotContain(": error ", v.Stdout);
        Assert.Equal(expected.Length, v.Stdout.Split('\n').Count(l => l.Contains(": warning ")));
        if (expected.Length == 1) Assert.Contains(": warning SARIF2005: runs[0].tool.driver: The tool 'deploy-advisor' does not provide 'informationUri'", v.Stdout);
        if (name == "help-uri") Assert.Contains("\"informationUri\": \"https://github.com/acme/platform/blob/main/docs/rules/README.md\"", File.ReadAllText(sarif));
    }
}
