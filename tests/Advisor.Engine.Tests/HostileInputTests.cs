using System;
using System.Diagnostics;
using System.Linq;
using System.Text;
using DeployAdvisor.Engine.Findings;
using DeployAdvisor.Engine.Loading;

namespace DeployAdvisor.Engine.Tests;

/// <summary>
/// Hostile and broken input at the loader: every case ends in located findings (or a clean load),
/// in bounded time, without an exception. Large inputs are generated here rather than committed.
/// </summary>
public class HostileInputTests
{
    private static Finding[] LoadBytes(byte[] bytes)
    {
        var watch = Stopwatch.StartNew();
        var file = DescriptorLoader.Load("hostile.yaml", bytes, namedLiterally: true);
        var findings = file.AllFindings.ToArray();
        // Not a performance assertion: a guard against a hang (the bound is 20 s per input).
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"took {watch.Elapsed}");
        Assert.All(findings, f => Assert.NotNull(f.Location));
        return findings;
    }

    private static Finding[] Load(string text) => LoadBytes(Encoding.UTF8.GetBytes(text));

    private static Finding Single(string text, string rule)
    {
        var findings = Load(text);
        Assert.Contains(findings, f => f.RuleId == rule);
        return findings.First(f => f.RuleId == rule);
    }

    [Theory]
    [InlineData(300_000)]
    public void Deep_flow_nesting_stops_at_the_depth_limit(int depth)
    {
        var f = Single("apiVersion: deployadvisor/v1\nkind: Workload\nspec: " + new string('[', depth) + new string(']', depth) + "\n", "DA0007");
        Assert.Contains("nesting", f.Message);
        Assert.Equal(3, f.Location!.Span.Line);
    }

    [Fact]
    public void Deep_flow_mapping_nesting_stops_at_the_depth_limit()
    {
        var sb = new StringBuilder("apiVersion: deployadvisor/v1\nspec: ");
        for (int i = 0; i < 200_000; i++) sb.Append("{a: ");
        sb.Append('1');
        sb.Append('}', 200_000);
        Assert.Contains("nesting", Single(sb.ToString(), "DA0007").Message);
    }

    [Fact]
    public void Deep_block_nesting_stops_at_the_depth_limit()
    {
        // "- - - - x" nests block sequences on one line: 300,000 levels in 600 KB.
        var text = "apiVersion: deployadvisor/v1\nspec:\n" + string.Concat(Enumerable.Repeat("- ", 300_000)) + "x\n";
        Assert.Contains("nesting", Single(text, "DA0007").Message);
    }

    [Fact]
    public void Deep_indented_mapping_nesting_stops_at_the_depth_limit()
    {
        var sb = new StringBuilder("apiVersion: deployadvisor/v1\n");
        for (int i = 0; i < 2_000; i++) sb.Append(' ', i).Append("k:\n");
        Assert.Contains("nesting", Single(sb.ToString(), "DA0007").Message);
    }

    [Fact]
    public void Billion_laughs_is_stopped_by_the_alias_expansion_limit()
    {
        var sb = new StringBuilder("apiVersion: deployadvisor/v1\nkind: Workload\na0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (int i = 1; i < 10; i++)
            sb.Append($"a{i}: &a{i} [" + string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 10)) + "]\n");
        var f = Single(sb.ToString(), "DA0007");
        Assert.Contains("aliases", f.Message);
    }

    [Fact]
    public void A_50MB_scalar_is_stopped_by_the_file_size_limit()
    {
        var bytes = Encoding.UTF8.GetBytes("apiVersion: deployadvisor/v1\nkind: Workload\nmetadata:\n  description: ").Concat(Enumerable.Repeat((byte)'x', 50_000_000)).ToArray();
        var f = Assert.Single(LoadBytes(bytes));
        Assert.Equal(("DA0007", 1, 1), (f.RuleId, f.Location!.Span.Line, f.Location.Span.Column));
        Assert.Contains("limit", f.Message);
    }

    [Fact]
    public void A_2MB_key_is_stopped_by_the_key_length_limit()
    {
        // An implicit key is limited to 1024 characters by YAML itself: the parser stops (DA0001).
        var implicitKey = Single("apiVersion: deployadvisor/v1\n" + new string('k', 2_000_000) + ": 1\n", "DA0001");
        Assert.Equal(2, implicitKey.Location!.Span.Line);
        // An explicit key may be longer in YAML; our limit stops it (DA0007).
        var explicitKey = Single("apiVersion: deployadvisor/v1\n? " + new string('k', 2_000_000) + "\n: 1\n", "DA0007");
        Assert.Contains("key", explicitKey.Message);
        Assert.Equal(2, explicitKey.Location!.Span.Line);
    }

    [Fact]
    public void A_long_scalar_below_the_file_limit_is_stopped_by_the_scalar_limit()
        => Assert.Contains("scalar", Single("apiVersion: deployadvisor/v1\nkind: Workload\nmetadata:\n  description: " + new string('x', 1_000_000) + "\n", "DA0007").Message);

    [Fact]
    public void Thousands_of_documents_load_and_too_many_are_a_limit()
    {
        const string doc = "apiVersion: deployadvisor/v1\nkind: Workload\nmetadata:\n  name: w\nspec:\n  interface: web\n  security:\n    sensitivity: public\n";
        var many = string.Join("---\n", Enumerable.Repeat(doc, 5_000));
        var file = DescriptorLoader.LoadText("many.yaml", many);
        Assert.Equal(5_000, file.Documents.Count(d => d.Workload != null));
        Assert.Empty(file.AllFindings);

        var tooMany = string.Join("---\n", Enumerable.Repeat("a: 1\n", Limits.Default.MaxDocuments + 1));
        Assert.Contains("documents", Single(tooMany, "DA0007").Message);
    }

    [Theory]
    [InlineData("apiVersion: deployadvisor/v1\nkind: Workload\nmetadata: !!python/object/apply:os.system ['rm -rf /']\n")]
    [InlineData("apiVersion: deployadvisor/v1\nkind: Workload\nmetadata: !<tag:yaml.org,2002:js/function> 'function(){}'\n")]
    [InlineData("apiVersion: deployadvisor/v1\nkind: Workload\nmetadata: !custom {name: x}\n")]
    public void Language_specific_and_custom_tags_are_never_instantiated(string text)
    {
        var f = Single(text, "DA0002");
        Assert.Contains("not supported", f.Message);
        Assert.Equal(3, f.Location!.Span.Line);
    }

    [Theory]
    [InlineData("apiVersion: deployadvisor/v1\nkind: [Workload\nspec: x\n")]
    [InlineData("apiVersion: deployadvisor/v1\nkind: {a: 1\n")]
    [InlineData("a: [1, 2\nb: 3\n")]
    [InlineData("apiVersion: deployadvisor/v1\n  kind: Workload\n")]
    [InlineData("apiVersion: 'deployadvisor/v1\n")]
    [InlineData("- a\nb: c\n")]
    [InlineData("apiVersion: deployadvisor/v1\n%YAML 1.2\n---\n")]
    [InlineData("&a &b x\n")]
    [InlineData("\"\\uZZZZ\"\n")]
    [InlineData("key: |\n  text\n bad\n")]
    [InlineData("[[[[[[[[[[\n")]
    [InlineData("}}}}\n")]
    [InlineData("apiVersion: deployadvisor/v1\nkind: Workload\nmetadata: *undefined\n")]
    public void Malformed_yaml_is_a_located_DA0001(string text)
    {
        var findings = Load(text);
        var f = Assert.Single(findings, x => x.RuleId == "DA0001");
        Assert.True(f.Location!.Span.Line >= 1 && f.Location.Span.Column >= 1);
    }

    [Fact]
    public void Binary_junk_with_a_yaml_name_is_a_located_finding()
    {
        var random = new Random(42);
        for (int i = 0; i < 200; i++)
        {
            var bytes = new byte[random.Next(1, 4096)];
            random.NextBytes(bytes);
            var findings = LoadBytes(bytes);
            Assert.NotEmpty(findings);
            Assert.All(findings, f => Assert.Contains(f.RuleId, new[] { "DA0001", "DA0002", "DA0003", "DA0007" }));
        }
    }

    [Fact]
    public void Complex_keys_are_reported_not_crashed_on()
    {
        var findings = Load("apiVersion: deployadvisor/v1\nkind: Workload\nmetadata: {name: a}\nspec:\n  ? [x]\n  : 1\n");
        Assert.Contains(findings, f => f.RuleId == "DA0002" && f.Message.Contains("plain names"));
    }

    [Fact]
    public void An_error_at_the_end_of_a_file_without_a_final_newline_is_located_inside_the_file()
    {
        var f = Single("apiVersion: deployadvisor/v1\nkind: Workload\nspec: [[[[", "DA0001");
        Assert.Equal(3, f.Location!.Span.Line);
        Assert.Equal(10, f.Location.Span.Column);
    }

    [Fact]
    public void A_positionless_parser_exception_gets_a_message_for_people()
    {
        var f = Single("apiVersion: deployadvisor/v1\nkind: Workload\nmetadata: [a, b\nspec: x\n", "DA0001");
        Assert.DoesNotContain("Operation is not valid", f.Message);
        Assert.Equal(3, f.Location!.Span.Line);
    }
}
