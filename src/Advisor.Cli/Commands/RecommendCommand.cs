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
            command.SetAction(r => CliApp.Guard(() => common.Analyse(r, paths,
                new AnalysisOptions { KeepEvaluations = true, KeepSourceLines = r.GetValue(format) == "text" },
                (output, session, rendering) => RecommendFormats.Create(r.GetValue(format)!, output, session, rendering),
                // An infeasible workload is an answer; input that was not understood is not.
                summary => summary.HasInputError ? ExitCodes.Findings : ExitCodes.Success)));
            return command;
        }
    }
}
