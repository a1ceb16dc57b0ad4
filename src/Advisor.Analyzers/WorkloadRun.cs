using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using DeployAdvisor.Engine.Artifacts;
using DeployAdvisor.Engine.Checking;
using DeployAdvisor.Engine.Findings;
using DeployAdvisor.Engine.Model;
using Microsoft.CodeAnalysis.Diagnostics;
using EngineLocation = DeployAdvisor.Engine.Findings.Location;
using RoslynLocation = Microsoft.CodeAnalysis.Location;

namespace DeployAdvisor.Analyzers
{
    /// <summary>
    /// The engine's check over one compilation's workloads, as <c>lint</c> runs it: the
    /// <c>*.workload.yaml</c> files checked (policy, evaluation, located findings) and finished in one
    /// ordinal path order with the [Workload] attributes' names claimed in between, so that DA0004
    /// takes the same "later path" across both and each file's inline suppressions (DA0005/DA0006)
    /// apply. Made once per analysis, when a YAML file or the compilation's end first asks.
    /// </summary>
    internal sealed class WorkloadRun
    {
        private readonly Dictionary<string, YamlWorkloadFile> _yamlByPath = new Dictionary<string, YamlWorkloadFile>(StringComparer.Ordinal);
        // A claimed name's engine location to its argument; the engine hands the same object back as a DA0004's related location.
        private readonly Dictionary<EngineLocation, RoslynLocation> _claimed = new Dictionary<EngineLocation, RoslynLocation>();
        private readonly Dictionary<string, CheckedFile> _files = new Dictionary<string, CheckedFile>(StringComparer.Ordinal);
        // Findings located in an artifact (lint against artifacts), by the artifact's Roslyn path: reported by that file's own action.
        private readonly Dictionary<string, List<Finding>> _inArtifacts = new Dictionary<string, List<Finding>>(StringComparer.Ordinal);
        private AdditionalArtifactFiles? _artifacts;

        /// <summary>DA0004 of [Workload] names (the compilation's end reports them), at the name argument.</summary>
        public List<(Finding Finding, RoslynLocation At)> AttributeDuplicates { get; } = new List<(Finding, RoslynLocation)>();

        /// <summary>The YAML file's check, finished: its findings are final; null for a path that is not one.</summary>
        public CheckedFile? FileAt(string path) => _files.TryGetValue(path, out var f) ? f : null;

        /// <summary>The findings of the run's descriptors located in this artifact file (an additional file that spec.artifacts names).</summary>
        public IReadOnlyList<Finding> FindingsInArtifact(string path) => _inArtifacts.TryGetValue(path, out var f) ? f : (IReadOnlyList<Finding>)Array.Empty<Finding>();

        public static WorkloadRun Make(AnalyzerContext context, AnalyzerOptions options, CancellationToken ct)
        {
            var made = new WorkloadRun();
            // One entry per YAML file or attribute name, in the order a run finishes them: ordinal path, then position.
            var entries = new List<(string Path, int Position, YamlWorkloadFile? File, string? Name, RoslynLocation? At)>();
            foreach (var file in context.AdditionalFiles.YamlFiles)
            {
                if (made._yamlByPath.ContainsKey(file.File.Path)) continue;
                made._yamlByPath[file.File.Path] = file;
                entries.Add((file.File.Path, 0, file, null, null));
            }
            if (context.Declarations is WorkloadDeclarations declarations)
            {
                foreach (var decl in declarations.All(ct))
                {
                    if (decl.Name is null) continue;
                    var at = decl.WrittenAt(Fields.Name) ?? decl.NameLocation;
                    entries.Add((at.SourceTree?.FilePath ?? at.GetLineSpan().Path, at.SourceSpan.Start, null, decl.Name, at));
                }
            }
            entries.Sort((a, b) =>
            {
                int c = string.CompareOrdinal(a.Path, b.Path);
                return c != 0 ? c : a.Position.CompareTo(b.Position);
            });

            // How often each name is used, YAML documents included: a name used once can be no DA0004, so
            // its argument's line span, which makes the compiler index its file's lines, is never computed.
            var uses = new Dictionary<string, int>(StringComparer.Ordinal);
            void Use(string name) => uses[name] = uses.TryGetValue(name, out var n) ? n + 1 : 1;
            foreach (var entry in entries)
            {
                if (entry.File is YamlWorkloadFile yaml) { foreach (var d in yaml.Loaded.Documents) if (d.Name != null) Use(d.Name); }
                else Use(entry.Name!);
            }

            var run = new WorkloadChecker(context.Evaluators.For(options.AnalyzerConfigOptionsProvider.GlobalOptions)).StartRun();
            // spec.artifacts resolve among the additional files, each file set read and scanned once in the run.
            var artifactCache = new ArtifactRunCache();
            foreach (var entry in entries)
            {
                ct.ThrowIfCancellationRequested();
                if (entry.File is YamlWorkloadFile file)
                {
                    // The file's own options: profile figures and severities set for it.
                    var evaluator = context.Evaluators.For(options.AnalyzerConfigOptionsProvider.GetOptions(file.File));
                    var checker = new WorkloadChecker(evaluator, evaluator.Policy);
                    ArtifactLookup? lookup = null;
                    if (file.Loaded.Documents.Any(d => d.Workload != null && d.Workload.Artifacts.Count > 0))
                    {
                        made._artifacts ??= new AdditionalArtifactFiles(options.AdditionalFiles, ct);
                        var folder = ArtifactMatching.Resolve(entry.Path, "..");
                        lookup = ArtifactLookup.Over(made._artifacts, folder, Encoding.UTF8.GetBytes(file.Text.ToString()), artifactCache);
                    }
                    var finished = run.Finish(checker.Check(file.Loaded, keepEvaluations: false, lookup));
                    made._files[entry.Path] = finished;
                    if (lookup != null) made.SortOutArtifactFindings(finished);
                    continue;
                }
                if (uses[entry.Name!] == 1) continue;
                var span = entry.At!.GetLineSpan();
                var claimed = new EngineLocation(entry.Path, new SourceSpan(span.StartLinePosition.Line + 1, span.StartLinePosition.Character + 1,
                    span.EndLinePosition.Line + 1, span.EndLinePosition.Character + 1));
                made._claimed[claimed] = entry.At;
                if (run.Claim(entry.Name!, claimed) is Finding duplicate) made.AttributeDuplicates.Add((duplicate, entry.At));
            }
            return made;
        }

        private void SortOutArtifactFindings(CheckedFile file)
        {
            foreach (var f in file.AllFindings)
            {
                if (f.Location?.File is not string at || at == file.Path || !(_artifacts?.OriginalPath(at) is { } artifact)) continue;
                var path = artifact.Path;
                if (!_inArtifacts.TryGetValue(path, out var list)) _inArtifacts[path] = list = new List<Finding>();
                list.Add(f);
            }
        }

        /// <summary>True when the finding belongs to the descriptor file's own diagnostics, not to an artifact's.</summary>
        public bool IsInDescriptor(Finding finding, string descriptorPath)
            => finding.Location?.File is not string at || at == descriptorPath || _artifacts?.OriginalPath(at) is null;

        /// <summary>A Roslyn location for an engine location of this run: inside a YAML file or an artifact, or a claimed name's argument.</summary>
        public RoslynLocation ToRoslyn(EngineLocation? location)
        {
            if (location is null) return RoslynLocation.None;
            if (_claimed.TryGetValue(location, out var claimed)) return claimed;
            if (location.File != null && _yamlByPath.TryGetValue(location.File, out var file))
                return AdditionalFiles.ToLocation(file.File.Path, file.Text, location.Span);
            if (location.File != null && _artifacts?.OriginalPath(location.File) is { } artifact)
                return AdditionalFiles.ToLocation(artifact.Path, artifact.Text, location.Span);
            return RoslynLocation.None;
        }
    }
}
