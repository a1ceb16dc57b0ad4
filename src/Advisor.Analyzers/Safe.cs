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

        public static T? Get<T>(CancellationToken ct, Func<T> func) where T : class
        {
            try { return func(); }
            catch (OperationCanceledException) when (ct.IsCancellationRequested) { throw; }
            catch (Exception) { return null; }
        }
    }
}
