using System.Collections.Generic;
using DeployAdvisor.Engine.Loading;
using DeployAdvisor.Engine.Schema;

namespace DeployAdvisor.Engine.Binding
{
    /// <summary>
    /// A YAML document as a field source: mapping entries as fields, scalars resolved by the YAML 1.2
    /// core schema, locations as <see cref="Findings.SourceSpan"/>s (the key's and the value's).
    /// </summary>
    public sealed class YamlFieldSource : IFieldSource
    {
        private readonly YMapping _root;

        public YamlFieldSource(YMapping root) { _root = root; }

        public IEnumerable<SourcedField> FieldsOf(object? container)
        {
            var map = container as YMapping ?? _root;
            foreach (var entry in map.Entries)
            {
                if (!(entry.Key is YScalar key))
                {
                    yield return new SourcedField(null, SourceValue.Null(), entry.Key.Span, entry.Key.Span);
                    continue;
                }
                var node = entry.Value;
                var error = CoreSchema.IsSupportedTag(node.Tag) ? null : $"tag {node.Tag} is not supported; remove it";
                yield return new SourcedField(key.Value, ValueOf(node), key.Span, node.Span, error);
            }
        }

        public IEnumerable<SourcedField> ItemsOf(object? sequence)
        {
            if (!(sequence is YSequence seq)) yield break;
            foreach (var node in seq.Items)
            {
                var error = CoreSchema.IsSupportedTag(node.Tag) ? null : $"tag {node.Tag} is not supported; remove it";
                yield return new SourcedField(null, ValueOf(node), node.Span, node.Span, error);
            }
        }

        private static SourceValue ValueOf(YNode node)
        {
            switch (node)
            {
                case YMapping m: return SourceValue.Mapping(m);
                case YSequence q: return SourceValue.Sequence(q);
            }
            var s = (YScalar)node;
            return CoreSchema.Resolve(s) switch
            {
                ScalarType.Null => SourceValue.Null(s.Value),
                ScalarType.Boolean => SourceValue.Of(CoreSchema.AsBoolean(s), s.Value),
                ScalarType.Integer => SourceValue.Of(CoreSchema.AsInteger(s), s.Value),
                ScalarType.Float => SourceValue.Float(s.Value),
                _ => SourceValue.String(s.Value, s.IsPlain),
            };
        }
    }
}
