using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Threading;

namespace DeployAdvisor.Cli.Tests;

/// <summary>
/// The CLI as a user installs it, following the README: `dotnet pack src/Advisor.Cli -o feed` (the top-level
/// package, this machine's Native AOT package and the framework-dependent `any` fallback), then
/// `dotnet tool install --tool-path … --add-source feed DeployAdvisor.Cli`.
/// Done once per build of the CLI and kept: the folder is named by a hash of the built CLI and engine
/// (deterministic builds: the same sources give the same bytes) and the packing files, so a second test run
/// of the same sources installs nothing, and a changed CLI is packed again. A lock file keeps two test runs
/// (or two test classes) from packing the same build at once. Packing happens in its own artifacts folder,
/// so it never shares obj/ with the builds of the test assemblies.
/// </summary>
public static class InstalledTool
{
    public const string PackageId = "DeployAdvisor.Cli";

    private static readonly Lazy<Installation> Lazy = new(Installation.Create, LazyThreadSafetyMode.ExecutionAndPublication);

    public static Installation Get() => Lazy.Value;

    /// <summary>The installed command (the shim in the tool path: a link into the tool store).</summary>
    public static string Command => Get().Command;
}

public sealed class Installation
{
    private Installation(string dir, string packLog)
    {
        Dir = dir;
        PackLog = packLog;
        Feed = Path.Combine(dir, "feed");
        ToolPath = Path.Combine(dir, "tool");
        Command = Path.Combine(ToolPath, OperatingSystem.IsWindows() ? "deploy-advisor.exe" : "deploy-advisor");
        var top = Directory.GetFiles(Feed, InstalledTool.PackageId + ".*.nupkg")
            .Select(Path.GetFileName)
            .Single(n => char.IsDigit(n![InstalledTool.PackageId.Length + 1]))!;
        Version = top.Substring(InstalledTool.PackageId.Length + 1, top.Length - InstalledTool.PackageId.Length - 1 - ".nupkg".Length);
    }

    public string Dir { get; }
    public string Feed { get; }
    public string ToolPath { get; }
    public string Command { get; }
    public string Version { get; }
    /// <summary>What `dotnet pack` printed (the inner RID packs included), for warnings.</summary>
    public string PackLog { get; }

    /// <summary>The file the command runs: the shim resolved through its link.</summary>
    public string ResolvedCommand => new FileInfo(Command).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? Command;

    public string Package(string rid) => Path.Combine(Feed, $"{InstalledTool.PackageId}.{rid}.{Version}.nupkg");
    public string TopLevelPackage => Path.Combine(Feed, $"{InstalledTool.PackageId}.{Version}.nupkg");

    private const string Done = "installed.ok";

    internal static Installation Create()
    {
        var root = Path.Combine(Path.GetTempPath(), "deployadvisor-installed-tool");
        Directory.CreateDirectory(root);
        var key = BuildKey();
        var dir = Path.Combine(root, key);
        using (Lock(Path.Combine(root, key + ".lock")))
        {
            if (File.Exists(Path.Combine(dir, Done))) return new Installation(dir, File.ReadAllText(Path.Combine(dir, "pack.log")));
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
            Directory.CreateDirectory(dir);
            ForgetOldInstallations(root, key);

            // The README's two commands, with the feed, the tool path and the package folder private to this build.
            var feed = Path.Combine(dir, "feed");
            var pack = Run.Dotnet(Repo.Root, null, 1_800_000,
                "pack", Path.Combine("src", "Advisor.Cli", "Advisor.Cli.csproj"), "-c", "Release", "-o", feed,
                "--artifacts-path", Path.Combine(dir, "artifacts"), "-v:m", "-clp:NoSummary");
            var log = pack.Stdout + pack.Stderr;
            File.WriteAllText(Path.Combine(dir, "pack.log"), log);
            if (pack.ExitCode != 0)
                throw new InvalidOperationException("dotnet pack src/Advisor.Cli failed (Native AOT needs clang or gcc; DEPLOYADVISOR_TEST_CLI=built runs the process-level tests on the built dll instead):\n" + log);

            // Only the feed: a package of the same id and version elsewhere (nuget.org, the global package
            // folder, which keeps the first copy of a version) must not be picked.
            var config = Path.Combine(dir, "nuget.config");
            File.WriteAllText(config, $"<configuration><packageSources><clear /><add key=\"feed\" value=\"{feed}\" /></packageSources></configuration>");
            var env = new Dictionary<string, string> { ["NUGET_PACKAGES"] = Path.Combine(dir, "packages") };
            var install = Run.Dotnet(dir, env, 600_000, "tool", "install", InstalledTool.PackageId, "--tool-path", Path.Combine(dir, "tool"), "--configfile", config);
            if (install.ExitCode != 0) throw new InvalidOperationException("dotnet tool install failed:\n" + install.Stdout + install.Stderr);

            // The AOT compiler's intermediate files are hundreds of MB; the feed and the tool are what is kept.
            TryDelete(Path.Combine(dir, "artifacts"));
            TryDelete(Path.Combine(dir, "packages"));
            File.WriteAllText(Path.Combine(dir, Done), log.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
            return new Installation(dir, log);
        }
    }

    /// <summary>A hash of what the package is made from: the built CLI and engine (their bytes carry the sources,
    /// the embedded schemas and rules) and the files that say how it is packed.</summary>
    private static string BuildKey()
    {
        using var sha = SHA256.Create();
        var inputs = new[]
        {
            Path.Combine(AppContext.BaseDirectory, "deploy-advisor.dll"),
            Path.Combine(AppContext.BaseDirectory, "DeployAdvisor.Engine.dll"),
            Path.Combine(Repo.Root, "src", "Advisor.Cli", "Advisor.Cli.csproj"),
            Path.Combine(Repo.Root, "src", "Advisor.Cli", "NativeToolPackages.targets"),
            Path.Combine(Repo.Root, "Directory.Build.props"),
        };
        var all = new List<byte>();
        foreach (var file in inputs)
        {
            all.AddRange(System.Text.Encoding.UTF8.GetBytes(Path.GetFileName(file)));
            if (File.Exists(file)) all.AddRange(sha.ComputeHash(File.ReadAllBytes(file)));
        }
        all.AddRange(System.Text.Encoding.UTF8.GetBytes(Repo.Root + "|" + Environment.Version));
        return Convert.ToHexString(sha.ComputeHash(all.ToArray())).Substring(0, 16).ToLowerInvariant();
    }

    private static FileStream Lock(string path)
    {
        var deadline = DateTime.UtcNow.AddMinutes(40);
        while (true)
        {
            try { return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None); }
            catch (IOException) when (DateTime.UtcNow < deadline) { Thread.Sleep(1000); }
        }
    }

    /// <summary>Installations of other builds not used for a day (each holds a feed of about 10 MB and a tool).</summary>
    private static void ForgetOldInstallations(string root, string keep)
    {
        foreach (var other in Directory.GetDirectories(root))
        {
            if (Path.GetFileName(other) == keep) continue;
            if (Directory.GetLastWriteTimeUtc(other) < DateTime.UtcNow.AddDays(-1)) TryDelete(other);
        }
    }

    private static void TryDelete(string dir)
    {
        try { if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
