using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using DeployAdvisor.Cli.Output;
using DeployAdvisor.Engine.Findings;
using DeployAdvisor.Engine.Rules;

namespace DeployAdvisor.Cli.Tests;

/// <summary>
/// The plain writer of findings (no colour) against Spectre's rendering of the same finding: equal text for every
/// finding it takes, and the odd ones (tabs, non-ASCII, control characters, brackets in a rule ID) left to Spectre.
/// </summary>
public class TextFindingsTests
{
    private static string Spectre(Finding f, string[]? lines, string indent = "")
    {
        var w = new StringWriter();
        TextFindings.Write(Rendering.Plain.Console(w, width: 100_000), f, lines, RuleSet.BuiltIn, indent);
        return w.ToString();
    }

    private static (bool Taken, string Text) Plain(Finding f, string[]? lines, string indent = "")
    {
        var w = new StringWriter();
        bool taken = TextFindings.TryWritePlain(w, f, lines, RuleSet.BuiltIn, indent);
        return (taken, w.ToString());
    }

    private static Finding At(string message, string file, int line, int column, int endLine, int endColumn, string rule = "DA1001",
        string? workload = "web", params Location[] related)
        => new Finding(rule, Severity.Error, message, "spec.deployment.target", location: new Location(file, new SourceSpan(line, column, endLine, endColumn)),
            relatedLocations: related, workload: workload);

    public static IEnumerable<object?[]> PlainCases()
    {
        var lines = new[] { "apiVersion: deployadvisor/v1", "spec:", "  deployment:", "    target: container   ", "  name: [a, b] # [x]", new string('x', 300) + " key: value " + new string('y', 300), "", "\r" };
        yield return new object?[] { At("a message with [brackets] and [[doubled]] ones", "d/w.yaml", 4, 13, 4, 22), lines, "" };
        yield return new object?[] { At("a span past the line's end", "w.yaml", 4, 40, 4, 50, workload: null), lines, "    " };
        yield return new object?[] { At("a span over lines", "w.yaml", 2, 1, 4, 3), lines, "" };
        yield return new object?[] { At("markup-like [bold]text[/] in a message", "w.yaml", 5, 9, 5, 15), lines, "" };
        yield return new object?[] { At("a long line, shown as a window", "w.yaml", 6, 305, 6, 308), lines, "" };
        yield return new object?[] { At("an empty line", "w.yaml", 7, 1, 7, 1), lines, "" };
        yield return new object?[] { At("a line that is only a carriage return", "w.yaml", 8, 1, 8, 2), lines, "" };
        yield return new object?[] { At("a line past the file", "w.yaml", 99, 1, 99, 2), lines, "" };
        yield return new object?[] { At("no lines given", "a/b.yaml", 3, 3, 3, 9, "DA0002"), null, "" };
        yield return new object?[] { At("related places", "a/b.yaml", 4, 5, 4, 11, "DA7001", "api [x]", new Location("x/y.yaml", new SourceSpan(3, 1, 3, 4)), new Location("[z].yaml", new SourceSpan(9, 2, 9, 2))), lines, "" };
        yield return new object?[] { new Finding("DA0001", Severity.Warning, "no location at all"), lines, "" };
        yield return new object?[] { new Finding("CUSTOM1", Severity.Info, "a rule no rule set knows", location: new Location("w.yaml", new SourceSpan(1, 1, 1, 11))), lines, "" };
        yield return new object?[] { At("  leading and trailing spaces  ", "w.yaml", 4, 5, 4, 11), lines, "" };
    }

    [Theory]
    [MemberData(nameof(PlainCases))]
    public void A_finding_of_printable_ASCII_is_written_as_Spectre_writes_it(Finding f, string[]? lines, string indent)
    {
        var (taken, text) = Plain(f, lines, indent);
        Assert.True(taken);
        Assert.Equal(Spectre(f, lines, indent), text);
    }

    public static IEnumerable<object?[]> SpectreCases()
    {
        var lines = new[] { "spec:", "\ttarget: container", "  name: caf\u00e9", "  x: \u0007bell" };
        yield return new object?[] { At("a tab before the span", "w.yaml", 2, 2, 2, 8), lines };
        yield return new object?[] { At("a non-ASCII line", "w.yaml", 3, 9, 3, 13), lines };
        yield return new object?[] { At("a control character", "w.yaml", 4, 6, 4, 10), lines };
        yield return new object?[] { At("a message with \u00e9", "w.yaml", 1, 1, 1, 5), lines };
        yield return new object?[] { At("a line break\nin a message", "w.yaml", 1, 1, 1, 5), lines };
        yield return new object?[] { At("a file name with \u00fc", "d\u00fc/w.yaml", 1, 1, 1, 5), lines };
        yield return new object?[] { At("a rule ID with brackets", "w.yaml", 1, 1, 1, 5, rule: "X[bold]1"), lines };
        yield return new object?[] { At("a very long message " + new string('m', 60_000), "w.yaml", 1, 1, 1, 5), lines };
    }

    [Theory]
    [MemberData(nameof(SpectreCases))]
    public void Anything_else_is_left_to_Spectre_and_nothing_is_written(Finding f, string[]? lines)
    {
        var (taken, text) = Plain(f, lines);
        Assert.False(taken);
        Assert.Equal("", text);
    }
}
