using System.IO;
using System.Text;
using DeployAdvisor.Cli.Running;
using DeployAdvisor.Engine.Rules;

namespace DeployAdvisor.Cli.Output.Report
{
    /// <summary>The report formats of recommend: html and markdown.</summary>
    public static class PortfolioReport
    {
        public static bool IsReport(string format) => format == "html" || format == "markdown";

        public static string Render(string format, PortfolioModel model)
            => format == "html" ? HtmlReport.Render(model) : MarkdownReport.Render(model);
    }

    /// <summary>
    /// recommend's html and markdown formats as a run's writer: it collects each finished file into the
    /// report's model and writes the whole report at the end, since the summary comes first.
    /// </summary>
    public sealed class PortfolioReportWriter : IResultWriter
    {
        private readonly string _format;
        private readonly Stream _output;
        private readonly PortfolioBuilder _builder;

        public PortfolioReportWriter(string format, Stream output, RuleSet rules)
        {
            _format = format; _output = output; _builder = new PortfolioBuilder(rules);
        }

        public void Begin() { }

        public void WriteFile(FileOutcome file) => _builder.Add(file);

        public void End(RunSummary summary)
        {
            var bytes = new UTF8Encoding(false).GetBytes(PortfolioReport.Render(_format, _builder.Build()));
            _output.Write(bytes, 0, bytes.Length);
            _output.Flush();
        }
    }
}
