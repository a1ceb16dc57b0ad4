using System;
using System.Collections.Generic;
using System.Linq;
using DeployAdvisor.Engine.Model;

namespace DeployAdvisor.Engine.Rules
{
    /// <summary>What a condition is evaluated against: a workload, the target at hand, and what is known so far.</summary>
    public sealed class ConditionContext
    {
        internal ConditionContext(Workload workload, PlatformProfiles profiles, Target? target)
        {
            Workload = workload; Profiles = profiles; Target = target;
        }

        /// <summary>
        /// A context over fields read elsewhere (an evidence rule's declaration, possibly incomplete): no
        /// target, so only field conditions apply; the workload is not there to ask.
        /// </summary>
        internal ConditionContext(Func<string, FieldValue> fields, PlatformProfiles profiles)
        {
            _fields = fields; Workload = null!; Profiles = profiles;
        }

        private readonly Func<string, FieldValue>? _fields;

        /// <summary>A field's value, from the workload or the context's own reader.</summary>
        internal FieldValue Get(string path) => _fields != null ? _fields(path) : Workload.Get(path);

        public Workload Workload { get; }
        public PlatformProfiles Profiles { get; }
        /// <summary>The target an exclude rule is being evaluated for; profile figures refer to it.</summary>
        public Target? Target { get; }
        internal TargetSet? Feasible { get; set; }
        internal Target? Recommendation { get; set; }
        internal ISet<string>? Reported { get; set; }
    }

    /// <summary>
    /// A set of targets as bits. The analyzers evaluate every [Workload] inside the compiler, where a
    /// HashSet of an enum is JIT-compiled afresh in each build and runs unoptimised; this runs as the
    /// engine's own precompiled-or-trivial code.
    /// </summary>
    internal sealed class TargetSet
    {
        private int _bits;

        public bool Contains(Target target) => (_bits & (1 << (int)target)) != 0;
        public void Add(Target target) => _bits |= 1 << (int)target;
        public bool IsEmpty => _bits == 0;
    }

    /// <summary>A compiled, immutable condition. Evaluation is pure; it records the fields that made it hold.</summary>
    public abstract class Condition
    {
        public abstract bool Evaluate(ConditionContext context, List<string> firedFields);

        /// <summary>The smallest set of changes that would make the condition false, in words.</summary>
        public abstract IReadOnlyList<string> Relax(ConditionContext context);

        public virtual IEnumerable<string> ReportedRules() => Enumerable.Empty<string>();
    }

    internal sealed class AllCondition : Condition
    {
        private readonly IReadOnlyList<Condition> _items;
        public AllCondition(IReadOnlyList<Condition> items) { _items = items; }

        // The children add to the caller's list, and when one fails, what they added is taken back.
        // A list of its own per evaluation was most of what evaluating allocated.
        public override bool Evaluate(ConditionContext context, List<string> firedFields)
        {
            int before = firedFields.Count;
            for (int i = 0; i < _items.Count; i++)
            {
                if (!_items[i].Evaluate(context, firedFields))
                {
                    firedFields.RemoveRange(before, firedFields.Count - before);
                    return false;
                }
            }
            return true;
        }

        // Falsifying any one child is enough: take the cheapest (fewest changes).
        public override IReadOnlyList<string> Relax(ConditionContext context)
            => _items.Select(c => c.Relax(context)).Where(r => r.Count > 0).OrderBy(r => r.Count).FirstOrDefault() ?? Array.Empty<string>();

        public override IEnumerable<string> ReportedRules() => _items.SelectMany(c => c.ReportedRules());
    }

    internal sealed class AnyCondition : Condition
    {
        private readonly IReadOnlyList<Condition> _items;
        public AnyCondition(IReadOnlyList<Condition> items) { _items = items; }

        public override bool Evaluate(ConditionContext context, List<string> firedFields)
        {
            bool any = false;
            for (int i = 0; i < _items.Count; i++)   // indexed: foreach over an IReadOnlyList boxes its enumerator
                if (_items[i].Evaluate(context, firedFields)) any = true;
            return any;
        }

        // Every child that holds must be falsified.
        public override IReadOnlyList<string> Relax(ConditionContext context)
            => _items.Where(c => c.Evaluate(context, new List<string>())).SelectMany(c => c.Relax(context)).ToList();

        public override IEnumerable<string> ReportedRules() => _items.SelectMany(c => c.ReportedRules());
    }

    internal sealed class NotCondition : Condition
    {
        private readonly Condition _inner;
        public NotCondition(Condition inner) { _inner = inner; }
        // Records nothing: what made the inner condition hold or fail is not why this one holds.
        public override bool Evaluate(ConditionContext context, List<string> firedFields)
        {
            int before = firedFields.Count;
            bool inner = _inner.Evaluate(context, firedFields);
            firedFields.RemoveRange(before, firedFields.Count - before);
            return !inner;
        }
        public override IReadOnlyList<string> Relax(ConditionContext context) => new[] { "the opposite of: " + string.Join(" and ", _inner.Relax(context)) };
        public override IEnumerable<string> ReportedRules() => _inner.ReportedRules();
    }

    internal enum Comparison { Equals, NotEquals, In, LessThan, AtMost, GreaterThan, AtLeast, IsSet, IsNotSet, SubsetOf, NotSubsetOf, Contains, NotContains }

    /// <summary>An operand: a literal value, or a figure of the profile of the target being evaluated.</summary>
    internal readonly struct Operand
    {
        public Operand(FieldValue value) { Value = value; Figure = null; }
        public Operand(ProfileFigure figure) { Value = default; Figure = figure; }
        public FieldValue Value { get; }
        public ProfileFigure? Figure { get; }

        public FieldValue Resolve(ConditionContext context)
        {
            if (Figure is ProfileFigure f)
                return context.Target is Target t ? context.Profiles.Get(t).Figure(f, context.Workload.Os, context.Workload.WindowsImage) : FieldValue.Absent;
            return Value;
        }

        public string Describe(ConditionContext context)
            => Figure is ProfileFigure f && context.Target is Target t ? Resolve(context).ToString() : Value.ToString();
    }

    internal sealed class FieldCondition : Condition
    {
        private readonly string _field;
        private readonly Comparison _op;
        private readonly IReadOnlyList<Operand> _operands;

        public FieldCondition(string field, Comparison op, IReadOnlyList<Operand> operands)
        {
            _field = field; _op = op; _operands = operands;
        }

        public override bool Evaluate(ConditionContext context, List<string> firedFields)
        {
            var value = context.Get(_field);
            bool holds = Holds(value, context);
            if (holds) firedFields.Add(_field);
            return holds;
        }

        private bool Holds(FieldValue value, ConditionContext context)
        {
            switch (_op)
            {
                case Comparison.IsSet: return !value.IsAbsent;
                case Comparison.IsNotSet: return value.IsAbsent;
            }
            if (value.IsAbsent) return false;
            switch (_op)
            {
                case Comparison.Equals: return value.Equals(_operands[0].Resolve(context));
                case Comparison.NotEquals: return !value.Equals(_operands[0].Resolve(context));
                case Comparison.In:
                    // Indexed, not Any() or foreach: over an IReadOnlyList each allocated (a closure, an enumerator).
                    for (int i = 0; i < _operands.Count; i++)
                        if (value.Equals(_operands[i].Resolve(context))) return true;
                    return false;
                case Comparison.Contains:
                case Comparison.NotContains:
                    // A set against one member, compiled as a set of that member: one AND of their bits.
                    if (value.Kind != ValueKind.Set) return false;
                    return value.Includes(_operands[0].Value) == (_op == Comparison.Contains);
                case Comparison.SubsetOf:
                case Comparison.NotSubsetOf:
                {
                    // A set against a set (a profile's device set): one AND of their bits.
                    var set = _operands[0].Resolve(context);
                    if (set.Kind != ValueKind.Set || value.Kind != ValueKind.Set) return false;
                    return value.IsSubsetOf(set) == (_op == Comparison.SubsetOf);
                }
            }
            var other = _operands[0].Resolve(context);
            if (other.IsAbsent || other.Kind != value.Kind) return false;
            int c = value.CompareTo(other);
            return _op switch
            {
                Comparison.LessThan => c < 0,
                Comparison.AtMost => c <= 0,
                Comparison.GreaterThan => c > 0,
                Comparison.AtLeast => c >= 0,
                _ => false,
            };
        }

        public override IReadOnlyList<string> Relax(ConditionContext context)
        {
            string operand = _operands.Count == 0 ? "" : _operands[0].Describe(context);
            var first = _operands.Count == 0 ? default : _operands[0].Resolve(context);
            string change = _op switch
            {
                Comparison.NotSubsetOf => $"{_field} without {context.Workload.Get(_field).Except(first)}",
                Comparison.SubsetOf => $"{_field} has a value beyond {operand}",
                Comparison.Contains => $"{_field} without {operand}",
                Comparison.NotContains => $"{_field} includes {operand}",
                Comparison.Equals when first.Kind == ValueKind.Text && OtherEnumValue(first.TextValue) is string otherValue => $"{_field} is {otherValue}",
                Comparison.Equals when first.Kind == ValueKind.Boolean => $"{_field} is {(first.Number != 0 ? "false" : "true")}",
                Comparison.Equals => $"{_field} is not {operand}",
                Comparison.NotEquals => $"{_field} is {operand}",
                Comparison.In => $"{_field} is none of {string.Join(", ", _operands.Select(o => o.Describe(context)))}",
                Comparison.LessThan => $"{_field} is at least {operand}",
                Comparison.AtMost => $"{_field} is more than {operand}",
                Comparison.GreaterThan => $"{_field} is at most {operand}",
                Comparison.AtLeast => $"{_field} is below {operand}",
                Comparison.IsSet => $"{_field} is not set",
                _ => $"{_field} is set",
            };
            return new[] { change };
        }

        // For a field with two values (hosts: shared | dedicated), "is not shared" is "is dedicated".
        private string? OtherEnumValue(string? value)
        {
            if (!Fields.Leaves.TryGetValue(_field, out var shape) || shape.EnumValues.Count != 2) return null;
            return shape.EnumValues[0] == value ? shape.EnumValues[1] : shape.EnumValues[1] == value ? shape.EnumValues[0] : null;
        }
    }

    /// <summary>
    /// The platform offers the target being evaluated (configuration platform.targets): an exclude rule
    /// with <c>offered: false</c> excludes what the platform does not run.
    /// </summary>
    internal sealed class OfferedCondition : Condition
    {
        private readonly bool _expected;
        public OfferedCondition(bool expected) { _expected = expected; }

        public override bool Evaluate(ConditionContext context, List<string> firedFields)
            => context.Target is Target t && context.Profiles.Offers(t) == _expected;

        public override IReadOnlyList<string> Relax(ConditionContext context)
            => context.Target is Target t
                ? new[] { _expected ? $"the platform does not offer {t.Name()}" : $"the platform offers {t.Name()}" }
                : Array.Empty<string>();
    }

    internal enum FactKind { Feasible, Recommended, Reported, NoFeasibleTarget }

    /// <summary>A fact known once feasibility is decided: only report rules may use these.</summary>
    internal sealed class FactCondition : Condition
    {
        private readonly FactKind _kind;
        private readonly Target? _target;     // null with planned = true means the planned target
        private readonly bool _planned;
        private readonly string? _rule;
        private readonly bool _expected;

        public FactCondition(FactKind kind, Target? target, bool planned, string? rule, bool expected)
        {
            _kind = kind; _target = target; _planned = planned; _rule = rule; _expected = expected;
        }

        public override bool Evaluate(ConditionContext context, List<string> firedFields)
        {
            Target? t = _planned ? context.Workload.PlannedTarget : _target;
            switch (_kind)
            {
                case FactKind.Feasible:
                    if (_planned && t is not null) firedFields.Add(Fields.Target);
                    return t is Target ft && context.Feasible!.Contains(ft);
                case FactKind.Recommended:
                    return t is Target rt && context.Recommendation == rt;
                case FactKind.Reported:
                    return context.Reported!.Contains(_rule!);
                default:
                    return context.Feasible!.IsEmpty == _expected;
            }
        }

        public override IReadOnlyList<string> Relax(ConditionContext context) => Array.Empty<string>();

        public override IEnumerable<string> ReportedRules() => _rule is null ? Enumerable.Empty<string>() : new[] { _rule };
    }
}
