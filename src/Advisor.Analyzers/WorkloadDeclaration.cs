using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using DeployAdvisor.Engine.Literals;
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
        public DeclarationError(string field, string message, Location location) { Field = field; Message = message; Location = location; }
        public string Field { get; }
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
        /// <summary>
        /// The schema's shape of names, whose pattern the engine compiles once and checks YAML names with:
        /// the static Regex.IsMatch looked the pattern up in the regex cache per declaration.
        /// </summary>
        private static readonly FieldShape? NameShape = Fields.Leaves.TryGetValue(Fields.Name, out var shape) ? shape : null;

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
        public WorkloadInterface? Interface { get; private set; }
        public Sensitivity? Sensitivity { get; private set; }
        public TargetOs? Os { get; private set; } = TargetOs.Linux;
        public bool? KernelModules { get; private set; } = false;
        public List<DeclarationError> Errors { get; } = new List<DeclarationError>();
        /// <summary>The complete workload for the engine; null when an argument is invalid.</summary>
        public Workload? Workload { get; private set; }

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
            switch (path)
            {
                case Fields.Name: return Name != null ? FieldValue.Text(Name) : FieldValue.Absent;
                case Fields.Interface: return Interface is WorkloadInterface i ? FieldValue.Enum(i) : FieldValue.Absent;
                case Fields.Sensitivity: return Sensitivity is Sensitivity s ? FieldValue.Enum(s) : FieldValue.Absent;
                case Fields.Os: return Os is TargetOs o ? FieldValue.Enum(o) : FieldValue.Absent;
                case Fields.KernelModules: return KernelModules is bool k ? FieldValue.Boolean(k) : FieldValue.Absent;
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
        public static ImmutableDictionary<string, string?>? FixFor(string field, FieldValue value)
        {
            switch (field)
            {
                case Fields.Interface: return FixProperties.Create(FixProperties.Interface, EnumMember(value));
                case Fields.Sensitivity: return FixProperties.Create(FixProperties.Sensitivity, EnumMember(value));
                case Fields.Os: return FixProperties.Create(FixProperties.Os, EnumMember(value));
                case Fields.KernelModules: return FixProperties.Create(FixProperties.KernelModules, value.ToString());
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

            _fieldSyntax[Fields.Name] = At(0);
            _fieldSyntax[Fields.Interface] = At(1);
            _fieldSyntax[Fields.Sensitivity] = At(2);

            var nameText = data.ConstructorArguments[0].Value as string;
            if (nameText is null || nameText.Length == 0)
                Errors.Add(new DeclarationError(Fields.Name, "metadata.name is required: give the workload a name of 1-63 lowercase letters, digits and '-'", At(0).GetLocation()));
            else if (NameShape != null && !NameShape.MatchesPattern(nameText))
                Errors.Add(new DeclarationError(Fields.Name, $"'{nameText}' is not a valid metadata.name: use 1-63 lowercase letters, digits and '-'", At(0).GetLocation()));
            else
                Name = nameText;

            Interface = EnumArg<WorkloadInterface>(data.ConstructorArguments[1], Fields.Interface, At(1));
            Sensitivity = EnumArg<Sensitivity>(data.ConstructorArguments[2], Fields.Sensitivity, At(2));

            bool untrusted = false, multiTenant = false;
            Duration? startup = null;
            ByteSize? size = null, overhead = null;
            int? releases = null, instances = null;
            Target? target = null;
            foreach (var named in data.NamedArguments)
            {
                SyntaxNode writtenAt = byProperty.TryGetValue(named.Key, out var a) ? a : Syntax.Name;
                var value = named.Value;
                switch (named.Key)
                {
                    case "Os":
                        _fieldSyntax[Fields.Os] = writtenAt;
                        Os = EnumArg<TargetOs>(value, Fields.Os, writtenAt);
                        break;
                    case "UntrustedCode":
                        _fieldSyntax[Fields.UntrustedCode] = writtenAt;
                        untrusted = value.Value is true;
                        break;
                    case "MultiTenant":
                        _fieldSyntax[Fields.MultiTenant] = writtenAt;
                        multiTenant = value.Value is true;
                        break;
                    case "KernelModules":
                        _fieldSyntax[Fields.KernelModules] = writtenAt;
                        KernelModules = value.Value is true;
                        break;
                    case "StartupBudget":
                        _fieldSyntax[Fields.StartupBudget] = writtenAt;
                        if (value.Value is string st)
                        {
                            if (Duration.TryParse(st, out var d, out var error)) startup = d;
                            else Errors.Add(new DeclarationError(Fields.StartupBudget, $"StartupBudget \"{st}\" is not a duration: {error}; expected {Duration.Allowed}", writtenAt.GetLocation()));
                        }
                        break;
                    case "SizeBudget":
                        _fieldSyntax[Fields.SizeBudget] = writtenAt;
                        if (value.Value is string sz)
                        {
                            if (ByteSize.TryParse(sz, out var s, out var error)) size = s;
                            else Errors.Add(new DeclarationError(Fields.SizeBudget, $"SizeBudget \"{sz}\" is not a size: {error}; expected {ByteSize.Allowed}", writtenAt.GetLocation()));
                        }
                        break;
                    case "MemoryOverheadBudget":
                        _fieldSyntax[Fields.MemoryOverheadBudget] = writtenAt;
                        if (value.Value is string mo)
                        {
                            if (ByteSize.TryParse(mo, out var m, out var error)) overhead = m;
                            else Errors.Add(new DeclarationError(Fields.MemoryOverheadBudget, $"MemoryOverheadBudget \"{mo}\" is not a size: {error}; expected {ByteSize.Allowed}", writtenAt.GetLocation()));
                        }
                        break;
                    case "ReleasesPerWeek":
                        _fieldSyntax[Fields.ReleasesPerWeek] = writtenAt;
                        releases = IntArg(value, Fields.ReleasesPerWeek, "ReleasesPerWeek", writtenAt);
                        break;
                    case "Instances":
                        _fieldSyntax[Fields.Instances] = writtenAt;
                        instances = IntArg(value, Fields.Instances, "Instances", writtenAt);
                        break;
                    case "Target":
                        _fieldSyntax[Fields.Target] = writtenAt;
                        if (value.Value is int t)
                        {
                            switch (t)
                            {
                                case 0: break; // Unspecified: no plan
                                case 1: target = Engine.Model.Target.Container; break;
                                case 2: target = Engine.Model.Target.SandboxedContainer; break;
                                case 3: target = Engine.Model.Target.Vm; break;
                                default:
                                    Errors.Add(new DeclarationError(Fields.Target, $"{t} is not a DeploymentTarget: use Unspecified, Container, SandboxedContainer or Vm", writtenAt.GetLocation()));
                                    break;
                            }
                        }
                        break;
                }
            }

            if (Errors.Count > 0 || Name is null || Interface is null || Sensitivity is null || Os is null) return;
            Workload = new Workload(Name, Interface.Value, Sensitivity.Value)
            {
                Os = Os.Value,
                UntrustedCode = untrusted,
                MultiTenant = multiTenant,
                KernelModules = KernelModules ?? false,
                StartupBudget = startup,
                SizeBudget = size,
                MemoryOverheadBudget = overhead,
                ReleasesPerWeek = releases,
                Instances = instances,
                PlannedTarget = target,
            };
        }

        private T? EnumArg<T>(TypedConstant value, string field, SyntaxNode writtenAt) where T : struct, Enum
        {
            if (value.Value is int i && DefinedValues<T>.Contains(i)) return (T)(object)i;
            var names = string.Join(", ", Enum.GetNames(typeof(T)));
            Errors.Add(new DeclarationError(field, $"{value.Value ?? "null"} is not a valid {value.Type?.Name ?? typeof(T).Name} for {field}: use one of {names}", writtenAt.GetLocation()));
            return null;
        }

        // Enum.IsDefined reflects over the enum on every call; every declaration asks three times.
        private static class DefinedValues<T> where T : struct, Enum
        {
            private static readonly HashSet<int> Values = new HashSet<int>(Enum.GetValues(typeof(T)).Cast<object>().Select(v => Convert.ToInt32(v, System.Globalization.CultureInfo.InvariantCulture)));
            public static bool Contains(int value) => Values.Contains(value);
        }

        private int? IntArg(TypedConstant value, string field, string property, SyntaxNode writtenAt)
        {
            if (value.Value is not int i) return null;
            var shape = Fields.Leaves.TryGetValue(field, out var s) ? s : null;
            if (shape?.Minimum is long min && i < min)
            {
                Errors.Add(new DeclarationError(field, $"{property} = {i} is out of range: it must be at least {min}", writtenAt.GetLocation()));
                return null;
            }
            return i;
        }
    }
}
