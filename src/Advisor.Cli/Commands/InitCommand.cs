using System;
using System.CommandLine;
using System.IO;
using System.Text.RegularExpressions;
using DeployAdvisor.Cli.Output;
using DeployAdvisor.Cli.Running;

namespace DeployAdvisor.Cli.Commands
{
    internal static class InitCommand
    {
        public const string SchemaFolder = ".deployadvisor";

        public static Command Create()
        {
            var file = new Argument<string>("file") { Description = "The descriptor to write (default workload.yaml).", Arity = ArgumentArity.ZeroOrOne, DefaultValueFactory = _ => "workload.yaml" };
            var name = new Option<string?>("--name") { Description = "The workload's metadata.name (default: from the folder name).", HelpName = "name" };
            var command = new Command("init", "Write a commented starter descriptor, and the JSON Schema its modeline points at (.deployadvisor/workload-v1.schema.json beside it); never overwrites a file.");
            command.Add(file);
            command.Add(name);
            CliApp.Examples[command] = new[] { "deploy-advisor init", "deploy-advisor init services/payments.workload.yaml --name payments-api" };
            command.SetAction(r => CliApp.Guard(() =>
            {
                var cwd = CommonOptions.Cwd;
                var given = r.GetValue(file)!;
                var path = Path.GetFullPath(given, cwd);
                if (File.Exists(path) || Directory.Exists(path))
                    throw new UserError($"'{given}' already exists; init never overwrites a file. Name another file: deploy-advisor init <file>");
                var dir = Path.GetDirectoryName(path)!;
                if (!Directory.Exists(dir))
                    throw new UserError($"the folder of '{given}' does not exist; create it first");
                var workloadName = r.GetValue(name) ?? NameFrom(new DirectoryInfo(dir).Name);
                if (!Engine.Model.Fields.IsValidName(workloadName))
                    throw new UserError($"'{workloadName}' is not a workload name: 1-63 lowercase letters, digits and '-'");

                var schemaPath = Path.Combine(dir, SchemaFolder, SchemaCommand.FileName("workload"));
                var schema = SchemaCommand.Read("workload");
                if (!File.Exists(schemaPath))
                {
                    Directory.CreateDirectory(Path.GetDirectoryName(schemaPath)!);
                    OutputTarget.WriteAtomically(schemaPath, schema);
                    Console.Error.WriteLine($"deploy-advisor: wrote {Paths.Display(schemaPath, cwd)}");
                }
                else if (File.ReadAllText(schemaPath) != schema)
                {
                    Console.Error.WriteLine($"deploy-advisor: kept the existing {Paths.Display(schemaPath, cwd)} (it differs from this version's schema; `deploy-advisor schema` prints the current one)");
                }
                var modeline = $"{SchemaFolder}/{SchemaCommand.FileName("workload")}";
                // CreateNew: a file that appeared since the check is still not overwritten.
                try
                {
                    using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
                    using var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false)) { NewLine = "\n" };
                    writer.Write(Starter(workloadName, modeline));
                }
                catch (IOException) when (File.Exists(path))
                {
                    throw new UserError($"'{given}' already exists; init never overwrites a file");
                }
                Console.Error.WriteLine($"deploy-advisor: wrote {Paths.Display(path, cwd)}; edit it, then run: deploy-advisor recommend {Paths.Slashes(given)}");
                return ExitCodes.Success;
            }));
            return command;
        }

        private static string NameFrom(string folder)
        {
            var n = Regex.Replace(folder.ToLowerInvariant(), "[^a-z0-9-]+", "-").Trim('-');
            if (n.Length > 63) n = n.Substring(0, 63).TrimEnd('-');
            return n.Length == 0 ? "my-workload" : n;
        }

        public static string Starter(string name, string schemaPath) => $@"# yaml-language-server: $schema={schemaPath}
# A DeployAdvisor workload descriptor: what this workload needs, so that
# `deploy-advisor recommend` can say where it should run (container,
# sandboxed-container or vm) and `deploy-advisor lint` can check the plan in CI.
apiVersion: deployadvisor/v1
kind: Workload
metadata:
  name: {name}   # 1-63 chars: lowercase letters, digits, '-'; unique across a run
  # description: What the workload does, in a sentence
  # owner: team-name
spec:
  interface: web            # headless | cli | web | gui (gui needs a desktop session: vm)
  # os: linux               # linux (default) | windows
  # windows:                # only with os: windows
  #   image: nanoserver     # nanoserver (default) | servercore (.NET Framework, IIS) | server (full API, GPU)
  security:
    sensitivity: internal   # public | internal | confidential | restricted
    # untrustedCode: false  # true: runs code or plugins from outside the organisation
    # multiTenant: false    # true: shares hosts with other tenants' workloads
  # host:
  #   kernelModules: false  # true: needs its own kernel, kernel modules or kernel settings
  #   privileged: false     # true: needs privileged mode or extra capabilities (Docker-in-Docker, mount)
  #   hostAccess: false     # true: must act on the real host (a node agent: CNI, CSI, log shipper)
  #   devices:              # hardware it must reach: gpu | fpga | usb (each at most once)
  #     - gpu
  # budgets:                # every budget is optional; absent means unconstrained
  #   startup: 5s           # longest acceptable time from start request to ready (250ms, 1.5s, 2m)
  #   size: 1GB             # largest acceptable artifact on disk (500MB, 20GiB)
  #   memoryOverhead: 256MiB # largest acceptable per-instance overhead of the isolation layer
  # operations:
  #   releasesPerWeek: 5    # integer >= 0
  #   instances: 3          # integer >= 1
  # deployment:
  #   target: container     # container | sandboxed-container | vm: what the team plans; lint checks it
  #   hosts: shared         # shared (default) | dedicated: hosts that run only this owner's workloads of this sensitivity
  # artifacts:              # manifests, compose files, Dockerfiles, projects of this workload (paths or globs)
  #   - ../deploy/{name}.yaml
";
    }
}
