using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Text;
using DeployAdvisor.Cli.Output;
using DeployAdvisor.Cli.Running;
using DeployAdvisor.Engine.Evaluation;
using DeployAdvisor.Engine.Findings;
using DeployAdvisor.Engine.Rules;
using Spectre.Console;

namespace DeployAdvisor.Cli.Commands
{
    internal static class RulesCommand
    {
        public static Command Create()
        {
            var command = new Command("rules", "List the rules, run their fixtures, or generate their documentation.");
            command.Add(List());
            command.Add(Test());
            command.Add(Docs());
            CliApp.Examples[command] = new[] { "deploy-advisor rules list", "deploy-advisor rules test ci/rules" };
            command.SetAction(r =>
            {
                Console.Error.WriteLine("deploy-advisor: error: name a subcommand: list, test or docs");
                Console.Error.WriteLine("Run 'deploy-advisor rules --help' for usage.");
                return ExitCodes.Usage;
            });
            return command;
        }

        private static Command List()
        {
            var common = new CommonOptions();
            var format = CommonOptions.Format(new[] { "table", "json" }, "table");
            var command = new Command("list", "List every rule with ID, name, category and severity (as the configuration sets it).");
            command.Add(format);
            common.AddTo(command, color: true);
            CliApp.Examples[command] = new[] { "deploy-advisor rules list", "deploy-advisor rules list --format json" };
            command.SetAction(r => CliApp.Guard(() =>
            {
                var session = common.LoadSession(r);
                var output = r.GetValue(common.Output);
                string text;
                if (r.GetValue(format) == "json")
                {
                    text = Json.Write(w =>
                    {
                        w.WriteStartObject();
                        w.WriteNumber("version", 1);
                        w.WriteStartArray("rules");
                        foreach (var rule in session.Rules.Rules)
                        {
                            w.WriteStartObject();
                            w.WriteString("id", rule.Id);
                            w.WriteString("name", rule.Name);
                            w.WriteString("category", rule.Category);
                            w.WriteString("severity", session.Policy.SeverityOf(rule.Id, rule.DefaultSeverity).ToName());
                            w.WriteString("defaultSeverity", rule.DefaultSeverity.ToName());
                            w.WriteBoolean("enabled", session.Policy.IsEnabled(rule.Id));
                            w.WriteString("effect", Engine.Schema.ObjectShape.EnumName(rule.Effect));
                            w.WriteString("summary", rule.Summary);
                            w.WriteString("source", rule.IsBuiltIn ? "built-in" : rule.SourceFile ?? "user");
                            w.WriteEndObject();
                        }
                        w.WriteEndArray();
                        w.WriteEndObject();
                    });
                }
                else
                {
                    var writer = new StringWriter { NewLine = "\n" };
                    var console = Rendering.For(common.Color(r), output != null).Console(writer);
                    var table = new Table().Border(TableBorder.Rounded);
                    foreach (var c in new[] { "ID", "Name", "Category", "Severity", "Effect", "Source" }) table.AddColumn(c);
                    foreach (var rule in session.Rules.Rules)
                    {
                        var enabled = session.Policy.IsEnabled(rule.Id);
                        var severity = session.Policy.SeverityOf(rule.Id, rule.DefaultSeverity);
                        var sev = !enabled ? "[dim]off[/]" : $"[{TextFindings.SeverityStyle(severity)}]{severity.ToName()}[/]"
                                  + (severity != rule.DefaultSeverity ? $" [dim](default {rule.DefaultSeverity.ToName()})[/]" : "");
                        table.AddRow(new Markup($"[bold]{rule.Id}[/]"), new Markup(Markup.Escape(rule.Name)), new Markup(Markup.Escape(rule.Category)),
                            new Markup(sev), new Markup(Engine.Schema.ObjectShape.EnumName(rule.Effect)),
                            new Markup(Markup.Escape(rule.IsBuiltIn ? "built-in" : rule.SourceFile ?? "user")));
                    }
                    console.Write(table);
                    text = writer.ToString();
                }
                OutputTarget.Write(output, text, session.WorkingDirectory);
                return ExitCodes.Success;
            }));
            return command;
        }

        private static Command Test()
        {
            var common = new CommonOptions();
            var dir = new Argument<string?>("dir") { Description = "A folder of user rule files whose fixtures run together with the built-in rules'.", Arity = ArgumentArity.ZeroOrOne };
            var format = CommonOptions.Format(new[] { "text", "json" }, "text");
            var command = new Command("test", "Run the rules' own fixtures (built-in and user rules): each must fire where it says and stay quiet where it says.");
            command.Add(dir);
            command.Add(format);
            common.AddTo(command);
            CliApp.Examples[command] = new[] { "deploy-advisor rules test", "deploy-advisor rules test ci/rules" };
            command.SetAction(r => CliApp.Guard(() =>
            {
                var folders = (r.GetValue(common.Rules) ?? Array.Empty<string>()).ToList();
                var extra = r.GetValue(dir);
                if (extra != null) folders.Add(extra);
                // A folder named here is what the user wants tested: one with no rule file, or whose rules
                // carry no fixture, would otherwise "pass" on the built-in fixtures alone.
                foreach (var folder in folders)
                {
                    var full = Path.GetFullPath(folder, CommonOptions.Cwd);
                    if (Directory.Exists(full) && Session.ReadRuleFolder(full, CommonOptions.Cwd).Count == 0)
                        throw new UserError($"there are no rule files (*.yaml, *.yml) in '{folder}', so there is nothing to test; name the folder that holds your rule files");
                }
                var session = Session.Load(CommonOptions.Cwd, r.GetValue(common.Config), folders, r.GetValue(common.DocsBaseUrl));
                var results = FixtureRunner.Run(session.Rules);
                if (folders.Count > 0 && !results.Any(x => !x.Rule.IsBuiltIn))
                    throw new UserError($"the rules in {string.Join(", ", folders.Select(f => "'" + f + "'"))} have no fixtures, so there is nothing to test; add 'fixtures: {{fires: [...], passes: [...]}}' to each rule (`deploy-advisor schema rules` prints the format)");
                string text;
                if (r.GetValue(format) == "json")
                {
                    text = Json.Write(w =>
                    {
                        w.WriteStartObject();
                        w.WriteNumber("version", 1);
                        w.WriteStartArray("fixtures");
                        foreach (var x in results)
                        {
                            w.WriteStartObject();
                            w.WriteString("ruleId", x.Rule.Id);
                            w.WriteString("kind", x.Fixture.MustFire ? "fires" : "passes");
                            w.WriteString("description", x.Fixture.Description);
                            w.WriteBoolean("passed", x.Passed);
                            w.WriteString("detail", x.Detail);
                            w.WriteString("file", x.Fixture.Location.File);
                            w.WriteNumber("line", x.Fixture.Location.Span.Line);
                            w.WriteEndObject();
                        }
                        w.WriteEndArray();
                        w.WriteNumber("passed", results.Count(x => x.Passed));
                        w.WriteNumber("failed", results.Count(x => !x.Passed));
                        w.WriteEndObject();
                    });
                }
                else
                {
                    var sb = new StringBuilder();
                    foreach (var x in results)
                    {
                        sb.Append(x.Passed ? "PASS " : "FAIL ").Append(x.Rule.Id).Append(' ')
                          .Append(x.Fixture.MustFire ? "fires: " : "passes: ").Append(x.Fixture.Description);
                        if (!x.Passed) sb.Append("\n     ").Append(x.Fixture.Location.File).Append(':').Append(x.Fixture.Location.Span.Line).Append(": ").Append(x.Detail);
                        sb.Append('\n');
                    }
                    int rulesWithFixtures = results.Select(x => x.Rule.Id).Distinct().Count();
                    sb.Append($"{results.Count} fixtures of {rulesWithFixtures} rules: {results.Count(x => x.Passed)} passed, {results.Count(x => !x.Passed)} failed.\n");
                    text = sb.ToString();
                }
                OutputTarget.Write(r.GetValue(common.Output), text, session.WorkingDirectory);
                return results.All(x => x.Passed) ? ExitCodes.Success : ExitCodes.Findings;
            }));
            return command;
        }

        private static Command Docs()
        {
            var outputDir = new Option<string>("--output-dir")
            {
                Description = "The folder the pages are written to.",
                DefaultValueFactory = _ => RuleDocs.DocsFolder,
                HelpName = "dir",
            };
            var check = new Option<bool>("--check") { Description = "Write nothing; exit 1 when a page is missing or differs from the rule set." };
            var command = new Command("docs", "Generate one Markdown page per built-in rule (docs/rules/DAxxxx.md) and an index, from the rule set.");
            command.Add(outputDir);
            command.Add(check);
            CliApp.Examples[command] = new[] { "deploy-advisor rules docs", "deploy-advisor rules docs --check" };
            command.SetAction(r => CliApp.Guard(() =>
            {
                var dir = Path.GetFullPath(r.GetValue(outputDir)!, CommonOptions.Cwd);
                var pages = RuleDocs.Pages(RuleSet.BuiltIn);
                if (r.GetValue(check))
                {
                    var stale = pages.Where(p => !File.Exists(Path.Combine(dir, p.Key)) || File.ReadAllText(Path.Combine(dir, p.Key)).Replace("\r\n", "\n") != p.Value).Select(p => p.Key).ToList();
                    foreach (var s in stale) Console.Error.WriteLine($"deploy-advisor: {Path.Combine(r.GetValue(outputDir)!, s)} is missing or out of date; run 'deploy-advisor rules docs'");
                    return stale.Count == 0 ? ExitCodes.Success : ExitCodes.Findings;
                }
                Directory.CreateDirectory(dir);
                foreach (var p in pages) OutputTarget.WriteAtomically(Path.Combine(dir, p.Key), p.Value);
                Console.Error.WriteLine($"deploy-advisor: wrote {pages.Count} pages to {r.GetValue(outputDir)}");
                return ExitCodes.Success;
            }));
            return command;
        }
    }
}
