using System.CommandLine;
using System.Linq;
using DeployAdvisor.Cli.Output;
using DeployAdvisor.Engine.Schema;

namespace DeployAdvisor.Cli.Commands
{
    internal static class ExplainCommand
    {
        public static Command Create()
        {
            var common = new CommonOptions();
            var id = new Argument<string>("RULE-ID") { Description = "A rule ID such as DA1001." };
            var format = CommonOptions.Format(new[] { "text", "markdown" }, "text");
            var command = new Command("explain", "Print a rule's rationale, sources, what fires it, how to fix it and an example.");
            command.Add(id);
            command.Add(format);
            common.AddTo(command);
            CliApp.Examples[command] = new[] { "deploy-advisor explain DA1001", "deploy-advisor explain DA4001 --format markdown" };
            command.SetAction(r => CliApp.Guard(() =>
            {
                var session = common.LoadSession(r);
                var given = r.GetValue(id)!.Trim();
                var rule = session.Rules.Find(given.ToUpperInvariant());
                if (rule is null)
                {
                    var byName = session.Rules.Rules.FirstOrDefault(x => x.Name == given);
                    if (byName != null) rule = byName;
                }
                if (rule is null)
                {
                    var hint = ShapeBinder.Suggest(given.ToUpperInvariant(), session.Rules.Rules.Select(x => x.Id));
                    throw new UserError($"there is no rule '{given}'{(hint is null ? "" : $"; did you mean {hint}?")} (`deploy-advisor rules list` lists every rule)");
                }
                var text = r.GetValue(format) == "markdown" ? RuleDocs.HelpMarkdown(rule, session.DocsBaseUrl) : RuleDocs.Text(rule, session.DocsBaseUrl);
                OutputTarget.Write(r.GetValue(common.Output), text, session.WorkingDirectory);
                return ExitCodes.Success;
            }));
            return command;
        }
    }
}
