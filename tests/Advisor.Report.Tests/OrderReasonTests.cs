using System.Linq;
using DeployAdvisor.Cli.Output.Report;

namespace DeployAdvisor.Report.Tests;

/// <summary>The report states each workload's order of preference once, with what chose it (issue 19 item 4).</summary>
public class OrderReasonTests
{
    [Fact]
    public void The_model_carries_the_order_and_its_reason()
    {
        var model = Reports.Examples();
        var pay = model.Workloads.Single(w => w.Name == "payments-api");
        Assert.Equal("vm > sandboxed-container > container", pay.Order);
        Assert.Equal("security.sensitivity: restricted, so the strongest isolation boundary, the hypervisor, ranks first", pay.OrderReason);
        Assert.All(pay.Ranking.SelectMany(r => r.Reasons), reason => Assert.DoesNotContain(pay.Order!, reason));
    }

    [Fact]
    public void Markdown_and_html_state_the_order_once_per_workload()
    {
        var model = Reports.Examples();
        var md = MarkdownReport.Render(model);
        Assert.Equal(model.Workloads.Count, md.Split('\n').Count(l => l.StartsWith("Order: ")));
        Assert.Contains("Order: vm &gt; sandboxed-container &gt; container, because security.sensitivity: restricted", md);
        var html = HtmlReport.Render(model);
        Assert.Equal(model.Workloads.Count, CountOf(html, "<dt>Order</dt>"));
        Assert.Contains("because security.sensitivity: restricted", html);
    }

    private static int CountOf(string text, string part)
    {
        int n = 0;
        for (int at = text.IndexOf(part, System.StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + 1, System.StringComparison.Ordinal)) n++;
        return n;
    }
}
