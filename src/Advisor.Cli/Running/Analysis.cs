using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using DeployAdvisor.Engine.Checking;
using DeployAdvisor.Engine.Evaluation;
using DeployAdvisor.Engine.Findings;
using DeployAdvisor.Engine.Loading;

namespace DeployAdvisor.Cli.Running
{
    /// <summary>What a run keeps of each file beyond its findings; lint needs less than recommend.</summary>
    public sealed class AnalysisOptions
    {
        /// <summary>Keep each workload's evaluation (ranking, recommendation): recommend prints them, lint does not.</summary>
        public bool KeepEvaluations { get; init; } = true;
        /// <summary>Keep the lines of files with findings, for code frames in text output.</summary>
        public bool KeepSourceLines { get; init; } = true;
        /// <summary>Findings this baseline holds are left out of the run (lint --baseline), matched in the run's order.</summary>
        public DeployAdvisor.Engine.Baselines.Baseline? Baseline { get; init; }

        public static readonly AnalysisOptions All = new AnalysisOptions();
    }

    /// <summary>One input file of a run: how reading it went and, when it was checked, the engine's result.</summary>
    public sealed class FileOutcome
    {
        public FileOutcome(InputFile input) { Input = input; }

        public InputFile Input { get; }
        public string Path => Input.DisplayPath;
        /// <summary>A scanned file without the text deployadvisor/: skipped unparsed.</summary>
        public bool Skipped { get; internal set; }
        public string? ReadError { get; internal set; }
        /// <summary>The engine's result; null when the file was skipped or could not be read.</summary>
        public CheckedFile? Result { get; internal set; }
        public bool Checked => !Skipped && ReadError is null;

        /// <summary>The artifact files its descriptors were compared with (lint against spec.artifacts), as findings name them.</summary>
        internal IReadOnlyList<string> ArtifactFiles { get; set; } = Array.Empty<string>();

        public IReadOnlyList<CheckedDocument> Documents => Result?.Documents ?? Array.Empty<CheckedDocument>();
        public IReadOnlyList<Finding> FileFindings => Result?.FileFindings ?? Array.Empty<Finding>();
        public IReadOnlyList<YComment> SuppressionComments => Result?.SuppressionComments ?? Array.Empty<YComment>();
        /// <summary>The file's findings in <see cref="Finding.Order"/> (the order every format writes).</summary>
        public IEnumerable<Finding> AllFindings => Visible(Result?.AllFindings ?? Array.Empty<Finding>());

        /// <summary>Findings a baseline holds: left out of every format and of the run's counts.</summary>
        internal HashSet<Finding>? Hidden { get; set; }

        /// <summary>These findings without those the run's baseline holds (a document's findings, the file's own).</summary>
        public IEnumerable<Finding> Visible(IEnumerable<Finding> findings)
            => Hidden is null ? findings : findings.Where(f => !Hidden.Contains(f));

        /// <summary>The file's lines for code frames: kept for files with findings or suppression comments, when asked for.</summary>
        public string[]? Lines { get; internal set; }

        // The file's bytes between checking and finishing, so that a finding added then (DA0004) still
        // gets its code frame; dropped when the file is finished.
        internal byte[]? Bytes { get; set; }

        /// <summary>
        /// What recommend lists for the file, in document order: each document, and the findings about
        /// the file itself (DA0001, DA0007, …) where the first of them is, among the documents.
        /// </summary>
        public IEnumerable<(CheckedDocument? Document, IReadOnlyList<Finding> Findings)> Entries()
        {
            var docs = Documents;
            var own = FileFindings;
            int at = own.Count == 0 ? -1 : own[0].Location?.Span.Line ?? 1;
            bool placed = own.Count == 0;
            foreach (var d in docs)
            {
                if (!placed && at < d.Start.Line) { placed = true; yield return (null, own); }
                yield return (d, d.Findings);
            }
            if (!placed) yield return (null, own);
        }
    }

    /// <summary>
    /// What outlives the files of a run: the counts that the summaries and the exit code need, and the
    /// problems reported on standard error. Nothing in it grows with the number of findings.
    /// </summary>
    public sealed class RunSummary
    {
        public RunSummary(InputSet inputs)
        {
            Inputs = inputs;
            _scanFound = new bool[inputs.Scans.Count == 0 ? 0 : inputs.Scans.Max(s => s.Index) + 1];
        }

        private readonly bool[] _scanFound;
        private readonly List<(string Path, string Reason)> _unreadable = new List<(string, string)>();

        public InputSet Inputs { get; }
        /// <summary>Files checked (neither skipped nor unreadable).</summary>
        public int FileCount { get; private set; }
        public int WorkloadCount { get; private set; }
        public int Errors { get; private set; }
        public int Warnings { get; private set; }
        public int Infos { get; private set; }
        public int FindingCount => Errors + Warnings + Infos;
        /// <summary>A finding that means the input was not understood (DA0001–DA0003, DA0007).</summary>
        public bool HasInputError { get; private set; }
        /// <summary>The highest severity of any finding; null when there is none.</summary>
        public Severity? Highest { get; private set; }

        public IEnumerable<(string Path, string Reason)> Unreadable => _unreadable.Concat(Inputs.Unreadable);

        /// <summary>Directory and glob arguments under which no descriptor was found (nothing to check).</summary>
        public IEnumerable<string> EmptyScans => Inputs.Scans.Where(s => !_scanFound[s.Index]).Select(s => s.Argument);

        /// <summary>The paths named no YAML file at all.</summary>
        public bool NoInput => Inputs.Files.Count == 0 && !Unreadable.Any();

        /// <summary>
        /// Nothing was checked and the run says so on standard error (exit 2): no file held anything to
        /// report, and the paths hold no YAML file or every scan came up empty. No result is written then.
        /// </summary>
        public bool NothingChecked => !_anyResult && (NoInput || EmptyScans.Any());

        private bool _anyResult;

        internal void Add(FileOutcome file)
        {
            if (file.ReadError != null) { _unreadable.Add((file.Path, file.ReadError)); return; }
            if (!file.Checked) return;
            FileCount++;
            WorkloadCount += file.Documents.Count;
            bool found = file.Documents.Count > 0 || file.FileFindings.Count > 0;
            if (found)
            {
                _anyResult = true;
                foreach (var a in file.Input.Arguments) if (a < _scanFound.Length) _scanFound[a] = true;
            }
            foreach (var f in file.AllFindings)
            {
                switch (f.Severity)
                {
                    case Severity.Error: Errors++; break;
                    case Severity.Warning: Warnings++; break;
                    default: Infos++; break;
                }
                if (Highest is null || f.Severity > Highest) Highest = f.Severity;
                if (RuleIds.IsFixedError(f.RuleId)) HasInputError = true;
            }
        }
    }

    /// <summary>A whole run held in memory (tests and small tools); the commands stream instead (<see cref="Analyzer.Stream"/>).</summary>
    public sealed class Analysis
    {
        public Analysis(IReadOnlyList<FileOutcome> files, RunSummary summary)
        {
            Files = files;
            Summary = summary;
        }

        /// <summary>Files in ordinal order of their display path.</summary>
        public IReadOnlyList<FileOutcome> Files { get; }
        public RunSummary Summary { get; }
        public InputSet Inputs => Summary.Inputs;
        public IReadOnlyList<Finding> Findings => Files.SelectMany(f => f.AllFindings).ToList();
        public IEnumerable<FileOutcome> Checked => Files.Where(f => f.Checked);
        public int FileCount => Summary.FileCount;
        public int WorkloadCount => Summary.WorkloadCount;
    }

    /// <summary>
    /// Runs the engine's check over the input files: reading and checking in parallel, finishing in
    /// ordinal path order on the calling thread, each file handed on as soon as it is final.
    /// </summary>
    public static class Analyzer
    {
        private static readonly byte[] Marker = Encoding.ASCII.GetBytes(DescriptorLoader.ApiGroupPrefix);

        /// <summary>Checks every file and keeps the outcomes (for tests; the commands use <see cref="Stream"/>).</summary>
        public static Analysis Run(Session session, InputSet inputs, int jobs, CancellationToken cancel, AnalysisOptions? keep = null)
        {
            var files = new List<FileOutcome>();
            var summary = Stream(session, inputs, jobs, cancel, keep, files.Add);
            return new Analysis(files, summary);
        }

        /// <summary>
        /// Checks every file and gives each outcome to <paramref name="onFile"/> in ordinal path order, as
        /// soon as it and every file before it are done. Only a bounded window of files is held at once.
        /// </summary>
        public static RunSummary Stream(Session session, InputSet inputs, int jobs, CancellationToken cancel, AnalysisOptions? keep, Action<FileOutcome> onFile)
        {
            keep ??= AnalysisOptions.All;
            var checker = session.CreateChecker();
            var run = checker.StartRun();
            // For this run only: descriptors that name the same artifact files share one read and scan. Files are
            // checked in path order, a few at a time: a file set asked for again is asked while the checks in flight
            // and their neighbours are, so a new scan is held among that many only. Each scan held when the
            // garbage collector runs is promoted, and 64 of them were a quarter of its work (docs/performance.md).
            var artifactCache = new Engine.Artifacts.ArtifactRunCache(recent: Math.Min(64, Math.Max(8, 4 * jobs)));
            var summary = new RunSummary(inputs);
            var files = inputs.Files.OrderBy(f => f.DisplayPath, StringComparer.Ordinal).ToArray();
            int delay = int.TryParse(Environment.GetEnvironmentVariable("DEPLOYADVISOR_TEST_FILE_DELAY_MS"), out var d) ? d : 0;

            using var window = new OrderedWindow<FileOutcome>(files.Length, Math.Max(1, jobs), cancel, i =>
            {
                if (delay > 0) Task.Delay(delay, cancel).Wait(cancel); // test hook: lets a test interrupt a run in flight
                return CheckFile(files[i], checker, keep, session.WorkingDirectory, artifactCache);
            });
            for (int i = 0; i < files.Length; i++)
            {
                var outcome = window.Take(i);
                if (outcome.Result != null)
                {
                    run.Finish(outcome.Result);
                    if (keep.Baseline != null)
                    {
                        keep.Baseline.Checked(outcome.Result.Path);
                        foreach (var artifact in outcome.ArtifactFiles) keep.Baseline.Checked(artifact);
                        foreach (var f in outcome.Result.AllFindings)
                        {
                            keep.Baseline.Checked(f.Location?.File);
                            if (keep.Baseline.Matches(f)) (outcome.Hidden ??= new HashSet<Finding>(ReferenceEqualityComparer.Instance)).Add(f);
                        }
                    }
                    if (keep.KeepSourceLines && outcome.Bytes != null && (outcome.Result.HasFindings || outcome.SuppressionComments.Count > 0))
                        outcome.Lines = DecodeLines(outcome.Bytes);
                }
                outcome.Bytes = null;
                summary.Add(outcome);
                onFile(outcome);
            }
            cancel.ThrowIfCancellationRequested();
            return summary;
        }

        private static FileOutcome CheckFile(InputFile input, WorkloadChecker checker, AnalysisOptions keep, string cwd, Engine.Artifacts.ArtifactRunCache artifactCache)
        {
            var outcome = new FileOutcome(input);
            byte[] bytes;
            long? size;
            try
            {
                (bytes, size) = input.Stdin
                    ? (ReadStreamAtMost(Console.OpenStandardInput(), Limits.Default.MaxFileBytes), (long?)null)
                    : input.Literal ? ReadBounded(input.FullPath, Limits.Default.MaxFileBytes) : ReadFound(input.FullPath, Limits.Default.MaxFileBytes);
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
            if (bytes.LongLength > Limits.Default.MaxFileBytes)
            {
                // Only the first limit+1 bytes were read: say the file's real size, not how much of it was read.
                var limit = Limits.Default.MaxFileBytes;
                var what = size is long n ? $"the file is {n} bytes" : $"the file is more than {limit} bytes";
                loaded = loaded.WithFindings(loaded.Findings.Select(f => f.RuleId == RuleIds.LimitExceeded ? f.With(message: $"{what}; the limit is {limit} bytes") : f).ToList());
            }
            // spec.artifacts entries are resolved next to the descriptor; only a descriptor that names some pays for it.
            var artifacts = loaded.Documents.Any(d => d.Workload != null && d.Workload.Artifacts.Count > 0) ? ArtifactFiles.For(input, bytes, cwd, artifactCache) : null;
            outcome.Result = checker.Check(loaded, keep.KeepEvaluations, artifacts);
            if (artifacts != null) outcome.ArtifactFiles = artifacts.ScannedFiles;
            if (keep.KeepSourceLines) outcome.Bytes = bytes;
            return outcome;
        }

        /// <summary>
        /// A file a folder walk or a spec.artifacts entry found, rather than one named on the command line: opened
        /// without blocking (<see cref="NonBlockingOpen"/>), so a FIFO, socket or terminal reads as empty instead of
        /// waiting for a writer (a walk skips it then, as any file without a descriptor). A regular file of its length
        /// up to the limit is read whole; anything else is read as <see cref="ReadBounded"/> reads it, as on other systems.
        /// </summary>
        internal static (byte[] Bytes, long? Size) ReadFound(string path, long limit)
        {
            using (var handle = NonBlockingOpen.TryOpen(path, out bool notAFile))
            {
                // A socket found by a walk or named in spec.artifacts: empty, as a FIFO reads, not a read error that fails the run.
                if (notAFile) return (Array.Empty<byte>(), null);
                if (handle != null)
                {
                    try
                    {
                        long length;
                        try { length = RandomAccess.GetLength(handle); }
                        catch (NotSupportedException) { return (Array.Empty<byte>(), null); }
                        if (length > 0 && length <= limit) return (ReadAll(handle, length), length);
                    }
                    catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
                    {
                        // A folder, say: the read below says what it is, in the words it always used.
                    }
                }
            }
            if (!NonBlockingOpen.Available && IsEmptyOrNotAFile(path)) return (Array.Empty<byte>(), null);
            return ReadBounded(path, limit);
        }

        /// <summary>
        /// Where a file cannot be opened without blocking (other systems than Linux): its length first, as infer reads
        /// there, and no open when it is 0, so a FIFO, a socket or a device a walk finds is never opened (opening a FIFO
        /// waits for a writer). An empty file reads as empty either way. A missing file or a folder is left to the read,
        /// which says what it is.
        /// </summary>
        private static bool IsEmptyOrNotAFile(string path)
        {
            try
            {
                var info = new FileInfo(path);
                return info.Exists && info.Length == 0;
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is System.Security.SecurityException)
            {
                return false;
            }
        }

        /// <summary>
        /// Reads at most about limit+1 bytes: a larger file is DA0007 without being read whole. Also returns
        /// the file's size where the file system knows it (not for a pipe). Artifacts are read the same way.
        /// </summary>
        internal static (byte[] Bytes, long? Size) ReadBounded(string path, long limit)
        {
            // A file handle and positioned reads, not a FileStream: lint opens every file once and reads it
            // whole, and the stream's buffering and strategy objects cost time per file.
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
            return (ReadAll(handle, length), length);
        }

        /// <summary>
        /// No more than <paramref name="length"/> bytes, by positioned reads: no stream, buffer or read-ahead advice
        /// per file. Fewer when the file is shorter than its length said.
        /// </summary>
        internal static byte[] ReadAll(Microsoft.Win32.SafeHandles.SafeFileHandle handle, long length)
        {
            var buffer = new byte[length];
            int total = 0;
            while (total < buffer.Length)
            {
                int n = RandomAccess.Read(handle, buffer.AsSpan(total), total);
                if (n == 0) break;
                total += n;
            }
            return total == buffer.Length ? buffer : buffer.AsSpan(0, total).ToArray();
        }

        private static byte[] ReadStreamAtMost(Stream stream, long limit)
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

        private static string[] DecodeLines(byte[] bytes)
        {
            var text = new UTF8Encoding(false, false).GetString(bytes);
            if (text.Length > 0 && text[0] == '\uFEFF') text = text.Substring(1);
            return text.Replace("\r\n", "\n").Replace('\r', '\n').Split('\n');
        }
    }

    /// <summary>
    /// Computes items 0..n-1 on <c>workers</c> threads and hands them out in index order, holding at most
    /// a window of finished-but-not-taken items, so that memory stays flat however many files a run has.
    /// </summary>
    internal sealed class OrderedWindow<T> : IDisposable where T : class
    {
        private readonly T?[] _items;
        private readonly SemaphoreSlim _free;
        private readonly CancellationTokenSource _stop;
        private readonly Task[] _workers;
        private readonly object _gate = new object();
        private int _next = -1;
        private Exception? _failure;

        public OrderedWindow(int count, int workers, CancellationToken cancel, Func<int, T> compute)
        {
            _items = new T?[count];
            int size = Math.Max(64, workers * 16);
            _free = new SemaphoreSlim(size, size);
            _stop = CancellationTokenSource.CreateLinkedTokenSource(cancel);
            var token = _stop.Token;
            _workers = new Task[Math.Min(workers, Math.Max(1, count))];
            for (int w = 0; w < _workers.Length; w++)
            {
                _workers[w] = Task.Factory.StartNew(() =>
                {
                    try
                    {
                        while (true)
                        {
                            _free.Wait(token);
                            int i = Interlocked.Increment(ref _next);
                            if (i >= count) return;
                            var item = compute(i);
                            lock (_gate)
                            {
                                _items[i] = item;
                                Monitor.PulseAll(_gate);
                            }
                        }
                    }
                    catch (Exception e)
                    {
                        lock (_gate)
                        {
                            _failure ??= e;
                            Monitor.PulseAll(_gate);
                        }
                    }
                }, token, TaskCreationOptions.LongRunning, TaskScheduler.Default);
            }
            _cancel = cancel;
        }

        private readonly CancellationToken _cancel;

        /// <summary>Waits for item i (taken in order 0, 1, 2, …) and releases its place in the window.</summary>
        public T Take(int i)
        {
            T? item;
            lock (_gate)
            {
                while ((item = _items[i]) is null)
                {
                    if (_failure != null)
                    {
                        _cancel.ThrowIfCancellationRequested();
                        System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(_failure).Throw();
                    }
                    _cancel.ThrowIfCancellationRequested();
                    Monitor.Wait(_gate, 100);
                }
                _items[i] = null;
            }
            _free.Release();
            return item;
        }

        public void Dispose()
        {
            _stop.Cancel();
            // Workers blocked in a read that cannot see the cancellation (a FIFO) are left behind: the
            // process is ending with the interrupt.
            // (The token source is not disposed: such a worker may still hold its token.)
            try { Task.WaitAll(_workers, 1000); } catch (AggregateException) { }
        }
    }
}
