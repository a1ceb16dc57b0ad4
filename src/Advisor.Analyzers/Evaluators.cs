using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using DeployAdvisor.Engine.Evaluation;
using DeployAdvisor.Engine.Model;
using DeployAdvisor.Engine.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace DeployAdvisor.Analyzers
{
    /// <summary>
    /// Evaluates workloads with the project's rule set: one engine evaluator per distinct set of
    /// profile overrides and disabled rules, made once and shared by every callback.
    /// </summary>
    internal sealed class Evaluators
    {
        private readonly AnalyzerOptions _options;
        private readonly ProjectRules _rules;
        private readonly Severities _severities;
        private readonly ConcurrentDictionary<OptionError, byte> _optionErrors;
        private readonly ConcurrentDictionary<string, Evaluator> _evaluators = new ConcurrentDictionary<string, Evaluator>(StringComparer.Ordinal);
        /// <summary>The evaluator of code that sets no profile figure and turns no rule off (nearly all code).</summary>
        private Evaluator? _projectEvaluator;

        public Evaluators(AnalyzerOptions options, ProjectRules rules, Severities severities, ConcurrentDictionary<OptionError, byte> optionErrors)
        {
            _options = options;
            _rules = rules;
            _severities = severities;
            _optionErrors = optionErrors;
        }

        /// <summary>
        /// A [Workload]'s evaluation with the evaluator for its code: the profile figures its options
        /// set, and the rules its file's severities turn off.
        /// </summary>
        /// <remarks>
        /// Evaluated first with the rules the configuration for all files turns off; evaluated again only
        /// where the file's own severities change a rule that matters here (<see cref="Severities.FileSetsOtherwise"/>).
        /// Not cached per tree: a tree has one [Workload] type as a rule.
        /// </remarks>
        public WorkloadEvaluation Evaluate(Workload workload, SyntaxTree tree)
        {
            var options = _options.AnalyzerConfigOptionsProvider.GetOptions(tree);
            var (overrides, overridesKey) = ReadProfile(options);
            var evaluation = EvaluatorWith(overrides, overridesKey, _severities.DisabledEverywhere).Evaluate(workload);
            return _severities.FileSetsOtherwise(tree, evaluation) ? For(options, tree).Evaluate(workload) : evaluation;
        }

        /// <summary>The evaluator for these options (an additional file's); severities from the tree's or the global configuration.</summary>
        public Evaluator For(AnalyzerConfigOptions options, SyntaxTree? tree = null)
        {
            var (overrides, overridesKey) = ReadProfile(options);
            return EvaluatorWith(overrides, overridesKey, _severities.DisabledFor(tree));
        }

        private Evaluator EvaluatorWith(ProfileOverrides? overrides, string overridesKey, List<string>? disabled)
            => overrides is null && disabled is null ? ProjectEvaluator() : SharedEvaluator(overrides, overridesKey, disabled);

        // Kept out of EvaluatorWith: the variables a lambda captures are allocated on entry to the method
        // that declares it, so on the common path they would be an allocation per call.
        private Evaluator SharedEvaluator(ProfileOverrides? overrides, string overridesKey, List<string>? disabled)
        {
            var policy = new RulePolicy();
            if (disabled != null) foreach (var id in disabled) policy.Disable(id);
            var key = policy.Disabled.Count == 0 ? overridesKey + "|" : overridesKey + "|" + string.Join(",", policy.Disabled.OrderBy(x => x, StringComparer.Ordinal));
            return _evaluators.GetOrAdd(key, _ => new Evaluator(_rules.RuleSet, policy, overrides));
        }

        private Evaluator ProjectEvaluator()
        {
            var known = Volatile.Read(ref _projectEvaluator);
            if (known != null) return known;
            var made = new Evaluator(_rules.RuleSet, new RulePolicy());
            return Interlocked.CompareExchange(ref _projectEvaluator, made, null) ?? made;
        }

        // Read for each tree, not cached per options object: in a build every tree has an options
        // object of its own, so such a cache never hits. Evaluators are cached by what they are built from.
        private (ProfileOverrides? Overrides, string Key) ReadProfile(AnalyzerConfigOptions options)
        {
            var errors = new List<OptionError>();
            var read = AnalyzerOptionsReader.ReadProfile(options, errors, _rules.Config.Overrides);
            foreach (var e in errors) _optionErrors.TryAdd(e, 0);
            return read;
        }
    }
}
