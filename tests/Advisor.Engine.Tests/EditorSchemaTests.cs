using DeployAdvisor.Tests.Shared;
using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;

namespace DeployAdvisor.Engine.Tests;

/// <summary>
/// What an editor shows with the committed schema: the real yaml-language-server (npm) driven over LSP
/// by the tests' own client (<see cref="LspClient"/>), and Ajv's draft-04 meta-schema check (a schema
/// that fails its meta-schema silently disables every document error in yaml-language-server). The
/// tools are installed by the tests into .test-tools/npm (git-ignored) on first use.
/// </summary>
[Trait("Category", "Slow")]
public class EditorSchemaTests
{
    private static string Tools => NpmTools.Install("yaml-ls", "yaml-language-server@2.0.0", "ajv@8", "ajv-draft-04@1");

    private static (int Code, string Output) Run(string file, string args, string cwd, int timeoutSeconds)
        => NpmTools.Run(file, args, cwd, timeoutSeconds);

    [Theory]
    [InlineData("workload-v1.schema.json")]
    [InlineData("rules.schema.json")]
    public void Committed_schemas_pass_their_draft_meta_schema(string file)
    {
        var schema = Path.Combine(SchemaFiles.RepositoryRoot, "schemas", file);
        var script = $"const Ajv=require('ajv-draft-04');const ajv=new Ajv({{strict:false}});const ok=ajv.validateSchema(require('{schema.Replace("\\", "/")}'));console.log(ok?'valid':JSON.stringify(ajv.errors));process.exit(ok?0:1)";
        var (code, output) = Run("node", $"-e \"{script}\"", Tools, 60);
        Assert.True(code == 0, output);
    }

    [Fact]
    public void Yaml_language_server_reports_schema_errors_at_the_right_places_and_completes_enums()
    {
        var root = Path.Combine(Path.GetTempPath(), "deployadvisor-yls-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(root, "examples"));
        Directory.CreateDirectory(Path.Combine(root, "schemas"));
        File.Copy(SchemaFiles.WorkloadSchemaPath, Path.Combine(root, "schemas", "workload-v1.schema.json"));
        var text = File.ReadAllText(Path.Combine(SchemaFiles.RepositoryRoot, "examples", "payments-api.yaml"))
            .Replace("sensitivity: restricted", "sensitivty: restricted").Replace("startup: 2m", "startup: fast");
        var bad = Path.Combine(root, "examples", "bad.yaml");
        File.WriteAllText(bad, text);
        var server = Path.Combine(Tools, "node_modules", ".bin", "yaml-language-server");
        Assert.True(File.Exists(server), server + " is missing after npm install");
        var uri = new Uri(bad).AbsoluteUri;
        // The settings an editor would send; yaml-language-server 2.x pulls them with workspace/configuration.
        var yaml = JsonNode.Parse("""
            { "validate": true, "completion": true, "hover": true, "format": { "enable": false },
              "schemaStore": { "enable": false }, "kubernetesCRDStore": { "enable": false }, "schemas": {} }
            """)!;
        using var client = new LspClient(server, new[] { "--stdio" }, Path.GetDirectoryName(bad)!,
            section => section is null || section == "yaml" ? yaml : section.StartsWith("yaml.", StringComparison.Ordinal) ? yaml[section.Substring(5)] : new JsonObject());
        var timeout = TimeSpan.FromSeconds(60);
        client.Initialize(Path.GetDirectoryName(bad)!, new JsonObject { ["yaml"] = yaml.DeepClone() }, timeout);
        Assert.True(client.ConfigurationRequests > 0, "the server never asked for its settings (workspace/configuration)");
        client.Open(uri, text);
        var diagnostics = client.Diagnostics(uri, TimeSpan.FromSeconds(1), timeout).Select(d => d.ToString()).ToList();
        var report = string.Join("\n", diagnostics);
        Assert.Contains(diagnostics, d => d.StartsWith("11:3 ERROR", StringComparison.Ordinal) && d.Contains("sensitivity"));   // security: lacks sensitivity
        Assert.Contains(diagnostics, d => d.StartsWith("12:5 ERROR", StringComparison.Ordinal) && d.Contains("sensitivty"));    // the unknown key
        Assert.Contains(diagnostics, d => d.StartsWith("18:14 ERROR", StringComparison.Ordinal));   // the bad duration 'fast'
        Assert.True(diagnostics.Count == 3, "only the errors the two planted mistakes cause are expected:\n" + report);

        // Completion of enum values, from the schema: os (line 10), interface (line 9) and the planned target (line 25).
        Assert.Equal("  os: linux", text.Split('\n')[9]);
        Assert.Contains("windows", client.Complete(uri, 10, 14, timeout));
        Assert.Equal("  interface: web", text.Split('\n')[8]);
        var interfaces = client.Complete(uri, 9, 14, timeout);
        foreach (var value in new[] { "headless", "cli", "web", "gui" }) Assert.Contains(value, interfaces);
        Assert.Equal("    target: container", text.Split('\n')[24]);
        var targets = client.Complete(uri, 25, 13, timeout);
        foreach (var value in new[] { "container", "sandboxed-container", "vm" }) Assert.Contains(value, targets);
        Directory.Delete(root, true);
    }
}
