using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using DeployAdvisor.Engine.Rules;
using Microsoft.CodeAnalysis;

namespace DeployAdvisor.Analyzers
{
    /// <summary>What referencing a symbol is evidence of, as masks over the catalog's evidence rules, by kind of trigger.</summary>
    internal sealed class SymbolEvidence
    {
        public static readonly SymbolEvidence None = new SymbolEvidence(0, 0, 0, 0, 0);

        public SymbolEvidence(ulong attribute, ulong native, ulong type, ulong platform, ulong member)
        {
            Attribute = attribute; Native = native; Type = type; Platform = platform; Member = member;
        }

        /// <summary>A marked property or field, or a constructor of a marked type.</summary>
        public ulong Attribute { get; }
        /// <summary>A P/Invoke method with a triggering entry point.</summary>
        public ulong Native { get; }
        /// <summary>A member (or constructor) of a triggering type, or of a type in a triggering namespace.</summary>
        public ulong Type { get; }
        /// <summary>An API marked for a triggering platform (itself, its property, its types or its assembly).</summary>
        public ulong Platform { get; }

        /// <summary>The member itself (a method, property or field) is a trigger.</summary>
        public ulong Member { get; }

        public bool IsNone => (Attribute | Native | Type | Platform | Member) == 0;
    }

    /// <summary>
    /// The evidence rules' view of one compilation: the catalog's triggers resolved to this compilation's
    /// symbols once, and per-symbol answers cached. The engine's <see cref="EvidenceCatalog"/> decides
    /// which rules a symbol is evidence for, from what is read here (entry point and library, namespace
    /// and type name, attribute class, platform); this class only reads symbols.
    /// </summary>
    internal sealed class EvidenceModel
    {
        private readonly CancellationToken _ct;
        private readonly Severities _severities;
        private readonly WorkloadDeclarations _declarations;
        /// <summary>The trigger attribute classes found in the compilation, with the rules each is evidence for.</summary>
        private readonly Dictionary<INamedTypeSymbol, ulong> _attributes;
        private readonly INamedTypeSymbol? _supportedOsPlatform;
        // Looked up when first needed, by a static method's attributes; each lookup by metadata name searches every reference.
        private readonly Lazy<INamedTypeSymbol?> _libraryImport;
        // Keyed by original definitions, which are unique objects: List<T>.Count and List<int>.Count share one entry.
        private readonly SymbolAnswers _evidence = new SymbolAnswers();
        private readonly SymbolAnswers _marked = new SymbolAnswers();
        private readonly SymbolAnswers _types = new SymbolAnswers();
        private readonly SymbolAnswers _platformTypes = new SymbolAnswers();
        // Made once: a lambda over this object's methods is a new delegate in every call, cache hit or not.
        private readonly Func<ISymbol, object> _readsMarked, _readsType, _readsPlatformType;

        public EvidenceModel(Compilation compilation, WorkloadDeclarations declarations, EvidenceCatalog catalog, Severities severities, DescriptorCatalog descriptors, CancellationToken ct)
        {
            Descriptors = descriptors;
            Catalog = catalog;
            _declarations = declarations;
            _severities = severities;
            _ct = ct;
            _attributes = new Dictionary<INamedTypeSymbol, ulong>(SymbolEqualityComparer.Default);
            foreach (var name in catalog.AttributeNames)
                if (compilation.GetTypeByMetadataName(name) is INamedTypeSymbol attribute)
                    _attributes[attribute] = (_attributes.TryGetValue(attribute, out var m) ? m : 0) | catalog.ForAttribute(name);
            _supportedOsPlatform = catalog.PlatformRules != 0 ? compilation.GetTypeByMetadataName("System.Runtime.Versioning.SupportedOSPlatformAttribute") : null;
            _libraryImport = new Lazy<INamedTypeSymbol?>(() => compilation.GetTypeByMetadataName("System.Runtime.InteropServices.LibraryImportAttribute"));
            CanReferenceTypes = catalog.TypeRules != 0 && HasAnyType(compilation.GlobalNamespace, catalog.Namespaces, catalog.TypeNames);
            CanReferenceMembers = catalog.MemberRules != 0 && HasAnyType(compilation.GlobalNamespace, Enumerable.Empty<string>(), catalog.MemberTypeNames);
            Guards = new PlatformGuards(compilation);
            _readsMarked = s => Box(ReadMarked(s));
            _readsType = t => Box(ReadType((INamedTypeSymbol)t));
            _readsPlatformType = ReadPlatformType;
        }

        public EvidenceCatalog Catalog { get; }
        /// <summary>The project's descriptors (with help links when a docs base URL is configured).</summary>
        public DescriptorCatalog Descriptors { get; }
        public PlatformGuards Guards { get; }

        /// <summary>Some trigger attribute exists in the compilation; most projects have none, and then nothing can be marked.</summary>
        public bool CanMark => _attributes.Count > 0;

        /// <summary>
        /// Some trigger namespace or type exists in the compilation (its references or its source). Without
        /// one, no reference can be type evidence, and no type's base chain needs reading.
        /// </summary>
        public bool CanReferenceTypes { get; }

        /// <summary>The type of some trigger member exists in the compilation; without one, no reference can be member evidence.</summary>
        public bool CanReferenceMembers { get; }

        /// <summary>The compilation knows [SupportedOSPlatform] and some rule has a platform trigger.</summary>
        public bool CanReferencePlatformOnly => _supportedOsPlatform != null;

        /// <summary>The rule is off in .deployadvisor.yaml and Roslyn's configuration says nothing for this code.</summary>
        public bool DisabledByConfig(string id, ISymbol symbol) => _severities.DisabledByConfig(id, symbol);

        /// <summary>The workload whose code this symbol is: the nearest type with its own [Workload], else the assembly's.</summary>
        public WorkloadDeclaration? WorkloadOf(ISymbol symbol)
        {
            for (var type = symbol as INamedTypeSymbol ?? symbol.ContainingType; type != null; type = type.ContainingType)
            {
                var own = _declarations.OfType(type, _ct);
                if (own != null) return own;
            }
            var assembly = _declarations.OfAssembly(_ct);
            return assembly.Count > 0 ? assembly[0] : null;
        }

        /// <summary>
        /// The evidence rules that apply to the declaration and are not turned off for this code: bit i for
        /// the catalog's rule i. Whether a rule applies is the engine's answer (the rule's condition on the
        /// declaration's fields), asked once per declaration.
        /// </summary>
        public ulong RulesFor(WorkloadDeclaration decl, ISymbol code)
        {
            ulong applies = decl.ApplicableEvidence(Catalog);
            ulong on = 0;
            for (int i = 0; applies >> i != 0; i++)
                if ((applies & (1UL << i)) != 0 && !DisabledByConfig(Catalog.Rules[i].Id, code)) on |= 1UL << i;
            return on;
        }

        /// <summary>
        /// Everything a reference to the symbol can be evidence of, computed once per symbol (keyed by the
        /// original definition: a generic method's instantiations share the answer, as they share attributes).
        /// </summary>
        [MethodImpl(Optimized.FromFirstCall)]
        public SymbolEvidence EvidenceOf(ISymbol target)
        {
            var definition = target.OriginalDefinition;
            if (_evidence.Find(definition) is SymbolEvidence known) return known;
            var constructed = target is IMethodSymbol { MethodKind: MethodKind.Constructor } ? target.ContainingType : null;
            ulong attribute = target is IPropertySymbol or IFieldSymbol ? Marked(definition) : constructed != null ? Marked(constructed) : 0;
            // P/Invokes (DllImport, LibraryImport) are static: an instance method needs no attribute read.
            ulong native = Catalog.NativeRules != 0 && definition is IMethodSymbol { IsStatic: true } method ? NativeCallRules(method) : 0;
            ulong type = CanReferenceTypes && definition.ContainingType is INamedTypeSymbol containing ? TypeRules(containing) : 0;
            ulong platform = CanReferencePlatformOnly ? PlatformRules(definition) : 0;
            ulong member = CanReferenceMembers && definition.ContainingType is INamedTypeSymbol owner ? MemberRules(owner, definition) : 0;
            var e = (attribute | native | type | platform | member) == 0 ? SymbolEvidence.None : new SymbolEvidence(attribute, native, type, platform, member);
            return (SymbolEvidence)_evidence.Add(definition, e);
        }

        /// <summary>The rules whose trigger attributes (or subclasses of them) mark this symbol itself.</summary>
        public ulong Marked(ISymbol symbol) => CanMark ? (ulong)_marked.GetOrAdd(symbol.OriginalDefinition, _readsMarked) : 0;

        /// <summary>The member is itself a marked declaration, or has a marked parameter, for these rules (reported as such, not again for its body).</summary>
        public ulong MarkedDeclaration(ISymbol member)
        {
            ulong rules = Marked(member);
            if (member is IMethodSymbol m) foreach (var p in m.Parameters) rules |= Marked(p);
            return rules;
        }

        private ulong ReadMarked(ISymbol symbol)
        {
            ulong rules = 0;
            foreach (var a in symbol.GetAttributes())
                for (var t = a.AttributeClass; t != null; t = t.BaseType)
                    if (_attributes.TryGetValue(t.OriginalDefinition, out var r)) rules |= r;
            return rules;
        }

        /// <summary>Uncached: only <see cref="EvidenceOf"/> asks, and it caches the answer per method.</summary>
        private ulong NativeCallRules(IMethodSymbol method)
        {
            string? entry = null, library = null;
            var dllImport = method.GetDllImportData();
            if (dllImport != null)
            {
                entry = dllImport.EntryPointName ?? method.Name;
                library = dllImport.ModuleName;
            }
            else if (_libraryImport.Value is INamedTypeSymbol libraryImport)
            {
                var attr = method.GetAttributes().FirstOrDefault(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass?.OriginalDefinition, libraryImport));
                if (attr != null)
                {
                    entry = attr.NamedArguments.Where(n => n.Key == "EntryPoint").Select(n => n.Value.Value as string).FirstOrDefault() ?? method.Name;
                    library = attr.ConstructorArguments.Length > 0 ? attr.ConstructorArguments[0].Value as string : null;
                }
            }
            return entry != null ? Catalog.ForNativeCall(entry, library) : 0;
        }

        /// <summary>The rules a member of this type is evidence for: the type or one of its base types is a trigger or in a trigger namespace.</summary>
        public ulong TypeRules(INamedTypeSymbol type) => (ulong)_types.GetOrAdd(type.OriginalDefinition, _readsType);

        private ulong ReadType(INamedTypeSymbol t)
        {
            ulong rules = 0;
            for (var x = t; x != null; x = x.BaseType)
                rules |= Catalog.ForType(x.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() : "", NestedName(x));
            return rules;
        }

        /// <summary>Uncached: only <see cref="EvidenceOf"/> asks, and it caches the answer per member.</summary>
        private ulong MemberRules(INamedTypeSymbol containing, ISymbol member)
            => Catalog.ForMember(containing.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() : "", NestedName(containing), member.Name);

        private static string NestedName(INamedTypeSymbol type)
            => type.ContainingType is INamedTypeSymbol outer ? NestedName(outer) + "+" + type.Name : type.Name;

        private static bool HasAnyType(INamespaceSymbol global, IEnumerable<string> namespaces, IEnumerable<string> typeNames)
        {
            foreach (var name in namespaces)
                if (Namespace(global, name) != null) return true;
            foreach (var name in typeNames)
            {
                int dot = name.LastIndexOf('.');
                var ns = dot < 0 ? global : Namespace(global, name.Substring(0, dot));
                var typeName = name.Substring(dot + 1).Split('+')[0];
                if (ns != null && ns.GetTypeMembers(typeName).Length > 0) return true;
            }
            return false;
        }

        private static INamespaceSymbol? Namespace(INamespaceSymbol global, string dotted)
        {
            INamespaceSymbol? ns = global;
            foreach (var part in dotted.Split('.'))
            {
                ns = ns.GetMembers(part).OfType<INamespaceSymbol>().FirstOrDefault();
                if (ns is null) return null;
            }
            return ns;
        }

        /// <summary>The rules whose platforms this symbol (or its property, a containing type or its assembly) is marked [SupportedOSPlatform] for.</summary>
        public ulong PlatformRules(ISymbol symbol)
        {
            if (!CanReferencePlatformOnly) return 0;
            var s = symbol.OriginalDefinition;
            ulong rules = MarksPlatform(s.GetAttributes());
            if (s is IMethodSymbol { AssociatedSymbol: ISymbol associated }) rules |= MarksPlatform(associated.GetAttributes());
            // Uncached per symbol: EvidenceOf caches its answer per definition, and a member's own question is
            // asked only when its body holds platform evidence. Types and assemblies are cached: many share them.
            return rules | (s.ContainingType is INamedTypeSymbol type ? PlatformTypeRules(type)
                : s.ContainingAssembly != null ? PlatformTypeRules(s.ContainingAssembly) : 0);
        }

        private ulong PlatformTypeRules(ISymbol typeOrAssembly) => (ulong)_platformTypes.GetOrAdd(typeOrAssembly is INamedTypeSymbol t ? t.OriginalDefinition : typeOrAssembly, _readsPlatformType);

        private object ReadPlatformType(ISymbol t)
        {
            ulong rules = MarksPlatform(t.GetAttributes());
            if (t is INamedTypeSymbol)
                rules |= t.ContainingType is INamedTypeSymbol outer ? PlatformTypeRules(outer) : t.ContainingAssembly != null ? PlatformTypeRules(t.ContainingAssembly) : 0;
            return Box(rules);
        }

        private ulong MarksPlatform(ImmutableArray<AttributeData> attributes)
        {
            ulong rules = 0;
            foreach (var a in attributes)
                if (a.ConstructorArguments.Length == 1 && a.ConstructorArguments[0].Value is string platform
                    && SymbolEqualityComparer.Default.Equals(a.AttributeClass, _supportedOsPlatform))
                    rules |= Catalog.ForPlatform(platform);
            return rules;
        }

        private static readonly object Zero = 0UL;
        private static object Box(ulong rules) => rules == 0 ? Zero : rules;
    }
}
