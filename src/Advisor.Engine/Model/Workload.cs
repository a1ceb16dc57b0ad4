using System;
using System.Collections.Generic;
using DeployAdvisor.Engine.Literals;
using DeployAdvisor.Engine.Schema;

namespace DeployAdvisor.Engine.Model
{
    /// <summary>Dotted paths of the descriptor's fields: the names findings and rule conditions use.</summary>
    public static class Fields
    {
        public const string Name = "metadata.name";
        public const string Spec = "spec";
        public const string Interface = "spec.interface";
        public const string Os = "spec.os";
        public const string Sensitivity = "spec.security.sensitivity";
        public const string UntrustedCode = "spec.security.untrustedCode";
        public const string MultiTenant = "spec.security.multiTenant";
        public const string KernelModules = "spec.host.kernelModules";
        public const string StartupBudget = "spec.budgets.startup";
        public const string SizeBudget = "spec.budgets.size";
        public const string MemoryOverheadBudget = "spec.budgets.memoryOverhead";
        public const string ReleasesPerWeek = "spec.operations.releasesPerWeek";
        public const string Instances = "spec.operations.instances";
        public const string Target = "spec.deployment.target";
        public const string Windows = "spec.windows";
        public const string WindowsImage = "spec.windows.image";
        public const string Privileged = "spec.host.privileged";
        public const string HostAccess = "spec.host.hostAccess";
        public const string Devices = "spec.host.devices";
        public const string Hosts = "spec.deployment.hosts";
        public const string Artifacts = "spec.artifacts";

        /// <summary>A valid metadata.name, by the model's own shape (its length and its compiled pattern).</summary>
        public static bool IsValidName(string name)
        {
            var shape = Leaves[Name];
            return (shape.MinLength is null || name.Length >= shape.MinLength) && (shape.MaxLength is null || name.Length <= shape.MaxLength)
                   && shape.MatchesPattern(name);
        }

        /// <summary>Every leaf field a rule condition may name, with its shape.</summary>
        public static readonly IReadOnlyDictionary<string, FieldShape> Leaves = CollectLeaves();

        private static IReadOnlyDictionary<string, FieldShape> CollectLeaves()
        {
            var result = new Dictionary<string, FieldShape>(StringComparer.Ordinal);
            void Walk(ObjectShape shape, string prefix)
            {
                foreach (var f in shape.Fields)
                {
                    var path = prefix.Length == 0 ? f.Name : prefix + "." + f.Name;
                    if (f.Kind == ShapeKind.Object) Walk(f.Object!, path);
                    else result[path] = f;
                }
            }
            Walk(ObjectShape.Of(typeof(WorkloadDescriptor)), "");
            result.Remove("apiVersion");
            result.Remove("kind");
            return result;
        }
    }

    /// <summary>
    /// The workload as the rules see it: typed values with the spec's defaults applied. Built by
    /// <see cref="Binding.WorkloadBinder"/> from any field source (a YAML descriptor, a [Workload] attribute).
    /// </summary>
    public sealed class Workload
    {
        public Workload(string name, WorkloadInterface @interface, Sensitivity sensitivity)
        {
            Name = name; Interface = @interface; Sensitivity = sensitivity;
        }

        public string Name { get; set; }
        public string? Description { get; set; }
        public string? Owner { get; set; }
        public WorkloadInterface Interface { get; set; }
        public TargetOs Os { get; set; } = TargetOs.Linux;
        public Sensitivity Sensitivity { get; set; }
        public bool UntrustedCode { get; set; }
        public bool MultiTenant { get; set; }
        public bool KernelModules { get; set; }
        public Duration? StartupBudget { get; set; }
        public ByteSize? SizeBudget { get; set; }
        public ByteSize? MemoryOverheadBudget { get; set; }
        public int? ReleasesPerWeek { get; set; }
        public int? Instances { get; set; }
        public Target? PlannedTarget { get; set; }
        /// <summary>spec.windows is written (whatever it holds): with an os other than windows, a contradiction (DA0009).</summary>
        public bool HasWindows { get; set; }
        /// <summary>spec.windows.image, nanoserver when absent.</summary>
        public WindowsImage WindowsImage { get; set; } = WindowsImage.NanoServer;
        public bool Privileged { get; set; }
        public bool HostAccess { get; set; }
        /// <summary>spec.host.devices: distinct devices, in the order written (empty when absent).</summary>
        public IReadOnlyList<Device> Devices
        {
            get => _devices;
            set { _devices = value; _devicesValue = null; }
        }
        public HostTenancy Hosts { get; set; } = HostTenancy.Shared;
        /// <summary>spec.artifacts as written (empty when absent).</summary>
        public IReadOnlyList<string> Artifacts { get; set; } = Array.Empty<string>();

        private IReadOnlyList<Device> _devices = Array.Empty<Device>();
        private FieldValue? _devicesValue; // conditions read it for each target of each rule: made once

        /// <summary>The device set as a value: the devices written, or the empty set when absent (no device needed).</summary>
        public FieldValue DevicesValue => _devicesValue ??= FieldValue.Set(_devices);

        /// <summary>The value of a field by its dotted path; <see cref="FieldValue.Absent"/> for an unset optional field.</summary>
        public FieldValue Get(string path) => path switch
        {
            Fields.Name => FieldValue.Text(Name),
            "metadata.description" => Description is null ? FieldValue.Absent : FieldValue.Text(Description),
            "metadata.owner" => Owner is null ? FieldValue.Absent : FieldValue.Text(Owner),
            Fields.Interface => FieldValue.Enum(Interface),
            Fields.Os => FieldValue.Enum(Os),
            Fields.Sensitivity => FieldValue.Enum(Sensitivity),
            Fields.UntrustedCode => FieldValue.Boolean(UntrustedCode),
            Fields.MultiTenant => FieldValue.Boolean(MultiTenant),
            Fields.KernelModules => FieldValue.Boolean(KernelModules),
            Fields.StartupBudget => StartupBudget is Duration d ? FieldValue.Of(d) : FieldValue.Absent,
            Fields.SizeBudget => SizeBudget is ByteSize s ? FieldValue.Of(s) : FieldValue.Absent,
            Fields.MemoryOverheadBudget => MemoryOverheadBudget is ByteSize m ? FieldValue.Of(m) : FieldValue.Absent,
            Fields.ReleasesPerWeek => ReleasesPerWeek is int r ? FieldValue.Integer(r) : FieldValue.Absent,
            Fields.Instances => Instances is int i ? FieldValue.Integer(i) : FieldValue.Absent,
            Fields.Target => PlannedTarget is Target t ? FieldValue.Enum(t) : FieldValue.Absent,
            Fields.WindowsImage => FieldValue.Enum(WindowsImage),
            Fields.Privileged => FieldValue.Boolean(Privileged),
            Fields.HostAccess => FieldValue.Boolean(HostAccess),
            Fields.Devices => DevicesValue,
            Fields.Hosts => FieldValue.Enum(Hosts),
            Fields.Artifacts => Artifacts.Count == 0 ? FieldValue.Absent : FieldValue.Text(string.Join(", ", Artifacts)),
            _ => throw new ArgumentException($"'{path}' is not a descriptor field", nameof(path)),
        };
    }
}
