using System;
using System.Collections.Generic;

namespace DeployAdvisor.Engine.Binding
{
    /// <summary>What a value is, as written: the binder checks it against the field's shape.</summary>
    public enum SourceValueKind
    {
        /// <summary>Written empty (YAML null): an error for any field.</summary>
        Null,
        Boolean,
        Integer,
        /// <summary>A number that is not an integer (YAML float).</summary>
        Float,
        String,
        /// <summary>A container whose fields <see cref="IFieldSource.FieldsOf"/> gives.</summary>
        Mapping,
        /// <summary>A container whose items <see cref="IFieldSource.ItemsOf"/> gives.</summary>
        Sequence,
        /// <summary>An enum value named by the model's member name (C# <c>SandboxedContainer</c>), as attribute arguments give them.</summary>
        Member,
    }

    /// <summary>One written value: its kind and its text (for messages), and the typed value where the kind has one.</summary>
    public readonly struct SourceValue
    {
        private SourceValue(SourceValueKind kind, string text, bool plain, long? integer, bool? boolean, object? container)
        {
            Kind = kind; Text = text; IsPlain = plain; Integer = integer; Boolean = boolean; Container = container;
        }

        public SourceValueKind Kind { get; }
        /// <summary>The value as written (a string's content, an integer's digits, a member's name).</summary>
        public string Text { get; }
        /// <summary>Unquoted (YAML plain style); a quoted string is described as such in messages.</summary>
        public bool IsPlain { get; }
        /// <summary>An integer's value; null when it does not fit in 64 bits.</summary>
        public long? Integer { get; }
        /// <summary>A boolean's value; null when the source calls it a boolean but it is neither true nor false (YAML <c>!!bool yes</c>).</summary>
        public bool? Boolean { get; }
        /// <summary>The source's own handle of a mapping or a sequence, passed back to <see cref="IFieldSource.FieldsOf"/> or <see cref="IFieldSource.ItemsOf"/>.</summary>
        public object? Container { get; }

        public static SourceValue Null(string text = "") => new SourceValue(SourceValueKind.Null, text, true, null, null, null);
        public static SourceValue Of(bool value) => new SourceValue(SourceValueKind.Boolean, value ? "true" : "false", true, null, value, null);
        public static SourceValue Of(bool? value, string text) => new SourceValue(SourceValueKind.Boolean, text, true, null, value, null);
        public static SourceValue Of(long? value, string text) => new SourceValue(SourceValueKind.Integer, text, true, value, null, null);
        public static SourceValue Of(long value) => Of(value, value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        public static SourceValue Float(string text) => new SourceValue(SourceValueKind.Float, text, true, null, null, null);
        public static SourceValue String(string text, bool plain = false) => new SourceValue(SourceValueKind.String, text, plain, null, null, null);
        public static SourceValue Mapping(object container) => new SourceValue(SourceValueKind.Mapping, "", true, null, null, container);
        public static SourceValue Sequence(object? container = null) => new SourceValue(SourceValueKind.Sequence, "", true, null, null, container);
        public static SourceValue Member(string memberName) => new SourceValue(SourceValueKind.Member, memberName, true, null, null, null);
    }

    /// <summary>
    /// One field as a source writes it: its name under its container, its value, and where the key and
    /// the value are written. Locations are opaque to the engine: a YAML span, a Roslyn argument, a
    /// manifest line; the binder hands them back with its errors.
    /// </summary>
    public readonly struct SourcedField
    {
        public SourcedField(string? name, SourceValue value, object? keyLocation, object? valueLocation, string? error = null)
        {
            Name = name; Value = value; KeyLocation = keyLocation; ValueLocation = valueLocation; Error = error;
        }

        /// <summary>The field's name; null for a key that is not a plain name (then <see cref="Error"/> says why).</summary>
        public string? Name { get; }
        public SourceValue Value { get; }
        public object? KeyLocation { get; }
        /// <summary>Where the value is written; the key's location when the source has only one.</summary>
        public object? ValueLocation { get; }
        /// <summary>
        /// A problem the source itself found (a YAML tag it does not support, a key that is not a name): the
        /// value is not read, and the error is reported at the value as "path: error" (or, without a name,
        /// as is at the key).
        /// </summary>
        public string? Error { get; }
    }

    /// <summary>
    /// Any source of a workload's fields: YAML nodes (<see cref="YamlFieldSource"/>), attribute arguments,
    /// facts read from manifests (<see cref="FlatFieldSource"/> for sources that know dotted paths).
    /// </summary>
    public interface IFieldSource
    {
        /// <summary>The fields written directly in a container (null: the document), in source order.</summary>
        IEnumerable<SourcedField> FieldsOf(object? container);

        /// <summary>
        /// The items of a sequence (the handle of a <see cref="SourceValueKind.Sequence"/> value), in source
        /// order, each as a field without a name: its value, where it is written, and a problem the source found.
        /// </summary>
        IEnumerable<SourcedField> ItemsOf(object? sequence);
    }

    /// <summary>
    /// A source given as "field path → value + location" (<c>spec.budgets.startup</c> → "2m" at an
    /// argument): the containers on the way are implied, located where <see cref="Document"/> is.
    /// </summary>
    public sealed class FlatFieldSource : IFieldSource
    {
        private readonly Dictionary<string, List<SourcedField>> _byContainer = new Dictionary<string, List<SourcedField>>(StringComparer.Ordinal);

        /// <param name="document">Where the workload as a whole is (the attribute's name, the manifest): containers and missing fields are reported there.</param>
        public FlatFieldSource(object? document) { Document = document; _byContainer[""] = new List<SourcedField>(); }

        public object? Document { get; }

        /// <summary>Adds a field by its dotted path; later additions of the same path are reported as written twice by the binder's caller's choice (they are kept in order).</summary>
        public FlatFieldSource Add(string path, SourceValue value, object? location)
        {
            var parent = "";
            int start = 0;
            while (true)
            {
                int dot = path.IndexOf('.', start);
                if (dot < 0) break;
                var container = path.Substring(0, dot);
                if (!_byContainer.ContainsKey(container))
                {
                    _byContainer[container] = new List<SourcedField>();
                    _byContainer[parent].Add(new SourcedField(path.Substring(start, dot - start), SourceValue.Mapping(container), Document, Document));
                }
                parent = container;
                start = dot + 1;
            }
            _byContainer[parent].Add(new SourcedField(path.Substring(start), value, location, location));
            return this;
        }

        /// <summary>Adds a sequence field by its dotted path: its items with their locations (an attribute's array elements, a flags value's members).</summary>
        public FlatFieldSource AddList(string path, IEnumerable<(SourceValue Value, object? Location)> items, object? location)
        {
            var handle = new ItemList();
            foreach (var (value, at) in items) handle.Items.Add(new SourcedField(null, value, at, at));
            return Add(path, SourceValue.Sequence(handle), location);
        }

        public IEnumerable<SourcedField> FieldsOf(object? container)
            => _byContainer.TryGetValue(container as string ?? "", out var fields) ? fields : (IEnumerable<SourcedField>)Array.Empty<SourcedField>();

        public IEnumerable<SourcedField> ItemsOf(object? sequence)
            => sequence is ItemList list ? list.Items : (IEnumerable<SourcedField>)Array.Empty<SourcedField>();

        private sealed class ItemList { public readonly List<SourcedField> Items = new List<SourcedField>(); }
    }
}
