using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DeployAdvisor.Bench.Corpus;
using DeployAdvisor.Cli.Output.Report;
using DeployAdvisor.Cli.Running;
using Microsoft.Playwright;

namespace DeployAdvisor.Report.Tests;

public static class Repo
{
    public static string Root => DeployAdvisor.Tests.Shared.TestRepository.Root;

    public static string TestsDir => Path.Combine(Root, "tests", "Advisor.Report.Tests");

    /// <summary>DEPLOYADVISOR_UPDATE=1 (the repo's update switch) rewrites golden files and the README screenshots instead of comparing.</summary>
    public static bool Update => DeployAdvisor.Tests.Shared.TestRepository.Regenerate;

    public static void AssertMatchesFile(string path, string actual)
        => DeployAdvisor.Tests.Shared.TestRepository.AssertMatchesFile(path, actual);
}

/// <summary>Runs the CLI's analysis in-process and builds the report's model, as <c>recommend</c> does.</summary>
public static class Reports
{
    public static PortfolioModel Model(string cwd, params string[] paths)
    {
        var session = Session.Load(cwd, null, Array.Empty<string>(), null);
        var inputs = InputCollector.Collect(paths, session);
        var analysis = Analyzer.Run(session, inputs, Environment.ProcessorCount, CancellationToken.None, new AnalysisOptions { KeepEvaluations = true, KeepSourceLines = false });
        return PortfolioModel.From(analysis, session.Rules);
    }

    public static PortfolioModel Examples() => Model(Repo.Root, "examples/");

    /// <summary>Descriptors whose free text tries to become markup: every payload sets window.__pwned if it ever runs.</summary>
    public const string ScriptPayload = "<script>window.__pwned='script'</script>";
    public const string ImgPayload = "<img src=x onerror=\"window.__pwned='img'\">";

    public const string SvgPayload = "\"><svg onload=\"window.__pwned='svg'\"></svg>";

    /// <summary>A YAML single-quoted scalar.</summary>
    private static string Quote(string s) => "'" + s.Replace("'", "''") + "'";

    public static void WriteHostile(TempDir dir)
    {
        dir.Write("hostile.yaml", $$"""
apiVersion: deployadvisor/v1
kind: Workload
metadata:
  name: hostile-text
  description: {{Quote(ScriptPayload + " and " + ImgPayload + " *bold* [link](javascript:alert(1)) @someone | cell")}}
  owner: {{Quote(SvgPayload)}}
spec:
  interface: web
  security:
    sensitivity: restricted
  deployment:
    target: container
""");
        dir.Write("unknown-key.yaml", """
apiVersion: deployadvisor/v1
kind: Workload
metadata:
  name: hostile-key
spec:
  interface: web
  security:
    sensitivity: confidential
  "<img src=x onerror=window.__pwned=1>": true
""");
    }

    /// <summary>The benchmark corpus: N single-document descriptors that all evaluate (bench/report.sh: --single --schema-error-percent 0), written to a folder.</summary>
    public static string WriteCorpus(TempDir dir, int count)
    {
        var root = System.IO.Path.Combine(dir.Path, "corpus");
        DescriptorCorpus.Write(root, new DescriptorOptions { Count = count, SingleDocumentOnly = true, SchemaErrorPercent = 0 });
        return root;
    }
}

/// <summary>
/// Debian's chromium, driven by Playwright through its executable path (never `playwright install`).
/// Installs the package when it is missing and the tests run as root (as CI does on a fresh machine).
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string Chromium = "/usr/bin/chromium";
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        EnsureChromium();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = new[] { "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run" },
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser != null) await Browser.CloseAsync();
        _playwright?.Dispose();
    }

    private static readonly object InstallLock = new object();

    public static void EnsureChromium()
    {
        lock (InstallLock)
        {
            if (File.Exists(Chromium)) return;
            if (Environment.UserName != "root" && Environment.GetEnvironmentVariable("USER") != "root")
                throw new InvalidOperationException($"{Chromium} is missing: install Debian's chromium package (apt-get install -y chromium) or run the tests as root");
            Sh("apt-get update");
            Sh("DEBIAN_FRONTEND=noninteractive apt-get install -y chromium");
            if (!File.Exists(Chromium)) throw new InvalidOperationException($"apt-get installed chromium, but {Chromium} is still missing");
        }
    }

    private static void Sh(string command)
    {
        var psi = new ProcessStartInfo("/bin/sh") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add(command);
        using var p = Process.Start(psi)!;
        var o = p.StandardOutput.ReadToEndAsync();
        var e = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(600_000)) { p.Kill(true); throw new TimeoutException(command + " did not finish in 10 minutes"); }
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException($"{command} failed ({p.ExitCode}):\n{o.Result}\n{e.Result}");
    }

    /// <summary>A fresh page at a width and colour scheme, with every request that is not the report itself recorded and aborted.</summary>
    public async Task<(IPage Page, List<string> Requests)> OpenAsync(string file, int width = 1280, int height = 900, ColorScheme scheme = ColorScheme.Light)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            ColorScheme = scheme,
            ServiceWorkers = ServiceWorkerPolicy.Block,
        });
        var page = await context.NewPageAsync();
        var url = new Uri(file).AbsoluteUri;
        var requests = new List<string>();
        page.Request += (_, r) => { if (r.Url != url) lock (requests) requests.Add(r.Url); };
        await context.RouteAsync("**/*", route => route.Request.Url == url ? route.ContinueAsync() : route.AbortAsync());
        await page.GotoAsync(url, new PageGotoOptions { WaitUntil = WaitUntilState.Load, Timeout = 120_000 });
        return (page, requests);
    }
}

[CollectionDefinition("browser")]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture> { }
