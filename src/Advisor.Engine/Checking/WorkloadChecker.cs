using System;
using System.Collections.Generic;
using System.Linq;
using DeployAdvisor.Engine.Evaluation;
using DeployAdvisor.Engine.Findings;
using DeployAdvisor.Engine.Loading;
using DeployAdvisor.Engine.Model;
using DeployAdvisor.Engine.Rules;
using DeployAdvisor.Engine.Suppressions;

namespace DeployAdvisor.Engine.Checking
{
    /// <summary>
    /// The whole check of loaded descriptor files, as both front ends run it. Two steps, so that a
    /// front end can stream:
    /// <list type="number">
    /// <item><see cref="Check"/> is pure and thread-safe: the rule policy applied once to the loader's
    /// findings, each valid workload evaluated, the evaluation's findings located.</item>
    /// <item><see cref="CheckRun.Finish"/>, called for each file in ordinal path order, adds DA0004
    /// (duplicate names across the run) and applies the file's suppressions (DA0005/DA0006), then
    /// sorts: the file's findings are final and can be written at once.</item>
    /// </list>
    /// <see cref="CheckAll"/> does both for a set of files in memory.
    /// </summary>
    public sealed class WorkloadChecker
    {
        public WorkloadChecker(RuleSet rules, RulePolicy? policy = null, ProfileOverrides? overrides = null)
            : this(new Evaluator(rules, policy, overrides), policy)
        {
        }

        /// <param name="evaluator">Built with the same <paramref name="policy"/> (it applies it to the rules' findings).</param>
        public WorkloadChecker(Evaluator evaluator, RulePolicy? policy = null)
        {
            Evaluator = evaluator;
            Policy = policy ?? RulePolicy.Default;
        }

        public Evaluator Evaluator { get; }
        public RulePolicy Policy { get; }

        /// <summary>
        /// Checks one file on its own: safe to call from many threads. DA0004 and suppressions come when
        /// the file is finished (<see cref="CheckRun.Finish"/>).
        /// </summary>
        /// <param name="keepEvaluations">Keep each workload's evaluation (ranking, recommendation); lint needs only findings.</param>
        public CheckedFile Check(LoadedFile file, bool keepEvaluations = true) => Check(file, keepEvaluations, null);

        /// <summary>
        /// As <see cref="Check(LoadedFile, bool)"/>, and each valid descriptor with spec.artifacts is held to the
        /// files <paramref name="artifacts"/> resolves (lint against artifacts, docs/artifacts.md).
        /// </summary>
        public CheckedFile Check(LoadedFile file, bool keepEvaluations, Artifacts.ArtifactLookup? artifacts)
        {
            var fileFindings = ApplyPolicy(file.Findings);
            var documents = new List<CheckedDocument>(file.Documents.Count);
            foreach (var doc in file.Documents)
            {
                var findings = ApplyPolicy(doc.Findings);
                WorkloadEvaluation? evaluation = doc.Workload is null ? null : Evaluator.Evaluate(doc.Workload);
                if (evaluation != null)
                    foreach (var f in evaluation.Findings) findings.Add(FindingLocator.Locate(f, file.Path, doc.Locations));
                if (artifacts != null && doc.Workload != null && doc.Workload.Artifacts.Count > 0)
                    findings.AddRange(ApplyPolicy(Artifacts.ArtifactCheck.Check(file.Path, doc.Index, doc.Workload, doc.Locations, artifacts, evaluation)));
                documents.Add(new CheckedDocument(doc.Index, doc.Name, doc.Locations.Document, doc.Locations.ValueOf(Fields.Name),
                    keepEvaluations ? evaluation : null, findings));
            }
            var comments = SuppressionParser.MayHoldDirective(file.Comments) ? file.Comments : Array.Empty<YComment>();
            return new CheckedFile(file.Path, documents, fileFindings, comments);
        }

        /// <summary>A run: files are finished one by one, in ordinal path order.</summary>
        public CheckRun StartRun() => new CheckRun(Policy);

        /// <summary>Checks and finishes a set of files in memory; the result is in ordinal path order.</summary>
        public IReadOnlyList<CheckedFile> CheckAll(IEnumerable<LoadedFile> files, bool keepEvaluations = true)
        {
            var run = StartRun();
            return files.OrderBy(f => f.Path, StringComparer.Ordinal).Select(f => run.Finish(Check(f, keepEvaluations))).ToList();
        }

        private List<Finding> ApplyPolicy(IReadOnlyList<Finding> findings)
        {
            var result = new List<Finding>(findings.Count);
            foreach (var f in findings)
            {
                var applied = Policy.Apply(f);
                if (applied != null) result.Add(applied);
            }
            return result;
        }
    }

    /// <summary>
    /// The part of a check that spans files: DA0004 needs only each name's first location, since files
    /// are finished in ordinal path order and documents in file order.
    /// </summary>
    public sealed class CheckRun
    {
        private readonly RulePolicy _policy;
        private readonly Dictionary<string, Location> _firstByName = new Dictionary<string, Location>(StringComparer.Ordinal);
        private string? _lastPath;

        internal CheckRun(RulePolicy policy) { _policy = policy; }

        /// <summary>
        /// Adds DA0004 to the file's documents, applies its suppressions and sorts its findings. Files must
        /// come in ordinal order of <see cref="CheckedFile.Path"/>, each once.
        /// </summary>
        public CheckedFile Finish(CheckedFile file)
        {
            if (file.IsFinished) throw new InvalidOperationException($"'{file.Path}' is already finished");
            if (_lastPath != null && string.CompareOrdinal(_lastPath, file.Path) >= 0)
                throw new InvalidOperationException($"files must be finished in ordinal path order: '{file.Path}' came after '{_lastPath}'");
            _lastPath = file.Path;

            AddDuplicateNames(file);
            ApplySuppressions(file);
            file.IsFinished = true;
            return file;
        }

        /// <summary>
        /// Claims a workload name for a workload that is not in a checked file (a [Workload] attribute):
        /// DA0004 when the name is already taken, null otherwise. Like files, claims must come in ordinal
        /// order of their file and then in file order, interleaved with <see cref="Finish"/>.
        /// </summary>
        public Finding? Claim(string name, Location at)
        {
            if (!_firstByName.TryGetValue(name, out var first))
            {
                _firstByName[name] = at;
                return null;
            }
            if (!_policy.IsEnabled(RuleIds.DuplicateName)) return null;
            return new Finding(RuleIds.DuplicateName, _policy.SeverityOf(RuleIds.DuplicateName, Severity.Warning),
                $"workload name '{name}' is already used by {first.File}:{first.Span}; names must be unique across a run",
                Fields.Name, location: at, relatedLocations: new[] { first }, workload: name);
        }

        private void AddDuplicateNames(CheckedFile file)
        {
            foreach (var doc in file.Documents)
            {
                if (doc.Name is null || !(doc.NameAt is SourceSpan at)) continue;
                if (Claim(doc.Name, new Location(file.Path, at)) is Finding duplicate) doc.FindingList.Add(duplicate);
            }
        }

        private void ApplySuppressions(CheckedFile file)
        {
            var comments = file.SuppressionComments;
            if (comments.Count == 0)
            {
                SortEach(file);
                return;
            }
            // The file's findings with the list each belongs to: -1 the file, else a document's position.
            var all = new List<Finding>(file.FileFindings);
            var owners = new List<int>();
            for (int i = 0; i < all.Count; i++) owners.Add(-1);
            // A finding located in another file (an artifact's, lint against artifacts) is not matched against this
            // file's comments by line: it stays as it is (the configuration can still lower or disable its rule).
            var elsewhere = new List<(Finding Finding, int Owner)>();
            for (int d = 0; d < file.Documents.Count; d++)
                foreach (var f in file.Documents[d].Findings)
                {
                    if (f.Location != null && f.Location.File != file.Path) { elsewhere.Add((f, d)); continue; }
                    all.Add(f); owners.Add(d);
                }
            var starts = file.Documents.Select(d => d.Start.Line).ToList();
            var decision = Suppressor.Decide(file.Path, comments, starts, all, _policy);
            if (decision is null)
            {
                SortEach(file);
                return;
            }

            var fileList = new List<Finding>();
            var docLists = file.Documents.Select(_ => new List<Finding>()).ToArray();
            for (int i = 0; i < all.Count; i++)
            {
                if (decision.SuppressedBy[i] != null) continue;
                (owners[i] < 0 ? fileList : docLists[owners[i]]).Add(all[i]);
            }
            foreach (var f in decision.Own)
            {
                // DA0005/DA0006 about a comment: the document the comment is in, else the file.
                int line = f.Location?.Span.Line ?? 1;
                int owner = -1;
                for (int d = 0; d < file.Documents.Count; d++) if (file.Documents[d].Start.Line <= line) owner = d;
                (owner < 0 ? fileList : docLists[owner]).Add(f);
            }
            foreach (var (f, d) in elsewhere) docLists[d].Add(f);
            file.FileFindingList = fileList;
            for (int d = 0; d < docLists.Length; d++) file.Documents[d].FindingList = docLists[d];
            SortEach(file);
        }

        private static void SortEach(CheckedFile file)
        {
            if (file.FileFindingList.Count > 1) file.FileFindingList = Finding.Sort(file.FileFindingList).ToList();
            foreach (var doc in file.Documents)
                if (doc.FindingList.Count > 1) doc.FindingList = Finding.Sort(doc.FindingList).ToList();
        }
    }
}
