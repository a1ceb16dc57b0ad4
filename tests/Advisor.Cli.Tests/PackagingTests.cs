using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.IO.Compression;
using System.Linq;

namespace DeployAdvisor.Cli.Tests;

/// <summary>`dotnet pack` gives a .NET tool package whose command is deploy-advisor, and it installs and runs.</summary>
[Trait("Category", "Slow")]
public class PackagingTests
{
    [Fact]
    public void Pack_gives_a_tool_package_that_installs_as_deploy_advisor()
    {
        using var dir = new TempDir();
        // The CLI was built with the tests (same configuration): pack that build rather than build again.
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        var pack = Run.Dotnet(Repo.Root, null, "pack", Path.Combine("src", "Advisor.Cli", "Advisor.Cli.csproj"), "--no-build", "-c", configuration, "-o", dir.Path);
        Assert.True(pack.ExitCode == 0, pack.Stdout + pack.Stderr);
        var nupkg = Assert.Single(Directory.GetFiles(dir.Path, "*.nupkg"));
        using (var zip = ZipFile.OpenRead(nupkg))
        {
            var settings = zip.Entries.Single(e => e.FullName.EndsWith("DotnetToolSettings.xml", StringComparison.Ordinal));
            using var reader = new StreamReader(settings.Open());
            Assert.Contains("<Command Name=\"deploy-advisor\"", reader.ReadToEnd());
        }

        // A private package folder: the global one would keep an older package of the same version.
        var env = new Dictionary<string, string> { ["NUGET_PACKAGES"] = Path.Combine(dir.Path, "packages") };
        var version = Path.GetFileNameWithoutExtension(nupkg).Substring("DeployAdvisor.Cli.".Length);
        var install = Run.Dotnet(dir.Path, env, "tool", "install", "DeployAdvisor.Cli", "--tool-path", Path.Combine(dir.Path, "tool"), "--add-source", dir.Path, "--version", version);
        Assert.True(install.ExitCode == 0, install.Stdout + install.Stderr);
        var exe = Path.Combine(dir.Path, "tool", OperatingSystem.IsWindows() ? "deploy-advisor.exe" : "deploy-advisor");
        var psi = new ProcessStartInfo(exe, new[] { "recommend", Path.Combine(Repo.Root, "examples", "payments-api.yaml"), "--format", "json" }) { RedirectStandardOutput = true, UseShellExecute = false };
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        Assert.Equal(0, p.ExitCode);
        Assert.Contains("\"recommendation\": \"vm\"", stdout);
    }
}
