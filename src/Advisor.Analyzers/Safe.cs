using System;
using System.Threading;

namespace DeployAdvisor.Analyzers
{
    /// <summary>
    /// Every analyzer callback runs through here: an exception inside the compiler is an AD0001 warning
    /// that tells the user nothing, so a failure loses the diagnostic instead. Cancellation still cancels.
    /// </summary>
    internal static class Safe
    {
        public static void Run(CancellationToken ct, Action action)
        {
            try { action(); }
            catch (OperationCanceledException) when (ct.IsCancellationRequested) { throw; }
            catch (Exception) { /* never AD0001: a diagnostic we cannot compute is not reported */ }
        }

        /// <summary>
        /// As <see cref="Run(CancellationToken, Action)"/>, for the callbacks that run per symbol and per
        /// member: the state and the context are passed in, so that one static lambda serves every call
        /// instead of a closure and a delegate allocated per callback.
        /// </summary>
        public static void Run<TState, TContext>(TState state, TContext context, CancellationToken ct, Action<TState, TContext> action)
        {
            try { action(state, context); }
            catch (OperationCanceledException) when (ct.IsCancellationRequested) { throw; }
            catch (Exception) { /* never AD0001, as above */ }
        }

        public static T? Get<T>(CancellationToken ct, Func<T> func) where T : class
        {
            try { return func(); }
            catch (OperationCanceledException) when (ct.IsCancellationRequested) { throw; }
            catch (Exception) { return null; }
        }
    }
}
