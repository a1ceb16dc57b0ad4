using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using DeployAdvisor.Engine.Model;
using DeployAdvisor.Engine.Rules;
using YamlDotNet.RepresentationModel;

namespace DeployAdvisor.Cli.Tests;

/// <summary>
/// docs/descriptor.md and docs/decisions.md are written by hand, in the project's own words; these
/// tests hold them to the code: every field and allowed value of the committed schema is in the
/// descriptor page, and the profile figures, the excluding rules and the ranking orders in the
/// decisions page are the ones in rules/.
/// </summary>
public class DocsAccuracyTests
{
    private static string Page(string name) => File.ReadAllText(Path.Combine(Repo.Root, "docs", name)).Replace("\r\n", "\n");

    /// <summary>Every leaf field path of the descriptor schema (a.b.c), with the enum values where it has them.</summary>
    private static IEnumerable<(string Path, string[] Values)> SchemaFields()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(Repo.Root, "schemas", "workload-v1.schema.json")));
        var root = doc.RootElement;
        var definitions = root.GetProperty("definitions");
        JsonElement Resolve(JsonElement e)
        {
            while (true)
            {
                if (e.TryGetProperty("$ref", out var r)) { e = definitions.GetProperty(r.GetString()!.Split('/').Last()); continue; }
                if (e.TryGetProperty("oneOf", out var one) && one.GetArrayLength() == 1) { e = one[0]; continue; }
                return e;
            }
        }
        var result = new List<(string, string[])>();
        void Walk(JsonElement schema, string prefix)
        {
            if (!schema.TryGetProperty("properties", out var props)) return;
            foreach (var p in props.EnumerateObject())
            {
                var path = prefix.Length == 0 ? p.Name : prefix + "." + p.Name;
                var target = Resolve(p.Value);
                var values = target.TryGetProperty("enum", out var en) ? en.EnumerateArray().Select(v => v.ToString()).ToArray() : Array.Empty<string>();
                if (target.TryGetProperty("properties", out _)) Walk(target, path);   // a section: its fields are listed
                else result.Add((path, values));
            }
        }
        Walk(root, "");
        return result;
    }

    [Fact]
    public void The_descriptor_page_names_every_field_and_every_allowed_value_of_the_schema()
    {
        var page = Page("descriptor.md");
        var fields = SchemaFields().ToList();
        Assert.Contains(fields, f => f.Path == "spec.security.sensitivity");
        Assert.True(fields.Count >= 17, "the schema walk found only " + fields.Count + " fields");
        foreach (var (path, values) in fields)
        {
            Assert.True(page.Contains("`" + path + "`", StringComparison.Ordinal), $"docs/descriptor.md does not describe the field `{path}`");
            foreach (var v in values)
                Assert.True(page.Contains("`" + v + "`", StringComparison.Ordinal), $"docs/descriptor.md does not name the value `{v}` of {path}");
        }
    }

    [Fact]
    public void The_descriptor_page_gives_the_literal_patterns_of_the_code()
    {
        var page = Page("descriptor.md");
        foreach (var unit in new[] { "ms", "s", "m", "h", "B", "KB", "MB", "GB", "TB", "KiB", "MiB", "GiB", "TiB" })
            Assert.Contains("`" + unit + "`", page);
        Assert.Contains("1 to 63 characters", page);
        Assert.Equal("^[a-z0-9-]{1,63}$", typeof(WorkloadMetadata).GetProperty(nameof(WorkloadMetadata.Name))!
            .GetCustomAttributes(typeof(System.ComponentModel.DataAnnotations.RegularExpressionAttribute), false)
            .Cast<System.ComponentModel.DataAnnotations.RegularExpressionAttribute>().Single().Pattern);
    }

    private static YamlMappingNode Platform()
    {
        var stream = new YamlStream();
        using var reader = new StringReader(File.ReadAllText(Path.Combine(Repo.Root, "rules", "platform.yaml")));
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    [Fact]
    public void The_decisions_page_shows_the_profile_figures_of_rules_platform_yaml()
    {
        var page = Page("decisions.md");
        foreach (YamlMappingNode p in (YamlSequenceNode)Platform()["profiles"])
        {
            string Value(string figure) => p[figure]["value"].ToString();
            var row = $"| {p["target"]} | {Value("startup")} | {Value("sizeLinux")} | {Value("sizeWindows")} | {Value("memoryOverhead")} |";
            Assert.True(page.Contains(row, StringComparison.Ordinal), "docs/decisions.md lacks the profile row " + row);
        }
    }

    [Fact]
    public void The_decisions_page_shows_every_ranking_order_and_every_excluding_rule()
    {
        var page = Page("decisions.md");
        foreach (YamlMappingNode r in (YamlSequenceNode)Platform()["ranking"])
        {
            var order = string.Join(" > ", ((YamlSequenceNode)r["order"]).Children.Select(c => c.ToString()));
            Assert.True(page.Contains(order, StringComparison.Ordinal), "docs/decisions.md lacks the ranking order " + order);
        }
        var lines = page.Split('\n');
        foreach (var rule in RuleSet.BuiltIn.Rules.Where(r => r.Effect == RuleEffect.Exclude))
        {
            var row = lines.SingleOrDefault(l => l.StartsWith($"| [{rule.Id}](rules/{rule.Id}.md) {rule.Name} |", StringComparison.Ordinal));
            Assert.True(row != null, $"docs/decisions.md has no feasibility row for {rule.Id} {rule.Name}");
            var excludes = row!.TrimEnd().TrimEnd('|').Split('|').Last().Trim();
            if (rule.Excludes.Count == 3) Assert.StartsWith("each target", excludes);   // budget rules: the target whose figure is above the budget
            else Assert.Equal(string.Join(", ", rule.Excludes.Select(t => t.Name())), excludes);
        }
    }
}
