using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using DeployAdvisor.Engine.Model;
using DeployAdvisor.Engine.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using RuleSet = DeployAdvisor.Engine.Rules.RuleSet;

namespace DeployAdvisor.Analyzers
{
    /// <summary>What referencing a symbol (calling, creating, reading it) is evidence of; which rule it feeds depends on the operation.</summary>
    [Flags]
    internal enum Evidence : byte
    {
        None = 0,
        /// <summary>A classified property or field, or a constructor of a classified type.</summary>
        Classified = 1,
        KernelCall = 2,
        /// <summary>A member (or constructor) of a desktop GUI framework's type.</summary>
        GuiType = 4,
        WindowsOnly = 8,
    }

    /// <summary>Well-known symbols and per-symbol answers of one compilation, resolved once.</summary>
    internal sealed class EvidenceModel
    {
        private readonly CancellationToken _ct;
        private readonly INamedTypeSymbol? _dataClassification;
        private readonly INamedTypeSymbol? _personalData;
        private readonly INamedTypeSymbol? _protectedPersonalData;
        private readonly INamedTypeSymbol? _supportedOsPlatform;
        // Looked up when first needed: a static method's attributes, a Windows-only call's guard.
        // Each lookup by metadata name searches every reference of the compilation.
        private readonly Lazy<INamedTypeSymbol?> _libraryImport;
        private readonly WorkloadDeclarations _declarations;
        // Keyed by original definitions, which are unique objects: List<T>.Count and List<int>.Count share one entry.
        private readonly SymbolAnswers _classified = new SymbolAnswers();
        private readonly SymbolAnswers _gui = new SymbolAnswers();
        // Answers are boxed Evidence, one shared box per value.
        private readonly SymbolAnswers _evidence = new SymbolAnswers();
        private static readonly object[] EvidenceBoxes = Enumerable.Range(0, 16).Select(i => (object)(Evidence)i).ToArray();
        private readonly SymbolAnswers _windowsType = new SymbolAnswers();

        private readonly Compilation _compilation;
        private readonly Severities _severities;

        public EvidenceModel(Compilation compilation, WorkloadDeclarations declarations, Severities severities, CancellationToken ct)
        {
            _compilation = compilation;
            _severities = severities;
            Guards = new PlatformGuards(compilation);
            _declarations = declarations;
            _ct = ct;
            _dataClassification = compilation.GetTypeByMetadataName("Microsoft.Extensions.Compliance.Classification.DataClassificationAttribute");
            _personalData = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Identity.PersonalDataAttribute");
            _protectedPersonalData = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Identity.ProtectedPersonalDataAttribute");
            _supportedOsPlatform = compilation.GetTypeByMetadataName("System.Runtime.Versioning.SupportedOSPlatformAttribute");
            _libraryImport = new Lazy<INamedTypeSymbol?>(() => compilation.GetTypeByMetadataName("System.Runtime.InteropServices.LibraryImportAttribute"));
            CanReferenceGui = HasGuiNamespace(compilation.GlobalNamespace);
            // Made once: a lambda over this object's methods is a new delegate in every call, cache hit or not.
            _readsClassified = s => s.GetAttributes().Any(a => IsClassificationAttribute(a.AttributeClass));
            _readsGuiType = ReadsGuiType;
            _readsWindowsOnlyType = ReadsWindowsOnlyType;
            _readsWindowsOnlyAssembly = a => MarksWindows(a.GetAttributes());
        }

        private readonly Func<ISymbol, bool> _readsClassified, _readsGuiType, _readsWindowsOnlyType, _readsWindowsOnlyAssembly;

        /// <summary>
        /// Everything a reference to the symbol can be evidence of, computed once per symbol (keyed by the
        /// original definition: a generic method's instantiations share the answer, as they share attributes).
        /// A cache hit is a reference-hashed lookup, which matters: it runs for every call and member access.
        /// </summary>
        public Evidence EvidenceOf(ISymbol target)
        {
            var definition = target.OriginalDefinition;
            if (_evidence.Find(definition) is object known) return (Evidence)known;
            var type = target is IMethodSymbol { MethodKind: MethodKind.Constructor } ? target.ContainingType : null;
            var e = Evidence.None;
            if (target is IPropertySymbol or IFieldSymbol ? IsClassified(definition) : type != null && IsClassified(type)) e |= Evidence.Classified;
            // P/Invokes (DllImport, LibraryImport) are static: an instance method needs no attribute read.
            if (definition is IMethodSymbol { IsStatic: true } method && IsKernelCall(method)) e |= Evidence.KernelCall;
            if (CanReferenceGui && definition.ContainingType is INamedTypeSymbol containing && IsGuiType(containing)) e |= Evidence.GuiType;
            if (CanReferenceWindowsOnly && MarksWindowsOnly(definition)) e |= Evidence.WindowsOnly;
            return (Evidence)_evidence.Add(definition, EvidenceBoxes[(int)e]);
        }

        /// <summary>The rule is off in .deployadvisor.yaml and Roslyn's configuration says nothing for this code.</summary>
        public bool DisabledByConfig(string id, ISymbol symbol) => _severities.DisabledByConfig(id, symbol);

        public PlatformGuards Guards { get; }

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

        /// <summary>False when the compilation references none of the classification attributes (most projects).</summary>
        public bool CanClassify => _dataClassification != null || _personalData != null || _protectedPersonalData != null;

        /// <summary>
        /// Some desktop GUI framework's namespace exists in the compilation (its references or its source).
        /// Without one, no reference can be GUI evidence, and no type's base chain needs reading.
        /// </summary>
        public bool CanReferenceGui { get; }

        /// <summary>The compilation knows [SupportedOSPlatform], so an API can be marked Windows-only.</summary>
        public bool CanReferenceWindowsOnly => _supportedOsPlatform != null;

        private static bool HasGuiNamespace(INamespaceSymbol global)
        {
            foreach (var name in EvidenceAnalyzer.GuiNamespaces)
                if (Namespace(global, name) != null) return true;
            var windows = Namespace(global, "System.Windows");
            return windows != null && EvidenceAnalyzer.WpfRootTypes.Any(t => windows.GetTypeMembers(t).Length > 0);
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

        // Attributes belong to a symbol's original definition: List<T>.Count and List<int>.Count share one cache entry.
        public bool IsClassified(ISymbol symbol) => CanClassify && _classified.GetOrAdd(symbol.OriginalDefinition, _readsClassified);

        /// <summary>The member is itself a classified declaration (reported as such, not again for its body).</summary>
        public bool IsClassifiedDeclaration(ISymbol member)
            => IsClassified(member) || (member is IMethodSymbol m && m.Parameters.Any(IsClassified));

        private bool IsClassificationAttribute(INamedTypeSymbol? type)
        {
            for (var t = type; t != null; t = t.BaseType)
            {
                if (Is(t, _dataClassification) || Is(t, _personalData) || Is(t, _protectedPersonalData)) return true;
            }
            return false;
        }

        private static bool Is(INamedTypeSymbol t, INamedTypeSymbol? known) => known != null && SymbolEqualityComparer.Default.Equals(t.OriginalDefinition, known);

        /// <summary>Uncached: only <see cref="EvidenceOf"/> asks, and it caches the answer per method.</summary>
        public bool IsKernelCall(IMethodSymbol method)
        {
            string? entry = null;
            var dllImport = method.GetDllImportData();
            if (dllImport != null) entry = dllImport.EntryPointName ?? method.Name;
            else if (_libraryImport.Value is INamedTypeSymbol libraryImport)
            {
                var attr = method.GetAttributes().FirstOrDefault(a => Is(a.AttributeClass!, libraryImport));
                if (attr != null)
                    entry = attr.NamedArguments.Where(n => n.Key == "EntryPoint").Select(n => n.Value.Value as string).FirstOrDefault() ?? method.Name;
            }
            return entry != null && EvidenceAnalyzer.KernelEntryPoints.Contains(entry);
        }

        public bool IsGuiType(INamedTypeSymbol type) => _gui.GetOrAdd(type.OriginalDefinition, _readsGuiType);

        private bool ReadsGuiType(ISymbol t)
        {
            for (var x = (INamedTypeSymbol?)t; x != null; x = x.BaseType)
            {
                var ns = x.ContainingNamespace?.ToDisplayString() ?? "";
                if (EvidenceAnalyzer.GuiNamespaces.Any(p => ns == p || ns.StartsWith(p + ".", StringComparison.Ordinal))) return true;
                if (ns == "System.Windows" && EvidenceAnalyzer.WpfRootTypes.Contains(x.Name)) return true;
            }
            return false;
        }

        /// <summary>The symbol, a containing type or its assembly is marked [SupportedOSPlatform("windows…")].</summary>
        public bool IsWindowsOnly(ISymbol symbol) => CanReferenceWindowsOnly && MarksWindowsOnly(symbol.OriginalDefinition);

        // Uncached per symbol: EvidenceOf caches its answer per definition, and a member's own question is
        // asked only when its body holds Windows-only evidence. Types and assemblies are cached: many share them.
        private bool MarksWindowsOnly(ISymbol s)
        {
            if (MarksWindows(s.GetAttributes())) return true;
            if (s is IMethodSymbol { AssociatedSymbol: ISymbol associated } && MarksWindows(associated.GetAttributes())) return true;
            return s.ContainingType is INamedTypeSymbol type ? IsWindowsOnlyType(type)
                : s.ContainingAssembly != null && IsWindowsOnlyAssembly(s.ContainingAssembly);
        }

        // A type's answer (its own attributes, its containers', its assembly's) is shared by all its members.
        private bool IsWindowsOnlyType(INamedTypeSymbol type) => _windowsType.GetOrAdd(type.OriginalDefinition, _readsWindowsOnlyType);

        private bool ReadsWindowsOnlyType(ISymbol t)
            => MarksWindows(t.GetAttributes())
            || (t.ContainingType is INamedTypeSymbol outer ? IsWindowsOnlyType(outer) : t.ContainingAssembly != null && IsWindowsOnlyAssembly(t.ContainingAssembly));

        private bool IsWindowsOnlyAssembly(IAssemblySymbol assembly) => _windowsType.GetOrAdd(assembly, _readsWindowsOnlyAssembly);

        private bool MarksWindows(ImmutableArray<AttributeData> attributes)
            => attributes.Any(a => Is(a.AttributeClass!, _supportedOsPlatform) && a.ConstructorArguments.Length == 1
                && a.ConstructorArguments[0].Value is string platform && platform.StartsWith("windows", StringComparison.OrdinalIgnoreCase));
    }
}
