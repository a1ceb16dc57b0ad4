using System.Collections.Immutable;
using DeployAdvisor.Engine.Model;

namespace DeployAdvisor.Analyzers
{
    /// <summary>
    /// What a diagnostic's code fix changes on its [Workload] attribute, carried in the diagnostic's
    /// properties so the fix never re-evaluates: a property (<see cref="Kind"/>) and the enum member
    /// or literal to write (<see cref="Value"/>). Evidence diagnostics carry the attribute's location
    /// as their first additional location.
    /// </summary>
    public static class FixProperties
    {
        public const string Kind = "DeployAdvisor.Fix";
        public const string Value = "DeployAdvisor.FixValue";

        public const string Target = "Target";
        public const string Interface = "Interface";
        public const string Sensitivity = "Sensitivity";
        public const string KernelModules = "KernelModules";
        public const string Privileged = "Privileged";
        public const string Os = "Os";
        /// <summary>A WorkloadDevices member or-ed into the Devices argument.</summary>
        public const string Devices = "Devices";

        public static ImmutableDictionary<string, string?> Create(string kind, string value)
            => ImmutableDictionary<string, string?>.Empty.Add(Kind, kind).Add(Value, value);

        public static ImmutableDictionary<string, string?> SetTarget(Target target) => Create(Target, TargetMember(target));

        /// <summary>The DeploymentTarget member of the generated enum for an engine target.</summary>
        public static string TargetMember(Target target) => target switch
        {
            Engine.Model.Target.Container => "Container",
            Engine.Model.Target.SandboxedContainer => "SandboxedContainer",
            _ => "Vm",
        };
    }
}
