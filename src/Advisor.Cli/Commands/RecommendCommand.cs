using System.CommandLine;
using System.Linq;
using DeployAdvisor.Cli.Output;
using DeployAdvisor.Cli.Running;
using DeployAdvisor.Engine.Findings;

namespace DeployAdvisor.Cli.Commands
{
    internal static class RecommendCommand
    {
        public static Command Create()
        {
            var common = new CommonOptions();
            var paths = new Argument<string[]>("path") { Description = "Descriptor files, folders (searched recursively) or globs.", Arity = ArgumentArity.OneOrMore };
            var format = CommonOptions.Format(RecommendFormats.Names, "text");
            var command = new Command("recommend", "Rank the three targets for each workload and explain why; for an infeasible workload, say what would have to change.");
            command.Add(paths);
            command.Add(format);
            common.AddTo(command, parallel: true, color: true);
            CommonOptions.RejectUnknownOptions(paths, command);
            CliApp.Examples[command] = new[]
            {
                "deploy-advisor recommend examples/",
                "deploy-advisor recommend services/payments.workload.yaml --format json",
            };
            command.SetAction(r => CliApp.Guard(() =>
            {
                var session = common.LoadSession(r);
                var inputs = InputCollector.Collect(r.GetValue(paths)!, session);
                var analysis = Analyzer.Run(session, inputs, r.GetValue(common.Jobs), CliApp.Cancellation);
                var output = r.GetValue(common.Output);
                var text = RecommendFormats.Render(r.GetValue(format)!, analysis, session, Rendering.For(common.Color(r), output != null));
                CliApp.Cancellation.ThrowIfCancellationRequested();
                OutputTarget.Write(output, text, session.WorkingDirectory);
                if (RunProblems.Report(analysis)) return ExitCodes.Usage;
                // An infeasible workload is an answer; input that was not understood is not.
                return analysis.Findings.Any(f => RuleIds.IsFixedError(f.RuleId)) ? ExitCodes.Findings : ExitCodes.Success;
            }));
            return command;
        }
    }
}
