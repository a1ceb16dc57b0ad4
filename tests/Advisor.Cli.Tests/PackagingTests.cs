using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Runtime.InteropServices;
using System.Threading;

namespace DeployAdvisor.Cli.Tests;

/// <summary>
/// `dotnet pack src/Advisor.Cli` gives a RID-specific .NET tool: a top-level package whose command is
/// deploy-advisor and which names the Native AOT packages (linux-x64, linux-arm64, osx-arm64, win-x64) and the
/// framework-dependent fallback (any); one pack makes this machine's native package and the fallback; and
/// `dotnet tool install` then installs the native binary, with no extra flag (<see cref="InstalledTool"/>).
/// </summary>
[Trait("Category", "Slow")]
public class PackagingTests
{
    public static readonly string[] NativeRids = { "linux-x64", "linux-arm64", "osx-arm64", "win-x64" };

    private static string ReadEntry(string nupkg, Func<string, bool> name)
    {
        using var zip = ZipFile.OpenRead(nupkg);
        var entry = zip.Entries.Single(e => name(e.FullName));
        using var reader = new StreamReader(entry.Open());
        return reader.ReadToEnd();
    }

    private static List<string> Entries(string nupkg)
    {
        using var zip = ZipFile.OpenRead(nupkg);
        return zip.Entries.Select(e => e.FullName).ToList();
    }

    [Fact]
    public void Pack_gives_a_tool_package_that_installs_as_deploy_advisor()
    {
        var tool = InstalledTool.Get();
        Assert.Contains("<Command Name=\"deploy-advisor\"", ReadEntry(tool.TopLevelPackage, n => n.EndsWith("DotnetToolSettings.xml", StringComparison.Ordinal)));

        var psi = new ProcessStartInfo(tool.Command, new[] { "recommend", Path.Combine(Repo.Root, "examples", "payments-api.yaml"), "--format", "json" }) { RedirectStandardOutput = true, UseShellExecute = false };
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        Assert.Equal(0, p.ExitCode);
        Assert.Contains("\"recommendation\": \"vm\"", stdout);
    }

    [Fact]
    public void The_top_level_package_names_a_native_package_per_platform_and_the_any_fallback()
    {
        var tool = InstalledTool.Get();
        var settings = ReadEntry(tool.TopLevelPackage, n => n.EndsWith("DotnetToolSettings.xml", StringComparison.Ordinal));
        foreach (var rid in NativeRids.Append("any"))
            Assert.Contains($"<RuntimeIdentifierPackage RuntimeIdentifier=\"{rid}\" Id=\"{InstalledTool.PackageId}.{rid}\" />", settings);
        // A pointer only: no binary of its own.
        Assert.DoesNotContain(Entries(tool.TopLevelPackage), e => e.EndsWith(".dll", StringComparison.Ordinal) || e.EndsWith("/deploy-advisor", StringComparison.Ordinal));
    }

    [Fact]
    public void One_pack_makes_this_machines_native_package_and_the_fallback()
    {
        var tool = InstalledTool.Get();
        var rid = RuntimeInformation.RuntimeIdentifier;
        var exe = OperatingSystem.IsWindows() ? "deploy-advisor.exe" : "deploy-advisor";
        if (NativeRids.Contains(rid))
        {
            var native = Entries(tool.Package(rid));
            Assert.Contains($"tools/any/{rid}/{exe}", native);
            // Native AOT: one executable, no managed assembly, no runtime configuration, no symbol files.
            Assert.DoesNotContain(native, e => e.EndsWith(".dll", StringComparison.Ordinal) || e.EndsWith(".runtimeconfig.json", StringComparison.Ordinal)
                                               || e.EndsWith(".dbg", StringComparison.Ordinal) || e.EndsWith(".pdb", StringComparison.Ordinal));
        }
        var any = Entries(tool.Package("any"));
        Assert.Contains("tools/net10.0/any/deploy-advisor.dll", any);
        Assert.Contains("tools/net10.0/any/deploy-advisor.runtimeconfig.json", any);
        Assert.DoesNotContain(any, e => e.EndsWith("/" + exe, StringComparison.Ordinal));
        // The packages for the other platforms come from their own OS (.github/workflows/pack.yml).
        foreach (var other in NativeRids.Where(r => r != rid)) Assert.False(File.Exists(tool.Package(other)), other);
    }

    [Fact]
    public void The_installed_command_is_the_native_binary_not_an_apphost()
    {
        var tool = InstalledTool.Get();
        var binary = tool.ResolvedCommand;
        var rid = RuntimeInformation.RuntimeIdentifier;
        Assert.Contains(Path.DirectorySeparatorChar + rid + Path.DirectorySeparatorChar, binary);
        var dir = Path.GetDirectoryName(binary)!;
        // An apphost would sit beside deploy-advisor.dll and its runtimeconfig.json, and start the runtime from them.
        Assert.False(File.Exists(Path.Combine(dir, "deploy-advisor.dll")), "deploy-advisor.dll beside " + binary);
        Assert.False(File.Exists(Path.Combine(dir, "deploy-advisor.runtimeconfig.json")), "runtimeconfig.json beside " + binary);
        var magic = new byte[4];
        using (var f = File.OpenRead(binary)) Assert.Equal(4, f.Read(magic, 0, 4));
        if (OperatingSystem.IsLinux()) Assert.Equal(new byte[] { 0x7f, (byte)'E', (byte)'L', (byte)'F' }, magic);
        else if (OperatingSystem.IsWindows()) Assert.Equal((byte)'M', magic[0]);
        // A native binary of several MB (the whole program compiled in), where an apphost is about 70 KB.
        Assert.True(new FileInfo(binary).Length > 2_000_000, $"{binary}: {new FileInfo(binary).Length} bytes");
    }

    /// <summary>While it runs, the installed command has no .NET runtime or JIT loaded; the JIT build has both
    /// (which shows the check can see them).</summary>
    [Fact]
    public void The_installed_command_loads_no_runtime_and_no_jit()
    {
        if (!OperatingSystem.IsLinux()) return; // /proc/<pid>/maps
        using var dir = new TempDir();
        dir.Write("w.yaml", Descriptors.Clean());
        var native = LoadedLibraries(dir.Path, builtDll: false);
        var jit = LoadedLibraries(dir.Path, builtDll: true);
        Assert.Contains(jit, l => l.StartsWith("libcoreclr.so", StringComparison.Ordinal));
        Assert.Contains(jit, l => l.StartsWith("libclrjit.so", StringComparison.Ordinal));
        foreach (var runtime in new[] { "libcoreclr.so", "libclrjit.so", "libhostfxr.so", "libhostpolicy.so" })
            Assert.DoesNotContain(native, l => l.StartsWith(runtime, StringComparison.Ordinal));
    }

    private static HashSet<string> LoadedLibraries(string cwd, bool builtDll)
    {
        // The test hook that slows each file down keeps the process alive while its maps are read.
        var env = new Dictionary<string, string> { ["DEPLOYADVISOR_TEST_FILE_DELAY_MS"] = "3000" };
        using var p = builtDll ? Run.Start(cwd, new[] { "lint", "w.yaml" }, env, builtDll: true)
                               : Run.Start(cwd, new[] { "lint", "w.yaml" }, env, executable: InstalledTool.Command);
        p.StandardInput.Close();
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        var libraries = new HashSet<string>();
        var watch = Stopwatch.StartNew();
        // Read until the engine has started (the JIT build loads its runtime before Main), then once more.
        while (!p.HasExited && watch.ElapsedMilliseconds < 2500)
        {
            try
            {
                foreach (var line in File.ReadAllLines($"/proc/{p.Id}/maps"))
                {
                    var slash = line.LastIndexOf('/');
                    if (slash >= 0) libraries.Add(line.Substring(slash + 1));
                }
            }
            catch (IOException) { }
            Thread.Sleep(100);
        }
        Assert.True(p.WaitForExit(60_000), "did not finish");
        Assert.True(p.ExitCode == 0, stdout.Result + stderr.Result);
        Assert.Contains(libraries, l => l.StartsWith("libc.so", StringComparison.Ordinal)); // the maps were read
        return libraries;
    }

    [Fact]
    public void The_any_fallback_runs_on_the_shared_runtime_and_says_what_the_JIT_build_says()
    {
        var tool = InstalledTool.Get();
        using var dir = new TempDir();
        ZipFile.ExtractToDirectory(tool.Package("any"), dir.Path);
        var dll = Path.Combine(dir.Path, "tools", "net10.0", "any", "deploy-advisor.dll");
        foreach (var args in new[] { new[] { "recommend", "examples/", "--format", "json" }, new[] { "lint", "examples/", "--format", "sarif" } })
        {
            var jit = Run.Exec(Repo.Root, args, builtDll: true);
            var fallback = Run.Exec(Repo.Root, new[] { dll }.Concat(args).ToArray(), executable: "dotnet");
            Assert.Equal(jit.ExitCode, fallback.ExitCode);
            Assert.Equal(jit.Stdout, fallback.Stdout);
            Assert.Equal(jit.Stderr, fallback.Stderr);
        }
    }

    /// <summary>Native AOT wherever a runtime is named (publish and pack), ReadyToRun with DeployAdvisorAot=false,
    /// the shared runtime for `any` and for the RID-less build the tests use. Read from MSBuild's evaluation.</summary>
    [Theory]
    [InlineData("linux-x64", "", "true", "")]
    [InlineData("win-x64", "", "true", "")]
    [InlineData("linux-x64", "false", "", "true")]
    [InlineData("any", "", "", "")]
    [InlineData("", "", "", "")]
    public void Publish_is_native_wherever_a_runtime_is_named(string rid, string aot, string publishAot, string readyToRun)
    {
        var args = new List<string> { "msbuild", Path.Combine("src", "Advisor.Cli", "Advisor.Cli.csproj"), "-getProperty:PublishAot", "-getProperty:PublishReadyToRun" };
        if (rid != "") args.Add("-p:RuntimeIdentifier=" + rid);
        if (aot != "") args.Add("-p:DeployAdvisorAot=" + aot);
        var r = Run.Dotnet(Repo.Root, null, args.ToArray());
        Assert.True(r.ExitCode == 0, r.Stdout + r.Stderr);
        var json = System.Text.Json.JsonDocument.Parse(r.Stdout).RootElement.GetProperty("Properties");
        Assert.Equal(publishAot, json.GetProperty("PublishAot").GetString());
        Assert.Equal(readyToRun, json.GetProperty("PublishReadyToRun").GetString());
    }
}
