using System.Linq;
using System.Text.Json;
using DeployAdvisor.Cli.Output;

namespace DeployAdvisor.Cli.Tests;

/// <summary>
/// recommend's explanations (issue 19 item 4) as people and programs read them: the order stated once
/// per workload, a list below 100 columns that reads at 80, a table from 100, and an additive "order"
/// object in JSON.
/// </summary>
public class ExplanationOutputTests
{
    private static string Text(int width, params string[] paths)
    {
        var (analysis, session) = Run.Analyze(Repo.Root, paths);
        return RecommendFormats.Render("text", analysis, session, new Rendering(false, width));
    }

    private const string KernelModuleJob = """
        apiVersion: deployadvisor/v1
        kind: Workload
        metadata:
          name: wireguard-gateway
        spec:
          interface: headless
          security:
            sensitivity: internal
          host:
            kernelModules: true
        """;

    [Fact]
    public void At_80_columns_the_targets_are_a_list_whose_every_line_fits()
    {
        var text = Text(80, "examples");
        Assert.All(text.Split('\n'), line => Assert.True(line.Length <= 80 || line.StartsWith("    examples/"), $"{line.Length}: {line}"));
        Assert.DoesNotContain("│", text);   // no table
        Assert.Contains("""
            payments-api examples/payments-api.yaml:5
              Recommendation: vm (planned: container)
              Order: vm > sandboxed-container > container, because
                security.sensitivity: restricted, so the strongest isolation boundary, the
                hypervisor, ranks first
              1. vm: recommended
                 - first in the order of preference
              2. sandboxed-container: feasible
                 - second in the order; vm ranks above it
              3. container: excluded
                 - DA1001 (restricted-data-shared-kernel): restricted data must not share a
                   kernel with other workloads, so container is excluded
                   (deployment.hosts: shared, security.sensitivity: restricted)
              Findings:
            """.Replace("\r\n", "\n"), text);
    }

    [Fact]
    public void At_80_columns_a_workload_takes_a_few_lines_not_forty_five()
    {
        var text = Text(80, "examples/payments-api.yaml");
        var block = text.Substring(0, text.IndexOf("  Findings:", System.StringComparison.Ordinal));
        Assert.InRange(block.Split('\n').Length, 5, 15);
    }

    [Fact]
    public void At_120_columns_the_targets_stay_a_table_with_the_order_above_it()
    {
        var text = Text(120, "examples/payments-api.yaml");
        Assert.Contains("╭", text);
        Assert.Contains("│ Why", text);
        Assert.Contains("  Order: vm > sandboxed-container > container, because security.sensitivity: restricted, so the strongest isolation\n", text);
        Assert.All(text.Split('\n').Where(l => l.StartsWith("│") || l.StartsWith("╭")), line => Assert.True(line.Length <= 120, line));
        Assert.Contains("│ first in the order of preference", text);
    }

    [Theory]
    [InlineData(80)]
    [InlineData(99)]
    [InlineData(100)]
    [InlineData(120)]
    public void The_order_is_stated_once_per_workload_and_on_no_target_row(int width)
    {
        var text = Text(width, "examples");
        int workloads = text.Split('\n').Count(l => l.StartsWith("  Recommendation:"));
        Assert.Equal(workloads, text.Split('\n').Count(l => l.StartsWith("  Order: ")));
        Assert.DoesNotContain("choice", text);
        Assert.Equal(width >= 100, text.Contains("╭"));
        // The order's targets are written once each time ("vm > sandboxed-container" in a row would repeat it).
        Assert.Equal(text.Split('\n').Count(l => l.StartsWith("  Order: vm >")), CountOf(text, "vm > sandboxed-container > container"));
    }

    [Fact]
    public void A_kernel_module_job_reads_the_only_feasible_target_and_no_criterion_it_lacks()
    {
        using var dir = new TempDir();
        dir.Write("gw.yaml", KernelModuleJob);
        foreach (var width in new[] { 80, 120 })
        {
            var (analysis, session) = Run.Analyze(dir.Path, new[] { "gw.yaml" });
            var text = RecommendFormats.Render("text", analysis, session, new Rendering(false, width));
            Assert.Contains("the only feasible target", text);
            Assert.DoesNotContain("isolation need", text);
            Assert.Contains("(host.kernelModules: true)", text);
        }
    }

    [Fact]
    public void Json_gives_each_result_its_order_targets_fields_and_reason_and_keeps_its_keys()
    {
        var json = Run.Recommend("json", Repo.Root, "examples");
        using var doc = JsonDocument.Parse(json);
        var results = doc.RootElement.GetProperty("results").EnumerateArray().ToList();
        Assert.NotEmpty(results);
        foreach (var r in results)
        {
            foreach (var key in new[] { "file", "workload", "recommendation", "ranking", "findings", "order" })
                Assert.True(r.TryGetProperty(key, out _), key);
            var order = r.GetProperty("order");
            Assert.Equal(3, order.GetProperty("targets").GetArrayLength());
            Assert.False(string.IsNullOrEmpty(order.GetProperty("reason").GetString()));
            // The order is stated once: no target's reasons repeat it.
            var text = string.Join(" > ", order.GetProperty("targets").EnumerateArray().Select(t => t.GetString()));
            Assert.All(r.GetProperty("ranking").EnumerateArray().SelectMany(t => t.GetProperty("reasons").EnumerateArray()),
                reason => Assert.DoesNotContain(text, reason.GetString()));
        }
        var pay = results.Single(r => r.GetProperty("workload").GetString() == "payments-api").GetProperty("order");
        Assert.Equal(new[] { "vm", "sandboxed-container", "container" }, pay.GetProperty("targets").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(new[] { "spec.security.sensitivity" }, pay.GetProperty("fields").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal("security.sensitivity: restricted, so the strongest isolation boundary, the hypervisor, ranks first", pay.GetProperty("reason").GetString());
        var web = results.Single(r => r.GetProperty("workload").GetString() == "storefront-web").GetProperty("order");
        Assert.Equal(0, web.GetProperty("fields").GetArrayLength());
        Assert.Equal("no restricted or confidential data, no untrusted code or tenants: the lightest feasible target first", web.GetProperty("reason").GetString());
    }

    [Fact]
    public void Json_of_a_document_that_was_not_evaluated_has_a_null_order()
    {
        using var dir = new TempDir();
        dir.Write("bad.yaml", "apiVersion: deployadvisor/v1\nkind: Workload\nmetadata:\n  name: x\nspec:\n  interface: nope\n");
        var json = Run.Recommend("json", dir.Path, "bad.yaml");
        using var doc = JsonDocument.Parse(json);
        var r = Assert.Single(doc.RootElement.GetProperty("results").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, r.GetProperty("order").ValueKind);
        Assert.Equal(JsonValueKind.Null, r.GetProperty("recommendation").ValueKind);
    }

    [Fact]
    public void Wrapping_keeps_a_field_with_its_value_and_never_exceeds_the_width()
    {
        var lines = RecommendFormats.Wrap("the workload needs its own kernel, which container cannot give (host.kernelModules: true)", 40, 7, 7);
        Assert.All(lines, l => Assert.True(l.Length <= 33, l));
        Assert.Contains(lines, l => l.Contains("(host.kernelModules: true)"));
    }

    private static int CountOf(string text, string part)
    {
        int n = 0;
        for (int at = text.IndexOf(part, System.StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + 1, System.StringComparison.Ordinal)) n++;
        return n;
    }
}
