using System;
using System.IO;

namespace DeployAdvisor.Engine.Tests;

public class SchemaTests
{
    [Theory]
    [InlineData("workload")]
    [InlineData("rules")]
    [InlineData("config")]
    public void Committed_schema_matches_the_model(string which)
    {
        var (path, generated) = which switch
        {
            "workload" => (SchemaFiles.WorkloadSchemaPath, SchemaFiles.WorkloadSchemaJson()),
            "rules" => (SchemaFiles.RulesSchemaPath, SchemaFiles.RulesSchemaJson()),
            _ => (SchemaFiles.ConfigSchemaPath, SchemaFiles.ConfigSchemaJson()),
        };
        if (DeployAdvisor.Tests.Shared.TestRepository.Regenerate)
            File.WriteAllText(path, generated);
        Assert.True(File.Exists(path), $"{path} is missing; run the tests with DEPLOYADVISOR_UPDATE=1");
        var committed = File.ReadAllText(path).Replace("\r\n", "\n");
        Assert.True(committed == generated, $"{path} differs from what the model generates; run the tests with DEPLOYADVISOR_UPDATE=1 and commit the result");
    }

    [Theory]
    [InlineData("rules:\n  - id: DA1004\n    severity: error\nignore: [legacy/]\nprofiles:\n  - target: vm\n    startup: 10s\n", true)]
    [InlineData("rules:\n  - id: DA1004\n    severity: loud\n", false)]
    [InlineData("rulez: []\n", false)]
    [InlineData("profiles:\n  - target: vm\n    startup: fast\n", false)]
    public void The_config_schema_and_the_engine_agree_on_config_files(string yaml, bool valid)
    {
        Assert.Equal(valid, DeployAdvisor.Engine.Configuration.ConfigFile.Parse("c.yaml", yaml).IsValid);
        var schema = NJsonSchema.JsonSchema.FromJsonAsync(SchemaFiles.ConfigSchemaJson()).GetAwaiter().GetResult();
        var json = Newtonsoft.Json.Linq.JToken.FromObject(new YamlDotNet.Serialization.DeserializerBuilder().Build().Deserialize<object>(yaml)!);
        Assert.Equal(valid, schema.Validate(json).Count == 0);
    }
}
