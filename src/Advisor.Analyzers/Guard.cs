using System;
using System.Diagnostics;
using System.Linq;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace DeployAdvisor.Analyzers
{
    /// <summary>
    /// Every analyzer callback runs through here. An unexpected exception becomes DA0010
    /// (analyzer-internal-error) at the symbol, node or file the callback was given, or at the
    /// compilation: never AD0001, which tells the user nothing, and never silence, which hides bugs.
    /// Cancellation still cancels. With DEPLOYADVISOR_DEBUG=1 the exception is rethrown, so that a
    /// developer sees it (the compiler then reports AD0001 with the whole stack).
    /// </summary>
    /// <remarks>
    /// The overloads take the state and the context and a static lambda, so that one delegate serves
    /// every call instead of a closure allocated per callback.
    /// </remarks>
    internal static class Guard
    {
        public const string InternalErrorId = "DA0010";

        /// <summary>How many stack frames the diagnostic names.</summary>
        private const int FramesShown = 3;

        // The contract names an environment variable (analyzers.md), the same switch as the CLI's: it is a
        // developer's debugging aid, not a setting of the analysis, so it is read once, not from options.
#pragma warning disable RS1035
        internal static readonly bool Debug = Environment.GetEnvironmentVariable("DEPLOYADVISOR_DEBUG") == "1";
#pragma warning restore RS1035

        public static void Symbol<TState>(TState state, SymbolAnalysisContext ctx, Action<TState, SymbolAnalysisContext> action)
        {
            try
            {
                Inject(ctx.Compilation, Callback.Symbol);
                action(state, ctx);
            }
            catch (Exception e) when (Unexpected(e, ctx.Compilation, ctx.CancellationToken))
            {
                var location = ctx.Symbol.Locations.FirstOrDefault(l => l.IsInSource) ?? Location.None;
                Report(ctx.ReportDiagnostic, e, "a symbol action", location);
            }
        }

        public static void OperationBlock<TState>(TState state, OperationBlockAnalysisContext ctx, Action<TState, OperationBlockAnalysisContext> action)
        {
            try
            {
                Inject(ctx.Compilation, Callback.OperationBlock);
                action(state, ctx);
            }
            catch (Exception e) when (Unexpected(e, ctx.Compilation, ctx.CancellationToken))
            {
                var location = ctx.OwningSymbol.Locations.FirstOrDefault(l => l.IsInSource) ?? Location.None;
                Report(ctx.ReportDiagnostic, e, "an operation block action", location);
            }
        }

        public static void SyntaxNode<TState>(TState state, SyntaxNodeAnalysisContext ctx, Action<TState, SyntaxNodeAnalysisContext> action)
        {
            try
            {
                Inject(ctx.Compilation, Callback.SyntaxNode);
                action(state, ctx);
            }
            catch (Exception e) when (Unexpected(e, ctx.Compilation, ctx.CancellationToken))
            {
                Report(ctx.ReportDiagnostic, e, "a syntax node action", ctx.Node.GetLocation());
            }
        }

        public static void AdditionalFile<TState>(TState state, AdditionalFileAnalysisContext ctx, Action<TState, AdditionalFileAnalysisContext> action)
        {
            try
            {
                Inject(ctx.Compilation, Callback.AdditionalFile);
                action(state, ctx);
            }
            catch (Exception e) when (Unexpected(e, ctx.Compilation, ctx.CancellationToken))
            {
                var location = Location.Create(ctx.AdditionalFile.Path, default, default);
                Report(ctx.ReportDiagnostic, e, "the action on " + System.IO.Path.GetFileName(ctx.AdditionalFile.Path), location);
            }
        }

        public static void CompilationEnd<TState>(TState state, CompilationAnalysisContext ctx, Action<TState, CompilationAnalysisContext> action)
        {
            try
            {
                Inject(ctx.Compilation, Callback.CompilationEnd);
                action(state, ctx);
            }
            catch (Exception e) when (Unexpected(e, ctx.Compilation, ctx.CancellationToken))
            {
                Report(ctx.ReportDiagnostic, e, "the compilation end action", Location.None);
            }
        }

        /// <summary>
        /// The compilation start action: it cannot report, so a failure registers a compilation end
        /// action that reports it; nothing else of the compilation is analyzed.
        /// </summary>
        public static void CompilationStart(CompilationStartAnalysisContext start, Action<CompilationStartAnalysisContext> action)
        {
            try
            {
                Inject(start.Compilation, Callback.CompilationStart);
                action(start);
            }
            catch (Exception e) when (Unexpected(e, start.Compilation, start.CancellationToken))
            {
                var diagnostic = Create(e, "the compilation start action", Location.None);
                start.RegisterCompilationEndAction(end => end.ReportDiagnostic(diagnostic));
            }
        }

        /// <summary>Everything but the cancellation of this very analysis; nothing when debugging (it propagates).</summary>
        private static bool Unexpected(Exception e, Compilation compilation, CancellationToken ct)
            => !Debugging(compilation) && !(e is OperationCanceledException && ct.IsCancellationRequested);

        private static bool Debugging(Compilation compilation)
            => Debug || (s_anyDebugged && compilation.AssemblyName is string name && Debugged.ContainsKey(name));

        private static void Report(Action<Diagnostic> report, Exception e, string where, Location location)
        {
            try { report(Create(e, where, location)); }
            // A location the compiler refuses (it should not happen) must not make the report itself fail.
            catch (ArgumentException) { report(Create(e, where, Location.None)); }
        }

        internal static Diagnostic Create(Exception e, string where, Location location)
            => Diagnostic.Create(Descriptors.Get(InternalErrorId), location, Describe(e, where));

        /// <summary>"DeployAdvisor failed in a symbol action: InvalidOperationException: … at A.B() | at C.D()".</summary>
        internal static string Describe(Exception e, string where)
        {
            var sb = new StringBuilder();
            sb.Append("DeployAdvisor's analyzer failed in ").Append(where).Append(": ")
              .Append(e.GetType().FullName).Append(": ").Append(e.Message.Replace('\n', ' ').Replace('\r', ' '));
            var frames = new StackTrace(e, false).GetFrames() ?? Array.Empty<StackFrame>();
            int shown = 0;
            foreach (var frame in frames)
            {
                var method = frame?.GetMethod();
                if (method is null) continue;
                sb.Append(shown == 0 ? " at " : " | at ").Append(method.DeclaringType?.FullName ?? "?").Append('.').Append(method.Name);
                if (++shown == FramesShown) break;
            }
            sb.Append(". Please report it; DEPLOYADVISOR_DEBUG=1 rethrows it with the whole stack.");
            return sb.ToString();
        }

        // ---- the test hook ----

        /// <summary>The kinds of callback a test can make fail.</summary>
        internal enum Callback { CompilationStart, Symbol, OperationBlock, SyntaxNode, AdditionalFile, CompilationEnd }

        private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Callback> Faults =
            new System.Collections.Concurrent.ConcurrentDictionary<string, Callback>(StringComparer.Ordinal);
        private static volatile bool s_anyFault;

        /// <summary>
        /// Tests only: every callback of this kind throws in compilations of this assembly name. Keyed by
        /// the name, not the compilation object (the driver analyzes a copy of it), so that tests running
        /// in parallel on other compilations are not affected.
        /// </summary>
        internal static void InjectFault(string assemblyName, Callback callback)
        {
            Faults[assemblyName] = callback;
            s_anyFault = true;
        }

        private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte> Debugged =
            new System.Collections.Concurrent.ConcurrentDictionary<string, byte>(StringComparer.Ordinal);
        private static volatile bool s_anyDebugged;

        /// <summary>
        /// Tests only: compilations of this assembly name are analyzed as under DEPLOYADVISOR_DEBUG=1 (read once
        /// per process, so a test cannot set it), without changing how other tests' compilations are analyzed.
        /// </summary>
        internal static void DebugCompilation(string assemblyName)
        {
            Debugged[assemblyName] = 0;
            s_anyDebugged = true;
        }

        private static void Inject(Compilation compilation, Callback callback)
        {
            if (!s_anyFault) return;
            if (compilation.AssemblyName is string name && Faults.TryGetValue(name, out var fault) && fault == callback)
                throw new InvalidOperationException("fault injected by a test into " + callback);
        }
    }
}
