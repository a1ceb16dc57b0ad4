using System.Collections.Generic;
using System.IO;
using System.Linq;
using CsCheck;
using DeployAdvisor.Engine.Findings;
using DeployAdvisor.Engine.Loading;
using DeployAdvisor.Engine.Model;
using DeployAdvisor.Engine.Schema;
using Newtonsoft.Json.Linq;
using NJsonSchema;

namespace DeployAdvisor.Engine.Tests;

/// <summary>
/// The engine validates descriptors with a validator derived from the model (located errors, no
/// NJsonSchema in the analyzer). These tests show it accepts and rejects the same documents as the
/// committed JSON Schema, over the examples and a generated corpus of valid and invalid descriptors.
/// </summary>
public class SchemaEquivalenceTests
{
    private static readonly JsonSchema Schema = JsonSchema.FromJsonAsync(File.ReadAllText(SchemaFiles.WorkloadSchemaPath)).GetAwaiter().GetResult();

    private static bool EngineAccepts(YNode root)
    {
        var findings = new List<Finding>();
        new ShapeBinder(RuleIds.SchemaViolation, findings).Bind<WorkloadDescriptor>(root, SourceSpan.FileStart);
        return findings.Count == 0;
    }

    private static bool SchemaAccepts(YNode root) => Schema.Validate(ToJson(root)).Count == 0;

    /// <summary>YAML tree to JSON by the same core-schema resolution the engine uses.</summary>
    internal static JToken ToJson(YNode node) => node switch
    {
        YMapping m => new JObject(m.Entries.Select(e => new JProperty(((YScalar)e.Key).Value, ToJson(e.Value)))),
        YSequence q => new JArray(q.Items.Select(ToJson)),
        YScalar s => CoreSchema.Resolve(s) switch
        {
            ScalarType.Null => JValue.CreateNull(),
            ScalarType.Boolean => new JValue(CoreSchema.AsBoolean(s)!.Value),
            ScalarType.Integer => CoreSchema.AsInteger(s) is long l ? new JValue(l) : new JValue(System.Numerics.BigInteger.Parse(s.Value)),
            ScalarType.Float => new JValue(double.Parse(s.Value, System.Globalization.CultureInfo.InvariantCulture)),
            _ => new JValue(s.Value),
        },
        _ => JValue.CreateNull(),
    };

    private static YNode Root(string yaml)
    {
        var text = YamlReader.Read(yaml);
        Assert.Empty(text.Findings);
        return Assert.Single(text.Documents).Root!;
    }

    [Fact]
    public void The_examples_are_accepted_by_both()
    {
        foreach (var file in Directory.GetFiles(Path.Combine(SchemaFiles.RepositoryRoot, "examples"), "*.yaml"))
        {
            foreach (var doc in YamlReader.Read(File.ReadAllText(file)).Documents)
            {
                Assert.True(EngineAccepts(doc.Root!), file);
                Assert.True(SchemaAccepts(doc.Root!), file);
            }
        }
    }

    // Values per field: valid ones and invalid ones of every kind the schema can express.
    // Literal checks beyond the pattern (whole milliseconds, 64-bit overflow) are the engine's
    // own and are covered by Literal_semantics_are_stricter_than_the_pattern below.
    private static readonly Dictionary<string, string[]> Pools = new()
    {
        ["apiVersion"] = new[] { "deployadvisor/v1", "deployadvisor/v1", "deployadvisor/v1", "deployadvisor/v2" },
        ["kind"] = new[] { "Workload", "Workload", "Workload", "Deployment" },
        ["metadata.name"] = new[] { "api", "payments-api", "x", "Payments", "a_b", "\"\"", new string('a', 63), new string('a', 64), "123", "true" },
        ["metadata.description"] = new[] { "Card payments", "\"quoted\"", "42", "false", "null", "[a, b]" },
        ["metadata.owner"] = new[] { "team-a", "''", "{x: 1}" },
        ["spec.interface"] = new[] { "web", "gui", "cli", "headless", "Web", "desktop", "1", "null" },
        ["spec.os"] = new[] { "linux", "windows", "macos", "Linux", "~" },
        ["spec.security.sensitivity"] = new[] { "public", "internal", "confidential", "restricted", "secret", "\"restricted\"", "" },
        ["spec.security.untrustedCode"] = new[] { "true", "false", "yes", "\"true\"", "1", "True" },
        ["spec.security.multiTenant"] = new[] { "true", "false", "no", "0" },
        ["spec.host.kernelModules"] = new[] { "true", "false", "on" },
        ["spec.budgets.startup"] = new[] { "250ms", "1.5s", "2m", "1h", "0s", "fast", "5", "-5s", "5 s", "1e3s", "05s", "\"2m\"" },
        ["spec.budgets.size"] = new[] { "5MB", "20GB", "1.5GiB", "0B", "5mb", "1e309MB", "1024", "5 MB", "512MiB" },
        ["spec.budgets.memoryOverhead"] = new[] { "1GiB", "4MiB", "160MiB", "4 MiB", "4Mi" },
        ["spec.operations.releasesPerWeek"] = new[] { "0", "10", "-1", "\"10\"", "1.5", "2147483647", "2147483648", "0x10" },
        ["spec.operations.instances"] = new[] { "1", "40", "0", "abc", "1e2" },
        ["spec.deployment.target"] = new[] { "container", "sandboxed-container", "vm", "sandboxed_container", "VM", "k8s" },
    };

    private static readonly Dictionary<string, int> ValidCount = new()
    {
        ["apiVersion"] = 3, ["kind"] = 3, ["metadata.name"] = 4, ["metadata.description"] = 2, ["metadata.owner"] = 2,
        ["spec.interface"] = 4, ["spec.os"] = 2, ["spec.security.sensitivity"] = 4, ["spec.security.untrustedCode"] = 2,
        ["spec.security.multiTenant"] = 2, ["spec.host.kernelModules"] = 2, ["spec.budgets.startup"] = 5, ["spec.budgets.size"] = 4,
        ["spec.budgets.memoryOverhead"] = 3, ["spec.operations.releasesPerWeek"] = 2, ["spec.operations.instances"] = 2,
        ["spec.deployment.target"] = 3,
    };

    private static readonly string[] Required = { "apiVersion", "kind", "metadata.name", "spec.interface", "spec.security.sensitivity" };

    private static readonly string[] ExtraKeys = { "spec.extra", "spec.security.sensitivty", "metadata.labels", "spec.budgets.cpu", "spec.host" };

    /// <summary>Each field present or absent (required ones mostly present) with a value from its pool.</summary>
    private static Gen<string> DescriptorYaml()
        => Gen.Int[0, 1_000_000].Array[Pools.Count * 2 + 1].Select(rolls =>
        {
            var values = new Dictionary<string, string>();
            int i = 0;
            foreach (var (path, pool) in Pools)
            {
                int presence = rolls[i++], choice = rolls[i++];
                bool present = Required.Contains(path) ? presence % 40 != 0 : presence % 3 == 0;
                // Mostly a valid value (the leading entries of a pool), so that whole descriptors are often valid.
                int valid = ValidCount[path];
                if (present) values[path] = choice % 10 < 9 ? pool[choice / 10 % valid] : pool[choice / 10 % pool.Length];
            }
            int extra = rolls[i];
            if (extra % 10 == 0)
            {
                var key = ExtraKeys[extra / 10 % ExtraKeys.Length];
                values[key] = key == "spec.host" ? "true" : "1";   // spec.host: a scalar where a mapping belongs
            }
            return Render(values);
        });

    /// <summary>Renders dotted paths as block YAML, nesting mappings in a stable order.</summary>
    private static string Render(Dictionary<string, string> values)
    {
        var root = new SortedDictionary<string, object>(System.StringComparer.Ordinal);
        foreach (var (path, value) in values.OrderBy(v => v.Key.Length))
        {
            var parts = path.Split('.');
            var node = root;
            bool blocked = false;
            for (int i = 0; i < parts.Length - 1; i++)
            {
                if (!node.TryGetValue(parts[i], out var child)) node[parts[i]] = child = new SortedDictionary<string, object>(System.StringComparer.Ordinal);
                if (child is not SortedDictionary<string, object> map) { blocked = true; break; }
                node = map;
            }
            if (!blocked && !node.ContainsKey(parts[^1])) node[parts[^1]] = value;
        }
        var sb = new System.Text.StringBuilder();
        void Write(SortedDictionary<string, object> map, int indent)
        {
            foreach (var (k, v) in map)
            {
                sb.Append(' ', indent).Append(k).Append(':');
                if (v is SortedDictionary<string, object> child) { sb.Append('\n'); Write(child, indent + 2); }
                else sb.Append(' ').Append((string)v).Append('\n');
            }
        }
        Write(root, 0);
        return sb.ToString();
    }

    [Fact]
    public void Engine_validator_and_json_schema_agree_on_a_generated_corpus()
    {
        int accepted = 0, rejected = 0;
        DescriptorYaml().Sample(yaml =>
        {
            var text = YamlReader.Read(yaml);
            if (text.Findings.Count > 0 || text.Documents.Count != 1) return true; // not well-formed: neither validator sees it
            var root = text.Documents[0].Root!;
            bool engine = EngineAccepts(root), schema = SchemaAccepts(root);
            if (engine) accepted++; else rejected++;
            return engine == schema;
        }, iter: 3000, seed: "0N0XIzNsQ0O2");
        // The corpus must exercise both sides, or the agreement proves nothing.
        Assert.True(accepted > 50, $"only {accepted} generated descriptors were valid");
        Assert.True(rejected > 50, $"only {rejected} generated descriptors were invalid");
    }

    [Theory]
    [InlineData("0.1ms")]
    [InlineData("9223372036854775808ms")]
    public void Literal_semantics_are_stricter_than_the_pattern(string startup)
    {
        // Documented difference: the pattern cannot say "whole milliseconds" or "fits in 64 bits".
        var root = Root($"apiVersion: deployadvisor/v1\nkind: Workload\nmetadata: {{name: a}}\nspec: {{interface: web, security: {{sensitivity: public}}, budgets: {{startup: {startup}}}}}\n");
        Assert.True(SchemaAccepts(root));
        Assert.False(EngineAccepts(root));
    }
}
