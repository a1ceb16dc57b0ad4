using System;
using System.IO;
using DeployAdvisor.Cli;

namespace DeployAdvisor.Report.Tests;

/// <summary>The report through the command line: `recommend --format html|markdown`, as a user runs it.</summary>
public sealed class CommandTests : IDisposable
{
    private readonly TempDir _dir = new TempDir();

    public void Dispose() => _dir.Dispose();

    private static readonly object ConsoleLock = new object();

    private static (int Code, string Stdout, string Stderr) Run(string cwd, params string[] args)
    {
        lock (ConsoleLock)
        {
            var (oldOut, oldErr, oldCwd) = (Console.Out, Console.Error, Directory.GetCurrentDirectory());
            var stdout = new StringWriter();
            var stderr = new StringWriter();
            try
            {
                Console.SetOut(stdout);
                Console.SetError(stderr);
                Directory.SetCurrentDirectory(cwd);
                return (CliApp.Run(args), stdout.ToString(), stderr.ToString());
            }
            finally
            {
                Console.SetOut(oldOut);
                Console.SetError(oldErr);
                Directory.SetCurrentDirectory(oldCwd);
            }
        }
    }

    [Fact]
    public void Html_goes_to_the_output_file_and_the_exit_code_is_recommends()
    {
        var output = Path.Combine(_dir.Path, "report.html");
        var (code, stdout, _) = Run(Repo.Root, "recommend", "examples/", "--format", "html", "--output", output);
        Assert.Equal(0, code);
        Assert.Equal("", stdout);
        var html = File.ReadAllText(output);
        Assert.StartsWith("<!DOCTYPE html>", html);
        Assert.Contains("id=\"workload-payments-api\"", html);
        Assert.EndsWith("</html>\n", html);
    }

    [Fact]
    public void Markdown_goes_to_standard_output_and_input_that_was_not_understood_exits_1()
    {
        Reports.WriteHostile(_dir);
        var (code, stdout, _) = Run(_dir.Path, "recommend", ".", "--format", "markdown");
        Assert.Equal(1, code); // unknown-key.yaml is DA0002
        Assert.StartsWith("## DeployAdvisor portfolio report", stdout);
        Assert.Contains("### Could not be evaluated", stdout);
    }
}
