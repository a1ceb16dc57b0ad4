using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using DeployAdvisor.Engine.Evaluation;
using DeployAdvisor.Engine.Findings;
using DeployAdvisor.Engine.Loading;
using DeployAdvisor.Engine.Model;
using DeployAdvisor.Engine.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Location = Microsoft.CodeAnalysis.Location;
using RuleSet = DeployAdvisor.Engine.Rules.RuleSet;

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
    /// What one compilation needs, computed once: the rule set with the project's user rules and the
    /// configuration when it starts; the [Workload] declarations, the YAML workload files and the
    /// evaluators per distinct configuration when first needed. Shared by every callback of the
    /// compilation; thread-safe.
    /// </summary>
    internal sealed class AnalysisModel
    {
        public const string WorkloadAttributeName = "DeployAdvisor.WorkloadAttribute";
        public const string RulesFileSuffix = ".rules.yaml";
        public const string WorkloadFileSuffix = ".workload.yaml";

        private readonly AnalyzerOptions _options;
        private readonly CancellationToken _ct;
        private readonly ConcurrentDictionary<string, Evaluator> _evaluators = new ConcurrentDictionary<string, Evaluator>(StringComparer.Ordinal);
        /// <summary>The evaluator of code that sets no profile figure and turns no rule off (nearly all code).</summary>
        private Evaluator? _projectEvaluator;
        private readonly Lazy<IReadOnlyList<YamlWorkloadFile>> _yamlFiles;
        private readonly Lazy<WorkloadDeclarations?> _declarations;
        /// <summary>The rules a severity can turn off, and whether the configuration for all files turns each off.</summary>
        private readonly (string Id, bool DisabledEverywhere)[] _configurable;
        /// <summary>The rules the configuration for all files turns off; null for none (nearly every project).</summary>
        private readonly List<string>? _disabledEverywhere;

        public AnalysisModel(Compilation compilation, AnalyzerOptions options, CancellationToken ct)
        {
            Compilation = compilation;
            _options = options;
            _ct = ct;
            _declarations = new Lazy<WorkloadDeclarations?>(() => WorkloadDeclarations.For(compilation), LazyThreadSafetyMode.ExecutionAndPublication);
            (RuleSet, RuleFileFindings, RuleFiles) = LoadRules(options, ct);
            Config = ProjectConfig.Load(options.AdditionalFiles, RuleSet, ct);
            // What holds for every file, asked once: a file's own severities are all that differ per file.
            _configurable = RuleSet.Rules.Where(r => !r.IsFixed).Select(r => (r.Id, IsDisabled(null, r.Id))).ToArray();
            var off = _configurable.Where(r => r.DisabledEverywhere).Select(r => r.Id).ToList();
            _disabledEverywhere = off.Count > 0 ? off : null;
            _yamlFiles = new Lazy<IReadOnlyList<YamlWorkloadFile>>(LoadYaml, LazyThreadSafetyMode.ExecutionAndPublication);
            var globalErrors = new List<OptionError>();
            AnalyzerOptionsReader.ReadProfile(options.AnalyzerConfigOptionsProvider.GlobalOptions, globalErrors);
            foreach (var e in globalErrors) OptionErrors.TryAdd(e, 0);
        }

        public Compilation Compilation { get; }

        /// <summary>
        /// The compilation's [Workload] declarations, null when it has no WorkloadAttribute type. Looked
        /// up in the first callback that needs them, not when the compilation starts: see
        /// <see cref="WorkloadDeclarations.For(Compilation)"/>.
        /// </summary>
        public WorkloadDeclarations? Declarations => _declarations.Value;
        public RuleSet RuleSet { get; }
        /// <summary>DA0008 findings of the project's rule files, located in them.</summary>
        public IReadOnlyList<Finding> RuleFileFindings { get; }
        public IReadOnlyDictionary<string, SourceText> RuleFiles { get; }
        /// <summary>The project's .deployadvisor.yaml, if given as an additional file.</summary>
        public ProjectConfig Config { get; }
        public ConcurrentDictionary<OptionError, byte> OptionErrors { get; } = new ConcurrentDictionary<OptionError, byte>();
        /// <summary>Every workload name declared, for DA0004 at the end.</summary>
        public ConcurrentBag<(string Name, Location Location)> Names { get; } = new ConcurrentBag<(string, Location)>();

        public IReadOnlyList<YamlWorkloadFile> YamlFiles => _yamlFiles.Value;

        /// <summary>
        /// A [Workload]'s evaluation with the evaluator for its code: the profile figures its options
        /// set, and the rules its file's severities turn off.
        /// </summary>
        /// <remarks>
        /// Evaluated first with the rules the configuration for all files turns off. A file's own severity
        /// (an .editorconfig section) can change the result only through a rule that fired, which it may
        /// turn off, or a rule turned off for all files, which it may turn back on: a rule that did not
        /// fire excluded nothing and reported nothing, so turning it off changes nothing. So the file's
        /// severities are looked up for those rules only, and the workload is evaluated again only where
        /// one differs: looking up every rule's severity for every file was a measurable cost (docs/performance.md).
        /// Not cached per tree: a tree has one [Workload] type as a rule.
        /// </remarks>
        public WorkloadEvaluation Evaluate(Workload workload, SyntaxTree tree)
        {
            var options = _options.AnalyzerConfigOptionsProvider.GetOptions(tree);
            var (overrides, overridesKey) = ReadProfile(options);
            var evaluation = EvaluatorWith(overrides, overridesKey, _disabledEverywhere).Evaluate(workload);
            return FileSetsOtherwise(tree, evaluation) ? EvaluatorFor(options, tree).Evaluate(workload) : evaluation;
        }

        /// <summary>The evaluator for these options (an additional file's); severities from the tree's or the global configuration.</summary>
        public Evaluator EvaluatorFor(AnalyzerConfigOptions options, SyntaxTree? tree = null)
        {
            var (overrides, overridesKey) = ReadProfile(options);
            List<string>? disabled = null;
            foreach (var (id, disabledEverywhere) in _configurable)
            {
                // As IsDisabled: the file's own severity first, then the configuration for all files.
                bool off = FileSets(Compilation, tree, id, _ct, out var value) ? value == ReportDiagnostic.Suppress : disabledEverywhere;
                if (off) (disabled ??= new List<string>()).Add(id);
            }
            return EvaluatorWith(overrides, overridesKey, disabled);
        }

        /// <summary>Whether the file's own severity turns off a rule that fired here, or turns on one that is off for all files.</summary>
        private bool FileSetsOtherwise(SyntaxTree tree, WorkloadEvaluation evaluation)
        {
            if (_disabledEverywhere != null)
                foreach (var id in _disabledEverywhere)
                    if (FileSetsOtherwise(tree, id)) return true;
            // Indexed: foreach over an IReadOnlyList boxes its enumerator, for every workload.
            var ranking = evaluation.Ranking;
            for (int i = 0; i < ranking.Count; i++)
            {
                var exclusions = ranking[i].Exclusions;
                for (int j = 0; j < exclusions.Count; j++)
                    if (FileSetsOtherwise(tree, exclusions[j].Rule.Id)) return true;
            }
            var findings = evaluation.Findings;
            for (int i = 0; i < findings.Count; i++)
                if (FileSetsOtherwise(tree, findings[i].RuleId)) return true;
            return false;
        }

        private bool FileSetsOtherwise(SyntaxTree tree, string id)
        {
            if (!FileSets(Compilation, tree, id, _ct, out var value)) return false;
            foreach (var (configurable, disabledEverywhere) in _configurable)
                if (configurable == id) return (value == ReportDiagnostic.Suppress) != disabledEverywhere;
            return false; // a fixed rule: no severity turns it off
        }

        private Evaluator EvaluatorWith(ProfileOverrides? overrides, string overridesKey, List<string>? disabled)
            => overrides is null && disabled is null ? ProjectEvaluator() : SharedEvaluator(overrides, overridesKey, disabled);

        // Kept out of EvaluatorWith: the variables a lambda captures are allocated on entry to the method
        // that declares it, so on the common path they were an allocation per call.
        private Evaluator SharedEvaluator(ProfileOverrides? overrides, string overridesKey, List<string>? disabled)
        {
            var policy = new RulePolicy();
            if (disabled != null) foreach (var id in disabled) policy.Disable(id);
            var key = policy.Disabled.Count == 0 ? overridesKey + "|" : overridesKey + "|" + string.Join(",", policy.Disabled.OrderBy(x => x, StringComparer.Ordinal));
            return _evaluators.GetOrAdd(key, _ => new Evaluator(RuleSet, policy, overrides));
        }

        private Evaluator ProjectEvaluator()
        {
            var known = Volatile.Read(ref _projectEvaluator);
            if (known != null) return known;
            var made = new Evaluator(RuleSet, new RulePolicy());
            return Interlocked.CompareExchange(ref _projectEvaluator, made, null) ?? made;
        }

        // Read for each tree, not cached per options object: in a build every tree has an options
        // object of its own, so such a cache never hits. Evaluators are cached by what they are built from.
        private (ProfileOverrides? Overrides, string Key) ReadProfile(AnalyzerConfigOptions options)
        {
            var errors = new List<OptionError>();
            var read = AnalyzerOptionsReader.ReadProfile(options, errors, Config.Overrides);
            foreach (var e in errors) OptionErrors.TryAdd(e, 0);
            return read;
        }

        /// <summary>
        /// A rule whose severity the user set to none is disabled, and "a disabled rule has no effect
        /// at all": a disabled excluding rule no longer excludes, as in the CLI.
        /// </summary>
        public bool IsDisabled(SyntaxTree? tree, string id)
            => RoslynConfigures(Compilation, tree, id, _ct, out var suppressed) ? suppressed : Config.Disables(id);

        /// <summary>
        /// Whether Roslyn's configuration (.editorconfig, global config, command line) sets this
        /// rule's severity for the tree, and whether it suppresses it. Where it does, it wins over
        /// .deployadvisor.yaml.
        /// </summary>
        public static bool RoslynConfigures(Compilation compilation, SyntaxTree? tree, string id, System.Threading.CancellationToken ct, out bool suppressed)
        {
            var provider = compilation.Options.SyntaxTreeOptionsProvider;
            if (FileSets(compilation, tree, id, ct, out var value)
                || (provider != null && provider.TryGetGlobalDiagnosticValue(id, ct, out value))
                || (compilation.Options.SpecificDiagnosticOptions.TryGetValue(id, out value) && value != ReportDiagnostic.Default))
            {
                suppressed = value == ReportDiagnostic.Suppress;
                return true;
            }
            suppressed = false;
            return false;
        }

        /// <summary>The file's own severity for the rule (an .editorconfig section that matches it), if it sets one.</summary>
        private static bool FileSets(Compilation compilation, SyntaxTree? tree, string id, CancellationToken ct, out ReportDiagnostic value)
        {
            value = default;
            var provider = compilation.Options.SyntaxTreeOptionsProvider;
            return tree != null && provider != null && provider.TryGetDiagnosticValue(tree, id, ct, out value);
        }

        private static (RuleSet, IReadOnlyList<Finding>, IReadOnlyDictionary<string, SourceText>) LoadRules(AnalyzerOptions options, CancellationToken ct)
        {
            var texts = new Dictionary<string, SourceText>(StringComparer.Ordinal);
            var sources = new List<RuleSource>();
            foreach (var file in options.AdditionalFiles.Where(f => f.Path.EndsWith(RulesFileSuffix, StringComparison.OrdinalIgnoreCase)).OrderBy(f => f.Path, StringComparer.Ordinal))
            {
                var text = file.GetText(ct);
                if (text is null) continue;
                texts[file.Path] = text;
                sources.Add(new RuleSource(file.Path, text.ToString()));
            }
            if (sources.Count == 0) return (RuleSet.BuiltIn, Array.Empty<Finding>(), texts);
            // The engine caches compiled rule files by content: a keystroke elsewhere does not re-parse them.
            var load = RuleSet.BuiltIn.WithUserRules(sources);
            return (load.RuleSet, load.Findings, texts);
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
