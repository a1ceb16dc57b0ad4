using System.Collections.Generic;
using System.IO;
using System.Linq;
using DeployAdvisor.Engine.Configuration;
using Newtonsoft.Json;
using Newtonsoft.Json.Converters;
using NJsonSchema;
using NJsonSchema.Generation;
using NJsonSchema.NewtonsoftJson.Generation;

namespace DeployAdvisor.Cli.Tests;

/// <summary>
/// schemas/config.schema.json is generated from the engine's config model (ConfigData) with NJsonSchema,
/// with the settings the workload and rule-file schemas use. UPDATE_GOLDEN=1 rewrites it.
/// </summary>
public class SchemaTests
{
    public static string ConfigSchemaPath => Path.Combine(Repo.Root, "schemas", "config.schema.json");

    public static string GenerateConfigSchema()
    {
        var settings = new NewtonsoftJsonSchemaGeneratorSettings
        {
            SchemaType = SchemaType.JsonSchema,
            DefaultReferenceTypeNullHandling = ReferenceTypeNullHandling.NotNull,
            DefaultDictionaryValueReferenceTypeNullHandling = ReferenceTypeNullHandling.NotNull,
            AlwaysAllowAdditionalObjectProperties = false,
            GenerateEnumMappingDescription = false,
            FlattenInheritanceHierarchy = true,
            SerializerSettings = new JsonSerializerSettings { Converters = { new StringEnumConverter() } },
        };
        var schema = JsonSchema.FromType(typeof(ConfigData), settings);
        StripNull(schema, new HashSet<JsonSchema>());
        schema.Title = "DeployAdvisor configuration (.deployadvisor.yaml)";
        schema.Id = "https://deployadvisor.dev/schemas/config.schema.json";
        return schema.ToJson().Replace("\r\n", "\n").TrimEnd() + "\n";
    }

    // Optional fields are written or omitted, never null: null is taken out of the schema (as for descriptors).
    private static void StripNull(JsonSchema s, HashSet<JsonSchema> seen)
    {
        if (!seen.Add(s)) return;
        if (s.Type != JsonObjectType.Null && s.Type.HasFlag(JsonObjectType.Null)) s.Type &= ~JsonObjectType.Null;
        foreach (var o in s.OneOf.Where(x => x.Type == JsonObjectType.Null && x.Reference is null).ToList()) s.OneOf.Remove(o);
        s.IsNullableRaw = null;
        var children = s.Properties.Values.Cast<JsonSchema>().Concat(s.Definitions.Values).Concat(s.OneOf).Concat(s.AllOf).Concat(s.AnyOf);
        if (s.Item != null) children = children.Append(s.Item);
        if (s.AdditionalPropertiesSchema != null) children = children.Append(s.AdditionalPropertiesSchema);
        foreach (var c in children.ToList()) StripNull(c, seen);
    }

    [Fact]
    public void Committed_config_schema_matches_the_model()
        => Repo.AssertMatchesFile(ConfigSchemaPath, GenerateConfigSchema(), "run the tests with UPDATE_GOLDEN=1 and commit schemas/config.schema.json");

    [Theory]
    [InlineData("rules:\n  - id: DA1004\n    severity: error\nignore: [legacy/]\nprofiles:\n  - target: vm\n    startup: 10s\n", true)]
    [InlineData("rules:\n  - id: DA1004\n    severity: loud\n", false)]
    [InlineData("rulez: []\n", false)]
    [InlineData("profiles:\n  - target: vm\n    startup: fast\n", false)]
    public void The_schema_and_the_engine_agree_on_config_files(string yaml, bool valid)
    {
        var engine = ConfigFile.Parse("c.yaml", yaml).IsValid;
        Assert.Equal(valid, engine);
        var schema = JsonSchema.FromJsonAsync(GenerateConfigSchema()).GetAwaiter().GetResult();
        var json = Newtonsoft.Json.Linq.JToken.FromObject(new YamlDotNet.Serialization.DeserializerBuilder().Build().Deserialize<object>(yaml)!);
        Assert.Equal(valid, schema.Validate(json).Count == 0);
    }
}
