using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Deque.AxeCore.Playwright;
using DeployAdvisor.Cli.Output.Report;
using Microsoft.Playwright;

namespace DeployAdvisor.Report.Tests;

/// <summary>The HTML report opened in Debian's chromium: what a reader sees and can do.</summary>
[Collection("browser")]
[Trait("Category", "Slow")]
public sealed class BrowserTests : IDisposable
{
    private readonly BrowserFixture _browser;
    private readonly TempDir _dir = new TempDir();

    public BrowserTests(BrowserFixture browser) { _browser = browser; }

    public void Dispose() => _dir.Dispose();

    private string Write(PortfolioModel model, string name = "report.html")
    {
        var path = Path.Combine(_dir.Path, name);
        File.WriteAllText(path, HtmlReport.Render(model));
        return path;
    }

    [Fact]
    public async Task Every_workload_has_a_section_and_a_deep_link_that_reaches_it()
    {
        var model = Reports.Examples();
        var file = Write(model);
        var (page, requests) = await _browser.OpenAsync(file);
        Assert.NotEmpty(model.Workloads);
        foreach (var w in model.Workloads)
        {
            var section = page.Locator($"article[id='workload-{w.Name}']");
            Assert.Equal(1, await section.CountAsync());
            Assert.Contains(w.Name, await section.Locator("h3").TextContentAsync());
            Assert.Equal(1, await page.Locator($"#index a[href='#workload-{w.Name}']").CountAsync());
        }
        // A deep link opened from outside scrolls its section into view.
        var last = model.Workloads[^1];
        await page.GotoAsync(new Uri(file).AbsoluteUri + "#workload-" + last.Name);
        var box = await page.Locator($"article[id='workload-{last.Name}']").BoundingBoxAsync();
        Assert.NotNull(box);
        Assert.InRange(box!.Y, -5, 900);
        // Clicking a link in the index reaches the section too.
        await page.Locator($"#index a[href='#workload-{model.Workloads[0].Name}']").ClickAsync();
        Assert.Equal("#workload-" + model.Workloads[0].Name, await page.EvaluateAsync<string>("location.hash"));
        Assert.Empty(requests);
    }

    [Fact]
    public async Task The_filter_narrows_the_list_and_hides_sections_without_removing_them()
    {
        var model = Reports.Examples();
        var (page, requests) = await _browser.OpenAsync(Write(model));
        int all = model.Workloads.Count;
        Assert.Equal(all, await page.Locator("#index tbody tr:visible").CountAsync());

        var target = model.Workloads.First(w => w.Owner != null);
        await page.Locator("#filter").FillAsync(target.Owner!);
        int expected = model.Workloads.Count(w => (w.Owner ?? "").Contains(target.Owner!, StringComparison.OrdinalIgnoreCase)
            || (w.Description ?? "").Contains(target.Owner!, StringComparison.OrdinalIgnoreCase) || w.Name.Contains(target.Owner!, StringComparison.OrdinalIgnoreCase));
        Assert.InRange(expected, 1, all - 1);
        Assert.Equal(expected, await page.Locator("#index tbody tr:visible").CountAsync());
        Assert.Equal(expected, await page.Locator("#details article.workload:visible").CountAsync());
        Assert.Equal(all, await page.Locator("#details article.workload").CountAsync()); // hidden, still there
        Assert.Contains($"{expected} of {all}", await page.Locator("#shown").InnerTextAsync());

        // Several words must all match; a rule ID narrows to the workloads it fired on.
        await page.Locator("#filter").FillAsync("DA4001");
        Assert.Equal(model.Workloads.Count(w => w.Findings.Any(f => f.RuleId == "DA4001")), await page.Locator("#index tbody tr:visible").CountAsync());
        await page.Locator("#filter").FillAsync("no-such-workload-anywhere");
        Assert.Equal(0, await page.Locator("#index tbody tr:visible").CountAsync());

        // A deep link to a filtered-out workload clears the filter so the link still lands.
        await page.EvaluateAsync($"location.hash = '#workload-{target.Name}'");
        await page.WaitForFunctionAsync("document.querySelector('#filter').value === ''");
        Assert.True(await page.Locator($"article[id='workload-{target.Name}']").IsVisibleAsync());

        await page.Locator("#filter").FillAsync("");
        Assert.Equal(all, await page.Locator("#index tbody tr:visible").CountAsync());
        Assert.Empty(requests);
    }

    [Fact]
    public async Task Sorting_a_column_orders_the_list_both_ways()
    {
        var model = Reports.Examples();
        var (page, _) = await _browser.OpenAsync(Write(model));
        async Task<string[]> Names() => (await page.Locator("#index tbody tr td:first-child").AllInnerTextsAsync()).Select(s => s.Trim()).ToArray();

        var header = page.Locator("#index thead th").Filter(new() { HasText = "Workload" });
        await header.Locator("button").ClickAsync();
        var ascending = model.Workloads.Select(w => w.Name).OrderBy(n => n.ToLowerInvariant(), StringComparer.Ordinal).ToArray();
        Assert.Equal(ascending, await Names());
        Assert.Equal("ascending", await header.GetAttributeAsync("aria-sort"));
        await header.Locator("button").ClickAsync();
        Assert.Equal(ascending.Reverse().ToArray(), await Names());
        Assert.Equal("descending", await header.GetAttributeAsync("aria-sort"));

        // Numeric columns sort as numbers.
        var findings = page.Locator("#index thead th").Filter(new() { HasText = "Findings" });
        await findings.Locator("button").ClickAsync();
        var counts = (await page.Locator("#index tbody tr td:last-child").AllAsync()).Select(c => c.GetAttributeAsync("data-sort").Result!).Select(int.Parse).ToArray();
        Assert.Equal(counts.OrderBy(c => c).ToArray(), counts);
    }

    [Fact]
    public async Task Hostile_text_shows_as_text_and_runs_nothing()
    {
        Reports.WriteHostile(_dir);
        var model = Reports.Model(_dir.Path, "hostile.yaml", "unknown-key.yaml");
        Assert.Contains(model.Workloads, w => w.Description != null && w.Description.Contains("<script>"));
        var html = HtmlReport.Render(model);
        Assert.DoesNotContain(Reports.ScriptPayload, html);
        Assert.DoesNotContain("<img", html);
        Assert.DoesNotContain("<svg onload", html);

        var (page, requests) = await _browser.OpenAsync(Write(model));
        await page.WaitForTimeoutAsync(200);
        Assert.Null(await page.EvaluateAsync<string?>("window.__pwned === undefined ? null : String(window.__pwned)"));
        Assert.Equal(1, await page.EvaluateAsync<int>("document.scripts.length"));
        Assert.Equal(0, await page.EvaluateAsync<int>("document.images.length"));
        var description = await page.Locator("article[id='workload-hostile-text'] dd").First.TextContentAsync();
        Assert.Contains(Reports.ScriptPayload, description);
        Assert.Contains(Reports.ImgPayload, description);
        Assert.Contains(Reports.SvgPayload, await page.Locator("article[id='workload-hostile-text']").TextContentAsync());
        Assert.Contains("<img src=x onerror=window.__pwned=1>", await page.Locator("#unevaluated").TextContentAsync());
        // Filtering re-renders nothing as markup either.
        await page.Locator("#filter").FillAsync("<script>");
        Assert.Equal(1, await page.Locator("#index tbody tr:visible").CountAsync());
        Assert.Null(await page.EvaluateAsync<string?>("window.__pwned === undefined ? null : String(window.__pwned)"));
        Assert.Empty(requests);
    }

    [Fact]
    public async Task Opening_sorting_filtering_and_following_links_makes_no_request()
    {
        Reports.WriteHostile(_dir);
        var model = Reports.Model(Repo.Root, "examples/");
        var (page, requests) = await _browser.OpenAsync(Write(model));
        await page.Locator("#index thead th button").First.ClickAsync();
        await page.Locator("#filter").FillAsync("vm");
        await page.Locator("#index tbody tr:visible a").First.ClickAsync();
        await page.WaitForTimeoutAsync(300);
        Assert.Empty(requests);
    }

    [Theory]
    [InlineData(1280, "light")]
    [InlineData(1280, "dark")]
    [InlineData(390, "light")]
    [InlineData(390, "dark")]
    public async Task No_serious_or_critical_accessibility_violation_and_a_screenshot(int width, string scheme)
    {
        var model = Reports.Examples();
        var (page, requests) = await _browser.OpenAsync(Write(model), width, 900, scheme == "dark" ? ColorScheme.Dark : ColorScheme.Light);
        var result = await page.RunAxe();
        var bad = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(bad.Count == 0, string.Join("\n", bad.Select(v => $"{v.Impact} {v.Id}: {v.Help} — {string.Join("; ", v.Nodes.Take(3).Select(n => n.Html))}")));

        // README/docs screenshots: the top of the report under DEPLOYADVISOR_UPDATE=1 into docs/images (plus report.png,
        // the README's, and one workload's section for docs/report.md); otherwise, and for the rest, a temp folder.
        var temp = Path.Combine(Path.GetTempPath(), "deployadvisor-report-screenshots");
        var docs = Path.Combine(Repo.Root, "docs", "images");
        Directory.CreateDirectory(temp);
        var folder = Repo.Update ? docs : temp;
        var shot = Path.Combine(folder, $"report-{width}-{scheme}.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = shot });
        Assert.True(new FileInfo(shot).Length > 10_000);
        bool readme = width == 1280 && scheme == "light";
        if (readme && Repo.Update) File.Copy(shot, Path.Combine(docs, "report.png"), overwrite: true);
        // One workload's section, reached by its deep link: the infeasible one, with what would have to change.
        var infeasible = model.Workloads.First(w => w.Infeasible);
        await page.GotoAsync(page.Url.Split('#')[0] + "#workload-" + infeasible.Name);
        await page.WaitForTimeoutAsync(100);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(temp, $"report-{width}-{scheme}-workload.png") });
        if (readme && Repo.Update) File.Copy(Path.Combine(temp, $"report-{width}-{scheme}-workload.png"), Path.Combine(docs, "report-workload.png"), overwrite: true);
        await page.GotoAsync(page.Url.Split('#')[0] + "#workloads");
        await page.WaitForTimeoutAsync(100);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(temp, $"report-{width}-{scheme}-index.png") });
        Assert.Empty(requests);
    }
}
