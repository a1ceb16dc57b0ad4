using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using DeployAdvisor.Cli.Inferring;
using DeployAdvisor.Cli.Output;
using DeployAdvisor.Engine.Artifacts;
using DeployAdvisor.Engine.Findings;
using DeployAdvisor.Engine.Loading;

namespace DeployAdvisor.Cli.Commands
{
    /// <summary>
    /// `infer &lt;path&gt;...`: drafts descriptors from Kubernetes manifests, compose files, Dockerfiles
    /// and .NET projects (artifacts.md, "infer"). The drafts go to standard output (or --output), or
    /// one file per workload with --write; what the run met along the way (notes, DA0001/DA0007 at
    /// their place, unreadable files) goes to standard error. Exit 0 when a workload was drafted,
    /// 2 when none was. Nothing in the artifacts is executed or fetched.
    /// </summary>
    internal static class InferCommand
    {
        public static Command Create()
        {
            var paths = new Argument<string[]>("path")
            {
                Description = "Folders (searched recursively) or files: Kubernetes manifests, compose files, Dockerfiles, .csproj and Directory.Build.props.",
                Arity = ArgumentArity.OneOrMore,
            };
            var format = CommonOptions.Format(new[] { "text", "json" }, "text");
            var write = new Option<string?>("--write")
            {
                Description = "Write one <name>.workload.yaml per workload into this folder instead of printing the drafts; never overwrites a file without --force.",
                HelpName = "dir",
            };
            var force = new Option<bool>("--force") { Description = "With --write: overwrite drafts that already exist." };
            var output = new Option<string?>("--output", "-o")
            {
                Description = "Write the result to this file instead of standard output; written atomically (complete or absent).",
                HelpName = "file",
            };
            var command = new Command("infer", "Draft workload descriptors from Kubernetes manifests, compose files, Dockerfiles and .NET projects, every value with its evidence.");
            command.Add(paths);
            command.Add(format);
            command.Add(write);
            command.Add(force);
            command.Add(output);
            CommonOptions.RejectUnknownOptions(paths, command);
            CliApp.Examples[command] = new[]
            {
                "deploy-advisor infer .",
                "deploy-advisor infer deploy/ src/ --write workloads/",
                "deploy-advisor infer . --format json --output inferred.json",
            };
            command.SetAction(r => CliApp.Guard(() => Run(r.GetValue(paths)!, r.GetValue(format)!, r.GetValue(write), r.GetValue(force), r.GetValue(output))));
            return command;
        }

        private const string Modeline = InitCommand.SchemaFolder + "/workload-v1.schema.json";

        private static int Run(string[] arguments, string format, string? writeDir, bool force, string? output)
        {
            if (writeDir != null && output != null)
                throw new UserError("--write and --output both say where the drafts go: give one of them");
            if (writeDir != null && format != "text")
                throw new UserError("--write writes YAML drafts; --format json prints the same facts: give one of them");
            if (force && writeDir == null)
                throw new UserError("--force only matters with --write <dir>");

            var cwd = CommonOptions.Cwd;
            var cancel = CliApp.Cancellation;
            var limits = Limits.Default;
            var inputs = ArtifactInputs.Collect(arguments, cwd, Running.Session.LoadIgnores(cwd), limits.MaxFileBytes, cancel);
            var scan = ArtifactScanner.Scan(inputs.Files, new ArtifactScanOptions { Limits = limits, RootName = new DirectoryInfo(cwd).Name, Parallel = true });
            cancel.ThrowIfCancellationRequested();

            int code;
            if (writeDir != null) code = WriteDrafts(scan, cwd, writeDir, force);
            else
            {
                using var sink = OutputSink.Open(output, cwd);
                if (format == "json") InferReport.Json(scan, sink);
                else InferReport.Yaml(scan, Modeline, p => p, sink);
                cancel.ThrowIfCancellationRequested();
                sink.Commit();
                code = scan.Workloads.Count > 0 ? ExitCodes.Success : ExitCodes.Usage;
            }
            ReportRun(scan, inputs);
            if (scan.Workloads.Count == 0)
                Console.Error.WriteLine($"deploy-advisor: error: no workload found in {string.Join(", ", arguments.Select(a => "'" + a + "'"))}: no Kubernetes workload, compose service, Dockerfile or .NET project was read");
            return code;
        }

        private static int WriteDrafts(ScanResult scan, string cwd, string writeDir, bool force)
        {
            var dir = Path.GetFullPath(writeDir, cwd);
            if (File.Exists(dir)) throw new UserError($"'{writeDir}' is a file; --write takes a folder");
            var targets = scan.Workloads.Select(w => (Workload: w, Path: Path.Combine(dir, w.Name + ".workload.yaml"))).ToList();
            // Check first: a run that would overwrite writes nothing at all.
            if (!force)
            {
                var existing = targets.Where(t => File.Exists(t.Path) || Directory.Exists(t.Path)).Select(t => ArtifactInputs.Relative(t.Path, cwd)).ToList();
                if (existing.Count > 0)
                    throw new UserError($"{string.Join(", ", existing.Select(e => "'" + e + "'"))} already exist{(existing.Count == 1 ? "s" : "")}; nothing was written. Use --force to overwrite, or another --write folder");
            }
            if (targets.Count > 0)
            {
                Directory.CreateDirectory(dir);
                var schemaPath = Path.Combine(dir, InitCommand.SchemaFolder, SchemaCommand.FileName("workload"));
                if (!File.Exists(schemaPath))
                {
                    Directory.CreateDirectory(Path.GetDirectoryName(schemaPath)!);
                    OutputTarget.WriteAtomically(schemaPath, SchemaCommand.Read("workload"));
                }
            }
            // Paths in a written draft are relative to the draft's folder, as spec.artifacts reads them.
            string FromDraft(string scanned) => Path.GetRelativePath(dir, Path.GetFullPath(scanned, cwd)).Replace('\\', '/');
            foreach (var (w, path) in targets)
            {
                CliApp.Cancellation.ThrowIfCancellationRequested();
                OutputTarget.WriteAtomically(path, Drafts.Render(w, Modeline, FromDraft));
                Console.Error.WriteLine($"deploy-advisor: wrote {ArtifactInputs.Relative(path, cwd)}");
            }
            var platform = InferReport.PlatformComment(scan, p => p);
            if (platform.Length > 0) { Console.Out.Write(platform); Console.Out.Flush(); }
            return targets.Count > 0 ? ExitCodes.Success : ExitCodes.Usage;
        }

        /// <summary>Standard error: what could not be read and why, notes, and findings at their place.</summary>
        private static void ReportRun(ScanResult scan, ArtifactInputSet inputs)
        {
            var err = Console.Error;
            foreach (var (path, bytes) in inputs.TooLarge)
                err.WriteLine($"{path}:1:1: error DA0007: the file is {bytes} bytes; the limit is {Limits.Default.MaxFileBytes} bytes; it was not read");
            foreach (var f in scan.Findings)
            {
                var where = f.Location is null ? "" : $"{f.Location.File}:{f.Location.Span.Line}:{f.Location.Span.Column}: ";
                err.WriteLine($"{where}{f.Severity.ToName()} {f.RuleId}: {f.Message}");
            }
            foreach (var (path, reason) in inputs.Unreadable)
                err.WriteLine($"{path}: error: could not be read: {reason}");
            foreach (var n in scan.Notes)
                err.WriteLine($"{n.File}: note: {n.Message}");
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var w in scan.Workloads)
                foreach (var n in w.Notes)
                    if (seen.Add(n)) err.WriteLine($"deploy-advisor: note: {n}");
            err.Flush();
        }
    }
}
