using System;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace DeployAdvisor.Analyzers
{
    /// <summary>
    /// Per member: the evidence rules that apply, then one walk over the member's operations, and the
    /// earliest evidence of each rule reported. One callback per member, not one per call and member
    /// access: the compiler times every callback, and thousands of tiny ones cost more than their work.
    /// Each visited reference is one cached lookup (<see cref="EvidenceModel.EvidenceOf"/>).
    /// </summary>
    internal static class EvidenceWalk
    {
        [MethodImpl(Optimized.FromFirstCall)]
        public static void Analyze(EvidenceModel model, OperationBlockAnalysisContext ctx)
        {
            var owner = ctx.OwningSymbol;
            var member = owner is IMethodSymbol { AssociatedSymbol: ISymbol associated } ? associated : owner;
            var decl = model.WorkloadOf(owner);
            if (decl is null) return;
            var catalog = model.Catalog;
            ulong on = model.RulesFor(decl, owner);
            if (on == 0) return;
            // Only rules whose evidence can exist in this compilation at all. Questions about the member
            // itself (is it marked, is it platform-only) wait until the walk finds evidence: nearly every
            // member has none, and each question costs an attribute lookup.
            ulong marked = model.CanMark ? on & catalog.AttributeRules : 0;
            ulong native = on & catalog.NativeRules;
            ulong types = model.CanReferenceTypes ? on & catalog.TypeRules : 0;
            ulong platform = model.CanReferencePlatformOnly ? on & catalog.PlatformRules : 0;
            ulong members = model.CanReferenceMembers ? on & catalog.MemberRules : 0;
            if ((marked | native | types | platform | members) == 0) return;
            // Which references can be evidence (as the checks below take them): reading a field is evidence
            // of marked data or a trigger member only, and most projects have neither.
            bool calls = (native | types | platform | members) != 0, creations = (marked | types | platform) != 0;
            bool properties = (marked | platform | members) != 0, fields = (marked | members) != 0;

            // The earliest evidence of each rule in the member: smallest start, then the shortest span.
            // The stack and this array are the thread's own, reused rather than allocated per member; the
            // compiler never runs two callbacks on one thread at once. Emptied first (a cancelled walk
            // leaves them full) and after (so that they hold no operation tree).
            var scratch = WalkScratch.OfThread(catalog.Rules.Count);
            var found = scratch.Found;
            var pending = scratch.Pending;
            pending.Clear();
            Array.Clear(found, 0, found.Length);

            // Every operation of the member, in no particular order (the earliest evidence is chosen by its
            // span): a stack of operations rather than Roslyn's Descendants(), whose generic enumerator
            // builder runs as unoptimised JIT code inside the compiler.
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
                if (evidence.IsNone) continue;
                bool call = op.Kind == OperationKind.Invocation, creation = op.Kind == OperationKind.ObjectCreation;
                ulong rules = 0;
                if (!call) rules |= evidence.Attribute & marked;
                if (call) rules |= evidence.Native & native;
                if (call || creation) rules |= evidence.Type & types;
                if (!creation) rules |= evidence.Member & members;
                if (op.Kind != OperationKind.FieldReference && (evidence.Platform & platform) != 0)
                    rules |= Unguarded(model, op, evidence.Platform & platform);
                for (int rule = 0; rules >> rule != 0; rule++)
                    if ((rules & (1UL << rule)) != 0) Candidate(found, rule, op);
            }
            // A marked member is reported as a declaration, not again for its body; a member marked for a
            // platform may call that platform's APIs.
            ulong declared = (marked & Found(found)) != 0 ? model.MarkedDeclaration(member) & marked : 0;
            ulong platformOnly = (platform & Found(found)) != 0 ? model.PlatformRules(member) & platform : 0;
            for (int rule = 0; rule < found.Length; rule++)
            {
                if (found[rule] is IOperation op)
                {
                    ulong bit = 1UL << rule;
                    // A rule with other kinds of triggers too keeps the evidence those found.
                    bool dropped = ((declared & bit) != 0 && (model.EvidenceOf(TargetOf(op)!).Attribute & bit) != 0)
                        || ((platformOnly & bit) != 0 && (model.EvidenceOf(TargetOf(op)!).Platform & bit) != 0);
                    if (!dropped) ctx.ReportDiagnostic(EvidenceDiagnostics.Create(model.Descriptors, catalog.Rules[rule], op.Syntax.GetLocation(), decl));
                }
                found[rule] = null;
            }
        }

        private static void Candidate(IOperation?[] found, int rule, IOperation op)
        {
            var current = found[rule];
            if (current != null)
            {
                var a = current.Syntax.Span; var b = op.Syntax.Span;
                if (b.Start > a.Start || (b.Start == a.Start && b.Length >= a.Length)) return;
            }
            found[rule] = op;
        }

        private static ulong Found(IOperation?[] found)
        {
            ulong rules = 0;
            for (int i = 0; i < found.Length; i++) if (found[i] != null) rules |= 1UL << i;
            return rules;
        }

        /// <summary>Of these platform rules, those whose platforms the operation is not guarded for.</summary>
        private static ulong Unguarded(EvidenceModel model, IOperation op, ulong rules)
        {
            ulong result = 0;
            for (int rule = 0; rules >> rule != 0; rule++)
                if ((rules & (1UL << rule)) != 0 && !model.Guards.IsGuarded(op, model.Catalog.PlatformsOf(rule))) result |= 1UL << rule;
            return result;
        }

        private static ISymbol? TargetOf(IOperation op) => op switch
        {
            IInvocationOperation i => i.TargetMethod,
            IObjectCreationOperation c => c.Constructor,
            IPropertyReferenceOperation p => p.Property,
            IFieldReferenceOperation f => f.Field,
            _ => null,
        };

        /// <summary>The evidence walk's working storage, one per thread.</summary>
        private sealed class WalkScratch
        {
            [ThreadStatic] private static WalkScratch? _ofThread;

            public static WalkScratch OfThread(int rules)
            {
                var scratch = _ofThread;
                if (scratch is null || scratch.Found.Length != rules) _ofThread = scratch = new WalkScratch(rules);
                return scratch;
            }

            private WalkScratch(int rules) { Found = new IOperation?[rules]; }

            public readonly OperationStack Pending = new OperationStack();
            public readonly IOperation?[] Found;
        }

        /// <summary>
        /// A stack of operations in an array of structs: storing an interface reference into an array of it
        /// (a List's) is a checked store, since arrays are covariant; a struct's field is stored without one.
        /// Push and Pop are inlined into the walk, which is compiled optimised at once (the JIT left them as
        /// calls into their own, still unoptimised code).
        /// </summary>
        private sealed class OperationStack
        {
            private struct Slot { public IOperation? Operation; }

            private Slot[] _slots = new Slot[64];

            public int Count { get; private set; }

            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            public void Push(IOperation operation)
            {
                if (Count == _slots.Length) Array.Resize(ref _slots, Count * 2);
                _slots[Count++].Operation = operation;
            }

            /// <summary>The top operation; its slot is emptied, so that the stack holds no tree once empty.</summary>
            [MethodImpl(MethodImplOptions.AggressiveInlining)]
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
    }
}
