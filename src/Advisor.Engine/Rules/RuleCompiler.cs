using System;
using System.Collections.Generic;
using System.Linq;
using DeployAdvisor.Engine.Findings;
using DeployAdvisor.Engine.Literals;
using DeployAdvisor.Engine.Loading;
using DeployAdvisor.Engine.Model;
using DeployAdvisor.Engine.Schema;

namespace DeployAdvisor.Engine.Rules
{
    /// <summary>
    /// Turns one rule file into compiled rules, profiles and ranking. Shape errors come from the
    /// shared <see cref="ShapeBinder"/>; meaning errors (an unknown field, an operand of the wrong
    /// type, a placeholder that does not exist) are checked here. All are DA0008 at the place written.
    /// </summary>
    internal sealed class RuleCompiler
    {
        private readonly RuleSource _source;
        private readonly FieldLocations _locations = new FieldLocations(SourceSpan.FileStart);
        private readonly List<Finding> _findings = new List<Finding>();

        private RuleCompiler(RuleSource source) { _source = source; }

        public static RuleSet.CompiledFile Compile(RuleSource source) => new RuleCompiler(source).Run();

        private RuleSet.CompiledFile Run()
        {
            var result = new RuleSet.CompiledFile(_source.Path);
            var yaml = YamlReader.Read(_source.Text);
            foreach (var f in yaml.Findings)
                result.Findings.Add(new Finding(RuleIds.InvalidConfiguration, Severity.Error, $"the rule file is not well-formed YAML: {f.Message}", location: new Location(_source.Path, f.Location!.Span)));
            if (yaml.Findings.Count > 0) return result;
            if (yaml.Documents.Count != 1 || yaml.Documents[0].Root is null)
            {
                result.Findings.Add(Error(SourceSpan.FileStart, "a rule file holds exactly one YAML document with rules, profiles or ranking"));
                return result;
            }

            var shapeFindings = new List<Finding>();
            var data = new ShapeBinder(RuleIds.InvalidConfiguration, shapeFindings, _locations).Bind<RuleFileData>(yaml.Documents[0].Root!, SourceSpan.FileStart);
            foreach (var f in shapeFindings) _findings.Add(new Finding(f.RuleId, f.Severity, f.Message, location: new Location(_source.Path, f.Location!.Span)));
            if (data != null && shapeFindings.Count == 0)
            {
                for (int i = 0; i < (data.Rules?.Count ?? 0); i++)
                {
                    var rule = CompileRule(data.Rules![i], $"rules[{i}]");
                    if (rule != null) result.Rules.Add((rule, Where($"rules[{i}].id")));
                }
                for (int i = 0; i < (data.Profiles?.Count ?? 0); i++)
                {
                    var profile = CompileProfile(data.Profiles![i], $"profiles[{i}]");
                    if (profile != null) result.Profiles.Add((profile, Where($"profiles[{i}].target")));
                }
                for (int i = 0; i < (data.Ranking?.Count ?? 0); i++)
                {
                    var order = CompileRanking(data.Ranking![i], $"ranking[{i}]");
                    if (order != null) result.Ranking.Add(order);
                }
            }
            result.Findings.AddRange(_findings);
            return result;
        }

        private Rule? CompileRule(RuleData data, string path)
        {
            int before = _findings.Count;
            foreach (System.Text.RegularExpressions.Match m in Rule.Placeholder.Matches(data.Message))
            {
                var name = m.Groups["name"].Value;
                var arg = m.Groups["arg"].Value;
                if (!Rule.PlaceholderNames.Contains(name))
                    _findings.Add(Error(At($"{path}.message"), $"unknown placeholder {{{name}}} in the message; allowed: {string.Join(", ", Rule.PlaceholderNames)}"));
                else if (name == "field" && !Fields.Leaves.ContainsKey(arg))
                    _findings.Add(Error(At($"{path}.message"), $"{{field:{arg}}}: '{arg}' is not a descriptor field"));
                else if (name == "profile" && !ProfileFigures.ByName.ContainsKey(arg))
                    _findings.Add(Error(At($"{path}.message"), $"{{profile:{arg}}}: '{arg}' is not a profile figure; allowed: {string.Join(", ", ProfileFigures.ByName.Keys)}"));
            }

            Condition? condition = null;
            EvidenceTriggers? evidence = null;
            EvidenceFix? fix = null;
            var excludes = (IReadOnlyList<Target>?)data.Excludes ?? Array.Empty<Target>();
            var at = (IReadOnlyList<string>?)data.At ?? new[] { Fields.Target, Fields.Spec };
            switch (data.Effect)
            {
                case RuleEffect.Exclude:
                    if (excludes.Count == 0) _findings.Add(Error(At($"{path}.effect"), "an exclude rule needs 'excludes' with at least one target"));
                    if (data.When is null) _findings.Add(Error(At($"{path}.effect"), "an exclude rule needs a condition ('when')"));
                    else condition = CompileCondition(data.When, $"{path}.when", allowFacts: false);
                    break;
                case RuleEffect.Report:
                    if (data.When is null) _findings.Add(Error(At($"{path}.effect"), "a report rule needs a condition ('when')"));
                    else condition = CompileCondition(data.When, $"{path}.when", allowFacts: true);
                    for (int i = 0; i < at.Count; i++)
                        if (at[i] != Fields.Spec && !Fields.Leaves.ContainsKey(at[i]))
                            _findings.Add(Error(At($"{path}.at[{i}]"), $"'{at[i]}' is not a descriptor field"));
                    break;
                case RuleEffect.Evidence:
                    if (data.When != null) condition = CompileCondition(data.When, $"{path}.when", allowFacts: false);
                    evidence = CompileEvidence(data.Evidence, path);
                    if (data.Fix != null) fix = CompileFix(data.Fix, $"{path}.fix");
                    break;
                default:
                    if (data.When != null) _findings.Add(Error(At($"{path}.when"), $"an {Schema.ObjectShape.EnumName(data.Effect)} rule is raised by the front ends and takes no condition"));
                    break;
            }
            if (data.Effect != RuleEffect.Evidence)
            {
                if (data.Evidence != null) _findings.Add(Error(At($"{path}.evidence"), "only an evidence rule has evidence triggers"));
                if (data.Fix != null) _findings.Add(Error(At($"{path}.fix"), "only an evidence rule has a fix; plan rules offer the recommended target"));
            }

            var fixtures = new List<Fixture>();
            void AddFixtures(List<FixtureData>? list, bool fire, string kind)
            {
                for (int i = 0; i < (list?.Count ?? 0); i++)
                {
                    var f = list![i];
                    fixtures.Add(new Fixture(f.Description, fire, (YNode)f.Workload!, f.Excludes, Where($"{path}.fixtures.{kind}[{i}].description"), f.Platform?.Targets));
                }
            }
            AddFixtures(data.Fixtures?.Fires, true, "fires");
            AddFixtures(data.Fixtures?.Passes, false, "passes");

            if (_findings.Count > before) return null;
            return new Rule(data, condition, excludes, at, fixtures, _source.Path, _source.IsBuiltIn, evidence, fix);
        }

        private Condition? CompileCondition(ConditionData c, string path, bool allowFacts)
        {
            var kinds = new List<string>();
            if (c.All != null) kinds.Add("all");
            if (c.Any != null) kinds.Add("any");
            if (c.Not != null) kinds.Add("not");
            if (c.Field != null) kinds.Add("field");
            if (c.Feasible != null) kinds.Add("feasible");
            if (c.Recommended != null) kinds.Add("recommended");
            if (c.Reported != null) kinds.Add("reported");
            if (c.NoFeasibleTarget != null) kinds.Add("noFeasibleTarget");
            if (c.Offered != null) kinds.Add("offered");
            if (kinds.Count != 1)
            {
                _findings.Add(Error(At(path), kinds.Count == 0
                    ? "a condition needs one of all, any, not, field, offered, feasible, recommended, reported, noFeasibleTarget"
                    : $"a condition has exactly one of all, any, not, field, offered, feasible, recommended, reported, noFeasibleTarget; this one has {string.Join(", ", kinds)}"));
                return null;
            }
            if (kinds[0] != "field" && (c.EqualsValue != null || c.NotEquals != null || c.In != null || c.LessThan != null || c.AtMost != null || c.GreaterThan != null || c.AtLeast != null || c.IsSet != null || c.SubsetOf != null || c.NotSubsetOf != null || c.Contains != null || c.NotContains != null))
            {
                _findings.Add(Error(At(path), "comparison operators need a 'field' in the same condition"));
                return null;
            }

            switch (kinds[0])
            {
                case "all":
                case "any":
                {
                    var list = kinds[0] == "all" ? c.All! : c.Any!;
                    if (list.Count == 0) { _findings.Add(Error(At($"{path}.{kinds[0]}"), $"'{kinds[0]}' needs at least one condition")); return null; }
                    var items = list.Select((x, i) => CompileCondition(x, $"{path}.{kinds[0]}[{i}]", allowFacts)).ToList();
                    if (items.Any(x => x is null)) return null;
                    return kinds[0] == "all" ? new AllCondition(items!) : (Condition)new AnyCondition(items!);
                }
                case "not":
                {
                    var inner = CompileCondition(c.Not!, $"{path}.not", allowFacts);
                    return inner is null ? null : new NotCondition(inner);
                }
                case "field":
                    return CompileField(c, path);
                case "offered":
                    return new OfferedCondition(c.Offered!.Value);
            }

            if (!allowFacts)
            {
                _findings.Add(Error(At($"{path}.{kinds[0]}"), $"'{kinds[0]}' is known only after feasibility is decided: use it in report rules, not in exclude rules or the ranking"));
                return null;
            }
            switch (kinds[0])
            {
                case "feasible":
                case "recommended":
                {
                    var text = kinds[0] == "feasible" ? c.Feasible! : c.Recommended!;
                    bool planned = text == "planned";
                    Target target = default;
                    if (!planned && !Targets.TryParse(text, out target))
                    {
                        _findings.Add(Error(At($"{path}.{kinds[0]}"), $"'{text}' is not a target; use container, sandboxed-container, vm or planned"));
                        return null;
                    }
                    return new FactCondition(kinds[0] == "feasible" ? FactKind.Feasible : FactKind.Recommended, planned ? (Target?)null : target, planned, null, true);
                }
                case "reported":
                    return new FactCondition(FactKind.Reported, null, false, c.Reported, true);
                default:
                    return new FactCondition(FactKind.NoFeasibleTarget, null, false, null, c.NoFeasibleTarget!.Value);
            }
        }

        private EvidenceTriggers? CompileEvidence(EvidenceData? data, string path)
        {
            if (data is null)
            {
                _findings.Add(Error(At($"{path}.effect"), "an evidence rule needs 'evidence': nativeCalls, types, namespaces, members, attributes or supportedOSPlatforms"));
                return null;
            }
            int before = _findings.Count;
            var calls = new List<NativeCall>();
            for (int i = 0; i < (data.NativeCalls?.Count ?? 0); i++)
            {
                var c = data.NativeCalls![i];
                if (c.EntryPoint is null && c.Library is null)
                    _findings.Add(Error(At($"{path}.evidence.nativeCalls[{i}]"), "a native call names an entryPoint, a library or both"));
                else calls.Add(new NativeCall(c.EntryPoint, c.Library));
            }
            List<string> Names(List<string>? list, string kind, bool dotted)
            {
                var result = new List<string>();
                for (int i = 0; i < (list?.Count ?? 0); i++)
                {
                    var name = list![i].Trim();
                    if (name.Length == 0 || name.Any(char.IsWhiteSpace) || (dotted && (name.StartsWith(".", StringComparison.Ordinal) || name.EndsWith(".", StringComparison.Ordinal) || name.Contains(".."))))
                        _findings.Add(Error(ValueAt($"{path}.evidence.{kind}[{i}]"), $"'{list[i]}' is not a {(kind == "supportedOSPlatforms" ? "platform name" : "metadata name")}"));
                    else result.Add(name);
                }
                return result;
            }
            var members = Names(data.Members, "members", dotted: true);
            // A member is its type's metadata name and its own: at least one dot between them.
            for (int i = 0; i < members.Count; i++)
                if (members[i].IndexOf('.') < 0)
                    _findings.Add(Error(ValueAt($"{path}.evidence.members[{i}]"), $"'{members[i]}' is not a member's name: write the type's metadata name, a dot and the member (Namespace.Type.Member)"));
            var triggers = new EvidenceTriggers(calls,
                Names(data.Types, "types", dotted: true), Names(data.Namespaces, "namespaces", dotted: true), members,
                Names(data.Attributes, "attributes", dotted: true), Names(data.SupportedOSPlatforms, "supportedOSPlatforms", dotted: false));
            if (triggers.IsEmpty && _findings.Count == before)
                _findings.Add(Error(At($"{path}.evidence"), "'evidence' needs at least one trigger: nativeCalls, types, namespaces, members, attributes or supportedOSPlatforms"));
            return triggers;
        }

        private EvidenceFix? CompileFix(FixData data, string path)
        {
            if (!Fields.Leaves.TryGetValue(data.Field, out var shape))
            {
                var hint = ShapeBinder.Suggest(data.Field, Fields.Leaves.Keys);
                _findings.Add(Error(ValueAt($"{path}.field"), $"'{data.Field}' is not a descriptor field{(hint is null ? "" : $"; did you mean '{hint}'?")}"));
                return null;
            }
            if (data.Value is not YNode node) return null;
            if (IsSet(shape))
            {
                // A set gains the value: the fix adds one member to what the declaration holds.
                var member = CompileMember(shape, node, $"{path}.value");
                return member is FieldValue m ? new EvidenceFix(data.Field, m, adds: true) : null;
            }
            var operand = CompileOperand(shape, node, $"{path}.value", allowProfile: false);
            return operand is Operand o ? new EvidenceFix(data.Field, o.Value, adds: false) : null;
        }

        private Condition? CompileField(ConditionData c, string path)
        {
            if (!Fields.Leaves.TryGetValue(c.Field!, out var shape))
            {
                var hint = ShapeBinder.Suggest(c.Field!, Fields.Leaves.Keys);
                _findings.Add(Error(ValueAt($"{path}.field"), $"'{c.Field}' is not a descriptor field{(hint is null ? "" : $"; did you mean '{hint}'?")}"));
                return null;
            }
            var ops = new List<(string Name, Comparison Op, object? Operand)>();
            if (c.EqualsValue != null) ops.Add(("equals", Comparison.Equals, c.EqualsValue));
            if (c.NotEquals != null) ops.Add(("notEquals", Comparison.NotEquals, c.NotEquals));
            if (c.In != null) ops.Add(("in", Comparison.In, c.In));
            if (c.LessThan != null) ops.Add(("lessThan", Comparison.LessThan, c.LessThan));
            if (c.AtMost != null) ops.Add(("atMost", Comparison.AtMost, c.AtMost));
            if (c.GreaterThan != null) ops.Add(("greaterThan", Comparison.GreaterThan, c.GreaterThan));
            if (c.AtLeast != null) ops.Add(("atLeast", Comparison.AtLeast, c.AtLeast));
            if (c.IsSet != null) ops.Add(("isSet", c.IsSet.Value ? Comparison.IsSet : Comparison.IsNotSet, null));
            if (c.SubsetOf != null) ops.Add(("subsetOf", Comparison.SubsetOf, c.SubsetOf));
            if (c.NotSubsetOf != null) ops.Add(("notSubsetOf", Comparison.NotSubsetOf, c.NotSubsetOf));
            if (c.Contains != null) ops.Add(("contains", Comparison.Contains, c.Contains));
            if (c.NotContains != null) ops.Add(("notContains", Comparison.NotContains, c.NotContains));
            if (ops.Count != 1)
            {
                _findings.Add(Error(At($"{path}.field"), "a field condition needs exactly one of equals, notEquals, in, lessThan, atMost, greaterThan, atLeast, isSet, subsetOf, notSubsetOf, contains, notContains"));
                return null;
            }
            var (name, op, operand) = ops[0];
            var operands = new List<Operand>();
            bool ordered = op == Comparison.LessThan || op == Comparison.AtMost || op == Comparison.GreaterThan || op == Comparison.AtLeast;
            if (ordered && !(shape.Kind == ShapeKind.Duration || shape.Kind == ShapeKind.Size || shape.Kind == ShapeKind.Integer))
            {
                _findings.Add(Error(At($"{path}.{name}"), $"'{name}' compares amounts; {c.Field} is {shape.KindName}"));
                return null;
            }
            bool member = op == Comparison.Contains || op == Comparison.NotContains;
            bool setwise = op == Comparison.SubsetOf || op == Comparison.NotSubsetOf || member;
            if (setwise != IsSet(shape) && (setwise || op != Comparison.IsSet && op != Comparison.IsNotSet))
            {
                _findings.Add(Error(At($"{path}.{name}"), setwise
                    ? $"'{name}' compares sets; {c.Field} is {shape.KindName}"
                    : $"{c.Field} is a set; compare it with contains, notContains, subsetOf or notSubsetOf"));
                return null;
            }
            if (member)
            {
                var m = CompileMember(shape, (YNode)operand!, $"{path}.{name}");
                if (m is null) return null;
                operands.Add(new Operand(m.Value));
            }
            else if (setwise)
            {
                // A set is compared with a profile's set of the same values (profile.devices).
                if (!(operand is YScalar fig && fig.Value == "profile.devices"))
                {
                    _findings.Add(Error(((YNode)operand!).Span, $"{path}.{name}: a set is compared with a profile figure that is a set: profile.devices"));
                    return null;
                }
                operands.Add(new Operand(ProfileFigure.Devices));
            }
            else if (op == Comparison.In)
            {
                var list = (List<object>)operand!;
                for (int i = 0; i < list.Count; i++)
                {
                    var o = CompileOperand(shape, (YNode)list[i], $"{path}.in[{i}]", allowProfile: false);
                    if (o is null) return null;
                    operands.Add(o.Value);
                }
            }
            else if (operand != null)
            {
                var o = CompileOperand(shape, (YNode)operand, $"{path}.{name}", allowProfile: ordered);
                if (o is null) return null;
                operands.Add(o.Value);
            }
            return new FieldCondition(c.Field!, op, operands);
        }

        private static bool IsSet(FieldShape shape) => shape.Kind == ShapeKind.List && shape.UniqueItems;

        /// <summary>One value a set field can hold (gpu for devices), as a set of that one member.</summary>
        private FieldValue? CompileMember(FieldShape shape, YNode node, string path)
        {
            if (!(node is YScalar s))
            {
                _findings.Add(Error(node.Span, $"{path} must be a single value"));
                return null;
            }
            var set = shape.Item is FieldShape item && item.EnumValues.Contains(s.Value) ? FieldValue.SetOf(s.Value) : FieldValue.Absent;
            if (set.IsAbsent)
            {
                _findings.Add(Error(s.Span, $"{path}: '{s.Value}' is not one of {string.Join(", ", shape.Item?.EnumValues ?? Array.Empty<string>())}"));
                return null;
            }
            return set;
        }

        private Operand? CompileOperand(FieldShape shape, YNode node, string path, bool allowProfile)
        {
            if (!(node is YScalar s))
            {
                _findings.Add(Error(node.Span, $"{path} must be a single value"));
                return null;
            }
            if (allowProfile && s.Value.StartsWith("profile.", StringComparison.Ordinal))
            {
                var figureName = s.Value.Substring("profile.".Length);
                if (!ProfileFigures.ByName.TryGetValue(figureName, out var figure))
                {
                    _findings.Add(Error(s.Span, $"'{figureName}' is not a profile figure; allowed: {string.Join(", ", ProfileFigures.ByName.Keys)}"));
                    return null;
                }
                var expected = figure == ProfileFigure.Startup ? ShapeKind.Duration : figure == ProfileFigure.Devices ? ShapeKind.List : ShapeKind.Size;
                if (shape.Kind != expected)
                {
                    _findings.Add(Error(s.Span, $"profile.{figureName} is a {(expected == ShapeKind.Duration ? "duration" : expected == ShapeKind.List ? "set" : "size")} and cannot be compared with {shape.Name}"));
                    return null;
                }
                return new Operand(figure);
            }
            object literal = CoreSchema.Resolve(s) switch
            {
                ScalarType.Integer => (object?)CoreSchema.AsInteger(s) ?? s.Value,
                ScalarType.Boolean => CoreSchema.AsBoolean(s)!.Value,
                _ => s.Value,
            };
            if (!FieldValue.TryParseFor(shape, literal, out var value, out var error))
            {
                _findings.Add(Error(s.Span, $"{path}: {error}"));
                return null;
            }
            return new Operand(value);
        }

        private PlatformProfile? CompileProfile(ProfileData data, string path)
        {
            int before = _findings.Count;
            Duration startup = default;
            if (!Duration.TryParse(data.Startup.Value, out startup, out var e1)) _findings.Add(Error(ValueAt($"{path}.startup.value"), e1!));
            ByteSize Size(FigureData f, string name)
            {
                if (ByteSize.TryParse(f.Value, out var s, out var e)) return s;
                _findings.Add(Error(ValueAt($"{path}.{name}.value"), e!));
                return default;
            }
            var linux = Size(data.SizeLinux, "sizeLinux");
            var windows = Size(data.SizeWindows, "sizeWindows");
            var overhead = Size(data.MemoryOverhead, "memoryOverhead");
            // The 0.2 figures are optional in a rule file's profile: absent, the Nano Server figure and every device.
            var serverCore = data.SizeWindowsServerCore is null ? windows : Size(data.SizeWindowsServerCore, "sizeWindowsServerCore");
            var server = data.SizeWindowsServer is null ? windows : Size(data.SizeWindowsServer, "sizeWindowsServer");
            var devices = data.Devices is null ? PlatformProfile.AllDevices : FieldValue.Set(data.Devices.Value);
            if (_findings.Count > before) return null;
            var sources = new Dictionary<ProfileFigure, string>
            {
                [ProfileFigure.Startup] = data.Startup.Source.Trim(),
                [ProfileFigure.SizeLinux] = data.SizeLinux.Source.Trim(),
                [ProfileFigure.SizeWindows] = data.SizeWindows.Source.Trim(),
                [ProfileFigure.MemoryOverhead] = data.MemoryOverhead.Source.Trim(),
            };
            if (data.SizeWindowsServerCore != null) sources[ProfileFigure.SizeWindowsServerCore] = data.SizeWindowsServerCore.Source.Trim();
            if (data.SizeWindowsServer != null) sources[ProfileFigure.SizeWindowsServer] = data.SizeWindowsServer.Source.Trim();
            if (data.Devices != null) sources[ProfileFigure.Devices] = data.Devices.Source.Trim();
            return new PlatformProfile(data.Target, startup, linux, windows, overhead, serverCore, server, devices, sources);
        }

        private RankingOrder? CompileRanking(RankingData data, string path)
        {
            if (data.Order.Count != Targets.All.Count || data.Order.Distinct().Count() != Targets.All.Count)
            {
                _findings.Add(Error(At($"{path}.order"), "an order lists each of the three targets exactly once"));
                return null;
            }
            Condition? when = null;
            if (data.When != null)
            {
                when = CompileCondition(data.When, $"{path}.when", allowFacts: false);
                if (when is null) return null;
            }
            return new RankingOrder(when, data.Order, data.Reason);
        }

        private SourceSpan At(string path) => _locations.KeyOf(path) ?? _locations.Nearest(path);
        private SourceSpan ValueAt(string path) => _locations.ValueOf(path) ?? _locations.Nearest(path);
        private Location Where(string path) => new Location(_source.Path, ValueAt(path));
        private Finding Error(SourceSpan span, string message) => new Finding(RuleIds.InvalidConfiguration, Severity.Error, message, location: new Location(_source.Path, span));
    }
}
