using System;
using System.CommandLine;
using System.IO;
using System.Linq;
using DeployAdvisor.Cli.Output;
using DeployAdvisor.Cli.Running;

namespace DeployAdvisor.Cli.Commands
{
    /// <summary>Options shared by the commands that read descriptors or rules.</summary>
    internal sealed class CommonOptions
    {
        public readonly Option<string?> Output = new Option<string?>("--output", "-o")
        {
            Description = "Write the result to this file instead of standard output; written atomically (complete or absent).",
            HelpName = "file",
        };

        public readonly Option<string[]> Rules = new Option<string[]>("--rules")
        {
            Description = "A folder of extra rule files (*.yaml); may be repeated.",
            HelpName = "dir",
            DefaultValueFactory = _ => Array.Empty<string>(),
        };

        public readonly Option<string?> Config = new Option<string?>("--config")
        {
            Description = "The config file to use instead of the .deployadvisor.yaml found by walking up from the working directory.",
            HelpName = "file",
        };

        public readonly Option<string?> DocsBaseUrl = new Option<string?>("--docs-base-url")
        {
            Description = "Absolute URL of the published rule pages (overrides docs.baseUrl of the config); only explain and lint --format sarif write rule links.",
            HelpName = "url",
        };

        public readonly Option<string> ColorOption = new Option<string>("--color")
        {
            Description = "Colour: auto (a terminal without NO_COLOR), always or never.",
            DefaultValueFactory = _ => "auto",
            HelpName = "auto|always|never",
        };

        public ColorMode Color(ParseResult r) => r.GetValue(ColorOption) switch
        {
            "always" => ColorMode.Always,
            "never" => ColorMode.Never,
            _ => ColorMode.Auto,
        };

        public readonly Option<int> Jobs = new Option<int>("--jobs", "-j")
        {
            Description = "Files checked in parallel (default: the number of processors). The output does not depend on it.",
            HelpName = "n",
            DefaultValueFactory = _ => Environment.ProcessorCount,
        };

        public CommonOptions()
        {
            ColorOption.AcceptOnlyFromAmong("auto", "always", "never");
            Jobs.Validators.Add(r =>
            {
                if (r.GetValueOrDefault<int>() < 1) r.AddError("--jobs must be at least 1");
            });
            DocsBaseUrl.Validators.Add(r =>
            {
                var v = r.GetValueOrDefault<string?>();
                if (v != null && !(Uri.TryCreate(v, UriKind.Absolute, out var u) && (u.Scheme == "http" || u.Scheme == "https")))
                    r.AddError("--docs-base-url must be an absolute http(s) URL, such as https://github.com/acme/platform/blob/main/docs/rules/");
            });
        }

        public void AddTo(Command command, bool output = true, bool parallel = false, bool color = false)
        {
            if (output) command.Add(Output);
            command.Add(Config);
            command.Add(Rules);
            command.Add(DocsBaseUrl);
            if (color) command.Add(ColorOption);
            if (parallel) command.Add(Jobs);
        }

        public static string Cwd => Directory.GetCurrentDirectory();

        /// <summary>
        /// The way of lint and recommend alike: load the session, check that the output can be written,
        /// check the inputs while each file's results are written as soon as they are final, commit the
        /// output, then report what made the run incomplete (exit 2) or let the command decide. When
        /// nothing was checked, no result is written: the run says so on standard error and exits 2.
        /// </summary>
        public int Analyse(ParseResult r, Argument<string[]> paths, AnalysisOptions what,
            Func<Stream, Session, Rendering, IResultWriter> format, Func<RunSummary, int> exitCode)
        {
            var session = LoadSession(r);
            var output = r.GetValue(Output);
            using var sink = OutputSink.Open(output, session.WorkingDirectory);
            var inputs = InputCollector.Collect(r.GetValue(paths)!, session);
            var writer = format(sink, session, Rendering.For(Color(r), output != null));
            writer.Begin();
            var summary = Analyzer.Stream(session, inputs, r.GetValue(Jobs), CliApp.Cancellation, what, writer.WriteFile);
            CliApp.Cancellation.ThrowIfCancellationRequested();
            if (summary.NothingChecked)
            {
                sink.Discard();
            }
            else
            {
                writer.End(summary);
                CliApp.Cancellation.ThrowIfCancellationRequested();
                sink.Commit();
            }
            if (RunProblems.Report(summary)) return ExitCodes.Usage;
            return exitCode(summary);
        }

        public Session LoadSession(ParseResult r)
            => Session.Load(Cwd, r.GetValue(Config), r.GetValue(Rules) ?? Array.Empty<string>(), r.GetValue(DocsBaseUrl));

        /// <summary>
        /// Path arguments take any token, so a mistyped option (--formt) would be taken for a path:
        /// a token that starts with '-' and is not an existing file is an unknown option (exit 2).
        /// </summary>
        public static void RejectUnknownOptions(Argument<string[]> paths, Command command)
        {
            paths.Validators.Add(r =>
            {
                foreach (var token in r.Tokens)
                {
                    var v = token.Value;
                    if (v.Length > 1 && v[0] == '-' && !File.Exists(v) && !Directory.Exists(v))
                    {
                        var names = command.Options.SelectMany(o => o.Aliases.Prepend(o.Name)).Where(n => n.StartsWith("--", StringComparison.Ordinal));
                        var hint = CliApp.Suggest(v, names);
                        r.AddError($"Unrecognized option '{v}'.{(hint is null ? "" : $" Did you mean '{hint}'?")}");
                    }
                }
            });
        }

        public static Option<string> Format(string[] allowed, string defaultValue)
        {
            var option = new Option<string>("--format", "-f")
            {
                Description = "Output format: " + string.Join(", ", allowed) + ".",
                DefaultValueFactory = _ => defaultValue,
                HelpName = string.Join("|", allowed),
            };
            option.AcceptOnlyFromAmong(allowed);
            return option;
        }
    }
}
