using System;
using System.CommandLine;
using System.Linq;
using DeployAdvisor.Cli.Output;
using DeployAdvisor.Cli.Running;
using DeployAdvisor.Engine.Findings;

namespace DeployAdvisor.Cli.Commands
{
    internal static class LintCommand
    {
        public static Command Create()
        {
            var common = new CommonOptions();
            var paths = new Argument<string[]>("path") { Description = "Descriptor files, folders (searched recursively) or globs.", Arity = ArgumentArity.OneOrMore };
            var format = CommonOptions.Format(LintFormats.Names, "text");
            var failOn = new Option<string>("--fail-on")
            {
                Description = "Exit with 1 when a finding is at or above this severity: error (default), warning, info or never.",
                DefaultValueFactory = _ => "error",
                HelpName = "error|warning|info|never",
            };
            failOn.AcceptOnlyFromAmong("error", "warning", "info", "never");
            var command = new Command("lint", "Check workload descriptors and report findings with exact locations (for CI).");
            command.Add(paths);
            command.Add(format);
            command.Add(failOn);
            common.AddTo(command, parallel: true, color: true);
            CommonOptions.RejectUnknownOptions(paths, command);
            CliApp.Examples[command] = new[]
            {
                "deploy-advisor lint services/payments.workload.yaml",
                "deploy-advisor lint . --fail-on warning",
                "deploy-advisor lint 'deploy/**/*.yaml' --format github",
                "deploy-advisor lint . --format sarif --output deployadvisor.sarif",
            };
            command.SetAction(r => CliApp.Guard(() => common.Analyse(r, paths,
                // lint prints findings only; code frames are for the text format.
                new AnalysisOptions { KeepEvaluations = false, KeepSourceLines = r.GetValue(format) == "text" },
                (output, session, rendering) => LintFormats.Create(r.GetValue(format)!, output, session, rendering),
                summary =>
                {
                    var threshold = r.GetValue(failOn);
                    if (threshold == "never") return ExitCodes.Success;
                    SeverityNames.TryParse(threshold, out var min);
                    return summary.Highest is Severity highest && highest >= min ? ExitCodes.Findings : ExitCodes.Success;
                })));
            return command;
        }
    }

    internal static class RunProblems
    {
        /// <summary>
        /// Reports, on standard error after everything else, what made the run incomplete: unreadable
        /// files and folders, and nothing to check. True when there was any (exit code 2).
        /// </summary>
        public static bool Report(RunSummary analysis)
        {
            bool any = false;
            if (analysis.NoInput)
            {
                Console.Error.WriteLine("deploy-advisor: error: nothing to check: the paths hold no .yaml or .yml file");
                any = true;
            }
            else
            {
                foreach (var scan in analysis.EmptyScans)
                {
                    Console.Error.WriteLine($"deploy-advisor: error: nothing to check in '{scan}': no file there holds a deployadvisor/ document (files without the text 'deployadvisor/' are skipped); name a descriptor file, or check the path");
                    any = true;
                }
            }
            foreach (var (path, reason) in analysis.Unreadable.OrderBy(u => u.Path, StringComparer.Ordinal))
            {
                Console.Error.WriteLine($"deploy-advisor: error: could not read '{path}': {reason}");
                any = true;
            }
            return any;
        }
    }
}
