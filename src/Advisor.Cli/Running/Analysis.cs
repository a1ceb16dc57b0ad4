using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using DeployAdvisor.Engine.Evaluation;
using DeployAdvisor.Engine.Findings;
using DeployAdvisor.Engine.Loading;
using DeployAdvisor.Engine.Model;
using DeployAdvisor.Engine.Suppressions;

namespace DeployAdvisor.Cli.Running
{
    /// <summary>
    /// One descriptor document of a checked file and everything said about it. Only what the outputs
    /// need is kept: a run over 100k files must not hold every parsed tree and field map until the end.
    /// </summary>
    public sealed class DocumentOutcome
    {
        public DocumentOutcome(int index, string? name, SourceSpan start, SourceSpan? nameAt, WorkloadEvaluation? evaluation)
        {
            Index = index; Name = name; Start = start; NameAt = nameAt; Evaluation = evaluation;
        }

        /// <summary>The document's 0-based index in its file.</summary>
        public int Index { get; }
        public string? Name { get; }
        /// <summary>Where the document starts.</summary>
        public SourceSpan Start { get; }
        /// <summary>The value of metadata.name, when the document has one.</summary>
        public SourceSpan? NameAt { get; }
        /// <summary>Null when the document could not be evaluated (DA0002/DA0003), or when the run keeps no evaluations (lint).</summary>
        public WorkloadEvaluation? Evaluation { get; }
        /// <summary>What lint reports for the document: policy and suppressions applied, DA0004 included; sorted.</summary>
        public List<Finding> Findings { get; internal set; } = new List<Finding>();
    }

    /// <summary>What a run keeps of each file beyond its findings; lint needs less than recommend.</summary>
    public sealed class AnalysisOptions
    {
        /// <summary>Keep each workload's evaluation (ranking, recommendation): recommend prints them, lint does not.</summary>
        public bool KeepEvaluations { get; init; } = true;
        /// <summary>Keep the lines of files with findings, for code frames in text output.</summary>
        public bool KeepSourceLines { get; init; } = true;

        public static readonly AnalysisOptions All = new AnalysisOptions();
    }

    public sealed class FileOutcome
    {
        public FileOutcome(InputFile input) { Input = input; }

        public InputFile Input { get; }
        public string Path => Input.DisplayPath;
        /// <summary>A scanned file without the text deployadvisor/: skipped unparsed.</summary>
        public bool Skipped { get; internal set; }
        public string? ReadError { get; internal set; }
        /// <summary>The file's comments when they may hold suppressions (else empty): applied after DA0004 is known.</summary>
        public IReadOnlyList<YComment> SuppressionComments { get; internal set; } = Array.Empty<YComment>();
        public List<DocumentOutcome> Documents { get; } = new List<DocumentOutcome>();
        /// <summary>Findings about the file rather than one document (DA0001, DA0007, DA0003 for a named file without descriptor, and suppression findings outside every document).</summary>
        public List<Finding> FileFindings { get; internal set; } = new List<Finding>();
        public IEnumerable<Finding> AllFindings => FileFindings.Concat(Documents.SelectMany(d => d.Findings));
        /// <summary>The file's lines, kept for code frames when it has findings.</summary>
        public string[]? Lines { get; internal set; }
        public bool Checked => !Skipped && ReadError is null;
        /// <summary>The content that was checked (length and hash), to take code frames from it again only if unchanged.</summary>
        internal (long Length, int Hash) Content { get; set; }
    }

    /// <summary>The result of checking a set of files: deterministic, whatever the degree of parallelism.</summary>
    public sealed class Analysis
    {
        public Analysis(IReadOnlyList<FileOutcome> files, InputSet inputs)
        {
            Files = files;
            Inputs = inputs;
            Findings = Finding.Sort(files.SelectMany(f => f.AllFindings));
        }

        /// <summary>Files in ordinal order of their display path.</summary>
        public IReadOnlyList<FileOutcome> Files { get; }
        public InputSet Inputs { get; }
        public IReadOnlyList<Finding> Findings { get; }
        public IEnumerable<FileOutcome> Checked => Files.Where(f => f.Checked);
        public int FileCount => Checked.Count();
        public int WorkloadCount => Checked.Sum(f => f.Documents.Count);
        public IEnumerable<(string Path, string Reason)> Unreadable
            => Files.Where(f => f.ReadError != null).Select(f => (f.Path, f.ReadError!)).Concat(Inputs.Unreadable);

        /// <summary>Directory and glob arguments under which no descriptor was found (nothing to check).</summary>
        public IEnumerable<string> EmptyScans
            => Inputs.Scans.Where(s => !Files.Any(f => f.Input.Arguments.Contains(s.Index) && f.Checked && (f.Documents.Count > 0 || f.FileFindings.Count > 0))).Select(s => s.Argument);

        public FileOutcome? FileOf(string path) => Files.FirstOrDefault(f => f.Path == path);
    }

    public static class Analyzer
    {
        private static readonly byte[] Marker = Encoding.ASCII.GetBytes(DescriptorLoader.ApiGroupPrefix);

        public static Analysis Run(Session session, InputSet inputs, int jobs, CancellationToken cancel, AnalysisOptions? keep = null)
        {
            keep ??= AnalysisOptions.All;
            var evaluator = session.CreateEvaluator();
            var files = inputs.Files.OrderBy(f => f.DisplayPath, StringComparer.Ordinal).ToList();
            var outcomes = new FileOutcome[files.Count];
            int delay = int.TryParse(Environment.GetEnvironmentVariable("DEPLOYADVISOR_TEST_FILE_DELAY_MS"), out var d) ? d : 0;
            var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, jobs), CancellationToken = cancel };
            Parallel.For(0, files.Count, options, i =>
            {
                if (delay > 0) Task.Delay(delay, cancel).Wait(cancel); // test hook: lets a test interrupt a run in flight
                outcomes[i] = CheckFile(files[i], evaluator, session.Policy, keep);
            });
            cancel.ThrowIfCancellationRequested();

            // DA0004 needs the whole run; it is assigned to the document it is reported on.
            var named = new List<NamedWorkload>();
            var docByKey = new Dictionary<(string, int), DocumentOutcome>();
            foreach (var f in outcomes.Where(o => o.Checked))
            {
                foreach (var doc in f.Documents)
                {
                    docByKey[(f.Path, doc.Index)] = doc;
                    if (doc.Name != null && doc.NameAt is SourceSpan at)
                        named.Add(new NamedWorkload(f.Path, doc.Index, doc.Name, new Location(f.Path, at)));
                }
            }
            var duplicates = DuplicateNames.Find(named, session.Policy);
            var fileByPath = duplicates.Count == 0 ? null : outcomes.ToDictionary(o => o.Path, StringComparer.Ordinal);
            foreach (var dup in duplicates)
            {
                var w = named.First(n => n.Name == dup.Workload && n.NameLocation.File == dup.Location!.File && n.NameLocation.Span.Equals(dup.Location.Span));
                docByKey[(w.File, w.DocumentIndex)].Findings.Add(dup);
                // Lines are kept only for files that had findings when they were checked; DA0004 comes
                // after, so its file is read again for the code frame (and only if it did not change).
                var file = fileByPath![w.File];
                if (keep.KeepSourceLines && file.Lines is null) file.Lines = ReadLinesAgain(file);
            }

            Parallel.For(0, outcomes.Length, options, i => ApplySuppressions(outcomes[i], session.Policy));
            cancel.ThrowIfCancellationRequested();
            return new Analysis(outcomes, inputs);
        }

        private static FileOutcome CheckFile(InputFile input, Evaluator evaluator, RulePolicy policy, AnalysisOptions keep)
        {
            var outcome = new FileOutcome(input);
            byte[] bytes;
            long? size;
            try
            {
                (bytes, size) = ReadBounded(input.FullPath, Limits.Default.MaxFileBytes);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is System.Security.SecurityException)
            {
                outcome.ReadError = e.Message;
                return outcome;
            }
            if (!input.Literal && bytes.AsSpan().IndexOf(Marker) < 0)
            {
                outcome.Skipped = true;
                return outcome;
            }
            var loaded = DescriptorLoader.Load(input.DisplayPath, bytes, input.Literal, fast: BlockMappingReader.Instance);
            if (SuppressionParser.MayHoldDirective(loaded.Comments)) outcome.SuppressionComments = loaded.Comments;
            IEnumerable<Finding> fileFindings = loaded.Findings;
            if (bytes.LongLength > Limits.Default.MaxFileBytes)
            {
                // Only the first limit+1 bytes were read: say the file's real size, not how much of it was read.
                var limit = Limits.Default.MaxFileBytes;
                var what = size is long n ? $"the file is {n} bytes" : $"the file is more than {limit} bytes";
                fileFindings = fileFindings.Select(f => f.RuleId == RuleIds.LimitExceeded ? f.With(message: $"{what}; the limit is {limit} bytes") : f);
            }
            outcome.FileFindings = fileFindings.Select(policy.Apply).Where(f => f != null).Select(f => f!).ToList();
            foreach (var doc in loaded.Documents)
            {
                WorkloadEvaluation? evaluation = doc.Workload is null ? null : evaluator.Evaluate(doc.Workload);
                var result = new DocumentOutcome(doc.Index, doc.Name, doc.Locations.Document, doc.Locations.ValueOf(Fields.Name),
                    keep.KeepEvaluations ? evaluation : null);
                result.Findings.AddRange(doc.Findings.Select(policy.Apply).Where(f => f != null).Select(f => f!));
                if (evaluation != null)
                    result.Findings.AddRange(FindingLocator.Locate(evaluation.Findings, input.DisplayPath, doc.Locations));
                outcome.Documents.Add(result);
            }
            // Code frames need the lines of files with findings; suppression findings (DA0005/DA0006) come
            // later, but only from files whose comments were kept.
            if (keep.KeepSourceLines) outcome.Content = ContentOf(bytes);
            if (keep.KeepSourceLines && (outcome.FileFindings.Count > 0 || outcome.Documents.Any(d => d.Findings.Count > 0) || outcome.SuppressionComments.Count > 0))
                outcome.Lines = DecodeLines(bytes);
            return outcome;
        }

        /// <summary>
        /// Reads at most about limit+1 bytes: a larger file is DA0007 without being read whole. Also returns
        /// the file's size where the file system knows it (not for a pipe).
        /// </summary>
        private static (byte[] Bytes, long? Size) ReadBounded(string path, long limit)
        {
            // A file handle and positioned reads, not a FileStream: lint opens every file once and reads
            // it whole, and the stream's buffering and strategy objects were a measurable part of that.
            using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            long length;
            try
            {
                length = RandomAccess.GetLength(handle);
            }
            catch (NotSupportedException)
            {
                // A pipe or another unseekable file: read it as a stream, up to the limit.
                using var stream = new FileStream(handle, FileAccess.Read, 1);
                return (ReadStreamAtMost(stream, limit), null);
            }
            if (length > limit || length == 0)
            {
                // Too large (DA0007 without reading it whole), or a size the file system does not know
                // (some virtual files report 0): read as a stream, up to the limit.
                using var stream = new FileStream(handle, FileAccess.Read, 1);
                return (ReadStreamAtMost(stream, limit), length == 0 ? (long?)null : length);
            }
            var all = new byte[length];
            int read = 0;
            while (read < all.Length)
            {
                int n = RandomAccess.Read(handle, all.AsSpan(read), read);
                if (n == 0) break;
                read += n;
            }
            return (read == all.Length ? all : all.AsSpan(0, read).ToArray(), length);
        }

        private static byte[] ReadStreamAtMost(FileStream stream, long limit)
        {
            var buffer = new MemoryStream();
            var chunk = new byte[81920];
            while (buffer.Length <= limit)
            {
                int n = stream.Read(chunk, 0, chunk.Length);
                if (n == 0) break;
                buffer.Write(chunk, 0, n);
            }
            return buffer.ToArray();
        }

        private static (long, int) ContentOf(byte[] bytes)
        {
            var hash = new HashCode();
            hash.AddBytes(bytes);
            return (bytes.LongLength, hash.ToHashCode());
        }

        private static string[]? ReadLinesAgain(FileOutcome file)
        {
            try
            {
                var (bytes, _) = ReadBounded(file.Input.FullPath, Limits.Default.MaxFileBytes);
                return ContentOf(bytes) == file.Content ? DecodeLines(bytes) : null;
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is System.Security.SecurityException)
            {
                return null;
            }
        }

        private static string[] DecodeLines(byte[] bytes)
        {
            var text = new UTF8Encoding(false, false).GetString(bytes);
            if (text.Length > 0 && text[0] == '\uFEFF') text = text.Substring(1);
            return text.Replace("\r\n", "\n").Replace('\r', '\n').Split('\n');
        }

        private static void ApplySuppressions(FileOutcome file, RulePolicy policy)
        {
            if (!file.Checked) return;
            // Nearly every file: nothing to suppress and nothing to sort (Suppressor.Apply would return the empty list).
            if (file.SuppressionComments.Count == 0 && file.FileFindings.Count == 0 && file.Documents.All(d => d.Findings.Count == 0)) return;
            var owner = new Dictionary<Finding, List<Finding>>(ReferenceEqualityComparer.Instance);
            foreach (var f in file.FileFindings) owner[f] = file.FileFindings;
            foreach (var doc in file.Documents) foreach (var f in doc.Findings) owner[f] = doc.Findings;
            var starts = file.Documents.Select(d => d.Start.Line).ToList();
            var result = Suppressor.Apply(file.Path, file.SuppressionComments, starts, owner.Keys.ToList(), policy);

            var newFile = new List<Finding>();
            var newDocs = new Dictionary<List<Finding>, List<Finding>>(ReferenceEqualityComparer.Instance);
            foreach (var doc in file.Documents) newDocs[doc.Findings] = new List<Finding>();
            foreach (var f in result.Findings)
            {
                if (owner.TryGetValue(f, out var list))
                {
                    if (ReferenceEquals(list, file.FileFindings)) newFile.Add(f);
                    else newDocs[list].Add(f);
                    continue;
                }
                // DA0005/DA0006 about a comment: the document the comment is in, else the file.
                int line = f.Location?.Span.Line ?? 1;
                var doc = file.Documents.LastOrDefault(d => d.Start.Line <= line);
                if (doc is null) newFile.Add(f);
                else newDocs[doc.Findings].Add(f);
            }
            file.FileFindings = Finding.Sort(newFile).ToList();
            foreach (var doc in file.Documents) doc.Findings = Finding.Sort(newDocs[doc.Findings]).ToList();
            if (file.Lines is null && file.AllFindings.Any()) file.Lines = Array.Empty<string>(); // KeepSourceLines off: no frames
        }
    }
}
