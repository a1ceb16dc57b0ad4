using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using DeployAdvisor.Engine.Findings;
using DeployAdvisor.Engine.Literals;
using DeployAdvisor.Engine.Loading;

namespace DeployAdvisor.Engine.Schema
{
    /// <summary>
    /// Validates a YAML tree against an <see cref="ObjectShape"/> and binds it to its data-contract
    /// class in one walk: rule files and the config file (workloads, from any source, go through
    /// <see cref="Binding.WorkloadBinder"/>). Every violation is a finding of <paramref name="ruleId"/> at the offending key
    /// or value; binding goes on past errors so that one document reports all of its problems.
    /// The walk follows the shape, never the data, so its depth is bounded by the model.
    /// </summary>
    public sealed class ShapeBinder
    {
        private readonly string _ruleId;
        private readonly List<Finding> _findings;
        private readonly FieldLocations? _locations;

        public ShapeBinder(string ruleId, List<Finding> findings, FieldLocations? locations = null)
        {
            _ruleId = ruleId; _findings = findings; _locations = locations;
        }

        public T? Bind<T>(YNode node, SourceSpan reportAt, string path = "") where T : class
            => BindObject(ObjectShape.Of(typeof(T)), node, reportAt, path) as T;

        [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("Trimming", "IL2072", Justification = Trimming.ModelIsRooted)]
        public object? BindObject(ObjectShape shape, YNode node, SourceSpan ownerKey, string path)
        {
            if (!(node is YMapping map))
            {
                Report(node.Span, $"{Describe(path, "the document")} must be a mapping, not {Kind(node)}");
                return null;
            }
            if (!CoreSchema.IsSupportedTag(map.Tag))
            {
                Report(map.Span, $"tag {map.Tag} is not supported; remove it");
                return null;
            }
            var result = Activator.CreateInstance(shape.Type);
            ulong seen = 0; // bit i: the field with Index i is written
            foreach (var entry in map.Entries)
            {
                if (!(entry.Key is YScalar key))
                {
                    Report(entry.Key.Span, $"keys in {Describe(path, "the document")} must be plain names");
                    continue;
                }
                var field = shape.Find(key.Value);
                var fieldPath = path.Length == 0 ? key.Value : path + "." + key.Value;
                if (field is null)
                {
                    Report(key.Span, UnknownField(shape, key.Value, path));
                    continue;
                }
                seen |= 1UL << field.Index;
                _locations?.Add(fieldPath, key.Span, entry.Value.Span, isContainer: !(entry.Value is YScalar));
                var value = BindValue(field, entry.Value, key.Span, fieldPath);
                if (value != null) field.Property!.SetValue(result, value);
            }
            foreach (var field in shape.Fields)
            {
                if (field.Required && (seen & (1UL << field.Index)) == 0)
                    Report(ownerKey, $"{Describe(path, "the document")} lacks the required field '{field.Name}'");
            }
            return result;
        }

        [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("Trimming", "IL2072", Justification = Trimming.ModelIsRooted)]
        private object? BindValue(FieldShape field, YNode node, SourceSpan keySpan, string path)
        {
            if (!CoreSchema.IsSupportedTag(node.Tag))
            {
                Report(node.Span, $"{path}: tag {node.Tag} is not supported; remove it");
                return null;
            }
            // Raw nodes (rule operands, fixture workloads) are kept as written for the compiler that reads them.
            if (field.Kind == ShapeKind.Any) return node;
            // Resolved once: the null check and the typed checks below both need it.
            var resolved = node is YScalar scalar ? CoreSchema.Resolve(scalar) : ScalarType.String;
            if (node is YScalar && resolved == ScalarType.Null)
            {
                Report(node.Span, field.Required
                    ? $"{path} is empty; it must be {Expected(field)}"
                    : $"{path} is empty; give it {Expected(field)} or omit the key");
                return null;
            }
            switch (field.Kind)
            {
                case ShapeKind.Object:
                    return BindObject(field.Object!, node, keySpan, path);
                case ShapeKind.List:
                {
                    if (!(node is YSequence seq))
                    {
                        Report(node.Span, $"{path} must be a sequence, not {Kind(node)}");
                        return null;
                    }
                    var list = (IList)Activator.CreateInstance(field.Property!.PropertyType)!;
                    int i = 0;
                    foreach (var item in seq.Items)
                    {
                        var v = BindValue(field.Item!, item, item.Span, $"{path}[{i++}]");
                        if (v != null) list.Add(v);
                    }
                    return list;
                }
            }

            if (!(node is YScalar s))
            {
                Report(node.Span, $"{path} must be {Expected(field)}, not {Kind(node)}");
                return null;
            }
            var type = resolved;
            switch (field.Kind)
            {
                case ShapeKind.Boolean:
                {
                    var b = type == ScalarType.Boolean ? CoreSchema.AsBoolean(s) : null;
                    if (b is null) Report(s.Span, $"{path} must be true or false, not {Describe(s, type)}");
                    return b;
                }
                case ShapeKind.Integer:
                {
                    if (type != ScalarType.Integer)
                    {
                        Report(s.Span, $"{path} must be an integer, not {Describe(s, type)}");
                        return null;
                    }
                    var n = CoreSchema.AsInteger(s);
                    long min = field.Minimum ?? long.MinValue, max = field.Maximum ?? long.MaxValue;
                    if (n is null || n < min || n > max)
                    {
                        Report(s.Span, $"{path} must be an integer from {min} to {max}; {Shorten(s.Value)} is out of range");
                        return null;
                    }
                    return field.Property!.PropertyType == typeof(long) || Nullable.GetUnderlyingType(field.Property.PropertyType) == typeof(long) ? (object)n.Value : (int)n.Value;
                }
                case ShapeKind.Enum:
                {
                    var e = type == ScalarType.String ? field.EnumValue(s.Value) : null;
                    if (e is null)
                    {
                        var hint = Suggest(s.Value, field.EnumValues);
                        Report(s.Span, $"{path} must be one of {string.Join(", ", field.EnumValues)}; '{Shorten(s.Value)}' is not{(hint is null ? "" : $" (did you mean '{hint}'?)")}");
                    }
                    return e;
                }
                default:
                {
                    if (type != ScalarType.String)
                    {
                        Report(s.Span, $"{path} must be {Expected(field)}, not {Describe(s, type)}");
                        return null;
                    }
                    string? error = null;
                    if (field.Kind == ShapeKind.Duration && !Duration.TryParse(s.Value, out _, out error)
                        || field.Kind == ShapeKind.Size && !ByteSize.TryParse(s.Value, out _, out error))
                    {
                        Report(s.Span, $"{path}: {error}; expected {(field.Kind == ShapeKind.Duration ? Duration.Allowed : ByteSize.Allowed)}");
                        return null;
                    }
                    if (field.MinLength is int minLen && s.Value.Length < minLen || field.MaxLength is int maxLen && s.Value.Length > maxLen)
                    {
                        Report(s.Span, $"{path} must be {field.MinLength}-{field.MaxLength} characters long; it has {s.Value.Length}");
                        return null;
                    }
                    if (field.Kind == ShapeKind.String && !field.MatchesPattern(s.Value))
                    {
                        Report(s.Span, $"{path}: '{Shorten(s.Value)}' does not match {field.Pattern}{(field.Description is null ? "" : " (" + field.Description + ")")}");
                        return null;
                    }
                    return s.Value;
                }
            }
        }

        private void Report(SourceSpan span, string message)
            => _findings.Add(new Finding(_ruleId, Severity.Error, message, location: new Location(null, span)));

        private static string UnknownField(ObjectShape shape, string name, string path)
        {
            var names = shape.Fields.Select(f => f.Name).ToList();
            var hint = Suggest(name, names);
            return $"unknown field '{Shorten(name)}' in {Describe(path, "the document")}"
                + (hint is null ? "" : $"; did you mean '{hint}'?")
                + $" (allowed: {string.Join(", ", names)})";
        }

        private static string Describe(string path, string root) => path.Length == 0 ? root : path;

        private static string Expected(FieldShape field) => field.Kind switch
        {
            ShapeKind.Enum => "one of " + string.Join(", ", field.EnumValues),
            ShapeKind.Duration => "a duration such as 2s",
            ShapeKind.Size => "a size such as 500MB",
            _ => field.KindName,
        };

        private static string Kind(YNode node) => node switch
        {
            YMapping => "a mapping",
            YSequence => "a sequence",
            YScalar s => Describe(s, CoreSchema.Resolve(s)),
            _ => "a value",
        };

        private static string Describe(YScalar s, ScalarType type) => type switch
        {
            ScalarType.Null => "empty",
            ScalarType.Boolean => $"the boolean {s.Value}",
            ScalarType.Integer => $"the integer {Shorten(s.Value)}",
            ScalarType.Float => $"the number {Shorten(s.Value)}",
            _ => s.IsPlain ? $"the string '{Shorten(s.Value)}'" : $"the quoted string '{Shorten(s.Value)}'",
        };

        private static string Shorten(string text) => text.Length <= 40 ? text : text.Substring(0, 37) + "...";

        /// <summary>The closest allowed name within edit distance 2, for "did you mean" hints.</summary>
        public static string? Suggest(string given, IEnumerable<string> allowed)
        {
            if (given.Length > 64) return null;
            string? best = null;
            int bestDistance = 3;
            foreach (var a in allowed)
            {
                int d = Distance(given.ToLowerInvariant(), a.ToLowerInvariant());
                if (d < bestDistance) { bestDistance = d; best = a; }
            }
            return best;
        }

        private static int Distance(string a, string b)
        {
            var prev = new int[b.Length + 1];
            var cur = new int[b.Length + 1];
            for (int j = 0; j <= b.Length; j++) prev[j] = j;
            for (int i = 1; i <= a.Length; i++)
            {
                cur[0] = i;
                for (int j = 1; j <= b.Length; j++)
                    cur[j] = Math.Min(Math.Min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
                var t = prev; prev = cur; cur = t;
            }
            return prev[b.Length];
        }
    }
}
