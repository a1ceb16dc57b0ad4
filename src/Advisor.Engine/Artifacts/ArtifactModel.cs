using System;
using System.Collections.Generic;
using System.Linq;
using DeployAdvisor.Engine.Findings;

namespace DeployAdvisor.Engine.Artifacts
{
    // The evidence model of artifacts.md. The 0.2 descriptor fields do not exist in the engine's
    // model yet, so fields are named by their dotted descriptor paths (spec.host.privileged) and
    // values are written as a descriptor writes them: bool, string ("2m", "sandboxed-container"),
    // int (instances) or a sorted set of strings (devices: ["gpu"]). A binder that takes
    // "field path -> value + opaque location" can consume WorkloadFacts.Fields as it is.

    /// <summary>
    /// One input file: its path relative to the scanned root (either separator) and its bytes. The front end
    /// does the I/O: it gives the bytes, or a function that reads them when the scanner reaches the file, so
    /// that a scan of a whole repository never holds every file's bytes at once.
    /// </summary>
    public sealed class ArtifactFile
    {
        private readonly byte[]? _bytes;
        private readonly Func<string, byte[]?>? _read;

        public ArtifactFile(string path, byte[] bytes) { Path = path ?? throw new ArgumentNullException(nameof(path)); _bytes = bytes ?? Array.Empty<byte>(); }

        /// <param name="read">
        /// Reads the file of the path given (this file's <see cref="Path"/>) each time it is called; null when it
        /// cannot be read (the front end reports why), and the scan then goes on as if the file had not been given.
        /// One function can serve every file.
        /// </param>
        public ArtifactFile(string path, Func<string, byte[]?> read)
        {
            Path = path ?? throw new ArgumentNullException(nameof(path));
            _read = read ?? throw new ArgumentNullException(nameof(read));
        }

        public string Path { get; }
        /// <summary>The bytes; empty when a file read on demand cannot be read.</summary>
        public byte[] Bytes => TryRead() ?? Array.Empty<byte>();
        /// <summary>The bytes, or null when a file read on demand cannot be read.</summary>
        public byte[]? TryRead() => _bytes ?? _read!(Path);
    }

    public enum ArtifactKind { Kubernetes, Compose, Dockerfile, Project }

    /// <summary>Where a workload was found: a Kubernetes object, a compose service, a Dockerfile or a project.</summary>
    public sealed class ArtifactSource
    {
        public ArtifactSource(ArtifactKind kind, string description, string rawName, Location location)
        {
            Kind = kind; RawName = rawName; Location = location;
            // A repository's sources are all held until grouping: a description that is a known prefix and the
            // name or the file ("Deployment web", "Dockerfile src/web/Dockerfile") is made again when asked for.
            for (int i = 0; i < Prefixes.Length; i++)
            {
                var prefix = Prefixes[i];
                if (description.Length <= prefix.Length || description[prefix.Length] != ' ' || !description.StartsWith(prefix, StringComparison.Ordinal)) continue;
                int rest = description.Length - prefix.Length - 1;
                if (rest == rawName.Length && string.CompareOrdinal(description, prefix.Length + 1, rawName, 0, rest) == 0) { _prefix = i + 1; return; }
                if (location?.File is string file && rest == file.Length && string.CompareOrdinal(description, prefix.Length + 1, file, 0, rest) == 0) { _prefix = -(i + 1); return; }
            }
            _description = description;
        }

        /// <summary>A source made again from what <see cref="HeldDescription"/> and <see cref="PrefixCode"/> gave.</summary>
        internal ArtifactSource(ArtifactKind kind, string? description, int prefix, string rawName, Location location)
        {
            Kind = kind; RawName = rawName; Location = location; _description = description; _prefix = prefix;
        }

        /// <summary>The description when it is not made from a prefix (see <see cref="PrefixCode"/>).</summary>
        internal string? HeldDescription => _description;
        internal int PrefixCode => _prefix;

        /// <summary>What the readers write before a source's name or file.</summary>
        private static readonly string[] Prefixes =
        {
            "Dockerfile", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "CronJob", "Pod", "VirtualMachine", "VirtualMachineInstance", "compose service", "project",
        };

        private readonly string? _description;
        /// <summary>1 + the prefix's index, followed by the raw name; its negative, followed by the location's file; 0 when the description is held.</summary>
        private readonly int _prefix;

        public ArtifactKind Kind { get; }
        /// <summary>For example "Deployment web", "compose service web", "Dockerfile", "project Web.App".</summary>
        public string Description => _description ?? Prefixes[Math.Abs(_prefix) - 1] + " " + (_prefix > 0 ? RawName : Location.File);
        /// <summary>The name as the artifact writes it (before the descriptor name rules).</summary>
        public string RawName { get; }
        public Location Location { get; }
        public override string ToString() => $"{Description} at {Location}";
    }

    /// <summary>One piece of evidence: a descriptor field, the value it suggests, and where it was read.</summary>
    public sealed class Evidence
    {
        public Evidence(string field, object value, Location location, string text, ArtifactSource source, string? reason = null, bool isFallback = false)
        {
            Field = field; Value = value; Location = location; Text = text; Source = source; Reason = reason; IsFallback = isFallback;
        }

        /// <summary>Descriptor field path, for example <c>spec.host.privileged</c> (see <see cref="Fields"/>).</summary>
        public string Field { get; }
        /// <summary>As a descriptor writes it: bool, string, int, or IReadOnlyList&lt;string&gt; for devices.</summary>
        public object Value { get; }
        public Location Location { get; }
        /// <summary>The source text at the location, for example <c>privileged: true</c>.</summary>
        public string Text { get; }
        public ArtifactSource Source { get; }
        public ArtifactKind Kind => Source.Kind;
        /// <summary>Why the text means the value when that is not obvious (a default, a resolution), or null.</summary>
        public string? Reason { get; }
        /// <summary>
        /// The value the table gives when the artifact says nothing (interface "else headless", replicas
        /// default 1, no sandbox runtime). It still counts as a source for conflicts, as artifacts.md
        /// reads; a front end may choose to show it as weaker evidence.
        /// </summary>
        public bool IsFallback { get; }

        public override string ToString() => $"{Field} = {ArtifactValues.Format(Value)} ({Text} at {Location})";
    }

    /// <summary>The value of one field for a workload with all the evidence for it (unions merge; single-valued fields agree).</summary>
    public sealed class FieldFact
    {
        public FieldFact(string field, object value, IReadOnlyList<Evidence> evidence) { Field = field; Value = value; Evidence = evidence; }
        public string Field { get; }
        public object Value { get; }
        public IReadOnlyList<Evidence> Evidence { get; }
    }

    /// <summary>A single-valued field given different values by different evidence: every value, with its evidence.</summary>
    public sealed class FieldConflict
    {
        public FieldConflict(string field, IReadOnlyList<FieldFact> candidates) { Field = field; Candidates = candidates; }
        public string Field { get; }
        public IReadOnlyList<FieldFact> Candidates { get; }
    }

    public sealed class WorkloadFacts
    {
        internal WorkloadFacts(string name, IReadOnlyList<ArtifactSource> sources, IReadOnlyDictionary<string, FieldFact> fields,
            IReadOnlyList<FieldConflict> conflicts, IReadOnlyList<string> artifacts, IReadOnlyList<string> notes)
        {
            Name = name; Notes = notes; _facts = (sources, fields, conflicts, artifacts);
        }

        /// <summary>The rest is made from <paramref name="facts"/> when first asked for: a reader of the notes alone does not pay for it.</summary>
        internal WorkloadFacts(string name, IReadOnlyList<string> notes,
            Func<(IReadOnlyList<ArtifactSource>, IReadOnlyDictionary<string, FieldFact>, IReadOnlyList<FieldConflict>, IReadOnlyList<string>)> facts)
        {
            Name = name; Notes = notes; _make = facts;
        }

        private (IReadOnlyList<ArtifactSource> Sources, IReadOnlyDictionary<string, FieldFact> Fields, IReadOnlyList<FieldConflict> Conflicts, IReadOnlyList<string> Artifacts)? _facts;
        private Func<(IReadOnlyList<ArtifactSource>, IReadOnlyDictionary<string, FieldFact>, IReadOnlyList<FieldConflict>, IReadOnlyList<string>)>? _make;

        private (IReadOnlyList<ArtifactSource> Sources, IReadOnlyDictionary<string, FieldFact> Fields, IReadOnlyList<FieldConflict> Conflicts, IReadOnlyList<string> Artifacts) Facts
        {
            get
            {
                if (_facts is null) { _facts = _make!(); _make = null; }
                return _facts.Value;
            }
        }

        /// <summary>Descriptor-valid name (artifacts.md, "Grouping and names").</summary>
        public string Name { get; }
        public IReadOnlyList<ArtifactSource> Sources => Facts.Sources;
        /// <summary>Fields whose evidence agrees (or is a union), by descriptor field path, in <see cref="ArtifactFields.All"/> order. Conflicting fields are absent here.</summary>
        public IReadOnlyDictionary<string, FieldFact> Fields => Facts.Fields;
        public IReadOnlyList<FieldConflict> Conflicts => Facts.Conflicts;
        /// <summary>The files this workload was read from, normalized, in order.</summary>
        public IReadOnlyList<string> Artifacts => Facts.Artifacts;
        public IReadOnlyList<string> Notes { get; }

        public object? ValueOf(string field) => Fields.TryGetValue(field, out var f) ? f.Value : null;
    }

    /// <summary>A figure about the platform rather than a workload: a RuntimeClass's memory overhead.</summary>
    public sealed class PlatformFigure
    {
        public PlatformFigure(string runtimeClass, string memoryOverhead, string? suggested, Location location, string text)
        {
            RuntimeClass = runtimeClass; MemoryOverhead = memoryOverhead; Suggested = suggested; Location = location; Text = text;
        }

        public string RuntimeClass { get; }
        /// <summary>The Kubernetes quantity as written (<c>160Mi</c>).</summary>
        public string MemoryOverhead { get; }
        /// <summary>The same as a size literal (<c>160MiB</c>), or null when it is not a whole number of bytes.</summary>
        public string? Suggested { get; }
        public Location Location { get; }
        public string Text { get; }
    }

    public sealed class ArtifactNote
    {
        public ArtifactNote(string file, string message) { File = file; Message = message; }
        public string File { get; }
        public string Message { get; }
        public override string ToString() => $"{File}: {Message}";
    }

    public sealed class ScanResult
    {
        internal ScanResult(IReadOnlyList<WorkloadFacts> workloads, IReadOnlyList<PlatformFigure> platform, IReadOnlyList<Finding> findings, IReadOnlyList<ArtifactNote> notes)
        {
            Workloads = workloads; Platform = platform; Findings = findings; Notes = notes;
        }

        public IReadOnlyList<WorkloadFacts> Workloads { get; }
        public IReadOnlyList<PlatformFigure> Platform { get; }
        /// <summary>DA0001 (malformed artifact) and DA0007 (limit), located with the file.</summary>
        public IReadOnlyList<Finding> Findings { get; }
        public IReadOnlyList<ArtifactNote> Notes { get; }

        public WorkloadFacts? Workload(string name) => Workloads is INamedList named ? named.Named(name) : Workloads.FirstOrDefault(w => w.Name == name);
    }

    /// <summary>Workloads made when asked for (by index or by name) and not kept: a scan of a repository holds their evidence, not their facts.</summary>
    internal interface INamedList
    {
        WorkloadFacts? Named(string name);
    }

    /// <summary>The descriptor field paths the artifacts fill in (workload.md, "Additions in 0.2").</summary>
    public static class ArtifactFields
    {
        public const string Interface = "spec.interface";
        public const string Os = "spec.os";
        public const string WindowsImage = "spec.windows.image";
        public const string Privileged = "spec.host.privileged";
        public const string HostAccess = "spec.host.hostAccess";
        public const string KernelModules = "spec.host.kernelModules";
        public const string Devices = "spec.host.devices";
        public const string Startup = "spec.budgets.startup";
        public const string Instances = "spec.operations.instances";
        public const string Target = "spec.deployment.target";

        private static readonly string[] InOrder = { Interface, Os, WindowsImage, Privileged, HostAccess, KernelModules, Devices, Startup, Instances, Target };
        public static readonly IReadOnlyList<string> All = InOrder;

        /// <summary>A field's place in <see cref="All"/>, or -1: evidence holds its field as this number until its facts are built.</summary>
        internal static int IndexOf(string field)
        {
            // The readers give these constants, so the same string is found by reference first.
            for (int i = 0; i < InOrder.Length; i++) if (ReferenceEquals(InOrder[i], field)) return i;
            return Array.IndexOf(InOrder, field);
        }

        internal static string At(int index) => InOrder[index];
        internal static int Count => InOrder.Length;

        /// <summary>Fields that are unions over every piece of evidence; the others are single-valued and can conflict.</summary>
        public static bool IsUnion(string field) => field == Privileged || field == HostAccess || field == KernelModules || field == Devices;
    }

    internal static class ArtifactValues
    {
        public static string Format(object? value) => value switch
        {
            null => "null",
            bool b => b ? "true" : "false",
            IEnumerable<string> list => "[" + string.Join(", ", list) + "]",
            _ => value.ToString() ?? "",
        };

        public static string Key(object value) => value is IEnumerable<string> list ? "[" + string.Join(",", list) + "]" : Format(value);
    }
}
