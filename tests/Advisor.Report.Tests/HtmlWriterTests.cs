using System;
using DeployAdvisor.Cli.Output.Report;

namespace DeployAdvisor.Report.Tests;

/// <summary>The HTML writer escapes by construction; these pin down the ways a value could become markup.</summary>
public sealed class HtmlWriterTests
{
    [Fact]
    public void Text_and_attribute_values_are_escaped()
    {
        var w = new HtmlWriter();
        using (w.Open("p", ("title", "\"><script>x</script>'"), ("data-x", "a&b")))
            w.Text("<img src=x onerror=alert(1)> & </p>");
        Assert.Equal("<p title=\"&quot;&gt;&lt;script&gt;x&lt;/script&gt;&#39;\" data-x=\"a&amp;b\">&lt;img src=x onerror=alert(1)&gt; &amp; &lt;/p&gt;</p>", w.ToString());
    }

    [Theory]
    [InlineData("p onclick")]
    [InlineData("script><x")]
    [InlineData("")]
    [InlineData("P")]
    public void A_tag_name_that_is_not_a_plain_name_is_refused(string tag)
        => Assert.Throws<ArgumentException>(() => new HtmlWriter().Element(tag, "x"));

    [Theory]
    [InlineData("onclick")]
    [InlineData("onError")]
    [InlineData("x=\"1\" y")]
    public void Event_handler_and_odd_attribute_names_are_refused(string name)
        => Assert.Throws<ArgumentException>(() => new HtmlWriter().Element("p", "x", (name, "1")));

    [Fact]
    public void Elements_must_close_in_order_and_assets_go_only_into_script_or_style()
    {
        var w = new HtmlWriter();
        var outer = w.Open("div");
        var inner = w.Open("span");
        Assert.Throws<InvalidOperationException>(() => outer.Dispose());
        inner.Dispose();
        outer.Dispose();
        using (w.Open("p")) Assert.Throws<InvalidOperationException>(() => w.Asset(ReportAssets.Script));
        var open = new HtmlWriter();
        open.Open("div");
        Assert.Throws<InvalidOperationException>(() => open.ToString());
    }

    [Fact]
    public void The_report_has_one_script_and_its_policy_allows_only_it()
    {
        var html = HtmlReport.Render(Reports.Examples());
        Assert.Equal(1, System.Text.RegularExpressions.Regex.Matches(html, "<script").Count);
        var policy = System.Net.WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Match(html, "Content-Security-Policy\" content=\"([^\"]*)\"").Groups[1].Value);
        Assert.Contains($"script-src '{ReportAssets.Script.Hash}'", policy);
        Assert.Contains("default-src 'none'", policy);
        Assert.DoesNotContain("http://", html.Replace("http://www.w3.org/2000/svg", ""));
        Assert.DoesNotContain("https://", html);
    }
}
