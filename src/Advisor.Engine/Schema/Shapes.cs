using System;
using System.Collections;
using System.Collections.Generic;
using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Linq;
using System.Reflection;
using System.Runtime.Serialization;
using System.Text.RegularExpressions;
using DeployAdvisor.Engine.Model;

namespace DeployAdvisor.Engine.Schema
{
    public enum ShapeKind { Object, String, Integer, Boolean, Enum, Duration, Size, List, Any }

    /// <summary>
    /// The shape of one field, derived by reflection from the data-contract classes that also
    /// generate the JSON Schemas (DataMember names, Required, RegularExpression, Range,
    /// StringLength, Description, DefaultValue, EnumMember). It drives the engine's located
    /// validator, so the committed schema and the validator are two views of one model.
    /// </summary>
    public sealed class FieldShape
    {
        internal FieldShape(string name, ShapeKind kind, PropertyInfo? property)
        {
            Name = name; Kind = kind; Property = property;
        }

        public string Name { get; }
        public ShapeKind Kind { get; }
        /// <summary>The field's position among its object's fields (the binder's bit for "seen").</summary>
        internal int Index { get; set; }
        public bool Required { get; internal set; }
        public string? Pattern { get; internal set; }
        internal Regex? PatternRegex { get; set; }
        /// <summary>The value matches the field's pattern (true without one); the regex is compiled once, with the shape.</summary>
        public bool MatchesPattern(string value) => PatternRegex is null || PatternRegex.IsMatch(value);
        public int? MinLength { get; internal set; }
        public int? MaxLength { get; internal set; }
        public long? Minimum { get; internal set; }
        public long? Maximum { get; internal set; }
        public IReadOnlyList<string> EnumValues { get; internal set; } = Array.Empty<string>();
        internal Type? EnumType { get; set; }
        internal object[]? EnumMembers { get; set; }
        /// <summary>The C# names of <see cref="EnumMembers"/>, in the same order: compared as strings, never through Enum.ToString per call.</summary>
        internal string[]? EnumMemberNames { get; set; }
        public ObjectShape? Object { get; internal set; }
        public FieldShape? Item { get; internal set; }
        /// <summary>A sequence whose items must be distinct (a set).</summary>
        public bool UniqueItems { get; internal set; }
        public string? Description { get; internal set; }
        public string? Default { get; internal set; }
        internal PropertyInfo? Property { get; }

        public string KindName => Kind switch
        {
            ShapeKind.Object => "a mapping",
            ShapeKind.List => "a sequence",
            ShapeKind.Integer => "an integer",
            ShapeKind.Boolean => "a boolean (true or false)",
            ShapeKind.Any => "any value",
            _ => "a string",
        };

        /// <summary>The enum value whose model member name is <paramref name="name"/> (SandboxedContainer), as attribute arguments name them.</summary>
        internal object? EnumMemberNamed(string name)
        {
            var names = EnumMemberNames;
            if (names is null) return null;
            for (int i = 0; i < names.Length; i++)
                if (string.Equals(names[i], name, StringComparison.Ordinal)) return EnumMembers![i];
            return null;
        }

        internal object? EnumValue(string text)
        {
            int i = 0;
            foreach (var v in EnumValues)
            {
                if (v == text) return EnumMembers![i];
                i++;
            }
            return null;
        }
    }

    public sealed class ObjectShape
    {
        internal ObjectShape(Type type) { Type = type; }
        public Type Type { get; }
        public IReadOnlyList<FieldShape> Fields
        {
            get => _fields;
            internal set
            {
                _fields = value;
                _byName = value.ToDictionary(f => f.Name, StringComparer.Ordinal);
            }
        }

        public string? Description { get; internal set; }

        // Every key of every mapping is looked up here: a dictionary, not a scan through an interface.
        public FieldShape? Find(string name) => _byName.TryGetValue(name, out var f) ? f : null;

        private IReadOnlyList<FieldShape> _fields = Array.Empty<FieldShape>();
        private Dictionary<string, FieldShape> _byName = new Dictionary<string, FieldShape>(StringComparer.Ordinal);

        private static readonly Dictionary<Type, ObjectShape> Cache = new Dictionary<Type, ObjectShape>();

        // Built once per type under a lock (shapes refer to each other); read lock-free afterwards,
        // since every document of a parallel lint asks for the descriptor's shape.
        private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, ObjectShape> Built = new System.Collections.Concurrent.ConcurrentDictionary<Type, ObjectShape>();

        public static ObjectShape Of(Type type)
        {
            if (Built.TryGetValue(type, out var shape)) return shape;
            lock (Cache)
            {
                shape = Build(type);
                foreach (var pair in Cache) Built.TryAdd(pair.Key, pair.Value);
                return shape;
            }
        }

        [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("Trimming", "IL2070", Justification = Trimming.ModelIsRooted)]
        private static ObjectShape Build(Type type)
        {
            if (Cache.TryGetValue(type, out var cached)) return cached;
            var shape = new ObjectShape(type);
            Cache[type] = shape; // registered before its fields so that recursive types terminate
            shape.Description = type.GetCustomAttribute<DescriptionAttribute>()?.Description;
            var fields = new List<FieldShape>();
            foreach (var p in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                var member = p.GetCustomAttribute<DataMemberAttribute>();
                if (member is null) continue;
                var field = BuildField(member.Name ?? p.Name, p.PropertyType, p);
                field.Index = fields.Count;
                fields.Add(field);
            }
            // The binder marks the fields it has seen in one 64-bit word.
            if (fields.Count > 64) throw new InvalidOperationException($"{type.Name} has more than 64 fields");
            shape.Fields = fields;
            return shape;
        }

        [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("Trimming", "IL2070", Justification = Trimming.ModelIsRooted)]
        private static FieldShape BuildField(string name, Type declared, PropertyInfo? p)
        {
            var type = Nullable.GetUnderlyingType(declared) ?? declared;
            ShapeKind kind;
            Type? itemType = null;
            var literal = p?.GetCustomAttribute<LiteralAttribute>();
            if (literal != null) kind = literal.Kind == LiteralKind.Duration ? ShapeKind.Duration : ShapeKind.Size;
            else if (type == typeof(string)) kind = ShapeKind.String;
            else if (type == typeof(int) || type == typeof(long)) kind = ShapeKind.Integer;
            else if (type == typeof(bool)) kind = ShapeKind.Boolean;
            else if (type.IsEnum) kind = ShapeKind.Enum;
            else if (type == typeof(object)) kind = ShapeKind.Any;
            else if (type.IsGenericType && typeof(IEnumerable).IsAssignableFrom(type)) { kind = ShapeKind.List; itemType = type.GetGenericArguments()[0]; }
            else kind = ShapeKind.Object;

            var f = new FieldShape(name, kind, p);
            if (p != null)
            {
                f.Required = p.GetCustomAttribute<RequiredAttribute>() != null;
                f.Description = p.GetCustomAttribute<DescriptionAttribute>()?.Description;
                var regex = p.GetCustomAttribute<RegularExpressionAttribute>();
                if (regex != null)
                {
                    f.Pattern = regex.Pattern;
                    f.PatternRegex = new Regex(regex.Pattern, RegexOptions.CultureInvariant);
                }
                f.UniqueItems = p.GetCustomAttribute<UniqueItemsAttribute>() != null;
                var length = p.GetCustomAttribute<StringLengthAttribute>();
                if (length != null) { f.MinLength = length.MinimumLength; f.MaxLength = length.MaximumLength; }
                var range = p.GetCustomAttribute<RangeAttribute>();
                if (range != null) { f.Minimum = Convert.ToInt64(range.Minimum); f.Maximum = Convert.ToInt64(range.Maximum); }
                var def = p.GetCustomAttribute<DefaultValueAttribute>()?.Value;
                if (def != null) f.Default = def is Enum e ? EnumName(e) : def is bool b ? (b ? "true" : "false") : Convert.ToString(def, System.Globalization.CultureInfo.InvariantCulture);
            }
            if (kind == ShapeKind.Enum)
            {
                f.EnumType = type;
                f.EnumMembers = type.GetFields(BindingFlags.Public | BindingFlags.Static).Select(x => x.GetValue(null)!).ToArray();
                f.EnumMemberNames = type.GetFields(BindingFlags.Public | BindingFlags.Static).Select(x => x.Name).ToArray();
                f.EnumValues = type.GetFields(BindingFlags.Public | BindingFlags.Static)
                    .Select(x => x.GetCustomAttribute<EnumMemberAttribute>()?.Value ?? x.Name).ToArray();
            }
            if (kind == ShapeKind.Object) f.Object = Build(type);
            if (kind == ShapeKind.List) f.Item = BuildField("item", itemType!, null);
            return f;
        }

        // Enum names are asked for on every evaluation (field values, target names in messages):
        // read the EnumMember attributes once per enum type, not once per call.
        private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, Dictionary<Enum, string>> EnumNames = new System.Collections.Concurrent.ConcurrentDictionary<Type, Dictionary<Enum, string>>();

        [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("Trimming", "IL2070", Justification = Trimming.ModelIsRooted)]
        public static string EnumName(Enum value)
        {
            var names = EnumNames.GetOrAdd(value.GetType(), t => t.GetFields(BindingFlags.Public | BindingFlags.Static)
                .ToDictionary(f => (Enum)f.GetValue(null)!, f => f.GetCustomAttribute<EnumMemberAttribute>()?.Value ?? f.Name));
            return names.TryGetValue(value, out var name) ? name : value.ToString();
        }
    }
}
