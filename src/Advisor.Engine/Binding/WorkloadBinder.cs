using System;
using System.Collections.Generic;
using System.Linq;
using DeployAdvisor.Engine.Findings;
using DeployAdvisor.Engine.Literals;
using DeployAdvisor.Engine.Model;
using DeployAdvisor.Engine.Schema;

namespace DeployAdvisor.Engine.Binding
{
    /// <summary>
    /// A field that breaks the descriptor schema (DA0002), or two fields that contradict each other
    /// (DA0009): which field, why, and where the source wrote it.
    /// </summary>
    public sealed class BindError
    {
        internal BindError(string? field, string message, object? location, string ruleId = RuleIds.SchemaViolation, string? relatedField = null, object? relatedLocation = null)
        {
            Field = field; Message = message; Location = location; RuleId = ruleId; RelatedField = relatedField; RelatedLocation = relatedLocation;
        }

        /// <summary>DA0002 (schema) or DA0009 (contradictory fields); both mean the document is not evaluated.</summary>
        public string RuleId { get; }
        /// <summary>For DA0009: the other field of the contradiction (the first in document order).</summary>
        public string? RelatedField { get; }
        public object? RelatedLocation { get; }

        /// <summary>The dotted path of the field the error is about (null for the document itself).</summary>
        public string? Field { get; }
        public string Message { get; }
        /// <summary>The source's own location (see <see cref="SourcedField"/>).</summary>
        public object? Location { get; }
    }

    public sealed class BindResult
    {
        internal BindResult(Workload? workload, IReadOnlyList<BindError> errors) { Workload = workload; Errors = errors; }

        /// <summary>The workload with the spec's defaults applied; null when any field is in error.</summary>
        public Workload? Workload { get; }
        public IReadOnlyList<BindError> Errors { get; }
    }

    /// <summary>
    /// The one binder of a workload, whatever its source: validates every written field against the
    /// descriptor's shape (names, types, minimums, patterns, enum values, duration and size literals,
    /// required fields) and builds the <see cref="Workload"/> in the same walk, each literal parsed
    /// once. Every problem is a <see cref="BindError"/> naming the field, at the source's location; the
    /// walk goes on past errors so that one document reports all of them. It follows the model's shape,
    /// never the data, so its depth is bounded by the model.
    /// </summary>
    public static class WorkloadBinder
    {
        private static readonly ObjectShape Root = ObjectShape.Of(typeof(WorkloadDescriptor));

        /// <param name="document">Where the document itself is (missing top-level fields are reported there).</param>
        /// <param name="written">Told of every known field as it is read (path, field), for sources that keep a map of locations.</param>
        public static BindResult Bind(IFieldSource source, object? document, Action<string, SourcedField>? written = null)
        {
            var run = new Run(source, written);
            run.BindObject(Root, null, "", document);
            run.CheckContradictions();
            return new BindResult(run.Errors.Count == 0 ? run.Build() : null, run.Errors);
        }

        private sealed class Run
        {
            private readonly IFieldSource _source;
            private readonly Action<string, SourcedField>? _written;
            private readonly Dictionary<string, object> _values = new Dictionary<string, object>(StringComparer.Ordinal);
            public readonly List<BindError> Errors = new List<BindError>();
            private bool _windows; // spec.windows is written (as a mapping)
            // Where the fields of the contradictions (DA0009) are written, and in which order the walk met
            // them: the walk follows the source's order, so that order is document order.
            private Dictionary<string, (int Order, SourcedField Field)>? _contradictable;

            public Run(IFieldSource source, Action<string, SourcedField>? written) { _source = source; _written = written; }

            private void Report(string? field, object? at, string message) => Errors.Add(new BindError(field, message, at));

            public void BindObject(ObjectShape shape, object? container, string path, object? ownerKey)
            {
                ulong seen = 0; // bit i: the field with Index i is written
                List<string>? misspelt = null; // required names that an unknown key is a slip of
                foreach (var field in _source.FieldsOf(container))
                {
                    if (field.Name is null)
                    {
                        Report(path.Length == 0 ? null : path, field.KeyLocation, field.Error ?? $"keys in {Describe(path, "the document")} must be plain names");
                        continue;
                    }
                    var fieldShape = shape.Find(field.Name);
                    var fieldPath = path.Length == 0 ? field.Name : path + "." + field.Name;
                    if (fieldShape is null)
                    {
                        var hint = ShapeBinder.Suggest(field.Name, shape.Fields.Select(f => f.Name));
                        if (hint != null && shape.Find(hint) is FieldShape slipOf && slipOf.Required) (misspelt ??= new List<string>()).Add(hint);
                        Report(fieldPath, field.KeyLocation, UnknownField(shape, field.Name, path, hint));
                        continue;
                    }
                    seen |= 1UL << fieldShape.Index;
                    _written?.Invoke(fieldPath, field);
                    if (IsContradictable(fieldPath))
                    {
                        _contradictable ??= new Dictionary<string, (int, SourcedField)>(StringComparer.Ordinal);
                        _contradictable[fieldPath] = (_contradictable.Count, field);
                    }
                    if (field.Error != null)
                    {
                        Report(fieldPath, field.ValueLocation, fieldPath + ": " + field.Error);
                        continue;
                    }
                    BindValue(fieldShape, field, fieldPath);
                }
                foreach (var f in shape.Fields)
                {
                    // A misspelt required field is one error (the unknown key, with its "did you mean"), not two.
                    if (f.Required && (seen & (1UL << f.Index)) == 0 && !(misspelt?.Contains(f.Name) ?? false) && !(path.Length == 0 && IsEnvelope(f.Name)))
                        Report(path.Length == 0 ? f.Name : path + "." + f.Name, ownerKey, $"{Describe(path, "the document")} lacks the required field '{f.Name}'");
                }
            }

            private void BindValue(FieldShape field, SourcedField written, string path)
            {
                var v = written.Value;
                var at = written.ValueLocation;
                if (v.Kind == SourceValueKind.Null)
                {
                    Report(path, at, field.Required
                        ? $"{path} is empty; it must be {Expected(field)}"
                        : $"{path} is empty; give it {Expected(field)} or omit the key");
                    return;
                }
                if (field.Kind == ShapeKind.Object)
                {
                    if (v.Kind != SourceValueKind.Mapping)
                    {
                        Report(path, at, $"{path} must be a mapping, not {Describe(v)}");
                        return;
                    }
                    if (path == Fields.Windows) _windows = true;
                    BindObject(field.Object!, v.Container, path, written.KeyLocation);
                    return;
                }
                if (field.Kind == ShapeKind.List)
                {
                    BindList(field, v, path, at);
                    return;
                }
                if (BindScalar(field, v, path, path, at) is object value) _values[path] = value;
            }

            /// <summary>
            /// A sequence: each item bound against the item's shape and named by its index
            /// (spec.host.devices[1]); a set's duplicate reported at the duplicate. Bound only when every item is valid.
            /// </summary>
            private void BindList(FieldShape field, SourceValue v, string path, object? at)
            {
                if (v.Kind != SourceValueKind.Sequence)
                {
                    Report(path, at, $"{path} must be a sequence of {Plural(field.Item!)}, not {Describe(v)}");
                    return;
                }
                var items = new List<object>();
                bool valid = true;
                int index = 0;
                foreach (var item in _source.ItemsOf(v.Container))
                {
                    var itemPath = path + "[" + index.ToString(System.Globalization.CultureInfo.InvariantCulture) + "]";
                    index++;
                    if (item.Error != null)
                    {
                        Report(path, item.ValueLocation, itemPath + ": " + item.Error);
                        valid = false;
                        continue;
                    }
                    if (item.Value.Kind == SourceValueKind.Null)
                    {
                        Report(path, item.ValueLocation, $"{itemPath} is empty; give it {Expected(field.Item!)} or remove the item");
                        valid = false;
                        continue;
                    }
                    var value = BindScalar(field.Item!, item.Value, path, itemPath, item.ValueLocation);
                    if (value is null) { valid = false; continue; }
                    if (field.UniqueItems && items.Contains(value))
                    {
                        Report(path, item.ValueLocation, $"{path} lists '{Shorten(item.Value.Text)}' twice; it is a set, each value at most once: remove {itemPath}");
                        valid = false;
                        continue;
                    }
                    items.Add(value);
                }
                if (valid) _values[path] = items;
            }

            /// <summary>A scalar value checked against its shape: the typed value, or null after reporting why not (the error is about <paramref name="fieldPath"/>, its message names <paramref name="path"/>: the field or one of its items).</summary>
            private object? BindScalar(FieldShape field, SourceValue v, string fieldPath, string path, object? at)
            {
                if (v.Kind == SourceValueKind.Mapping || v.Kind == SourceValueKind.Sequence)
                {
                    Report(fieldPath, at, $"{path} must be {Expected(field)}, not {Describe(v)}");
                    return null;
                }
                switch (field.Kind)
                {
                    case ShapeKind.Boolean:
                        if (v.Kind == SourceValueKind.Boolean && v.Boolean is bool b) return b;
                        Report(fieldPath, at, $"{path} must be true or false, not {Describe(v)}");
                        return null;
                    case ShapeKind.Integer:
                    {
                        if (v.Kind != SourceValueKind.Integer)
                        {
                            Report(fieldPath, at, $"{path} must be an integer, not {Describe(v)}");
                            return null;
                        }
                        long min = field.Minimum ?? long.MinValue, max = field.Maximum ?? long.MaxValue;
                        if (v.Integer is null || v.Integer < min || v.Integer > max)
                        {
                            Report(fieldPath, at, $"{path} must be an integer from {min} to {max}; {Shorten(v.Text)} is out of range");
                            return null;
                        }
                        return v.Integer.Value;
                    }
                    case ShapeKind.Enum:
                    {
                        var e = v.Kind == SourceValueKind.String ? field.EnumValue(v.Text)
                            : v.Kind == SourceValueKind.Member ? field.EnumMemberNamed(v.Text) : null;
                        if (e != null) return e;
                        var hint = Suggestions.ForEnum(v.Text, field.EnumValues);
                        Report(fieldPath, at, $"{path} must be one of {string.Join(", ", field.EnumValues)}; '{Shorten(v.Text)}' is not{(hint is null ? "" : $" (did you mean '{hint}'?)")}");
                        return null;
                    }
                }
                if (v.Kind != SourceValueKind.String)
                {
                    Report(fieldPath, at, $"{path} must be {Expected(field)}, not {Describe(v)}");
                    return null;
                }
                var text = v.Text;
                if (field.Kind == ShapeKind.Duration)
                {
                    if (Duration.TryParse(text, out var d, out var error)) return d;
                    else Report(fieldPath, at, $"{path}: {error}; expected {Duration.Allowed}{Suggestions.ForLiteral(text, t => Duration.TryParse(t, out _, out _), Suggestions.DurationUnits)}");
                    return null;
                }
                if (field.Kind == ShapeKind.Size)
                {
                    if (ByteSize.TryParse(text, out var s, out var error)) return s;
                    else Report(fieldPath, at, $"{path}: {error}; expected {ByteSize.Allowed}{Suggestions.ForLiteral(text, t => ByteSize.TryParse(t, out _, out _), Suggestions.SizeUnits)}");
                    return null;
                }
                if (field.MinLength is int minLen && text.Length < minLen || field.MaxLength is int maxLen && text.Length > maxLen)
                {
                    Report(fieldPath, at, $"{path} must be {field.MinLength}-{field.MaxLength} characters long; it has {text.Length}");
                    return null;
                }
                if (!field.MatchesPattern(text))
                {
                    Report(fieldPath, at, $"{path}: '{Shorten(text)}' does not match {field.Pattern}{(field.Description is null ? "" : " (" + field.Description + ")")}");
                    return null;
                }
                return text;
            }

            private static bool IsContradictable(string path)
                => path == Fields.Os || path == Fields.Windows || path == Fields.MultiTenant || path == Fields.Hosts;

            /// <summary>
            /// DA0009: two valid fields that cannot both hold (decisions.md 0.2): multiTenant: true with
            /// hosts: dedicated; windows: with an os other than windows (an absent os is linux). Located at
            /// the second in document order, related to the first; windows: without os at the windows key.
            /// </summary>
            public void CheckContradictions()
            {
                if (_contradictable is null) return;
                if (_values.TryGetValue(Fields.MultiTenant, out var mt) && mt is bool multi && multi
                    && _values.TryGetValue(Fields.Hosts, out var h) && h is HostTenancy hosts && hosts == HostTenancy.Dedicated)
                {
                    Contradiction(Fields.MultiTenant, Fields.Hosts, useKey: false,
                        "spec.security.multiTenant: true and spec.deployment.hosts: dedicated contradict each other: dedicated hosts run only one owner's workloads, so there are no other tenants on them; remove one of the two");
                }
                if (_windows && _contradictable.ContainsKey(Fields.Windows))
                {
                    var os = _values.TryGetValue(Fields.Os, out var o) ? (TargetOs)o : (TargetOs?)null;
                    if (os is null && !_contradictable.ContainsKey(Fields.Os))
                    {
                        var w = _contradictable[Fields.Windows].Field;
                        Errors.Add(new BindError(Fields.Windows, "spec.windows applies only to os: windows, and os is not set (an absent os is linux); set os: windows or remove the windows block", w.KeyLocation, RuleIds.ContradictoryFields));
                    }
                    else if (os is TargetOs written && written != TargetOs.Windows)
                    {
                        Contradiction(Fields.Os, Fields.Windows, useKey: true,
                            $"spec.windows applies only to os: windows, and os is {ObjectShape.EnumName(written)}; set os: windows or remove the windows block");
                    }
                }
            }

            private void Contradiction(string a, string b, bool useKey, string message)
            {
                var (orderA, fieldA) = _contradictable![a];
                var (orderB, fieldB) = _contradictable[b];
                bool aFirst = orderA < orderB;
                var (firstPath, first, secondPath, second) = aFirst ? (a, fieldA, b, fieldB) : (b, fieldB, a, fieldA);
                // The windows block is a mapping: its key is where it is written; other fields at their values.
                object? At(string path, SourcedField f) => useKey && path == Fields.Windows ? f.KeyLocation : f.ValueLocation;
                Errors.Add(new BindError(secondPath, message, At(secondPath, second), RuleIds.ContradictoryFields, firstPath, At(firstPath, first)));
            }

            /// <summary>The workload from the bound values: called only when every field was valid, so every required one is here.</summary>
            public Workload Build()
            {
                T? Get<T>(string path) where T : struct => _values.TryGetValue(path, out var v) ? (T)v : (T?)null;
                string? Text(string path) => _values.TryGetValue(path, out var v) ? (string)v : null;
                int? Int(string path) => _values.TryGetValue(path, out var v) ? (int)(long)v : (int?)null;
                IReadOnlyList<T> List<T>(string path) => _values.TryGetValue(path, out var v) ? ((List<object>)v).Cast<T>().ToArray() : Array.Empty<T>();
                return new Workload(Text(Fields.Name)!, Get<WorkloadInterface>(Fields.Interface)!.Value, Get<Sensitivity>(Fields.Sensitivity)!.Value)
                {
                    Description = Text("metadata.description"),
                    Owner = Text("metadata.owner"),
                    Os = Get<TargetOs>(Fields.Os) ?? TargetOs.Linux,
                    UntrustedCode = Get<bool>(Fields.UntrustedCode) ?? false,
                    MultiTenant = Get<bool>(Fields.MultiTenant) ?? false,
                    KernelModules = Get<bool>(Fields.KernelModules) ?? false,
                    StartupBudget = Get<Duration>(Fields.StartupBudget),
                    SizeBudget = Get<ByteSize>(Fields.SizeBudget),
                    MemoryOverheadBudget = Get<ByteSize>(Fields.MemoryOverheadBudget),
                    ReleasesPerWeek = Int(Fields.ReleasesPerWeek),
                    Instances = Int(Fields.Instances),
                    PlannedTarget = Get<Target>(Fields.Target),
                    HasWindows = _windows,
                    WindowsImage = Get<WindowsImage>(Fields.WindowsImage) ?? WindowsImage.NanoServer,
                    Privileged = Get<bool>(Fields.Privileged) ?? false,
                    HostAccess = Get<bool>(Fields.HostAccess) ?? false,
                    Devices = List<Device>(Fields.Devices),
                    Hosts = Get<HostTenancy>(Fields.Hosts) ?? HostTenancy.Shared,
                    Artifacts = List<string>(Fields.Artifacts),
                };
            }
        }

        /// <summary>
        /// apiVersion and kind say what a document is, which a loader decides before binding (DA0003 when
        /// it is not a v1 Workload): checked when written, never required of a source that has no envelope.
        /// </summary>
        private static bool IsEnvelope(string name) => name == "apiVersion" || name == "kind";

        private static string UnknownField(ObjectShape shape, string name, string path, string? hint)
            => $"unknown field '{Shorten(name)}' in {Describe(path, "the document")}"
               + (hint is null ? "" : $"; did you mean '{hint}'?")
               + $" (allowed: {string.Join(", ", shape.Fields.Select(f => f.Name))})";

        private static string Plural(FieldShape item) => item.Kind == ShapeKind.Enum ? "values from " + string.Join(", ", item.EnumValues) : item.KindName.Replace("a string", "strings");

        private static string Describe(string path, string root) => path.Length == 0 ? root : path;

        private static string Expected(FieldShape field) => field.Kind switch
        {
            ShapeKind.Enum => "one of " + string.Join(", ", field.EnumValues),
            ShapeKind.Duration => "a duration such as 2s",
            ShapeKind.Size => "a size such as 500MB",
            _ => field.KindName,
        };

        private static string Describe(SourceValue v) => v.Kind switch
        {
            SourceValueKind.Null => "empty",
            SourceValueKind.Boolean => $"the boolean {v.Text}",
            SourceValueKind.Integer => $"the integer {Shorten(v.Text)}",
            SourceValueKind.Float => $"the number {Shorten(v.Text)}",
            SourceValueKind.Mapping => "a mapping",
            SourceValueKind.Sequence => "a sequence",
            SourceValueKind.Member => v.Text,
            _ => v.IsPlain ? $"the string '{Shorten(v.Text)}'" : $"the quoted string '{Shorten(v.Text)}'",
        };

        internal static string Shorten(string text) => text.Length <= 40 ? text : text.Substring(0, 37) + "...";
    }
}
