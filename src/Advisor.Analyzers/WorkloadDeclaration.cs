using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using DeployAdvisor.Engine.Binding;
using DeployAdvisor.Engine.Model;
using DeployAdvisor.Engine.Rules;
using DeployAdvisor.Engine.Schema;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DeployAdvisor.Analyzers
{
    /// <summary>An argument of [Workload] that breaks the descriptor schema (DA0002), where it is written.</summary>
    internal sealed class DeclarationError
    {
        public DeclarationError(string ruleId, string? field, string message, Location location, Location? related = null)
        {
            RuleId = ruleId; Field = field; Message = message; Location = location; Related = related;
        }

        /// <summary>DA0002 (schema) or DA0009 (contradictory fields), as the engine's binder says.</summary>
        public string RuleId { get; }
        /// <summary>For DA0009: the argument of the other field.</summary>
        public Location? Related { get; }
        public string? Field { get; }
        public string Message { get; }
        public Location Location { get; }
    }

    /// <summary>
    /// One [Workload] attribute read into the engine's model: the workload, where each field is
    /// written, and the schema errors of its arguments. Fields that could not be read stay unset
    /// (null) so evidence rules can still use the others.
    /// </summary>
    internal sealed class WorkloadDeclaration
    {
        // The argument that writes each field. Locations are made when asked for: a workload without
        // findings needs one (its name's), and each made eagerly was a span computed and an object
        // allocated for every argument of every [Workload] in every build.
        private readonly Dictionary<string, SyntaxNode> _fieldSyntax = new Dictionary<string, SyntaxNode>(StringComparer.Ordinal);

        private WorkloadDeclaration(AttributeSyntax syntax, ISymbol owner)
        {
            Syntax = syntax;
            Owner = owner;
        }

        public AttributeSyntax Syntax { get; }
        /// <summary>The attributed type, or the assembly.</summary>
        public ISymbol Owner { get; }
        public Location AttributeLocation => Syntax.GetLocation();
        /// <summary>The attribute's name: where findings about the workload as a whole go.</summary>
        public Location NameLocation => Syntax.Name.GetLocation();
        public SyntaxTree Tree => Syntax.SyntaxTree;

        public string? Name { get; private set; }
        public List<DeclarationError> Errors { get; } = new List<DeclarationError>();
        /// <summary>The complete workload for the engine; null when an argument is invalid.</summary>
        public Workload? Workload { get; private set; }

        // What each argument wrote, and the fields the binder found in error: evidence rules read the
        // others when the workload as a whole does not bind.
        private readonly Dictionary<string, SourceValue> _written = new Dictionary<string, SourceValue>(StringComparer.Ordinal);
        private readonly HashSet<string> _inError = new HashSet<string>(StringComparer.Ordinal);
        // The Devices argument's flags as a set (the binder reports bits that name no device; then it is in error).
        private FieldValue _devices = FieldValue.Absent;

        /// <summary>Where a field is written: its argument; the attribute's name when it is not written.</summary>
        public Location LocationOf(string? field)
            => field != null && _fieldSyntax.TryGetValue(field, out var written) ? written.GetLocation() : NameLocation;

        public Location? WrittenAt(string field) => _fieldSyntax.TryGetValue(field, out var written) ? written.GetLocation() : null;

        /// <summary>
        /// A field as evidence rules read it: the workload's value, or, when an argument is invalid (no
        /// workload), the fields that could be read; any other field is unset.
        /// </summary>
        public FieldValue Get(string path)
        {
            if (Workload != null) return Workload.Get(path);
            if (_inError.Contains(path)) return FieldValue.Absent;
            bool written = _written.TryGetValue(path, out var v);
            switch (path)
            {
                case Fields.Name: return Name != null ? FieldValue.Text(Name) : FieldValue.Absent;
                case Fields.Interface: return written && Enum.TryParse<WorkloadInterface>(v.Text, out var i) ? FieldValue.Enum(i) : FieldValue.Absent;
                case Fields.Sensitivity: return written && Enum.TryParse<Sensitivity>(v.Text, out var s) ? FieldValue.Enum(s) : FieldValue.Absent;
                case Fields.Os:
                    if (!written) return FieldValue.Enum(TargetOs.Linux);
                    return Enum.TryParse<TargetOs>(v.Text, out var o) ? FieldValue.Enum(o) : FieldValue.Absent;
                case Fields.Devices: return written ? _devices : FieldValue.Set(Array.Empty<Device>());
                case Fields.UntrustedCode:
                case Fields.MultiTenant:
                case Fields.KernelModules:
                case Fields.Privileged:
                case Fields.HostAccess:
                    return FieldValue.Boolean(written && v.Boolean == true);
                default: return FieldValue.Absent;
            }
        }

        private Tuple<EvidenceCatalog, ulong>? _applicableEvidence;

        /// <summary>
        /// The catalog's evidence rules that apply to this declaration (bit i for rule i): each rule's
        /// condition on <see cref="Get"/>, evaluated by the engine once per declaration and catalog.
        /// </summary>
        public ulong ApplicableEvidence(EvidenceCatalog catalog)
        {
            if (Volatile.Read(ref _applicableEvidence) is Tuple<EvidenceCatalog, ulong> known && known.Item1 == catalog) return known.Item2;
            ulong rules = 0;
            Func<string, FieldValue> fields = Get;
            for (int i = 0; i < catalog.Rules.Count; i++)
                if (catalog.Applies(i, fields)) rules |= 1UL << i;
            Volatile.Write(ref _applicableEvidence, Tuple.Create(catalog, rules));
            return rules;
        }

        /// <summary>
        /// The code fix that sets a descriptor field on the attribute (an evidence rule's fix): which argument
        /// and what to write there; null for a field the fix cannot write.
        /// </summary>
        public static ImmutableDictionary<string, string?>? FixFor(EvidenceFix fix)
        {
            var value = fix.Value;
            switch (fix.Field)
            {
                // A [Flags] property: the fix ors the member into what is written.
                case Fields.Devices: return fix.Adds ? FixProperties.Create(FixProperties.Devices, EnumMember(value)) : null;
                case Fields.Interface: return FixProperties.Create(FixProperties.Interface, EnumMember(value));
                case Fields.Sensitivity: return FixProperties.Create(FixProperties.Sensitivity, EnumMember(value));
                case Fields.Os: return FixProperties.Create(FixProperties.Os, EnumMember(value));
                case Fields.KernelModules: return FixProperties.Create(FixProperties.KernelModules, value.ToString());
                case Fields.Privileged: return FixProperties.Create(FixProperties.Privileged, value.ToString());
                default: return null;
            }
        }

        /// <summary>The generated enum's member for a descriptor's enum value: confidential is Confidential, sandboxed-container SandboxedContainer.</summary>
        private static string EnumMember(FieldValue value)
            => string.Concat(value.ToString().Split('-').Where(p => p.Length > 0).Select(p => char.ToUpperInvariant(p[0]) + p.Substring(1)));

        /// <summary>Reads an attribute; null when it is not [Workload] or does not bind (the compiler reports that).</summary>
        public static WorkloadDeclaration? Read(AttributeData data, ISymbol owner, INamedTypeSymbol workloadAttribute, CancellationToken ct)
        {
            if (!SymbolEqualityComparer.Default.Equals(data.AttributeClass, workloadAttribute)) return null;
            if (data.AttributeConstructor is null || data.ConstructorArguments.Length != 3) return null;
            if (data.ApplicationSyntaxReference?.GetSyntax(ct) is not AttributeSyntax syntax) return null;
            if (data.ConstructorArguments.Any(a => a.Kind == TypedConstantKind.Error)) return null;
            if (data.NamedArguments.Any(a => a.Value.Kind == TypedConstantKind.Error)) return null;

            var decl = new WorkloadDeclaration(syntax, owner);
            decl.Bind(data);
            return decl;
        }

        private void Bind(AttributeData data)
        {
            // Which argument syntax wrote which constructor parameter or property.
            var parameters = data.AttributeConstructor!.Parameters;
            var args = Syntax.ArgumentList?.Arguments ?? default;
            var byParameter = new Dictionary<int, AttributeArgumentSyntax>();
            var byProperty = new Dictionary<string, AttributeArgumentSyntax>(StringComparer.Ordinal);
            int position = 0;
            foreach (var arg in args)
            {
                if (arg.NameEquals != null) { byProperty[arg.NameEquals.Name.Identifier.ValueText] = arg; continue; }
                if (arg.NameColon != null)
                {
                    var name = arg.NameColon.Name.Identifier.ValueText;
                    for (int i = 0; i < parameters.Length; i++)
                        if (parameters[i].Name == name) byParameter[i] = arg;
                    continue;
                }
                byParameter[position++] = arg;
            }
            SyntaxNode At(int parameter) => byParameter.TryGetValue(parameter, out var a) ? a : Syntax.Name;

            // The attribute as a field source of the engine's one binder. Locations are the argument
            // nodes, made into Roslyn locations only for an error or a finding.
            var source = new FlatFieldSource(Syntax.Name);
            void Add(string field, SourceValue value, SyntaxNode at)
            {
                _fieldSyntax[field] = at;
                _written[field] = value;
                source.Add(field, value, at);
            }

            Add(Fields.Name, data.ConstructorArguments[0].Value is string nameText ? SourceValue.String(nameText) : SourceValue.Null(), At(0));
            Add(Fields.Interface, Member(data.ConstructorArguments[1]), At(1));
            Add(Fields.Sensitivity, Member(data.ConstructorArguments[2]), At(2));

            foreach (var named in data.NamedArguments)
            {
                SyntaxNode writtenAt = byProperty.TryGetValue(named.Key, out var a) ? a : Syntax.Name;
                var value = named.Value;
                switch (named.Key)
                {
                    case "Os": Add(Fields.Os, Member(value), writtenAt); break;
                    case "UntrustedCode": Add(Fields.UntrustedCode, SourceValue.Of(value.Value is true), writtenAt); break;
                    case "MultiTenant": Add(Fields.MultiTenant, SourceValue.Of(value.Value is true), writtenAt); break;
                    case "KernelModules": Add(Fields.KernelModules, SourceValue.Of(value.Value is true), writtenAt); break;
                    case "StartupBudget": AddText(Fields.StartupBudget, value, writtenAt); break;
                    case "SizeBudget": AddText(Fields.SizeBudget, value, writtenAt); break;
                    case "MemoryOverheadBudget": AddText(Fields.MemoryOverheadBudget, value, writtenAt); break;
                    case "ReleasesPerWeek": if (value.Value is int r) Add(Fields.ReleasesPerWeek, SourceValue.Of((long)r), writtenAt); break;
                    case "Instances": if (value.Value is int n) Add(Fields.Instances, SourceValue.Of((long)n), writtenAt); break;
                    case "Privileged": Add(Fields.Privileged, SourceValue.Of(value.Value is true), writtenAt); break;
                    case "HostAccess": Add(Fields.HostAccess, SourceValue.Of(value.Value is true), writtenAt); break;
                    case "Hosts": Add(Fields.Hosts, Member(value), writtenAt); break;
                    case "WindowsImage": Add(Fields.WindowsImage, Member(value), writtenAt); break;
                    case "Devices":
                        _fieldSyntax[Fields.Devices] = writtenAt;
                        _written[Fields.Devices] = SourceValue.Sequence();
                        var flags = Flags(value).ToList();
                        source.AddList(Fields.Devices, flags.Select(v => (v, (object?)writtenAt)), writtenAt);
                        _devices = FieldValue.Set(flags.Select(f => f.Kind == SourceValueKind.Member && Enum.TryParse<Device>(f.Text, out var d) ? (Device?)d : null).Where(d => d != null).Select(d => d!.Value));
                        break;
                    case "Target":
                        // Unspecified (0) is no plan: the field is not written.
                        if (value.Value is int t && t == 0) { _fieldSyntax[Fields.Target] = writtenAt; break; }
                        Add(Fields.Target, Member(value), writtenAt);
                        break;
                }
            }

            // A null budget (StartupBudget = null) is the property's default: not written.
            void AddText(string field, TypedConstant value, SyntaxNode at)
            {
                _fieldSyntax[field] = at;
                if (value.Value is string text) Add(field, SourceValue.String(text), at);
            }

            var bound = WorkloadBinder.Bind(source, Syntax.Name);
            foreach (var e in bound.Errors)
            {
                if (e.Field != null) _inError.Add(e.Field);
                var at = e.Location as SyntaxNode ?? Syntax.Name;
                // The attribute has no windows block, only its WindowsImage argument: that is where it is written.
                if (e.Field == Fields.Windows && _fieldSyntax.TryGetValue(Fields.WindowsImage, out var image)) at = image;
                Errors.Add(new DeclarationError(e.RuleId, e.Field, e.Message, at.GetLocation(), (e.RelatedLocation as SyntaxNode)?.GetLocation()));
            }
            Workload = bound.Workload;
            Name = Workload?.Name ?? (!_inError.Contains(Fields.Name) && _written.TryGetValue(Fields.Name, out var nm) && nm.Kind == SourceValueKind.String ? nm.Text : null);
        }

        /// <summary>
        /// A [Flags] argument as a list of the model's members (Gpu | Usb: gpu, usb); bits that name no
        /// member are one integer item, which the binder reports.
        /// </summary>
        private static IEnumerable<SourceValue> Flags(TypedConstant value)
        {
            if (value.Type is not INamedTypeSymbol type || value.Value is null) yield break;
            long bits = Convert.ToInt64(value.Value, System.Globalization.CultureInfo.InvariantCulture);
            foreach (var member in type.GetMembers())
            {
                if (member is not IFieldSymbol { HasConstantValue: true } field) continue;
                long flag = Convert.ToInt64(field.ConstantValue, System.Globalization.CultureInfo.InvariantCulture);
                if (flag == 0 || (bits & flag) != flag) continue;
                bits &= ~flag;
                yield return SourceValue.Member(field.Name);
            }
            if (bits != 0) yield return SourceValue.Of(bits);
        }

        /// <summary>
        /// An enum argument as the model's member of the same name (the generated enums' members are the
        /// model's): the field of the argument's type whose constant it is; an integer when none is.
        /// </summary>
        private static SourceValue Member(TypedConstant value)
        {
            if (value.Type is INamedTypeSymbol type && value.Value is object constant)
                foreach (var member in type.GetMembers())
                    if (member is IFieldSymbol { HasConstantValue: true } field && Equals(field.ConstantValue, constant))
                        return SourceValue.Member(field.Name);
            return value.Value is int i ? SourceValue.Of((long)i) : SourceValue.Null();
        }
    }
}
