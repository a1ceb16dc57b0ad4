using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace DeployAdvisor.Analyzers
{
    /// <summary>
    /// The [Workload] declarations of one compilation, each read once and shared by every job: the
    /// workload job evaluates them, the evidence jobs check every member's code against its type's.
    /// Reading one builds the engine's model, and the compiler times it as analyzer work.
    /// </summary>
    internal sealed class WorkloadDeclarations
    {
        public const string WorkloadAttributeName = "DeployAdvisor.WorkloadAttribute";

        // Keyed by the compilation object the analyzer is given, so that analysis runs over one compilation
        // share what was read; the table lets it go with its compilation (an IDE makes many).
        private static readonly ConditionalWeakTable<Compilation, WorkloadDeclarations> PerCompilation = new ConditionalWeakTable<Compilation, WorkloadDeclarations>();

        private readonly Compilation _compilation;
        private readonly INamedTypeSymbol _attribute;
        // Asked for every member's code by the evidence jobs (its type's and containing types' declarations).
        private readonly SymbolAnswers _types = new SymbolAnswers();
        private static readonly object NoDeclaration = new object();
        private IReadOnlyList<WorkloadDeclaration>? _assembly;

        private WorkloadDeclarations(Compilation compilation, INamedTypeSymbol attribute)
        {
            _compilation = compilation;
            _attribute = attribute;
        }

        /// <summary>
        /// The compilation's declarations, or null when it has no WorkloadAttribute type (the package's
        /// generator adds it, so only a project that turned the generator off lacks it).
        /// </summary>
        /// <remarks>
        /// Call it from an analysis callback, never from a compilation-start action. The first symbol
        /// question asked of a compilation binds all its references, which the compiler does itself
        /// before the first symbol or operation callback; asked in a start action, that binding is timed
        /// as the analyzer's (docs/performance.md).
        /// </remarks>
        public static WorkloadDeclarations? For(Compilation compilation)
        {
            var attribute = compilation.GetTypeByMetadataName(WorkloadAttributeName);
            if (attribute is null) return null;
            // Both analyzers ask; the lookup returns one symbol per compilation, so the first to ask makes the table.
            return PerCompilation.GetValue(compilation, c => new WorkloadDeclarations(c, attribute));
        }

        /// <summary>The type's own [Workload] (null when it has none or it does not bind).</summary>
        public WorkloadDeclaration? OfType(INamedTypeSymbol type, CancellationToken ct)
        {
            // Keyed by the definition: a constructed or annotated form of the type shares its declaration.
            type = type.OriginalDefinition;
            if (_types.Find(type) is object known) return known as WorkloadDeclaration;
            // A cancelled read throws before anything is cached.
            WorkloadDeclaration? decl = null;
            foreach (var data in type.GetAttributes())
                if ((decl = WorkloadDeclaration.Read(data, type, _attribute, ct)) != null) break;
            return _types.Add(type, (object?)decl ?? NoDeclaration) as WorkloadDeclaration;
        }

        /// <summary>The assembly's [Workload] declarations (the attribute allows one; a second is a compiler error).</summary>
        public IReadOnlyList<WorkloadDeclaration> OfAssembly(CancellationToken ct)
        {
            var known = Volatile.Read(ref _assembly);
            if (known != null) return known;
            var read = _compilation.Assembly.GetAttributes()
                .Select(a => WorkloadDeclaration.Read(a, _compilation.Assembly, _attribute, ct))
                .Where(d => d != null).Select(d => d!).ToList();
            return Interlocked.CompareExchange(ref _assembly, read, null) ?? read;
        }

        /// <summary>
        /// Every [Workload] of the compilation: the assembly's, then each source type's (nested included),
        /// each read once and shared with the symbol actions. For the names of a run (DA0004), which
        /// needs them all before a YAML file can be finished.
        /// </summary>
        public IEnumerable<WorkloadDeclaration> All(CancellationToken ct)
        {
            foreach (var decl in OfAssembly(ct)) yield return decl;
            var pending = new Stack<INamespaceOrTypeSymbol>();
            pending.Push(_compilation.Assembly.GlobalNamespace);
            while (pending.Count > 0)
            {
                ct.ThrowIfCancellationRequested();
                var container = pending.Pop();
                foreach (var member in container is INamespaceSymbol ns ? ns.GetMembers().Cast<INamespaceOrTypeSymbol>() : container.GetTypeMembers())
                {
                    pending.Push(member);
                    if (member is INamedTypeSymbol type && (type.TypeKind == TypeKind.Class || type.TypeKind == TypeKind.Struct)
                        && OfType(type, ct) is WorkloadDeclaration decl)
                        yield return decl;
                }
            }
        }
    }
}
