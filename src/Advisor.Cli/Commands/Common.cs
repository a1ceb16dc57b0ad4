using System;
using System.Collections.Generic;
using System.CommandLine;
using System.CommandLine.Parsing;
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

        public readonly Option<string?> StdinPath = new Option<string?>("--stdin-path")
        {
            Description = "The path that findings give standard input when a path argument is '-' (default: <stdin>).",
            HelpName = "path",
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
            if (parallel) command.Add(StdinPath);
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
            => Analyse(r, paths, _ => what, new[] { ("", r.GetValue(Output)) }, (_, output, session, rendering) => format(output, session, rendering), exitCode);

        /// <summary>
        /// Several formats from one run: every writer gets the same files as they are final, each into its
        /// own output (standard output for at most one; each --output written atomically).
        /// </summary>
        public int Analyse(ParseResult r, Argument<string[]> paths, Func<Session, AnalysisOptions> what,
            IReadOnlyList<(string Format, string? Output)> targets,
            Func<string, Stream, Session, Rendering, IResultWriter> format, Func<RunSummary, int> exitCode,
            Action<RunSummary>? after = null)
        {
            var session = LoadSession(r);
            var sinks = new List<OutputSink>();
            try
            {
                foreach (var t in targets) sinks.Add(OutputSink.Open(t.Output, session.WorkingDirectory));
                var options = what(session);
                var inputs = InputCollector.Collect(r.GetValue(paths)!, session, r.GetValue(StdinPath));
                var writers = targets.Select((t, i) => format(t.Format, sinks[i], session, Rendering.For(Color(r), t.Output != null))).ToList();
                foreach (var w in writers) w.Begin();
                var summary = Analyzer.Stream(session, inputs, r.GetValue(Jobs), CliApp.Cancellation, options, file =>
                {
                    foreach (var w in writers) w.WriteFile(file);
                });
                CliApp.Cancellation.ThrowIfCancellationRequested();
                if (summary.NothingChecked)
                {
                    foreach (var sink in sinks) sink.Discard();
                }
                else
                {
                    foreach (var w in writers) w.End(summary);
                    CliApp.Cancellation.ThrowIfCancellationRequested();
                    foreach (var sink in sinks) sink.Commit();
                }
                after?.Invoke(summary);
                if (RunProblems.Report(summary)) return ExitCodes.Usage;
                return exitCode(summary);
            }
            finally
            {
                foreach (var sink in sinks) sink.Dispose();
            }
        }

        private static bool IsFile(string? output) => !string.IsNullOrEmpty(output) && output != "-";

        /// <summary>
        /// Pairs each --format with the --output after it, in command-line order: <c>-f sarif -o a.sarif -f text</c>
        /// writes SARIF to a.sarif and text to standard output. With one format, --output may come first.
        /// At most one format goes to standard output, and no file is written twice.
        /// </summary>
        public static IReadOnlyList<(string Format, string? Output)> PairFormats(ParseResult r, Option<string[]> format, Option<string[]> output, string defaultFormat)
        {
            var formats = r.GetValue(format) ?? Array.Empty<string>();
            var outputs = r.GetValue(output) ?? Array.Empty<string>();
            var pairs = new List<(string Format, string? Output)>();
            if (formats.Length <= 1)
            {
                if (outputs.Length > 1) throw new UserError("--output is given more than once for one format; give a --format before each --output (-f sarif -o a.sarif -f text)");
                pairs.Add((formats.Length == 1 ? formats[0] : defaultFormat, outputs.Length == 1 ? outputs[0] : null));
            }
            else
            {
                var formatNames = new HashSet<string>(format.Aliases.Append(format.Name), StringComparer.Ordinal);
                var outputNames = new HashSet<string>(output.Aliases.Append(output.Name), StringComparer.Ordinal);
                var tokens = r.Tokens;
                for (int i = 0; i < tokens.Count; i++)
                {
                    var t = tokens[i];
                    if (t.Type != TokenType.Option || i + 1 >= tokens.Count) continue;
                    if (formatNames.Contains(t.Value)) pairs.Add((tokens[++i].Value, null));
                    else if (outputNames.Contains(t.Value))
                    {
                        var o = tokens[++i].Value;
                        if (pairs.Count == 0) throw new UserError($"--output '{o}' comes before any --format; with several formats, give each --output after its --format (-f sarif -o a.sarif -f text)");
                        if (pairs[^1].Output != null) throw new UserError($"--output '{o}' follows another --output; give each --output after its own --format (-f sarif -o a.sarif -f text)");
                        pairs[^1] = (pairs[^1].Format, o);
                    }
                }
            }
            var toStdout = pairs.Where(p => !IsFile(p.Output)).ToList();
            if (toStdout.Count > 1)
                throw new UserError($"{toStdout.Count} formats ({string.Join(", ", toStdout.Select(p => p.Format))}) would go to standard output; at most one can: give the others an --output each (-f sarif -o a.sarif -f text)");
            var cwd = Cwd;
            var twice = pairs.Where(p => IsFile(p.Output)).GroupBy(p => Path.GetFullPath(p.Output!, cwd), StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
            if (twice != null) throw new UserError($"--output '{twice.First().Output}' is given for more than one format; give each format its own file");
            return pairs;
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
