using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using Xunit.Abstractions;

namespace DeployAdvisor.Cli.Tests;

/// <summary>
/// The installed tool (<see cref="InstalledTool"/>: on this machine, the Native AOT package) must say exactly
/// what the JIT build says. The engine reads its model by reflection (validation messages list enum values, the
/// binder creates model objects), which a trimmed build could silently lose: every output is compared byte for
/// byte with `dotnet deploy-advisor.dll`, over the examples, every kind of hostile input, user rules, a bad rule
/// file and a bad configuration.
/// </summary>
[Trait("Category", "Slow")]
public class NativeAotTests
{
    private readonly ITestOutputHelper _log;

    public NativeAotTests(ITestOutputHelper log) { _log = log; }

    private static void AssertInstalled()
    {
        var tool = InstalledTool.Get();
        // A trimming or AOT warning means some reflection may not work in this build: none is accepted.
        var warnings = tool.PackLog.Split('\n').Where(l => l.Contains("warning IL", StringComparison.Ordinal)).ToList();
        Assert.True(warnings.Count == 0, "trimming/AOT warnings:\n" + string.Join("\n", warnings));
        Assert.True(File.Exists(tool.Command), tool.Command);
    }

    private void AssertSameAsJit(string cwd, params string[] args)
    {
        AssertInstalled();
        var jit = Run.Exec(cwd, args, builtDll: true);
        var native = Run.Exec(cwd, args, executable: InstalledTool.Command);
        _log.WriteLine($"deploy-advisor {string.Join(" ", args.Select(a => a.Length > 60 ? a.Substring(0, 60) + "…" : a))}: exit {jit.ExitCode}, {jit.Stdout.Length} + {jit.Stderr.Length} chars");
        Assert.Equal(jit.ExitCode, native.ExitCode);
        Assert.Equal(jit.Stdout, native.Stdout);
        Assert.Equal(jit.Stderr, native.Stderr);
    }

    public static IEnumerable<object[]> Commands => new[]
    {
        new[] { "recommend", "examples/" },
        new[] { "recommend", "examples/", "--format", "json" },
        new[] { "lint", "examples/" },
        new[] { "lint", "examples/", "--format", "json" },
        new[] { "lint", "examples/", "--format", "sarif" },
        new[] { "lint", "examples/", "--format", "github" },
        new[] { "explain", "DA1001" },
        new[] { "rules", "list" },
        new[] { "rules", "test", "rules" },
        new[] { "schema", "workload" },
        new[] { "--help" },
        new[] { "lint", "--formt", "json" },
    }.Select(a => new object[] { a });

    [Theory]
    [MemberData(nameof(Commands))]
    public void Commands_say_the_same(string[] args) => AssertSameAsJit(Repo.Root, args);

    public static IEnumerable<object[]> Kinds => HostileInputProcessTests.Kinds;

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Hostile_input_gets_the_same_findings(string kind)
    {
        using var dir = new TempDir();
        var path = HostileInputProcessTests.Cases.Single(c => c.Kind == kind).Make(dir.Path);
        AssertSameAsJit(dir.Path, "lint", path, "--format", "json");
    }

    [Fact]
    public void Schema_errors_user_rules_and_configuration_say_the_same()
    {
        using var dir = new TempDir();
        // Validation messages built from the model's attributes: enum values, a misspelt key, literals.
        dir.Write("bad/enum.yaml", Descriptors.Restricted("a").Replace("sensitivity: restricted", "sensitivity: secret"));
        dir.Write("bad/typo.yaml", Descriptors.Clean("b").Replace("spec:\n", "spec:\n  interfac: web\n"));
        dir.Write("bad/literal.yaml", Descriptors.Workload("c", extraSpec: "  budgets:\n    startup: 0.1ms\n    size: 4GB\n"));
        dir.Write("good/many.yaml", string.Join("---\n", Enumerable.Range(0, 20).Select(i => i % 2 == 0 ? Descriptors.Confidential($"w{i}") : Descriptors.Clean($"w{i}"))));
        AssertSameAsJit(dir.Path, "lint", ".", "--format", "json");
        AssertSameAsJit(dir.Path, "recommend", ".");

        // A user rule (bound into the rule-file model by reflection) and a broken one (DA0008).
        dir.Write("ci/rules/acme.yaml", CommandTests.UserRule);
        dir.Write("good/windows.yaml", Descriptors.Clean("win").Replace("interface: web", "interface: web\n  os: windows"));
        AssertSameAsJit(dir.Path, "lint", "good", "--rules", "ci/rules", "--format", "json");
        AssertSameAsJit(dir.Path, "rules", "test", "ci/rules");
        dir.Write("ci/broken/rules.yaml", "rules:\n  - id: XX0001\n    nmae: typo\n");
        AssertSameAsJit(dir.Path, "lint", "good", "--rules", "ci/broken");

        // A configuration with a bad value.
        dir.Write(".deployadvisor.yaml", "rules:\n  DA1004: loud\n");
        AssertSameAsJit(dir.Path, "lint", "good");
    }
}
