using System;
using System.Collections.Generic;
using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Threading;
using DeployAdvisor.Cli.Commands;
using DeployAdvisor.Engine.Schema;

namespace DeployAdvisor.Cli
{
    /// <summary>
    /// The command line: System.CommandLine for parsing and help, exit codes as cli.md's table says
    /// (parse errors are 2, not System.CommandLine's 1), SIGINT/SIGTERM as 130 with no partial output,
    /// and user errors as one message on standard error, never a stack trace.
    /// </summary>
    public static class CliApp
    {
        private static readonly CancellationTokenSource Interrupt = new CancellationTokenSource();
        internal static CancellationToken Cancellation => Interrupt.Token;
        internal static readonly Dictionary<Command, string[]> Examples = new Dictionary<Command, string[]>();

        public static int Run(string[] args)
        {
            Console.OutputEncoding = new System.Text.UTF8Encoding(false);
            Console.CancelKeyPress += (_, e) => { e.Cancel = true; Stop(); };
            using var term = OperatingSystem.IsWindows() ? null : PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; Stop(); });

            var root = BuildRoot();
            var result = root.Parse(args);
            if (result.Errors.Count > 0 && !IsHelpRequest(result))
                return ReportParseErrors(result);
            try
            {
                int code = result.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
                return Interrupt.IsCancellationRequested ? ExitCodes.Interrupted : code;
            }
            catch (OperationCanceledException) when (Interrupt.IsCancellationRequested)
            {
                return Interrupted();
            }
            catch (AggregateException e) when (Interrupt.IsCancellationRequested && e.InnerExceptions.All(x => x is OperationCanceledException))
            {
                return Interrupted();
            }
        }

        /// <summary>How long an interrupted run may take to stop on its own before the process is ended.</summary>
        private const int StopGraceMs = 2000;

        /// <summary>
        /// SIGINT/SIGTERM: cancel the run, and end the process if it has not stopped within the grace
        /// period. Work that cannot see the token — a read blocked on a FIFO named x.yaml, say — would
        /// otherwise keep it alive and deaf to every signal but SIGKILL. Ending it is safe: --output is
        /// written by rename, so it stays complete or absent.
        /// </summary>
        private static void Stop()
        {
            Interrupt.Cancel();
            var watchdog = new Thread(() =>
            {
                Thread.Sleep(StopGraceMs);
                Console.Error.WriteLine("deploy-advisor: interrupted; nothing was written");
                Console.Error.Flush();
                Environment.Exit(ExitCodes.Interrupted);
            }) { IsBackground = true, Name = "interrupt watchdog" };
            watchdog.Start();
        }

        private static int Interrupted()
        {
            Console.Error.WriteLine("deploy-advisor: interrupted; nothing was written");
            return ExitCodes.Interrupted;
        }

        public static RootCommand BuildRoot()
        {
            var root = new RootCommand("DeployAdvisor: says where a workload should run (container, sandboxed-container or vm) and lints workload descriptors in CI.");
            root.Add(LintCommand.Create());
            root.Add(RecommendCommand.Create());
            root.Add(ExplainCommand.Create());
            root.Add(RulesCommand.Create());
            root.Add(SchemaCommand.Create());
            root.Add(InitCommand.Create());
            root.Add(InferCommand.Create());
            root.Add(BaselineCommand.Create());
            Examples[root] = new[]
            {
                "deploy-advisor recommend examples/",
                "deploy-advisor lint . --format sarif --output deployadvisor.sarif",
                "deploy-advisor explain DA1001",
                "deploy-advisor init",
            };
            root.SetAction(r =>
            {
                Console.Error.WriteLine("deploy-advisor: error: name a command: lint, recommend, explain, rules, schema or init");
                Console.Error.WriteLine("Run 'deploy-advisor --help' for usage.");
                return ExitCodes.Usage;
            });
            foreach (var option in root.Options)
            {
                if (option is HelpOption help && help.Action is HelpAction action)
                    help.Action = new ExamplesHelpAction(action);
            }
            return root;
        }

        private static bool IsHelpRequest(ParseResult result) => result.Action is ExamplesHelpAction;

        /// <summary>Parse errors: every message on standard error, a suggestion for near misses, exit code 2.</summary>
        private static int ReportParseErrors(ParseResult result)
        {
            var command = result.CommandResult.Command;
            foreach (var error in result.Errors)
                Console.Error.WriteLine("deploy-advisor: error: " + error.Message);
            var candidates = command.Subcommands.SelectMany(c => c.Aliases.Prepend(c.Name))
                .Concat(command.Options.SelectMany(o => o.Aliases.Prepend(o.Name)))
                .Where(n => !n.StartsWith("-?", StringComparison.Ordinal) && n != "/?" && n != "/h")
                .ToList();
            foreach (var token in result.UnmatchedTokens.Distinct())
            {
                var hint = Suggest(token, candidates);
                if (hint != null) Console.Error.WriteLine($"Did you mean '{hint}'?");
            }
            var path = string.Join(" ", Ancestry(command).Select(c => c is RootCommand ? "deploy-advisor" : c.Name));
            Console.Error.WriteLine($"Run '{path} --help' for usage.");
            return ExitCodes.Usage;
        }

        /// <summary>A near miss worth suggesting: within edit distance 2, and closer than half the token.</summary>
        internal static string? Suggest(string token, IEnumerable<string> candidates)
        {
            var hint = ShapeBinder.Suggest(token, candidates);
            if (hint is null) return null;
            return Levenshtein(token.ToLowerInvariant(), hint.ToLowerInvariant()) * 2 < token.Length ? hint : null;
        }

        private static int Levenshtein(string a, string b)
        {
            var d = new int[a.Length + 1, b.Length + 1];
            for (int i = 0; i <= a.Length; i++) d[i, 0] = i;
            for (int j = 0; j <= b.Length; j++) d[0, j] = j;
            for (int i = 1; i <= a.Length; i++)
                for (int j = 1; j <= b.Length; j++)
                    d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            return d[a.Length, b.Length];
        }

        private static IEnumerable<Command> Ancestry(Command command)
        {
            var chain = new List<Command>();
            for (Symbol? s = command; s is Command c; s = c.Parents.FirstOrDefault()) chain.Insert(0, c);
            return chain;
        }

        /// <summary>Runs a command body with the CLI's error contract.</summary>
        internal static int Guard(Func<int> body)
        {
            try
            {
                return body();
            }
            catch (UserError e)
            {
                Console.Error.WriteLine("deploy-advisor: error: " + e.Message);
                if (!string.IsNullOrEmpty(e.Detail)) Console.Error.WriteLine(e.Detail);
                return ExitCodes.Usage;
            }
            catch (OperationCanceledException) when (Interrupt.IsCancellationRequested)
            {
                return Interrupted();
            }
            catch (AggregateException e) when (Interrupt.IsCancellationRequested && e.Flatten().InnerExceptions.All(x => x is OperationCanceledException))
            {
                return Interrupted();
            }
            catch (Exception e) when (Environment.GetEnvironmentVariable("DEPLOYADVISOR_DEBUG") != "1")
            {
                Console.Error.WriteLine($"deploy-advisor: internal error: {e.GetType().Name}: {e.Message}");
                Console.Error.WriteLine("This is a bug in deploy-advisor, not in your input; set DEPLOYADVISOR_DEBUG=1 to see the stack trace and report it.");
                return ExitCodes.Usage;
            }
        }

        /// <summary>The standard help followed by the command's examples.</summary>
        private sealed class ExamplesHelpAction : SynchronousCommandLineAction
        {
            private readonly HelpAction _inner;
            public ExamplesHelpAction(HelpAction inner) { _inner = inner; }

            public override int Invoke(ParseResult parseResult)
            {
                var output = parseResult.InvocationConfiguration.Output;
                int code = _inner.Invoke(parseResult);
                if (Examples.TryGetValue(parseResult.CommandResult.Command, out var examples))
                {
                    output.WriteLine("Examples:");
                    foreach (var e in examples) output.WriteLine("  " + e);
                    output.WriteLine();
                }
                return code;
            }
        }
    }
}
