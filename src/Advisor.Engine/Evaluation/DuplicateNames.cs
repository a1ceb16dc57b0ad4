using System;
using System.Collections.Generic;
using System.Linq;
using DeployAdvisor.Engine.Findings;
using DeployAdvisor.Engine.Model;

namespace DeployAdvisor.Engine.Evaluation
{
    /// <summary>A named workload seen in a run, with where its name is written.</summary>
    public sealed class NamedWorkload
    {
        public NamedWorkload(string file, int documentIndex, string name, Location nameLocation)
        {
            File = file; DocumentIndex = documentIndex; Name = name; NameLocation = nameLocation;
        }

        public string File { get; }
        public int DocumentIndex { get; }
        public string Name { get; }
        public Location NameLocation { get; }
    }

    /// <summary>DA0004 across a run: every descriptor after the first that shares a metadata.name.</summary>
    public static class DuplicateNames
    {
        public static IReadOnlyList<Finding> Find(IEnumerable<NamedWorkload> workloads, RulePolicy? policy = null)
        {
            policy ??= RulePolicy.Default;
            if (!policy.IsEnabled(RuleIds.DuplicateName)) return Array.Empty<Finding>();
            var severity = policy.SeverityOf(RuleIds.DuplicateName, Severity.Warning);
            var findings = new List<Finding>();
            var ordered = workloads.OrderBy(w => w.File, StringComparer.Ordinal).ThenBy(w => w.DocumentIndex);
            foreach (var group in ordered.GroupBy(w => w.Name, StringComparer.Ordinal))
            {
                var first = group.First();
                foreach (var later in group.Skip(1))
                {
                    findings.Add(new Finding(RuleIds.DuplicateName, severity,
                        $"workload name '{later.Name}' is already used by {first.File}:{first.NameLocation.Span}; names must be unique across a run",
                        Fields.Name, location: later.NameLocation, relatedLocations: new[] { first.NameLocation }, workload: later.Name));
                }
            }
            return findings;
        }
    }
}
