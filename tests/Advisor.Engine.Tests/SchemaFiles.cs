using System;
using System.Collections.Generic;
using System.Linq;
using System.IO;
using DeployAdvisor.Engine.Model;
using DeployAdvisor.Engine.Rules;
using Newtonsoft.Json;
using Newtonsoft.Json.Converters;
using NJsonSchema;
using NJsonSchema.Generation;
using NJsonSchema.NewtonsoftJson.Generation;

namespace DeployAdvisor.Engine.Tests;

/// <summary>
/// Generates the committed JSON Schemas from the engine's data-contract model with NJsonSchema.
/// Run the tests with DEPLOYADVISOR_UPDATE=1 to rewrite schemas/ after a model change.
/// </summary>
public static class SchemaFiles
{
    public static string RepositoryRoot => DeployAdvisor.Tests.Shared.TestRepository.Root;

    public static string WorkloadSchemaPath => Path.Combine(RepositoryRoot, "schemas", "workload-v1.schema.json");
    public static string RulesSchemaPath => Path.Combine(RepositoryRoot, "schemas", "rules.schema.json");
    public static string ConfigSchemaPath => Path.Combine(RepositoryRoot, "schemas", "config.schema.json");

    public static JsonSchema Generate(Type type, string title, string id)
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
        var schema = JsonSchema.FromType(type, settings);
        StripNull(schema, new HashSet<JsonSchema>());
        MarkUniqueItems(schema, type, new HashSet<Type>());
        schema.Title = title;
        schema.Id = id;
        return schema;
    }

    public static string WorkloadSchemaJson()
        => Normalize(Generate(typeof(WorkloadDescriptor), "DeployAdvisor workload descriptor v1", "https://deployadvisor.dev/schemas/workload-v1.schema.json").ToJson());

    public static string RulesSchemaJson()
        => Normalize(Generate(typeof(RuleFileData), "DeployAdvisor rule file", "https://deployadvisor.dev/schemas/rules.schema.json").ToJson());

    public static string ConfigSchemaJson()
        => Normalize(Generate(typeof(DeployAdvisor.Engine.Configuration.ConfigData), "DeployAdvisor configuration (.deployadvisor.yaml)", "https://deployadvisor.dev/schemas/config.schema.json").ToJson());

    // Optional fields are written or omitted, never null (workload.md: "omit the key instead"); the
    // model uses nullable CLR types only to tell "absent" apart, so null is taken out of the schema.
    private static void StripNull(JsonSchema s, HashSet<JsonSchema> seen)
    {
        if (!seen.Add(s)) return;
        if (s.Type != JsonObjectType.Null && s.Type.HasFlag(JsonObjectType.Null)) s.Type &= ~JsonObjectType.Null;
        foreach (var o in s.OneOf.Where(x => x.Type == JsonObjectType.Null && x.Reference is null).ToList()) s.OneOf.Remove(o);
        s.IsNullableRaw = null;
        var children = s.Properties.Values.Cast<JsonSchema>()
            .Concat(s.Definitions.Values).Concat(s.OneOf).Concat(s.AllOf).Concat(s.AnyOf);
        if (s.Item != null) children = children.Append(s.Item);
        if (s.AdditionalPropertiesSchema != null) children = children.Append(s.AdditionalPropertiesSchema);
        foreach (var c in children.ToList()) StripNull(c, seen);
    }

    // A set (the model's [UniqueItems]) is a sequence with uniqueItems: true, as the binder enforces.
    private static void MarkUniqueItems(JsonSchema root, Type type, HashSet<Type> seen)
    {
        if (!seen.Add(type)) return;
        foreach (var p in type.GetProperties())
        {
            var member = p.GetCustomAttributes(typeof(System.Runtime.Serialization.DataMemberAttribute), false).OfType<System.Runtime.Serialization.DataMemberAttribute>().FirstOrDefault();
            if (member is null) continue;
            var t = Nullable.GetUnderlyingType(p.PropertyType) ?? p.PropertyType;
            if (p.GetCustomAttributes(typeof(UniqueItemsAttribute), false).Length > 0)
            {
                var owner = root.Definitions.TryGetValue(type.Name, out var d) ? d : root;
                owner.Properties[member.Name ?? p.Name].UniqueItems = true;
            }
            if (t.IsGenericType) t = t.GetGenericArguments()[0];
            if (t.IsClass && t != typeof(string) && t != typeof(object)) MarkUniqueItems(root, t, seen);
        }
    }

    private static string Normalize(string json) => json.Replace("\r\n", "\n").TrimEnd() + "\n";
}
