using System;
using System.Collections.Generic;
using DeployAdvisor.Engine.Findings;

namespace DeployAdvisor.Engine.Evaluation
{
    /// <summary>
    /// The user's choices about rules: changed severities and disabled rules. A disabled rule has no
    /// effect at all (a disabled excluding rule no longer excludes). Input rules (DA0001–DA0003,
    /// DA0007) cannot be changed: they mean the input was not understood.
    /// </summary>
    public sealed class RulePolicy
    {
        public static readonly RulePolicy Default = new RulePolicy();

        private readonly Dictionary<string, Severity> _severities = new Dictionary<string, Severity>(StringComparer.Ordinal);
        private readonly HashSet<string> _disabled = new HashSet<string>(StringComparer.Ordinal);

        public IReadOnlyDictionary<string, Severity> Severities => _severities;
        public IReadOnlyCollection<string> Disabled => _disabled;

        /// <summary>Sets a rule's severity; false when the rule's severity is fixed.</summary>
        public bool SetSeverity(string ruleId, Severity severity)
        {
            if (RuleIds.IsFixedError(ruleId)) return false;
            _severities[ruleId] = severity;
            return true;
        }

        /// <summary>Disables a rule; false when the rule cannot be disabled.</summary>
        public bool Disable(string ruleId)
        {
            if (RuleIds.IsFixedError(ruleId)) return false;
            _disabled.Add(ruleId);
            return true;
        }

        public bool IsEnabled(string ruleId) => !_disabled.Contains(ruleId);

        public Severity SeverityOf(string ruleId, Severity defaultSeverity)
            => _severities.TryGetValue(ruleId, out var s) ? s : defaultSeverity;

        /// <summary>The finding as the user's policy has it, or null when its rule is disabled.</summary>
        public Finding? Apply(Finding finding)
        {
            if (!IsEnabled(finding.RuleId)) return null;
            return _severities.TryGetValue(finding.RuleId, out var s) && s != finding.Severity ? finding.With(severity: s) : finding;
        }
    }
}
