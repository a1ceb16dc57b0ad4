using System;
using System.IO;

namespace DeployAdvisor.Engine.Tests;

public class SchemaTests
{
    [Theory]
    [InlineData("workload")]
    [InlineData("rules")]
    public void Committed_schema_matches_the_model(string which)
    {
        var (path, generated) = which == "workload"
            ? (SchemaFiles.WorkloadSchemaPath, SchemaFiles.WorkloadSchemaJson())
            : (SchemaFiles.RulesSchemaPath, SchemaFiles.RulesSchemaJson());
        if (Environment.GetEnvironmentVariable("DEPLOYADVISOR_UPDATE") == "1")
            File.WriteAllText(path, generated);
        Assert.True(File.Exists(path), $"{path} is missing; run the tests with DEPLOYADVISOR_UPDATE=1");
        var committed = File.ReadAllText(path).Replace("\r\n", "\n");
        Assert.True(committed == generated, $"{path} differs from what the model generates; run the tests with DEPLOYADVISOR_UPDATE=1 and commit the result");
    }
}
