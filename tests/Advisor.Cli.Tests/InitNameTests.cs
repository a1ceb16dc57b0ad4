using System.IO;
using DeployAdvisor.Engine.Model;

namespace DeployAdvisor.Cli.Tests;

/// <summary>init checks a workload name with the model's own shape (issue 18, item 2: no copied regex).</summary>
public class InitNameTests
{
    [Theory]
    [InlineData("Payments_API")]
    [InlineData("")]
    [InlineData("a-name-that-is-far-too-long-for-a-workload-because-it-has-64-chars")]
    public void Init_rejects_what_the_model_rejects(string name)
    {
        Assert.False(Fields.IsValidName(name));
        using var dir = new TempDir();
        var r = Run.InProcess(dir.Path, "init", "--name", name);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("is not a workload name", r.Stderr);
        Assert.False(File.Exists(Path.Combine(dir.Path, "workload.yaml")));
    }

    [Theory]
    [InlineData("payments-api")]
    [InlineData("a")]
    [InlineData("a-name-that-is-just-long-enough-for-a-workload-with-63-chars-ok")]
    public void Init_accepts_what_the_model_accepts(string name)
    {
        Assert.Equal(63 >= name.Length, Fields.IsValidName(name));
        using var dir = new TempDir();
        var r = Run.InProcess(dir.Path, "init", "--name", name);
        Assert.Equal(0, r.ExitCode);
        Assert.Contains($"name: {name}", File.ReadAllText(Path.Combine(dir.Path, "workload.yaml")));
    }
}
