using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using DeployAdvisor.Cli;
using DeployAdvisor.Cli.Output;
using DeployAdvisor.Cli.Running;

namespace DeployAdvisor.Cli.Tests;

public static class Repo
{
    public static string Root => DeployAdvisor.Tests.Shared.TestRepository.Root;

    public static string TestsDir => Path.Combine(Root, "tests", "Advisor.Cli.Tests");

    /// <summary>DEPLOYADVISOR_UPDATE=1 rewrites golden files, generated docs and the config schema instead of comparing.</summary>
    public static bool Update => DeployAdvisor.Tests.Shared.TestRepository.Regenerate;

    public static string Normalize(string text) => text.Replace("\r\n", "\n");

    /// <summary>Compares with a committed file, or rewrites it under DEPLOYADVISOR_UPDATE=1.</summary>
    public static void AssertMatchesFile(string path, string actual, string regenerate = "run the tests with DEPLOYADVISOR_UPDATE=1 and review the diff")
        => DeployAdvisor.Tests.Shared.TestRepository.AssertMatchesFile(path, actual, regenerate);
}

public sealed record CliResult(int ExitCode, string Stdout, string Stderr);

public static class Run
{
    /// <summary>Lint or recommend in-process, rendered as the CLI would render into a file.</summary>
    public static (Analysis Analysis, Session Session) Analyze(string cwd, string[] paths, int jobs = 2, string? config = null, AnalysisOptions? keep = null)
    {
        var session = Session.Load(cwd, config, Array.Empty<string>(), null);
        var inputs = InputCollector.Collect(paths, session);
        return (Analyzer.Run(session, inputs, jobs, CancellationToken.None, keep), session);
    }

    public static string Lint(string format, string cwd, params string[] paths)
    {
        var (analysis, session) = Analyze(cwd, paths);
        return LintFormats.Render(format, analysis, session, Rendering.Plain);
    }

    public static string Recommend(string format, string cwd, params string[] paths)
    {
        var (analysis, session) = Analyze(cwd, paths);
        return RecommendFormats.Render(format, analysis, session, Rendering.Plain);
    }

    private static readonly object ConsoleLock = new object();

    /// <summary>The whole CLI in-process (console redirected), for fast exit-code and stream checks.</summary>
    public static CliResult InProcess(string cwd, params string[] args)
    {
        lock (ConsoleLock)
        {
            var oldOut = Console.Out;
            var oldErr = Console.Error;
            var oldCwd = Directory.GetCurrentDirectory();
            var stdout = new StringWriter { NewLine = "\n" };
            var stderr = new StringWriter { NewLine = "\n" };
            try
            {
                Console.SetOut(stdout);
                Console.SetError(stderr);
                Directory.SetCurrentDirectory(cwd);
                int code = CliApp.Run(args);
                return new CliResult(code, stdout.ToString(), stderr.ToString());
            }
            finally
            {
                Console.SetOut(oldOut);
                Console.SetError(oldErr);
                Directory.SetCurrentDirectory(oldCwd);
            }
        }
    }

    /// <summary>The dotnet command (pack, publish, tool install…), with output captured and a time limit.</summary>
    public static CliResult Dotnet(string cwd, IDictionary<string, string>? env, params string[] args)
        => Dotnet(cwd, env, 300_000, args);

    public static CliResult Dotnet(string cwd, IDictionary<string, string>? env, int timeoutMs, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { WorkingDirectory = cwd, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        psi.Environment["DOTNET_NOLOGO"] = "1";
        if (env != null) foreach (var kv in env) psi.Environment[kv.Key] = kv.Value;
        using var p = Process.Start(psi)!;
        var o = p.StandardOutput.ReadToEndAsync();
        var e = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(timeoutMs)) { p.Kill(true); throw new TimeoutException("dotnet " + string.Join(" ", args) + $" did not finish in {timeoutMs / 1000} s"); }
        p.WaitForExit();
        return new CliResult(p.ExitCode, o.Result, e.Result);
    }

    /// <summary>The built CLI (deploy-advisor.dll, the JIT build) as a separate process.</summary>
    public static string CliDll
    {
        get
        {
            var beside = System.IO.Path.Combine(AppContext.BaseDirectory, "deploy-advisor.dll");
            if (File.Exists(System.IO.Path.Combine(AppContext.BaseDirectory, "deploy-advisor.runtimeconfig.json"))) return beside;
            var config = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name; // bin/<Configuration>/net10.0
            return System.IO.Path.Combine(Repo.Root, "src", "Advisor.Cli", "bin", config, "net10.0", "deploy-advisor.dll");
        }
    }

    /// <summary>
    /// The command process-level tests run: the tool as a user installs it (<see cref="InstalledTool"/>: packed
    /// and installed once per build, Native AOT on this machine), unless DEPLOYADVISOR_TEST_CLI=built asks for
    /// the built deploy-advisor.dll (a quick loop while editing the CLI; CI runs the installed tool).
    /// </summary>
    public static bool UseBuiltDll => Environment.GetEnvironmentVariable("DEPLOYADVISOR_TEST_CLI") == "built";

    /// <summary>Packs and installs the tool now if this build has not yet (minutes, once), so that a caller timing
    /// <see cref="Start"/> times the command, not the installation.</summary>
    public static void Prepare()
    {
        if (!UseBuiltDll) _ = InstalledTool.Command;
    }

    /// <param name="wrapper">A command to run the CLI under (e.g. /usr/bin/time -o file -f %M), then the CLI and args.</param>
    /// <param name="executable">A build of the CLI to run instead of the installed tool.</param>
    /// <param name="builtDll">Run the built deploy-advisor.dll with dotnet (the JIT build) instead of the installed tool.</param>
    public static Process Start(string cwd, IEnumerable<string> args, IDictionary<string, string>? env = null, IReadOnlyList<string>? wrapper = null, string? executable = null, bool builtDll = false)
    {
        var command = new List<string>(wrapper ?? Array.Empty<string>());
        if (executable != null) command.Add(executable);
        else if (builtDll || UseBuiltDll) command.AddRange(new[] { "dotnet", CliDll });
        else command.Add(InstalledTool.Command);
        var psi = new ProcessStartInfo(command[0])
        {
            WorkingDirectory = cwd,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var c in command.Skip(1)) psi.ArgumentList.Add(c);
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        psi.Environment["DOTNET_NOLOGO"] = "1";
        psi.Environment.Remove("NO_COLOR");
        if (env != null) foreach (var kv in env) psi.Environment[kv.Key] = kv.Value;
        return Process.Start(psi)!;
    }

    public static CliResult Exec(string cwd, string[] args, IDictionary<string, string>? env = null, int timeoutMs = 60_000, string? executable = null, bool builtDll = false)
    {
        using var p = Start(cwd, args, env, executable: executable, builtDll: builtDll);
        p.StandardInput.Close();
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(timeoutMs))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException("deploy-advisor " + string.Join(" ", args) + " did not finish");
        }
        p.WaitForExit();
        return new CliResult(p.ExitCode, Repo.Normalize(stdout.Result), Repo.Normalize(stderr.Result));
    }
}
