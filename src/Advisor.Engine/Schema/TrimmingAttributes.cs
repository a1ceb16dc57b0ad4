// netstandard2.0 has no UnconditionalSuppressMessageAttribute; the trimmer and the Native AOT compiler
// recognise it by name, so an internal copy lets the engine state, where it reflects, why that is safe.
namespace System.Diagnostics.CodeAnalysis
{
    [AttributeUsage(AttributeTargets.All, Inherited = false, AllowMultiple = true)]
    internal sealed class UnconditionalSuppressMessageAttribute : Attribute
    {
        public UnconditionalSuppressMessageAttribute(string category, string checkId) { Category = category; CheckId = checkId; }
        public string Category { get; }
        public string CheckId { get; }
        public string? Scope { get; set; }
        public string? Target { get; set; }
        public string? MessageId { get; set; }
        public string? Justification { get; set; }
    }
}

namespace DeployAdvisor.Engine.Schema
{
    internal static class Trimming
    {
        /// <summary>The one reason every reflective read of the model is safe in a trimmed or Native AOT host.</summary>
        public const string ModelIsRooted =
            "The model types are read by reflection by design: their attributes are the one source of validation, binding and the JSON Schema. " +
            "A trimmed or Native AOT host must keep the whole DeployAdvisor.Engine assembly (<TrimmerRootAssembly Include=\"DeployAdvisor.Engine\" />), " +
            "as src/Advisor.Cli does; NativeAotTests compares that build's output with the JIT build's.";
    }
}
