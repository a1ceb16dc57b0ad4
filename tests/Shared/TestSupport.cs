using System;
using System.IO;
using System.Linq;

// Linked into every test project (<Compile Include="..\Shared\TestSupport.cs" />): the one place that
// finds the repository, says whether to regenerate committed files, and writes a small descriptor.
namespace DeployAdvisor.Tests.Shared;

internal static class TestRepository
{
    /// <summary>The folder that holds DeployAdvisor.sln, found by walking up from the test binaries.</summary>
    public static string Root { get; } = Find();

    /// <summary>
    /// DEPLOYADVISOR_UPDATE=1: golden files, generated docs, schemas and the README's rules table are
    /// rewritten instead of compared (review the diff, then commit it).
    /// </summary>
    public static bool Regenerate => Environment.GetEnvironmentVariable(RegenerateVariable) == "1";

    public const string RegenerateVariable = "DEPLOYADVISOR_UPDATE";

    /// <summary>Compares text with a committed file, or rewrites the file under DEPLOYADVISOR_UPDATE=1.</summary>
    public static void AssertMatchesFile(string path, string actual, string regenerate = "run the tests with DEPLOYADVISOR_UPDATE=1 and review the diff")
    {
        actual = actual.Replace("\r\n", "\n");
        if (Regenerate)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, actual);
            return;
        }
        Xunit.Assert.True(File.Exists(path), $"{path} is missing; {regenerate}");
        var expected = File.ReadAllText(path).Replace("\r\n", "\n");
        if (expected == actual) return;
        var e = expected.Split('\n');
        var a = actual.Split('\n');
        int i = 0;
        while (i < e.Length && i < a.Length && e[i] == a[i]) i++;
        Xunit.Assert.Fail($"{Path.GetFileName(path)} differs at line {i + 1}:\n  expected: {(i < e.Length ? e[i] : "(end)")}\n  actual:   {(i < a.Length ? a[i] : "(end)")}\n{regenerate}");
    }

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "DeployAdvisor.sln"))) return dir.FullName;
        throw new InvalidOperationException("DeployAdvisor.sln not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>A v1 descriptor's text: the envelope, metadata.name, and the spec's lines indented under spec:.</summary>
internal static class DescriptorText
{
    public static string Of(string name, string spec)
        => $"apiVersion: deployadvisor/v1\nkind: Workload\nmetadata:\n  name: {name}\nspec:\n" + string.Join("\n", spec.Split('\n').Select(l => "  " + l)) + "\n";
}
