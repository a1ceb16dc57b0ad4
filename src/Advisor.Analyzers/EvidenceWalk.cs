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
    /// <summary>
    /// Per member: the rules that apply, then one walk over the member's operations, and the earliest
    /// evidence of each rule reported.
    /// </summary>
    internal static class EvidenceWalk
    {
        /// <summary>The evidence rules by index in a member's findings, in rule ID order (the order they are reported in).</summary>
        private static readonly string[] RulesInOrder = { EvidenceAnalyzer.ClassifiedData, EvidenceAnalyzer.KernelAccess, EvidenceAnalyzer.GuiCode, EvidenceAnalyzer.WindowsApi };

        /// <summary>
        /// Per member: the rules that apply, then one walk over the member's operations, and the earliest
        /// evidence of each rule reported. One callback per member, not one per call and member access:
        /// the compiler times every callback, and on a busy machine each of thousands of tiny callbacks
        /// was charged its wait for a core (docs/performance.md). Each visited reference is one cached
        /// lookup (<see cref="EvidenceModel.EvidenceOf"/>).
        /// </summary>
        public static void Analyze(EvidenceModel model, OperationBlockAnalysisContext ctx)
        {
            var owner = ctx.OwningSymbol;
            var member = owner is IMethodSymbol { AssociatedSymbol: ISymbol associated } ? associated : owner;
            var decl = model.WorkloadOf(owner);
            if (decl is null) return;
            bool On(string id) => EvidenceActions.Applies(decl, id) && !model.DisabledByConfig(id, owner);
            // Only rules whose evidence can exist in this compilation at all. Questions about the member
            // itself (is it classified, is it Windows-only) wait until the walk finds evidence: nearly
            // every member has none, and each question costs an attribute lookup per member.
            bool classified = model.CanClassify && On(EvidenceAnalyzer.ClassifiedData);
            bool kernel = On(EvidenceAnalyzer.KernelAccess);
            bool gui = model.CanReferenceGui && On(EvidenceAnalyzer.GuiCode);
            bool windows = model.CanReferenceWindowsOnly && On(EvidenceAnalyzer.WindowsApi);
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
                if (windows && (evidence & Evidence.WindowsOnly) != 0 && op.Kind != OperationKind.FieldReference && !model.Guards.IsGuardedForWindows(op))
                    Candidate(3, op);
            }
            // A classified member is reported as a declaration, not again for its body; a Windows-only
            // member may call Windows-only APIs.
            if (found[0] != null && model.IsClassifiedDeclaration(member)) found[0] = null;
            if (found[3] != null && model.IsWindowsOnly(member)) found[3] = null;
            for (int rule = 0; rule < RulesInOrder.Length; rule++)
            {
                if (found[rule] is IOperation op) ctx.ReportDiagnostic(EvidenceDiagnostics.Create(RulesInOrder[rule], op.Syntax.GetLocation(), decl));
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
    }
}
