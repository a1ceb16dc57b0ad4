using System.Runtime.CompilerServices;

namespace DeployAdvisor.Analyzers
{
    /// <summary>
    /// For the few methods that run for every member of a project (the evidence walk and its per-reference
    /// lookup): compiled optimised from their first call.
    /// </summary>
    /// <remarks>
    /// The compiler loads an analyzer afresh in each process and JIT-compiles it. With tiered compilation a
    /// method starts unoptimised and is recompiled only after enough calls and a quiet spell of the JIT,
    /// which a busy compiler keeps postponing; a profile of a whole build showed the walk's stack helpers
    /// and Roslyn's child enumerator as separate, uninlined calls for most of the build
    /// (docs/performance.md). netstandard2.0 lacks the enum member; runtimes read the flag's value (512),
    /// and those that do not know it ignore it.
    /// </remarks>
    internal static class Optimized
    {
        public const MethodImplOptions FromFirstCall = (MethodImplOptions)512;
    }
}
