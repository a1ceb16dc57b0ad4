using System;
using System.CommandLine;
using System.IO;
using DeployAdvisor.Cli.Output;

namespace DeployAdvisor.Cli.Commands
{
    internal static class SchemaCommand
    {
        public static readonly string[] Kinds = { "workload", "rules", "config" };

        public static string FileName(string kind) => kind switch
        {
            "rules" => "rules.schema.json",
            "config" => "config.schema.json",
            _ => "workload-v1.schema.json",
        };

        /// <summary>A committed schema, embedded in this assembly from schemas/.</summary>
        public static string Read(string kind)
        {
            var name = "schemas/" + FileName(kind);
            using var stream = typeof(SchemaCommand).Assembly.GetManifestResourceStream(name)
                ?? throw new InvalidOperationException($"the schema {name} is not embedded in this build");
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }

        public static Command Create()
        {
            var kind = new Argument<string>("kind") { Description = "workload (default), rules or config.", Arity = ArgumentArity.ZeroOrOne, DefaultValueFactory = _ => "workload" };
            kind.AcceptOnlyFromAmong(Kinds);
            var output = new CommonOptions().Output;
            var command = new Command("schema", "Print a JSON Schema: of workload descriptors, of rule files, or of the config file.");
            command.Add(kind);
            command.Add(output);
            CliApp.Examples[command] = new[] { "deploy-advisor schema > workload-v1.schema.json", "deploy-advisor schema config" };
            command.SetAction(r => CliApp.Guard(() =>
            {
                OutputTarget.Write(r.GetValue(output), Read(r.GetValue(kind)!), CommonOptions.Cwd);
                return ExitCodes.Success;
            }));
            return command;
        }
    }
}
