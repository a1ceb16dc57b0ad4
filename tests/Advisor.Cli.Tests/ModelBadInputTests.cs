using System.Linq;
using System.Text.Json;

namespace DeployAdvisor.Cli.Tests;

/// <summary>
/// Issue 19 "Bad input" through the CLI: each mistake in a 0.2 field is located and named, none stops
/// the other documents, DA0009 is an input error (recommend gives no recommendation and exits 1), and
/// an unknown target in platform.targets is DA0008 where it is written.
/// </summary>
public class ModelBadInputTests
{
    private static string Doc(string name, string spec) => DeployAdvisor.Tests.Shared.DescriptorText.Of(name, spec);

    private static readonly string Mixed = string.Join("---\n",
        Doc("wrong-type", "interface: web\nsecurity:\n  sensitivity: public\nhost:\n  privileged: yes"),
        Doc("bad-enum", "interface: web\nsecurity:\n  sensitivity: public\ndeployment:\n  hosts: dedicatd"),
        Doc("twice", "interface: web\nsecurity:\n  sensitivity: public\nhost:\n  devices: [gpu, usb, gpu]"),
        Doc("win-on-linux", "interface: web\nos: linux\nwindows:\n  image: servercore\nsecurity:\n  sensitivity: public"),
        Doc("tenants", "interface: web\nsecurity:\n  sensitivity: public\n  multiTenant: true\ndeployment:\n  hosts: dedicated"),
        Doc("good", "interface: headless\nsecurity:\n  sensitivity: internal\nhost:\n  devices: [gpu]\ndeployment:\n  target: container"));

    [Fact]
    public void Lint_locates_and_names_each_mistake_and_checks_the_other_documents()
    {
        using var dir = new TempDir();
        dir.Write("mixed.yaml", Mixed);
        var r = Run.InProcess(dir.Path, "lint", "mixed.yaml", "--format", "json");
        Assert.Equal(1, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Stdout);
        var findings = doc.RootElement.GetProperty("findings").EnumerateArray()
            .Select(f => (Rule: f.GetProperty("ruleId").GetString(), Workload: f.GetProperty("workload").GetString(), Line: f.GetProperty("line").GetInt32(),
                Column: f.GetProperty("column").GetInt32(), Message: f.GetProperty("message").GetString()!)).ToList();
        Assert.Contains(findings, f => f is { Rule: "DA0002", Workload: "wrong-type", Line: 10, Column: 17 } && f.Message.Contains("spec.host.privileged must be true or false"));
        Assert.Contains(findings, f => f is { Rule: "DA0002", Workload: "bad-enum", Line: 21, Column: 12 } && f.Message.Contains("did you mean 'dedicated'?"));
        Assert.Contains(findings, f => f is { Rule: "DA0002", Workload: "twice", Line: 32, Column: 25 } && f.Message.Contains("spec.host.devices lists 'gpu' twice"));
        Assert.Contains(findings, f => f is { Rule: "DA0009", Workload: "win-on-linux", Line: 41, Column: 3 } && f.Message.Contains("os is linux"));
        Assert.Contains(findings, f => f is { Rule: "DA0009", Workload: "tenants", Line: 56, Column: 12 } && f.Message.Contains("spec.security.multiTenant: true and spec.deployment.hosts: dedicated"));
        Assert.DoesNotContain(findings, f => f.Workload == "good");
        Assert.Equal(5, findings.Count);
    }

    [Fact]
    public void Recommend_gives_a_contradictory_document_no_recommendation_and_exits_1()
    {
        using var dir = new TempDir();
        dir.Write("mixed.yaml", Mixed);
        var r = Run.InProcess(dir.Path, "recommend", "mixed.yaml", "--format", "json");
        Assert.Equal(1, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Stdout);
        var results = doc.RootElement.GetProperty("results").EnumerateArray().ToDictionary(x => x.GetProperty("workload").GetString()!, x => x.Clone());
        var tenants = results["tenants"];
        Assert.Equal(JsonValueKind.Null, tenants.GetProperty("recommendation").ValueKind);
        Assert.Contains(tenants.GetProperty("findings").EnumerateArray(), f => f.GetProperty("ruleId").GetString() == "DA0009");
        Assert.Equal("container", results["good"].GetProperty("recommendation").GetString());
    }

    [Fact]
    public void A_contradiction_cannot_be_suppressed()
    {
        using var dir = new TempDir();
        dir.Write("t.yaml", Doc("tenants", "interface: web\nsecurity:\n  sensitivity: public\n  multiTenant: true\ndeployment:\n  # deployadvisor-ignore DA0009: we know\n  hosts: dedicated"));
        var r = Run.InProcess(dir.Path, "lint", "t.yaml", "--format", "json");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("\"DA0009\"", r.Stdout);
    }

    [Fact]
    public void An_unknown_target_in_platform_targets_is_DA0008_where_it_is_written()
    {
        using var dir = new TempDir();
        dir.Write("a.yaml", Descriptors.Clean("a"));
        dir.Write(".deployadvisor.yaml", "platform:\n  targets: [container, sandbox]\n");
        var r = Run.InProcess(dir.Path, "lint", "a.yaml");
        Assert.NotEqual(0, r.ExitCode);
        var output = r.Stdout + r.Stderr;
        Assert.Contains("DA0008", output);
        Assert.Contains(".deployadvisor.yaml:2:", output);
        Assert.Contains("sandbox", output);
    }

    [Fact]
    public void A_platform_without_sandboxes_excludes_them_with_DA6001_related_to_the_configuration()
    {
        using var dir = new TempDir();
        dir.Write("saas.yaml", Doc("saas", "interface: web\nsecurity:\n  sensitivity: internal\n  multiTenant: true\ndeployment:\n  target: sandboxed-container"));
        dir.Write(".deployadvisor.yaml", "platform:\n  targets: [container, vm]\n");
        var r = Run.InProcess(dir.Path, "lint", "saas.yaml", "--format", "json");
        Assert.Equal(1, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Stdout);
        var f = Assert.Single(doc.RootElement.GetProperty("findings").EnumerateArray());
        Assert.Equal("DA6001", f.GetProperty("ruleId").GetString());
        Assert.Contains("vm is recommended", f.GetProperty("message").GetString());
        Assert.Contains(f.GetProperty("relatedLocations").EnumerateArray(), l => l.GetProperty("file").GetString()!.EndsWith(".deployadvisor.yaml") && l.GetProperty("line").GetInt32() == 2);
    }
}

/// <summary>init writes the 0.2 fields commented, each with its values, and the starter still lints clean.</summary>
public class InitModelFieldsTests
{
    [Fact]
    public void Init_writes_the_new_fields_commented()
    {
        using var dir = new TempDir();
        Assert.Equal(0, Run.InProcess(dir.Path, "init", "--name", "my-service").ExitCode);
        var starter = System.IO.File.ReadAllText(System.IO.Path.Combine(dir.Path, "workload.yaml"));
        foreach (var line in new[] { "  # windows:", "  #   image: nanoserver", "  #   privileged: false", "  #   hostAccess: false", "  #   devices:", "  #     - gpu", "  #   hosts: shared", "  # artifacts:" })
            Assert.Contains(line, starter);
        foreach (var value in new[] { "servercore", "server", "fpga", "usb", "dedicated" })
            Assert.Contains(value, starter);
        Assert.Equal(0, Run.InProcess(dir.Path, "lint", "workload.yaml", "--fail-on", "info").ExitCode);

        // Uncommenting the host and deployment lines gives a valid descriptor.
        var uncommented = starter.Replace("  # host:", "  host:").Replace("  #   privileged: false", "    privileged: false")
            .Replace("  #   devices:", "    devices:").Replace("  #     - gpu", "      - gpu").Replace("  # deployment:", "  deployment:")
            .Replace("  #   target: container", "    target: container").Replace("  #   hosts: shared", "    hosts: shared");
        System.IO.File.WriteAllText(System.IO.Path.Combine(dir.Path, "workload.yaml"), uncommented);
        Assert.Equal(0, Run.InProcess(dir.Path, "lint", "workload.yaml", "--fail-on", "error").ExitCode);
    }
}
