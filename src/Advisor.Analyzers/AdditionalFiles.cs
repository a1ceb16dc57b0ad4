using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using DeployAdvisor.Engine.Checking;
using DeployAdvisor.Engine.Findings;
using DeployAdvisor.Engine.Loading;
using DeployAdvisor.Engine.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Location = Microsoft.CodeAnalysis.Location;

namespace DeployAdvisor.Analyzers
{
    /// <summary>A <c>*.workload.yaml</c> additional file, loaded by the engine.</summary>
    internal sealed class YamlWorkloadFile
    {
        public YamlWorkloadFile(AdditionalText file, SourceText text, LoadedFile loaded) { File = file; Text = text; Loaded = loaded; }
        public AdditionalText File { get; }
        public SourceText Text { get; }
        public LoadedFile Loaded { get; }
    }

    /// <summary>
    /// Everything about additional files in one place: the <c>*.workload.yaml</c> descriptors (loaded,
    /// evaluated and reported inside the YAML file), and the findings of the project's rule files and
    /// <c>.deployadvisor.yaml</c>, located where they are written.
    /// </summary>
    internal sealed class AdditionalFiles
    {
        public const string WorkloadFileSuffix = ".workload.yaml";

        private readonly AnalyzerOptions _options;
        private readonly CancellationToken _ct;
        private readonly Lazy<IReadOnlyList<YamlWorkloadFile>> _yamlFiles;

        public AdditionalFiles(AnalyzerOptions options, CancellationToken ct)
        {
            _options = options;
            _ct = ct;
            _yamlFiles = new Lazy<IReadOnlyList<YamlWorkloadFile>>(LoadYaml, LazyThreadSafetyMode.PublicationOnly);
        }

        public IReadOnlyList<YamlWorkloadFile> YamlFiles => _yamlFiles.Value;

        public static void Analyze(AnalyzerContext context, AdditionalFileAnalysisContext ctx)
        {
            var path = ctx.AdditionalFile.Path;
            var rules = context.Rules;
            var none = Array.Empty<Location>();
            var empty = ImmutableDictionary<string, string?>.Empty;
            if (rules.Config.Path == path && rules.Config.Text is SourceText configText)
            {
                foreach (var finding in rules.Config.Findings.Where(f => f.Location != null))
                    ctx.ReportDiagnostic(WorkloadDiagnostics.ToDiagnostic(context.Descriptors, finding, ToLocation(path, configText, finding.Location!.Span), none, empty));
                return;
            }
            if (rules.RuleFiles.TryGetValue(path, out var rulesText))
            {
                foreach (var finding in rules.RuleFileFindings.Where(f => f.Location?.File == path))
                    ctx.ReportDiagnostic(WorkloadDiagnostics.ToDiagnostic(context.Descriptors, finding, ToLocation(path, rulesText, finding.Location!.Span), none, empty));
                return;
            }
            bool descriptor = path.EndsWith(WorkloadFileSuffix, StringComparison.OrdinalIgnoreCase);
            // Another additional file may be an artifact that a descriptor's spec.artifacts names; only then is the run made for it.
            if (!descriptor && !context.AdditionalFiles.YamlFiles.Any(y => y.Loaded.Documents.Any(d => d.Workload != null && d.Workload.Artifacts.Count > 0))) return;
            var run = context.Run;
            // What the check found in an artifact is reported here, in the artifact's own file.
            foreach (var finding in run.FindingsInArtifact(path))
                ctx.ReportDiagnostic(WorkloadDiagnostics.ToDiagnostic(context.Descriptors, finding, run.ToRoslyn(finding.Location), finding.RelatedLocations.Select(run.ToRoslyn), empty));
            if (!descriptor) return;
            // The engine's check, as lint runs it: policy applied, DA0004 across the run, inline
            // suppressions (DA0005/DA0006), sorted.
            if (run.FileAt(path) is not CheckedFile checkedFile) return;
            foreach (var finding in checkedFile.AllFindings.Where(f => run.IsInDescriptor(f, path)))
                ctx.ReportDiagnostic(WorkloadDiagnostics.ToDiagnostic(context.Descriptors, finding, run.ToRoslyn(finding.Location), finding.RelatedLocations.Select(run.ToRoslyn), empty));
        }

        private IReadOnlyList<YamlWorkloadFile> LoadYaml()
        {
            var result = new List<YamlWorkloadFile>();
            // Bounded: an IDE session edits files; old contents must not pile up.
            if (YamlCache.Count > 256) YamlCache.Clear();
            foreach (var file in _options.AdditionalFiles.Where(f => f.Path.EndsWith(WorkloadFileSuffix, StringComparison.OrdinalIgnoreCase)).OrderBy(f => f.Path, StringComparer.Ordinal))
            {
                var text = file.GetText(_ct);
                if (text is null) continue;
                var loaded = YamlCache.GetOrAdd((file.Path, text.ToString()), key => DescriptorLoader.LoadText(key.Item1, key.Item2, namedLiterally: true));
                result.Add(new YamlWorkloadFile(file, text, loaded));
            }
            return result;
        }

        // Loaded descriptor files by path and content, so that typing in a .cs file never re-reads YAML.
        private static readonly ConcurrentDictionary<(string, string), LoadedFile> YamlCache = new ConcurrentDictionary<(string, string), LoadedFile>();

        /// <summary>A Roslyn location inside an additional file from an engine span (1-based, end exclusive).</summary>
        public static Location ToLocation(string path, SourceText text, SourceSpan span)
        {
            var start = Position(text, span.Line, span.Column);
            var end = Position(text, span.EndLine, span.EndColumn);
            if (end < start) end = start;
            var textSpan = TextSpan.FromBounds(start, end);
            return Location.Create(path, textSpan, text.Lines.GetLinePositionSpan(textSpan));
        }

        private static int Position(SourceText text, int line, int column)
        {
            if (text.Lines.Count == 0) return 0;
            int index = Math.Max(0, Math.Min(line - 1, text.Lines.Count - 1));
            var l = text.Lines[index];
            return Math.Min(l.Start + Math.Max(0, column - 1), l.EndIncludingLineBreak);
        }
    }
}
