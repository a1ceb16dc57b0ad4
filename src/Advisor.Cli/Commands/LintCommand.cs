using System;
using System.CommandLine;
using System.Linq;
using DeployAdvisor.Cli.Output;
using DeployAdvisor.Cli.Running;
using DeployAdvisor.Engine.Baselines;
using DeployAdvisor.Engine.Findings;

namespace DeployAdvisor.Cli.Commands
{
    internal static class LintCommand
    {
        public static Command Create()
        {
            var common = new CommonOptions();
            var paths = new Argument<string[]>("path") { Description = "Descriptor files, folders (searched recursively) or globs; '-' reads one file from standard input.", Arity = ArgumentArity.OneOrMore };
            var format = new Option<string[]>("--format", "-f")
            {
                Description = "Output format: " + string.Join(", ", LintFormats.Names) + " (default text). May be repeated, each followed by its own --output: -f sarif -o a.sarif -f text (at most one format goes to standard output).",
                HelpName = string.Join("|", LintFormats.Names),
                AllowMultipleArgumentsPerToken = false,
            };
            format.AcceptOnlyFromAmong(LintFormats.Names);
            var output = new Option<string[]>("--output", "-o")
            {
                Description = "Write the result of the --format before it to this file instead of standard output; written atomically (complete or absent).",
                HelpName = "file",
                AllowMultipleArgumentsPerToken = false,
            };
            var failOn = new Option<string>("--fail-on")
            {
                Description = "Exit with 1 when a finding is at or above this severity: error (default), warning, info or never.",
                DefaultValueFactory = _ => "error",
                HelpName = "error|warning|info|never",
            };
            failOn.AcceptOnlyFromAmong("error", "warning", "info", "never");
            var quiet = new Option<bool>("--quiet", "-q") { Description = "Only findings and errors: no summary line, no note about the baseline." };
            var baseline = new Option<string?>("--baseline")
            {
                Description = "Report only findings this baseline file (from 'baseline create') does not hold; say on standard error how many of its entries no longer match.",
                HelpName = "file",
            };
            var command = new Command("lint", "Check workload descriptors and report findings with exact locations (for CI).");
            command.Add(paths);
            command.Add(format);
            command.Add(output);
            command.Add(failOn);
            command.Add(quiet);
            command.Add(baseline);
            common.AddTo(command, output: false, parallel: true, color: true);
            CommonOptions.RejectUnknownOptions(paths, command);
            CliApp.Examples[command] = new[]
            {
                "deploy-advisor lint services/payments.workload.yaml",
                "deploy-advisor lint . --fail-on warning",
                "deploy-advisor lint 'deploy/**/*.yaml' --format github",
                "deploy-advisor lint . --format sarif --output deployadvisor.sarif",
                "deploy-advisor lint . -f junit -o lint.junit.xml -f gitlab -o gl-code-quality.json -f text",
                "deploy-advisor lint . --baseline .deployadvisor-baseline.json",
                "cat payments.yaml | deploy-advisor lint - --stdin-path services/payments.workload.yaml",
            };
            command.SetAction(r => CliApp.Guard(() =>
            {
                var targets = CommonOptions.PairFormats(r, format, output, "text");
                var threshold = r.GetValue(failOn);
                Severity? min = threshold == "never" ? null : SeverityNames.TryParse(threshold, out var m) ? m : Severity.Error;
                var options = new LintOutputOptions { FailOn = min, Quiet = r.GetValue(quiet) };
                var baselinePath = r.GetValue(baseline);
                Baseline? recorded = null;
                return common.Analyse(r, paths,
                    session =>
                    {
                        if (baselinePath != null) recorded = BaselineFile.Read(baselinePath, session.WorkingDirectory);
                        // lint prints findings only; code frames are for the text format.
                        return new AnalysisOptions { KeepEvaluations = false, KeepSourceLines = targets.Any(t => t.Format == "text"), Baseline = recorded };
                    },
                    targets,
                    (name, stream, session, rendering) => LintFormats.Create(name, stream, session, rendering, options),
                    summary => min is Severity least && summary.Highest is Severity highest && highest >= least ? ExitCodes.Findings : ExitCodes.Success,
                    summary =>
                    {
                        if (recorded != null && !options.Quiet && !summary.NothingChecked)
                        {
                            // Entries of files this run did not check (lint of part of a repository) are not stale.
                            int stale = recorded.Unmatched, inScope = recorded.InScope;
                            string ofFiles = inScope == recorded.Entries.Count ? "" : " for the files checked";
                            Console.Error.WriteLine(stale == 0
                                ? $"deploy-advisor: baseline: every one of its {inScope} {(inScope == 1 ? "entry" : "entries")}{ofFiles} still matches a finding"
                                : $"deploy-advisor: baseline: {stale} of its {inScope} {(inScope == 1 ? "entry" : "entries")}{ofFiles} no longer {(stale == 1 ? "matches" : "match")} a finding (fixed, or changed); 'baseline create' records the findings of today");
                        }
                    });
            }));
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
