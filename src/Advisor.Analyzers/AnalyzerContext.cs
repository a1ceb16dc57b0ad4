using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Location = Microsoft.CodeAnalysis.Location;

namespace DeployAdvisor.Analyzers
{
    /// <summary>
    /// What one analysis of one compilation needs, made when it starts and shared by every callback of
    /// every job: the project's rules and configuration (<see cref="ProjectRules"/>, user rules
    /// included), which rules are off (<see cref="Severities"/>), the evaluators
    /// (<see cref="Evaluators"/>), the additional files, and, when first asked for, the [Workload]
    /// declarations and the evidence model. Thread-safe.
    /// </summary>
    /// <remarks>
    /// Made per analysis, not cached per compilation object: the names collected for DA0004 and the
    /// option errors belong to one run, and an IDE runs many over the same compilation. What is costly
    /// to make is cached by content underneath (rule files, configuration, YAML, declarations).
    /// </remarks>
    internal sealed class AnalyzerContext
    {
        private readonly Once<WorkloadDeclarations> _declarations;
        private readonly Once<EvidenceModel> _evidence;
        private readonly Once<WorkloadRun> _run;

        public AnalyzerContext(Compilation compilation, AnalyzerOptions options, CancellationToken ct)
        {
            Compilation = compilation;
            Rules = ProjectRules.Load(options, ct);
            // A help link only where the project configures where the rule pages are (the package's build props make the MSBuild property visible).
            Descriptors = Analyzers.Descriptors.For(options.AnalyzerConfigOptionsProvider.GlobalOptions.TryGetValue(Analyzers.Descriptors.DocsBaseUrlOption, out var url) ? url : null);
            Severities = new Severities(compilation, Rules, ct);
            Evaluators = new Evaluators(options, Rules, Severities, OptionErrors);
            AdditionalFiles = new AdditionalFiles(options, ct);
            // Looked up in the first callback that needs them, never here: see WorkloadDeclarations.For.
            _declarations = new Once<WorkloadDeclarations>(() => WorkloadDeclarations.For(compilation));
            _run = new Once<WorkloadRun>(() => WorkloadRun.Make(this, options, ct));
            _evidence = new Once<EvidenceModel>(() => Declarations is WorkloadDeclarations d ? new EvidenceModel(compilation, d, Rules.RuleSet.Evidence, Severities, Descriptors, ct) : null);
            var globalErrors = new List<OptionError>();
            AnalyzerOptionsReader.ReadProfile(options.AnalyzerConfigOptionsProvider.GlobalOptions, globalErrors);
            foreach (var e in globalErrors) OptionErrors.TryAdd(e, 0);
        }

        public Compilation Compilation { get; }
        public ProjectRules Rules { get; }
        /// <summary>The descriptors every diagnostic of this analysis is made with.</summary>
        public DescriptorCatalog Descriptors { get; }
        public Severities Severities { get; }
        public Evaluators Evaluators { get; }
        public AdditionalFiles AdditionalFiles { get; }

        /// <summary>The compilation's [Workload] declarations, null when it has no WorkloadAttribute type.</summary>
        public WorkloadDeclarations? Declarations => _declarations.Value;

        /// <summary>The evidence rules' symbols and answers; null without the attribute.</summary>
        public EvidenceModel? Evidence => _evidence.Value;

        /// <summary>
        /// The engine's check of the YAML files with the attributes' names, made when first asked (by a
        /// YAML file's action or the compilation's end): it reads every [Workload] of the compilation.
        /// </summary>
        public WorkloadRun Run => _run.Value!;

        public ConcurrentDictionary<OptionError, byte> OptionErrors { get; } = new ConcurrentDictionary<OptionError, byte>();

    }

    /// <summary>
    /// A value made once, on first use, null included. Unlike <see cref="Lazy{T}"/> with
    /// ExecutionAndPublication, a failure (a cancellation above all) is not kept: the next caller tries again.
    /// </summary>
    internal sealed class Once<T> where T : class
    {
        private readonly Func<T?> _make;
        private readonly object _lock = new object();
        private volatile bool _made;
        private T? _value;

        public Once(Func<T?> make) { _make = make; }

        public T? Value
        {
            get
            {
                if (_made) return _value;
                lock (_lock)
                {
                    if (!_made)
                    {
                        _value = _make();
                        _made = true;
                    }
                    return _value;
                }
            }
        }
    }
}
