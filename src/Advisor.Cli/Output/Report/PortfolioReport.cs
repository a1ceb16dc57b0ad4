using DeployAdvisor.Cli.Running;
using DeployAdvisor.Engine.Rules;

namespace DeployAdvisor.Cli.Output.Report
{
    /// <summary>The one entry point recommend calls: the report formats, or null for a format that is not a report.</summary>
    public static class PortfolioReport
    {
        public static string? Render(string format, Analysis analysis, RuleSet rules) => format switch
        {
            "html" => HtmlReport.Render(PortfolioModel.From(analysis, rules)),
            "markdown" => MarkdownReport.Render(PortfolioModel.From(analysis, rules)),
            _ => null,
        };
    }
}
