using System.Runtime.CompilerServices;

namespace DeployAdvisor.Analyzers
{
    /// <summary>
    /// Method options for the few loops that run for every member of a project.
    /// </summary>
    /// <remarks>
    /// The compiler loads an analyzer assembly afresh in each build and JIT-compiles it there. With
    /// tiered compilation a method starts as unoptimised code and is recompiled only after enough
    /// calls and a quiet period that a busy compiler keeps postponing, so for most of a build the
    /// hot loops ran unoptimised (a profile of the benchmark project showed a fifth of the evidence
    /// analyzer's time in such code). AggressiveOptimization compiles them optimised at once.
    /// netstandard2.0 lacks the enum member; the runtime reads the flag's value (512), and runtimes
    /// that do not know it (.NET Framework) ignore it.
    /// </remarks>
    internal static class Hot
    {
        public const MethodImplOptions AggressiveOptimization = (MethodImplOptions)512;
    }
}
