using DeployAdvisor.Tests.Shared;
using System;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;

namespace DeployAdvisor.Engine.Tests;

/// <summary>
/// The 0.2 enums in an editor (issue 19 item 1): the real yaml-language-server completes
/// windows.image, deployment.hosts and the items of host.devices from the committed schema,
/// and finds nothing wrong with a valid 0.2 descriptor.
/// </summary>
[Trait("Category", "Slow")]
public class EditorSchemaModelTests
{
    private static string Tools => NpmTools.Install("yaml-ls", "yaml-language-server@2.0.0", "ajv@8", "ajv-draft-04@1");

    private const string Text = """
        # yaml-language-server: $schema=../schemas/workload-v1.schema.json
        apiVersion: deployadvisor/v1
        kind: Workload
        metadata:
          name: claims-wcf
        spec:
          interface: web
          os: windows
          windows:
            image: servercore
          security:
            sensitivity: internal
          host:
            devices:
              - gpu
          deployment:
            hosts: shared

        """;

    [Fact]
    public void Yaml_language_server_completes_the_new_enums()
    {
        var root = Path.Combine(Path.GetTempPath(), "deployadvisor-yls02-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(root, "examples"));
        Directory.CreateDirectory(Path.Combine(root, "schemas"));
        File.Copy(SchemaFiles.WorkloadSchemaPath, Path.Combine(root, "schemas", "workload-v1.schema.json"));
        var file = Path.Combine(root, "examples", "wcf.yaml");
        File.WriteAllText(file, Text);
        var server = Path.Combine(Tools, "node_modules", ".bin", "yaml-language-server");
        var uri = new Uri(file).AbsoluteUri;
        var yaml = JsonNode.Parse("""
            { "validate": true, "completion": true, "hover": true, "format": { "enable": false },
              "schemaStore": { "enable": false }, "kubernetesCRDStore": { "enable": false }, "schemas": {} }
            """)!;
        using var client = new LspClient(server, new[] { "--stdio" }, Path.GetDirectoryName(file)!,
            section => section is null || section == "yaml" ? yaml : section.StartsWith("yaml.", StringComparison.Ordinal) ? yaml[section.Substring(5)] : new JsonObject());
        var timeout = TimeSpan.FromSeconds(60);
        client.Initialize(Path.GetDirectoryName(file)!, new JsonObject { ["yaml"] = yaml.DeepClone() }, timeout);
        client.Open(uri, Text);
        Assert.Empty(client.Diagnostics(uri, TimeSpan.FromSeconds(1), timeout));

        var lines = Text.Split('\n');
        Assert.Equal("    image: servercore", lines[9]);
        var images = client.Complete(uri, 10, 13, timeout);
        foreach (var value in new[] { "nanoserver", "servercore", "server" }) Assert.Contains(value, images);
        Assert.Equal("      - gpu", lines[14]);
        var devices = client.Complete(uri, 15, 10, timeout);
        foreach (var value in new[] { "gpu", "fpga", "usb" }) Assert.Contains(value, devices);
        Assert.Equal("    hosts: shared", lines[16]);
        var hosts = client.Complete(uri, 17, 13, timeout);
        foreach (var value in new[] { "shared", "dedicated" }) Assert.Contains(value, hosts);
        Directory.Delete(root, true);
    }
}
