using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Text.Json;
using DeployAdvisor.Cli.Output;
using DeployAdvisor.Cli.Running;
using DeployAdvisor.Engine.Baselines;
using DeployAdvisor.Engine.Findings;

namespace DeployAdvisor.Cli.Commands
{
    /// <summary><c>baseline create</c>: records today's findings so that lint --baseline reports only new ones.</summary>
    internal static class BaselineCommand
    {
        public static Command Create()
        {
            var common = new CommonOptions();
            var paths = new Argument<string[]>("path") { Description = "Descriptor files, folders (searched recursively) or globs, as lint takes them.", Arity = ArgumentArity.OneOrMore };
            var create = new Command("create", "Record today's findings of these paths in a baseline file (rule, file, workload, field, message hash: no line numbers). Input errors are never recorded.");
            create.Add(paths);
            common.AddTo(create, parallel: true);
            CommonOptions.RejectUnknownOptions(paths, create);
            CliApp.Examples[create] = new[]
            {
                "deploy-advisor baseline create . -o .deployadvisor-baseline.json",
                "deploy-advisor lint . --baseline .deployadvisor-baseline.json",
            };
            create.SetAction(r => CliApp.Guard(() =>
            {
                var entries = new List<BaselineEntry>();
                int notRecorded = 0;
                var code = common.Analyse(r, paths,
                    _ => new AnalysisOptions { KeepEvaluations = false, KeepSourceLines = false },
                    new[] { ("baseline", r.GetValue(common.Output)) },
                    (_, stream, session, rendering) => new BaselineWriter(stream, entries, () => notRecorded++),
                    _ => ExitCodes.Success,
                    summary =>
                    {
                        if (notRecorded > 0 && !summary.NothingChecked)
                            Console.Error.WriteLine($"deploy-advisor: baseline: {notRecorded} input {(notRecorded == 1 ? "error was" : "errors were")} not recorded (DA0001–DA0003, DA0007, DA0009): a file that cannot be read must be fixed");
                    });
                return code;
            }));
            var command = new Command("baseline", "Record today's findings, so that lint --baseline reports only new ones.");
            command.Add(create);
            return command;
        }

        /// <summary>Collects the recordable findings of each file in the run's order, and writes the baseline file at the end.</summary>
        private sealed class BaselineWriter : IResultWriter
        {
            private readonly Stream _output;
            private readonly List<BaselineEntry> _entries;
            private readonly Action _notRecorded;

            public BaselineWriter(Stream output, List<BaselineEntry> entries, Action notRecorded)
            {
                _output = output; _entries = entries; _notRecorded = notRecorded;
            }

            public void Begin() { }

            public void WriteFile(FileOutcome file)
            {
                foreach (var f in file.AllFindings)
                {
                    if (Baseline.CanRecord(f.RuleId)) _entries.Add(BaselineEntry.Of(f));
                    else _notRecorded();
                }
            }

            public void End(RunSummary summary) => BaselineFile.Write(_output, _entries);
        }
    }

    /// <summary>The baseline file: JSON with a version and one entry per recorded finding.</summary>
    internal static class BaselineFile
    {
        public const int Version = 1;

        public static void Write(Stream output, IReadOnlyList<BaselineEntry> entries)
        {
            using var w = Json.CreateWriter(output);
            w.WriteStartObject();
            w.WriteNumber("version", Version);
            w.WriteStartArray("entries");
            foreach (var e in entries)
            {
                w.WriteStartObject();
                w.WriteString("ruleId", e.RuleId);
                WriteOrNull(w, "file", e.File);
                WriteOrNull(w, "workload", e.Workload);
                WriteOrNull(w, "field", e.Field);
                w.WriteString("messageHash", e.MessageHash);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
            w.Flush();
            output.WriteByte((byte)'\n');
        }

        private static void WriteOrNull(Utf8JsonWriter w, string name, string? value)
        {
            if (value is null) w.WriteNull(name); else w.WriteString(name, value);
        }

        /// <summary>Reads a baseline file; anything but a baseline this version wrote is a clear error (exit 2).</summary>
        public static Baseline Read(string path, string cwd)
        {
            var full = Path.GetFullPath(path, cwd);
            string Bad(string why) => $"the baseline '{path}' is not a baseline file: {why}; write one with 'deploy-advisor baseline create <path>... -o {path}'";
            byte[] bytes;
            try { bytes = File.ReadAllBytes(full); }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                throw new UserError(e is FileNotFoundException || e is DirectoryNotFoundException
                    ? $"the baseline '{path}' does not exist; write it with 'deploy-advisor baseline create <path>... -o {path}'"
                    : $"cannot read the baseline '{path}': {e.Message}");
            }
            JsonDocument doc;
            try { doc = JsonDocument.Parse(bytes); }
            catch (JsonException e) { throw new UserError(Bad($"it is not valid JSON ({e.Message})")); }
            using (doc)
            {
                var root = doc.RootElement;
                if (root.ValueKind != JsonValueKind.Object) throw new UserError(Bad("it is not a JSON object"));
                if (!root.TryGetProperty("version", out var version) || version.ValueKind != JsonValueKind.Number)
                    throw new UserError(Bad("it has no \"version\""));
                if (!version.TryGetInt32(out var v) || v != Version)
                    throw new UserError(Bad($"its version is {version.GetRawText()}, and this deploy-advisor reads version {Version}"));
                if (!root.TryGetProperty("entries", out var list) || list.ValueKind != JsonValueKind.Array)
                    throw new UserError(Bad("it has no \"entries\" array"));
                var entries = new List<BaselineEntry>();
                int i = 0;
                foreach (var e in list.EnumerateArray())
                {
                    if (e.ValueKind != JsonValueKind.Object) throw new UserError(Bad($"entry {i} is not an object"));
                    string Required(string name)
                        => e.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String && p.GetString()!.Length > 0
                            ? p.GetString()! : throw new UserError(Bad($"entry {i} has no \"{name}\" string"));
                    string? Optional(string name)
                    {
                        if (!e.TryGetProperty(name, out var p) || p.ValueKind == JsonValueKind.Null) return null;
                        return p.ValueKind == JsonValueKind.String ? p.GetString() : throw new UserError(Bad($"entry {i}'s \"{name}\" is neither a string nor null"));
                    }
                    entries.Add(new BaselineEntry(Required("ruleId"), Optional("file"), Optional("workload"), Optional("field"), Required("messageHash")));
                    i++;
                }
                return new Baseline(entries);
            }
        }
    }
}
