using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using DeployAdvisor.Engine.Findings;

namespace DeployAdvisor.Engine.Baselines
{
    /// <summary>
    /// One recorded finding: what it is about, never where on its line. An edit above a finding moves
    /// its line and column, and must not make it new again, so the key is the rule, the file, the
    /// workload, the field and a hash of the message with every position in it taken out.
    /// </summary>
    public sealed class BaselineEntry : IEquatable<BaselineEntry>
    {
        public BaselineEntry(string ruleId, string? file, string? workload, string? field, string messageHash)
        {
            RuleId = ruleId; File = file; Workload = workload; Field = field; MessageHash = messageHash;
        }

        public string RuleId { get; }
        /// <summary>The file as the run names it (relative to the working directory, '/' separators).</summary>
        public string? File { get; }
        public string? Workload { get; }
        /// <summary>The descriptor field the finding is about (<c>spec.deployment.target</c>), where it names one.</summary>
        public string? Field { get; }
        public string MessageHash { get; }

        public bool Equals(BaselineEntry? other)
            => other is not null && RuleId == other.RuleId && File == other.File && Workload == other.Workload
               && Field == other.Field && MessageHash == other.MessageHash;

        public override bool Equals(object? obj) => Equals(obj as BaselineEntry);

        public override int GetHashCode()
        {
            unchecked
            {
                int h = StringComparer.Ordinal.GetHashCode(RuleId);
                h = h * 31 + (File is null ? 0 : StringComparer.Ordinal.GetHashCode(File));
                h = h * 31 + (Workload is null ? 0 : StringComparer.Ordinal.GetHashCode(Workload));
                h = h * 31 + (Field is null ? 0 : StringComparer.Ordinal.GetHashCode(Field));
                return h * 31 + StringComparer.Ordinal.GetHashCode(MessageHash);
            }
        }

        /// <summary>The entry that records a finding.</summary>
        public static BaselineEntry Of(Finding finding)
            => new BaselineEntry(finding.RuleId, finding.Location?.File, finding.Workload, finding.Field, MessageHashOf(finding.Message));

        // Messages may quote a place ("already used by a.yaml:3:9"); those numbers move with edits.
        private static readonly Regex Positions = new Regex(@":\d+(:\d+)?\b", RegexOptions.CultureInvariant);

        /// <summary>The first 16 hex digits of the SHA-256 of the message with its positions taken out.</summary>
        public static string MessageHashOf(string message) => Sha256Hex(Positions.Replace(message, ":_"), 8);

        /// <summary>The first <paramref name="bytes"/> bytes of the text's SHA-256, in hex.</summary>
        internal static string Sha256Hex(string text, int bytes)
        {
            using var sha = SHA256.Create();
            var digest = sha.ComputeHash(Encoding.UTF8.GetBytes(text));
            var sb = new StringBuilder(bytes * 2);
            for (int i = 0; i < bytes; i++) sb.Append(digest[i].ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
            return sb.ToString();
        }
    }

    /// <summary>
    /// Today's findings, recorded so that a repository can adopt lint without fixing everything first:
    /// a run with the baseline reports only findings it does not hold. Input errors (the file or
    /// document was not understood) are never recorded: such a file must be fixed.
    /// </summary>
    public sealed class Baseline
    {
        private readonly Dictionary<BaselineEntry, int> _remaining;
        private readonly object _gate = new object();

        public Baseline(IEnumerable<BaselineEntry> entries)
        {
            Entries = entries.ToList();
            _remaining = new Dictionary<BaselineEntry, int>();
            foreach (var e in Entries) _remaining[e] = _remaining.TryGetValue(e, out var n) ? n + 1 : 1;
        }

        /// <summary>The recorded entries, one per finding (the same entry twice for two equal findings).</summary>
        public IReadOnlyList<BaselineEntry> Entries { get; }

        /// <summary>Whether a baseline may record findings of this rule: not DA0001–DA0003, DA0007 or DA0009.</summary>
        public static bool CanRecord(string ruleId) => !RuleIds.IsFixedError(ruleId);

        // DA0009 (contradictory fields) means the document was not understood, like the fixed input errors.

        /// <summary>A baseline of these findings, in their order, leaving out what cannot be recorded.</summary>
        public static Baseline Create(IEnumerable<Finding> findings)
            => new Baseline(findings.Where(f => CanRecord(f.RuleId)).Select(BaselineEntry.Of));

        /// <summary>
        /// Whether the baseline holds this finding; each entry matches one finding only, so a second equal
        /// finding is new. Safe to call from several threads, though results then depend on their order:
        /// call it in the run's order of findings for a deterministic answer.
        /// </summary>
        public bool Matches(Finding finding)
        {
            if (!CanRecord(finding.RuleId)) return false;
            var key = BaselineEntry.Of(finding);
            lock (_gate)
            {
                if (!_remaining.TryGetValue(key, out var n) || n == 0) return false;
                _remaining[key] = n - 1;
                return true;
            }
        }

        // The files this run looked at: a run over part of a repository says nothing about the entries
        // of the other files, so only entries of these count as unmatched.
        private readonly HashSet<string> _checkedFiles = new HashSet<string>(StringComparer.Ordinal);

        /// <summary>Tells the baseline that the run checked this file (a descriptor, or a file a finding is located in).</summary>
        public void Checked(string? file)
        {
            if (file is null) return;
            lock (_gate) _checkedFiles.Add(file);
        }

        private bool InRun(BaselineEntry e) => e.File is null || _checkedFiles.Contains(e.File);

        /// <summary>How many entries of the files the run checked there are.</summary>
        public int InScope
        {
            get { lock (_gate) return Entries.Count(InRun); }
        }

        /// <summary>How many entries of the files the run checked matched no finding so far: fixed, or changed beyond recognition.</summary>
        public int Unmatched
        {
            get { lock (_gate) return _remaining.Where(r => InRun(r.Key)).Sum(r => r.Value); }
        }
    }

    /// <summary>
    /// Stable fingerprints for findings (GitLab Code Quality's <c>fingerprint</c>): the baseline key of a
    /// finding plus how many equal findings came before it in the run, so that an edit above a finding
    /// keeps its fingerprint and two equal findings still differ. Give it the findings in the run's order.
    /// </summary>
    public sealed class Fingerprints
    {
        private readonly Dictionary<BaselineEntry, int> _seen = new Dictionary<BaselineEntry, int>();

        public string Next(Finding finding)
        {
            var key = BaselineEntry.Of(finding);
            int occurrence = _seen.TryGetValue(key, out var n) ? n : 0;
            _seen[key] = occurrence + 1;
            var text = string.Join("\u001f", key.RuleId, key.File ?? "", key.Workload ?? "", key.Field ?? "", key.MessageHash,
                occurrence.ToString(System.Globalization.CultureInfo.InvariantCulture));
            return BaselineEntry.Sha256Hex(text, 16);
        }
    }
}
