using System;
using System.Collections.Generic;
using System.Linq;
using DeployAdvisor.Cli.Running;
using DeployAdvisor.Engine.Evaluation;
using DeployAdvisor.Engine.Findings;
using DeployAdvisor.Engine.Model;
using DeployAdvisor.Engine.Rules;

namespace DeployAdvisor.Cli.Output.Report
{
    /// <summary>
    /// What the portfolio report shows, and nothing else: plain values, so the HTML and Markdown writers
    /// do not depend on how the run pipeline holds its results (one adapter, <see cref="PortfolioBuilder"/>, fed file by file as a run finishes them).
    /// </summary>
    public sealed class PortfolioModel
    {
        public PortfolioModel(IReadOnlyList<ReportWorkload> workloads, IReadOnlyList<ReportUnevaluated> unevaluated)
        {
            Workloads = workloads; Unevaluated = unevaluated;
        }

        /// <summary>Evaluated workloads, in report order: infeasible first, then plan violations, then plan disagreements, then the rest; by name within each.</summary>
        public IReadOnlyList<ReportWorkload> Workloads { get; }
        /// <summary>Files or documents that could not be evaluated (DA0001–DA0003, DA0007, DA0009…).</summary>
        public IReadOnlyList<ReportUnevaluated> Unevaluated { get; }

        public IEnumerable<ReportFinding> AllFindings => Workloads.SelectMany(w => w.Findings).Concat(Unevaluated.SelectMany(u => u.Findings));

        /// <summary>The targets in decisions.md order, for tables and charts.</summary>
        public static readonly string[] Targets = { "container", "sandboxed-container", "vm" };

        /// <summary>Severities from the worst.</summary>
        public static readonly string[] Severities = { "error", "warning", "info" };

        /// <summary>The model of a run held in memory (tests, and any caller with a whole <see cref="Analysis"/>).</summary>
        public static PortfolioModel From(Analysis analysis, RuleSet rules)
        {
            var builder = new PortfolioBuilder(rules);
            foreach (var file in analysis.Files) builder.Add(file);
            return builder.Build();
        }

        public static IReadOnlyList<ReportWorkload> Order(IEnumerable<ReportWorkload> workloads)
            => workloads.OrderBy(w => w.Priority).ThenBy(w => w.Name, StringComparer.Ordinal).ThenBy(w => w.File, StringComparer.Ordinal).ToList();

    }

    /// <summary>
    /// Builds the report's model from a run's files as they are finished. The report needs every workload
    /// before it can write its summary, so it keeps this plain model (not the engine's results) until the end.
    /// </summary>
    public sealed class PortfolioBuilder
    {
        private readonly RuleSet _rules;
        private readonly List<ReportWorkload> _workloads = new List<ReportWorkload>();
        private readonly List<ReportUnevaluated> _unevaluated = new List<ReportUnevaluated>();

        public PortfolioBuilder(RuleSet rules) { _rules = rules; }

        public void Add(FileOutcome file)
        {
            if (!file.Checked) return;
            foreach (var (document, fileFindings) in file.Entries())
            {
                var findings = fileFindings.Select(f => Finding(f, file.Path)).ToList();
                var e = document?.Evaluation;
                if (e is null)
                {
                    _unevaluated.Add(new ReportUnevaluated(file.Path, document?.Name, findings));
                    continue;
                }
                var ranking = e.Ranking.Select(r => new ReportRank(
                    r.Target.Name(), r.Feasible, r.ExcludedBy.ToList(), r.Reasons.ToList(),
                    r.Feasible ? Array.Empty<string>() : r.Exclusions.SelectMany(x => x.Remedies).Distinct().ToList())).ToList();
                var at = document!.NameAt ?? document.Start;
                _workloads.Add(new ReportWorkload(
                    file.Path, at.Line, document.Name ?? "(unnamed)", e.Workload.Description, e.Workload.Owner,
                    e.Workload.PlannedTarget?.Name(), e.Recommendation?.Name(), ranking, findings,
                    e.Order.OrderText, e.OrderReason));
            }
        }

        public PortfolioModel Build() => new PortfolioModel(PortfolioModel.Order(_workloads), _unevaluated.ToList());

        private ReportFinding Finding(Finding f, string file)
            => new ReportFinding(f.RuleId, _rules.Find(f.RuleId)?.Name, f.Severity.ToName(), f.Message,
                f.Location?.File ?? file, f.Location?.Span.Line ?? 0, f.Location?.Span.Column ?? 0);
    }

    public sealed class ReportWorkload
    {
        public ReportWorkload(string file, int line, string name, string? description, string? owner, string? planned, string? recommendation,
            IReadOnlyList<ReportRank> ranking, IReadOnlyList<ReportFinding> findings, string? order = null, string? orderReason = null)
        {
            File = file; Line = line; Name = name; Description = description; Owner = owner; Planned = planned;
            Recommendation = recommendation; Ranking = ranking; Findings = findings; Order = order; OrderReason = orderReason;
        }

        public string File { get; }
        /// <summary>Where the workload's name (or document) is.</summary>
        public int Line { get; }
        public string Name { get; }
        public string? Description { get; }
        public string? Owner { get; }
        public string? Planned { get; }
        /// <summary>Null when no target is feasible.</summary>
        public string? Recommendation { get; }
        public IReadOnlyList<ReportRank> Ranking { get; }
        public IReadOnlyList<ReportFinding> Findings { get; }
        /// <summary>The order of preference as people read it: "vm > sandboxed-container > container".</summary>
        public string? Order { get; }
        /// <summary>Why that order, stated once for the workload (the engine's <c>OrderReason</c>).</summary>
        public string? OrderReason { get; }

        public bool Infeasible => Recommendation is null;
        /// <summary>A target is planned and the engine excludes it.</summary>
        public bool PlanViolated => Planned != null && Ranking.Any(r => r.Target == Planned && !r.Feasible);
        /// <summary>A target is planned and it is not the recommendation.</summary>
        public bool PlanDisagrees => Planned != null && Planned != Recommendation;
        /// <summary>0 infeasible, 1 plan violated, 2 plan disagrees, 3 the rest: the order the report and a cut Markdown summary keep.</summary>
        public int Priority => Infeasible ? 0 : PlanViolated ? 1 : PlanDisagrees ? 2 : 3;
        public string Status => Priority switch { 0 => "no feasible target", 1 => "plan excluded", 2 => "plan differs", _ => "as planned" };
        public string? WorstSeverity => PortfolioModel.Severities.FirstOrDefault(s => Findings.Any(f => f.Severity == s));
        /// <summary>The anchor of the workload's section: <c>workload-&lt;name&gt;</c>.</summary>
        public string Anchor => "workload-" + Name;
    }

    public sealed class ReportRank
    {
        public ReportRank(string target, bool feasible, IReadOnlyList<string> excludedBy, IReadOnlyList<string> reasons, IReadOnlyList<string> changes)
        {
            Target = target; Feasible = feasible; ExcludedBy = excludedBy; Reasons = reasons; Changes = changes;
        }

        public string Target { get; }
        public bool Feasible { get; }
        public IReadOnlyList<string> ExcludedBy { get; }
        public IReadOnlyList<string> Reasons { get; }
        /// <summary>For an excluded target, the smallest changes that would make it feasible (DA4001's remedies).</summary>
        public IReadOnlyList<string> Changes { get; }
    }

    public sealed class ReportFinding
    {
        public ReportFinding(string ruleId, string? ruleName, string severity, string message, string file, int line, int column)
        {
            RuleId = ruleId; RuleName = ruleName; Severity = severity; Message = message; File = file; Line = line; Column = column;
        }

        public string RuleId { get; }
        public string? RuleName { get; }
        public string Severity { get; }
        public string Message { get; }
        public string File { get; }
        public int Line { get; }
        public int Column { get; }
        public string Where => Line > 0 ? $"{File}:{Line}:{Column}" : File;
    }

    public sealed class ReportUnevaluated
    {
        public ReportUnevaluated(string file, string? workload, IReadOnlyList<ReportFinding> findings)
        {
            File = file; Workload = workload; Findings = findings;
        }

        public string File { get; }
        public string? Workload { get; }
        public IReadOnlyList<ReportFinding> Findings { get; }
    }
}
