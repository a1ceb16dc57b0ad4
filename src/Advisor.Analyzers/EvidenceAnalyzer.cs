using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Runtime.InteropServices;
using System.Threading;
using DeployAdvisor.Engine.Model;
using DeployAdvisor.Engine.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using RuleSet = DeployAdvisor.Engine.Rules.RuleSet;

namespace DeployAdvisor.Analyzers
{
    /// <summary>
    /// Evidence rules: the workload's code contradicts its declaration (DA1101, DA1102, DA2101,
    /// DA2102). The code of a workload is its attributed type with nested types, or, for an
    /// assembly-level attribute, every type without an attribute of its own. At most one
    /// diagnostic per rule and member, at the earliest evidence in it.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class EvidenceAnalyzer : DiagnosticAnalyzer
    {
        public const string ClassifiedData = "DA1101";
        public const string KernelAccess = "DA1102";
        public const string GuiCode = "DA2101";
        public const string WindowsApi = "DA2102";

        internal static readonly ImmutableHashSet<string> EvidenceIds = ImmutableHashSet.Create(StringComparer.Ordinal, ClassifiedData, KernelAccess, GuiCode, WindowsApi);

        /// <summary>Kernel-facing entry points of analyzers.md.</summary>
        internal static readonly ImmutableHashSet<string> KernelEntryPoints = ImmutableHashSet.Create(StringComparer.Ordinal,
            "init_module", "finit_module", "delete_module", "mount", "umount2", "setns", "unshare", "pivot_root");

        /// <summary>Namespaces of desktop GUI frameworks: Windows Forms, WPF, Avalonia, GTK#, MAUI.</summary>
        internal static readonly string[] GuiNamespaces =
        {
            "System.Windows.Forms",
            "System.Windows.Controls", "System.Windows.Media", "System.Windows.Shapes", "System.Windows.Documents", "System.Windows.Navigation",
            "Avalonia", "Gtk", "Microsoft.Maui",
        };

        /// <summary>WPF's own types in the System.Windows namespace itself (it also holds non-GUI types elsewhere).</summary>
        internal static readonly ImmutableHashSet<string> WpfRootTypes = ImmutableHashSet.Create(StringComparer.Ordinal,
            "Window", "Application", "MessageBox", "UIElement", "FrameworkElement", "Clipboard");

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            EvidenceIds.OrderBy(i => i, StringComparer.Ordinal).Select(Descriptors.Get).ToImmutableArray();

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterCompilationStartAction(start => Safe.Run(start.CancellationToken, () =>
            {
                var compilation = start.Compilation;
                var config = ProjectConfig.Load(start.Options.AdditionalFiles, RuleSet.BuiltIn, start.CancellationToken);
                var ct = start.CancellationToken;
                // Built in the first callback, not here: its symbol lookups would bind the compilation's
                // references inside this start action (WorkloadDeclarations.For). Null without the attribute.
                var model = new Lazy<EvidenceModel?>(
                    () => WorkloadDeclarations.For(compilation) is WorkloadDeclarations declarations ? new EvidenceModel(compilation, declarations, config, ct) : null,
                    LazyThreadSafetyMode.ExecutionAndPublication);
                // Declarations can only be classified where a classification attribute exists; most projects
                // have none, and then each of these callbacks returns after one check.
                start.RegisterSymbolAction(ctx => Safe.Run(model, ctx, ctx.CancellationToken, static (model, ctx) =>
                {
                    if (model.Value is { CanClassify: true } m) AnalyzeDeclaration(m, ctx);
                }), SymbolKind.NamedType, SymbolKind.Property, SymbolKind.Field, SymbolKind.Method);
                start.RegisterOperationBlockAction(ctx => Safe.Run(model, ctx, ctx.CancellationToken, static (model, ctx) =>
                {
                    if (model.Value is EvidenceModel m) AnalyzeBlock(m, ctx);
                }));
            }));
        }

        // DA1101 on declarations: a classified member or type declared in the workload's code.
        private static void AnalyzeDeclaration(EvidenceModel model, SymbolAnalysisContext ctx)
        {
            var symbol = ctx.Symbol;
            if (symbol.IsImplicitlyDeclared) return;
            if (symbol is IMethodSymbol { AssociatedSymbol: not null }) return;
            var decl = model.WorkloadOf(symbol);
            if (decl is null || !Applies(decl, ClassifiedData) || model.DisabledByConfig(ClassifiedData, symbol)) return;
            Location? at = null;
            if (model.IsClassified(symbol)) at = symbol.Locations.FirstOrDefault(l => l.IsInSource);
            else if (symbol is IMethodSymbol method)
                at = method.Parameters.Where(model.IsClassified).Select(p => p.Locations.FirstOrDefault(l => l.IsInSource)).FirstOrDefault(l => l != null);
            if (at != null) ctx.ReportDiagnostic(Create(ClassifiedData, at, decl));
        }

        /// <summary>The evidence rules by index in a member's findings, in rule ID order (the order they are reported in).</summary>
        private static readonly string[] RulesInOrder = { ClassifiedData, KernelAccess, GuiCode, WindowsApi };

        /// <summary>
        /// Per member: the rules that apply, then one walk over the member's operations, and the earliest
        /// evidence of each rule reported. One callback per member, not one per call and member access:
        /// the compiler times every callback, and on a busy machine each of thousands of tiny callbacks
        /// was charged its wait for a core (docs/performance.md). Each visited reference is one cached
        /// lookup (<see cref="EvidenceModel.EvidenceOf"/>).
        /// </summary>
        private static void AnalyzeBlock(EvidenceModel model, OperationBlockAnalysisContext ctx)
        {
            var owner = ctx.OwningSymbol;
            var member = owner is IMethodSymbol { AssociatedSymbol: ISymbol associated } ? associated : owner;
            var decl = model.WorkloadOf(owner);
            if (decl is null) return;
            bool On(string id) => Applies(decl, id) && !model.DisabledByConfig(id, owner);
            // Only rules whose evidence can exist in this compilation at all. Questions about the member
            // itself (is it classified, is it Windows-only) wait until the walk finds evidence: nearly
            // every member has none, and each question costs an attribute lookup per member.
            bool classified = model.CanClassify && On(ClassifiedData);
            bool kernel = On(KernelAccess);
            bool gui = model.CanReferenceGui && On(GuiCode);
            bool windows = model.CanReferenceWindowsOnly && On(WindowsApi);
            if (!classified && !kernel && !gui && !windows) return;
            // Which references can be evidence of a rule that applies (as the candidates below take them):
            // reading a field is evidence of classified data only, and most projects cannot classify.
            bool calls = kernel || gui || windows, creations = classified || gui || windows;
            bool properties = classified || windows, fields = classified;

            // The earliest evidence of each rule in the member: smallest start, then the shortest span.
            // The stack and this array are the thread's own, reused rather than allocated per member; the
            // compiler never runs two callbacks on one thread at once. Emptied first (a cancelled walk leaves them full)
            // and after (so that they hold no operation tree).
            var scratch = WalkScratch.OfThread();
            var found = scratch.Found;
            var pending = scratch.Pending;
            pending.Clear();
            Array.Clear(found, 0, found.Length);
            void Candidate(int rule, IOperation op)
            {
                var current = found[rule];
                if (current != null)
                {
                    var a = current.Syntax.Span; var b = op.Syntax.Span;
                    if (b.Start > a.Start || (b.Start == a.Start && b.Length >= a.Length)) return;
                }
                found[rule] = op;
            }

            // Every operation of the member, in no particular order (the earliest evidence is chosen by
            // its span): a stack of operations, rather than Roslyn's Descendants(), which keeps a builder
            // of enumerator structs, a generic instantiation the compiler's precompiled code does not
            // hold, so it ran as unoptimised JIT code (a third of this method's time).
            foreach (var block in ctx.OperationBlocks) pending.Push(block);
            while (pending.Count > 0)
            {
                var op = pending.Pop();
                foreach (var child in op.ChildOperations) pending.Push(child);
                // By kind first: one virtual call per operation instead of up to four interface casts.
                ISymbol? target;
                switch (op.Kind)
                {
                    case OperationKind.Invocation when calls: target = ((IInvocationOperation)op).TargetMethod; break;
                    case OperationKind.ObjectCreation when creations: target = ((IObjectCreationOperation)op).Constructor; break;
                    case OperationKind.PropertyReference when properties: target = ((IPropertyReferenceOperation)op).Property; break;
                    case OperationKind.FieldReference when fields: target = ((IFieldReferenceOperation)op).Field; break;
                    default: continue;
                }
                if (target is null) continue;
                var evidence = model.EvidenceOf(target);
                if (evidence == Evidence.None) continue;
                bool call = op.Kind == OperationKind.Invocation, creation = op.Kind == OperationKind.ObjectCreation;
                if (classified && (evidence & Evidence.Classified) != 0 && !call) Candidate(0, op);
                if (kernel && (evidence & Evidence.KernelCall) != 0 && call) Candidate(1, op);
                if (gui && (evidence & Evidence.GuiType) != 0 && (call || creation)) Candidate(2, op);
                if (windows && (evidence & Evidence.WindowsOnly) != 0 && op.Kind != OperationKind.FieldReference && !model.IsGuardedForWindows(op))
                    Candidate(3, op);
            }
            // A classified member is reported as a declaration, not again for its body; a Windows-only
            // member may call Windows-only APIs.
            if (found[0] != null && model.IsClassifiedDeclaration(member)) found[0] = null;
            if (found[3] != null && model.IsWindowsOnly(member)) found[3] = null;
            for (int rule = 0; rule < RulesInOrder.Length; rule++)
            {
                if (found[rule] is IOperation op) ctx.ReportDiagnostic(Create(RulesInOrder[rule], op.Syntax.GetLocation(), decl));
                found[rule] = null;
            }
        }

        /// <summary>The evidence walk's working storage, one per thread.</summary>
        private sealed class WalkScratch
        {
            [ThreadStatic] private static WalkScratch? _ofThread;

            public static WalkScratch OfThread() => _ofThread ??= new WalkScratch();

            public readonly OperationStack Pending = new OperationStack();
            public readonly IOperation?[] Found = new IOperation?[4];
        }

        /// <summary>
        /// A stack of operations in an array of structs: storing an interface reference into an array of
        /// it (a List's) is a checked store, since arrays are covariant, and that check was a tenth of the
        /// walk's own time; a struct's field is stored without one.
        /// </summary>
        private sealed class OperationStack
        {
            private struct Slot { public IOperation? Operation; }

            private Slot[] _slots = new Slot[64];

            public int Count { get; private set; }

            public void Push(IOperation operation)
            {
                if (Count == _slots.Length) Array.Resize(ref _slots, Count * 2);
                _slots[Count++].Operation = operation;
            }

            /// <summary>The top operation; its slot is emptied, so that the stack holds no tree once empty.</summary>
            public IOperation Pop()
            {
                ref var slot = ref _slots[--Count];
                var operation = slot.Operation!;
                slot.Operation = null;
                return operation;
            }

            /// <summary>Empties what a cancelled walk left (popped slots are empty already).</summary>
            public void Clear()
            {
                Array.Clear(_slots, 0, Count);
                Count = 0;
            }
        }

        internal static bool Applies(WorkloadDeclaration decl, string id) => id switch
        {
            ClassifiedData => decl.Sensitivity is Sensitivity.Public or Sensitivity.Internal,
            KernelAccess => decl.KernelModules == false,
            GuiCode => decl.Interface is WorkloadInterface i && i != WorkloadInterface.Gui,
            WindowsApi => decl.Os == TargetOs.Linux,
            _ => false,
        };

        private static readonly ConcurrentDictionary<string, IReadOnlyList<string>> Placeholders = new ConcurrentDictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);

        private static Diagnostic Create(string id, Location location, WorkloadDeclaration decl)
        {
            var placeholders = Placeholders.GetOrAdd(id, i => Descriptors.MessageFormat(RuleSet.BuiltIn.Find(i)?.MessageTemplate ?? "").Placeholders);
            var args = placeholders.Select(p => (object)Fill(p, decl)).ToArray();
            var properties = id switch
            {
                ClassifiedData => FixProperties.Create(FixProperties.Sensitivity, "Confidential"),
                KernelAccess => FixProperties.Create(FixProperties.KernelModules, "true"),
                GuiCode => FixProperties.Create(FixProperties.Interface, "Gui"),
                _ => FixProperties.Create(FixProperties.Os, "Windows"),
            };
            return Diagnostic.Create(Descriptors.Get(id), location, new[] { decl.AttributeLocation }, properties, args);
        }

        private static string Fill(string placeholder, WorkloadDeclaration decl)
        {
            if (placeholder == "name") return decl.Name ?? "(unnamed)";
            if (!placeholder.StartsWith("field:", StringComparison.Ordinal)) return "";
            var field = placeholder.Substring("field:".Length);
            switch (field)
            {
                case Fields.Interface: return decl.Interface is WorkloadInterface i ? FieldValue.Enum(i).ToString() : "?";
                case Fields.Sensitivity: return decl.Sensitivity is Sensitivity s ? FieldValue.Enum(s).ToString() : "?";
                case Fields.Os: return decl.Os is TargetOs o ? FieldValue.Enum(o).ToString() : "?";
                case Fields.KernelModules: return decl.KernelModules == true ? "true" : "false";
                default:
                    try { return decl.Workload?.Get(field).ToString() ?? "?"; }
                    catch (ArgumentException) { return "?"; }
            }
        }
    }

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
        private readonly Lazy<INamedTypeSymbol?> _operatingSystem;
        private readonly Lazy<INamedTypeSymbol?> _runtimeInformation;
        private readonly WorkloadDeclarations _declarations;
        // Keyed by original definitions, which are unique objects: List<T>.Count and List<int>.Count share one entry.
        private readonly SymbolAnswers _classified = new SymbolAnswers();
        private readonly SymbolAnswers _gui = new SymbolAnswers();
        // Answers are boxed Evidence, one shared box per value.
        private readonly SymbolAnswers _evidence = new SymbolAnswers();
        private static readonly object[] EvidenceBoxes = Enumerable.Range(0, 16).Select(i => (object)(Evidence)i).ToArray();
        private readonly SymbolAnswers _windowsType = new SymbolAnswers();

        private readonly Compilation _compilation;
        private readonly ProjectConfig _config;

        public EvidenceModel(Compilation compilation, WorkloadDeclarations declarations, ProjectConfig config, CancellationToken ct)
        {
            _compilation = compilation;
            _config = config;
            _declarations = declarations;
            _ct = ct;
            _dataClassification = compilation.GetTypeByMetadataName("Microsoft.Extensions.Compliance.Classification.DataClassificationAttribute");
            _personalData = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Identity.PersonalDataAttribute");
            _protectedPersonalData = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Identity.ProtectedPersonalDataAttribute");
            _supportedOsPlatform = compilation.GetTypeByMetadataName("System.Runtime.Versioning.SupportedOSPlatformAttribute");
            _libraryImport = new Lazy<INamedTypeSymbol?>(() => compilation.GetTypeByMetadataName("System.Runtime.InteropServices.LibraryImportAttribute"));
            _operatingSystem = new Lazy<INamedTypeSymbol?>(() => compilation.GetTypeByMetadataName("System.OperatingSystem"));
            _runtimeInformation = new Lazy<INamedTypeSymbol?>(() => compilation.GetTypeByMetadataName("System.Runtime.InteropServices.RuntimeInformation"));
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
        public bool DisabledByConfig(string id, ISymbol symbol)
        {
            if (!_config.Disables(id)) return false;
            var tree = symbol.Locations.FirstOrDefault(l => l.IsInSource)?.SourceTree;
            return !AnalysisModel.RoslynConfigures(_compilation, tree, id, _ct, out _);
        }

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

        /// <summary>
        /// The call sits in the true branch of a check for Windows (OperatingSystem.IsWindows…,
        /// RuntimeInformation.IsOSPlatform): the code has a path for other systems.
        /// </summary>
        public bool IsGuardedForWindows(IOperation operation)
        {
            IOperation child = operation;
            for (var parent = operation.Parent; parent != null; child = parent, parent = parent.Parent)
            {
                if (parent is IConditionalOperation conditional && conditional.WhenTrue == child && ChecksPlatform(conditional.Condition))
                    return true;
            }
            return false;
        }

        private bool ChecksPlatform(IOperation condition)
        {
            foreach (var op in condition.DescendantsAndSelf())
            {
                if (op is IInvocationOperation inv)
                {
                    var type = inv.TargetMethod.ContainingType;
                    if (_operatingSystem.Value != null && SymbolEqualityComparer.Default.Equals(type, _operatingSystem.Value) && inv.TargetMethod.Name.StartsWith("IsWindows", StringComparison.Ordinal)) return true;
                    if (_runtimeInformation.Value != null && SymbolEqualityComparer.Default.Equals(type, _runtimeInformation.Value) && inv.TargetMethod.Name == "IsOSPlatform") return true;
                }
            }
            return false;
        }
    }
}
