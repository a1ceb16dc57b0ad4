using System;
using System.Diagnostics;
using System.IO;
using System.Linq;

namespace DeployAdvisor.Engine.Tests;

/// <summary>
/// What an editor shows with the committed schema: the real yaml-language-server (npm) over LSP, and
/// Ajv's draft-04 meta-schema check (a schema that fails its meta-schema silently disables every
/// document error in yaml-language-server). The tools are installed into a cache folder on first use.
/// </summary>
[Trait("Category", "Slow")]
public class EditorSchemaTests
{
    private static readonly Lazy<string> Tools = new(() =>
    {
        var dir = Path.Combine(Path.GetTempPath(), "deployadvisor-test-tools", "yaml-ls");
        Directory.CreateDirectory(dir);
        if (!File.Exists(Path.Combine(dir, "node_modules", ".bin", "yaml-language-server")) || !Directory.Exists(Path.Combine(dir, "node_modules", "ajv-draft-04")))
        {
            var (code, output) = Run("npm", $"install --no-audit --no-fund --prefix \"{dir}\" yaml-language-server@2.0.0 ajv@8 ajv-draft-04@1", dir, 300);
            Assert.True(code == 0, "npm install failed: " + output);
        }
        return dir;
    });

    private static (int Code, string Output) Run(string file, string args, string cwd, int timeoutSeconds)
    {
        var psi = new ProcessStartInfo(file, args) { WorkingDirectory = cwd, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(timeoutSeconds * 1000)) { p.Kill(true); return (-1, "timed out"); }
        return (p.ExitCode, stdout.Result + stderr.Result);
    }

    [Theory]
    [InlineData("workload-v1.schema.json")]
    [InlineData("rules.schema.json")]
    public void Committed_schemas_pass_their_draft_meta_schema(string file)
    {
        var schema = Path.Combine(SchemaFiles.RepositoryRoot, "schemas", file);
        var script = $"const Ajv=require('ajv-draft-04');const ajv=new Ajv({{strict:false}});const ok=ajv.validateSchema(require('{schema.Replace("\\", "/")}'));console.log(ok?'valid':JSON.stringify(ajv.errors));process.exit(ok?0:1)";
        var (code, output) = Run("node", $"-e \"{script}\"", Tools.Value, 60);
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
        var server = Path.Combine(Tools.Value, "node_modules", ".bin", "yaml-language-server");
        var client = Path.Combine(SchemaFiles.RepositoryRoot, "..", "shared", "tools", "yaml_ls_check.py");
        Assert.True(File.Exists(client), $"{client} not found: the contract's shared/ folder is expected beside the repository (as in CI)");
        var (code, output) = Run("python3", $"\"{client}\" --server \"{server}\" \"{bad}\" --complete 10:14", root, 120);
        Assert.True(code == 0 || output.Contains("ERROR"), output);
        Assert.Contains("12:5 ERROR", output);    // the unknown key
        Assert.Contains("18:14 ERROR", output);   // the bad duration
        Assert.Contains("COMPLETE windows", output);
        Directory.Delete(root, true);
    }
}
