using System;
using System.Collections.Generic;
using DeployAdvisor.Engine.Literals;
using DeployAdvisor.Engine.Schema;

namespace DeployAdvisor.Engine.Model
{
    public enum ValueKind { Absent, Text, Integer, Boolean, Duration, Size, Set }

    /// <summary>A typed value of a field or a profile figure, comparable with values of its own kind.</summary>
    public readonly struct FieldValue : IEquatable<FieldValue>
    {
        private FieldValue(ValueKind kind, long number, string? text) { Kind = kind; Number = number; TextValue = text; }

        public static readonly FieldValue Absent = default;
        public static FieldValue Text(string text) => new FieldValue(ValueKind.Text, 0, text);
        public static FieldValue Enum(System.Enum value) => new FieldValue(ValueKind.Text, 0, ObjectShape.EnumName(value));
        // The descriptor's own enums, without boxing or a dictionary keyed by boxed values: conditions
        // read these fields for every rule of every workload evaluated.
        public static FieldValue Enum(WorkloadInterface value) => Text(EnumText.Of(EnumText.Interfaces, (int)value) ?? ObjectShape.EnumName(value));
        public static FieldValue Enum(TargetOs value) => Text(EnumText.Of(EnumText.Systems, (int)value) ?? ObjectShape.EnumName(value));
        public static FieldValue Enum(Sensitivity value) => Text(EnumText.Of(EnumText.Sensitivities, (int)value) ?? ObjectShape.EnumName(value));
        public static FieldValue Enum(Target value) => Text(EnumText.Of(EnumText.Targets, (int)value) ?? ObjectShape.EnumName(value));
        public static FieldValue Enum(WindowsImage value) => Text(EnumText.Of(EnumText.Images, (int)value) ?? ObjectShape.EnumName(value));
        public static FieldValue Enum(HostTenancy value) => Text(EnumText.Of(EnumText.Tenancies, (int)value) ?? ObjectShape.EnumName(value));
        /// <summary>A set of devices: <see cref="Number"/> holds one bit per device (1 &lt;&lt; its value), the text lists them in the model's order ("gpu, usb"; "none" when empty).</summary>
        public static FieldValue Set(IEnumerable<Device> devices)
        {
            long mask = 0;
            foreach (var d in devices) mask |= 1L << (int)d;
            return SetOfMask(mask);
        }
        // Every device set there is, named once: a workload's set is read on every evaluation.
        private static readonly FieldValue[] DeviceSets = BuildDeviceSets();
        private static FieldValue[] BuildDeviceSets()
        {
            var sets = new FieldValue[1 << 3];
            for (int m = 0; m < sets.Length; m++) sets[m] = NameSet(m);
            return sets;
        }

        internal static FieldValue SetOfMask(long mask)
            => mask >= 0 && mask < DeviceSets.Length && DeviceSets[mask].Kind == ValueKind.Set ? DeviceSets[mask] : NameSet(mask);

        private static FieldValue NameSet(long mask)
        {
            var names = new List<string>();
            for (int i = 0; i < EnumText.Devices.Length; i++)
                if ((mask & (1L << i)) != 0) names.Add(EnumText.Devices[i] ?? i.ToString(System.Globalization.CultureInfo.InvariantCulture));
            return new FieldValue(ValueKind.Set, mask, names.Count == 0 ? "none" : string.Join(", ", names));
        }
        /// <summary>The set of one device named as a descriptor writes it (gpu); absent for a name that is no device.</summary>
        public static FieldValue SetOf(string member)
        {
            for (int i = 0; i < EnumText.Devices.Length; i++)
                if (EnumText.Devices[i] == member) return SetOfMask(1L << i);
            return Absent;
        }
        /// <summary>This set holds every member of <paramref name="other"/> (a set).</summary>
        public bool Includes(FieldValue other) => Kind == ValueKind.Set && other.Kind == ValueKind.Set && (Number & other.Number) == other.Number;
        /// <summary>Every member of this set is in <paramref name="other"/>.</summary>
        public bool IsSubsetOf(FieldValue other) => Kind == ValueKind.Set && other.Kind == ValueKind.Set && (Number & ~other.Number) == 0;
        /// <summary>The members of this set that <paramref name="other"/> lacks.</summary>
        public FieldValue Except(FieldValue other) => SetOfMask(Number & ~other.Number);
        public static FieldValue Integer(long value) => new FieldValue(ValueKind.Integer, value, null);
        public static FieldValue Boolean(bool value) => new FieldValue(ValueKind.Boolean, value ? 1 : 0, null);
        public static FieldValue Of(Duration value) => new FieldValue(ValueKind.Duration, value.Milliseconds, null);
        public static FieldValue Of(ByteSize value) => new FieldValue(ValueKind.Size, value.Bytes, null);

        public ValueKind Kind { get; }
        /// <summary>Milliseconds, bytes, the integer, or 1/0 for a boolean.</summary>
        public long Number { get; }
        public string? TextValue { get; }
        public bool IsAbsent => Kind == ValueKind.Absent;
        public bool IsOrdered => Kind == ValueKind.Integer || Kind == ValueKind.Duration || Kind == ValueKind.Size;

        public bool Equals(FieldValue other) => Kind == other.Kind && Number == other.Number && string.Equals(TextValue, other.TextValue, StringComparison.Ordinal);
        public override bool Equals(object? obj) => obj is FieldValue v && Equals(v);
        public override int GetHashCode() => ((int)Kind * 397) ^ Number.GetHashCode() ^ (TextValue?.GetHashCode() ?? 0);

        /// <summary>Compares two ordered values of the same kind.</summary>
        public int CompareTo(FieldValue other)
        {
            if (Kind != other.Kind || !IsOrdered) throw new InvalidOperationException($"cannot order {Kind} against {other.Kind}");
            return Number.CompareTo(other.Number);
        }

        /// <summary>The value as the descriptor would write it (2m, 512MiB, true, vm).</summary>
        public override string ToString() => Kind switch
        {
            ValueKind.Absent => "(not set)",
            ValueKind.Text => TextValue!,
            ValueKind.Integer => Number.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ValueKind.Boolean => Number != 0 ? "true" : "false",
            ValueKind.Duration => new Duration(Number).ToString(),
            ValueKind.Size => new ByteSize(Number).ToString(),
            ValueKind.Set => TextValue!,
            _ => "?",
        };

        /// <summary>Parses a rule file's literal for a field of the given shape.</summary>
        public static bool TryParseFor(FieldShape shape, object literal, out FieldValue value, out string? error)
        {
            value = Absent;
            error = null;
            string text = literal switch
            {
                bool b => b ? "true" : "false",
                _ => Convert.ToString(literal, System.Globalization.CultureInfo.InvariantCulture) ?? "",
            };
            switch (shape.Kind)
            {
                case ShapeKind.Duration:
                    if (Duration.TryParse(text, out var d, out error)) { value = Of(d); return true; }
                    return false;
                case ShapeKind.Size:
                    if (ByteSize.TryParse(text, out var s, out error)) { value = Of(s); return true; }
                    return false;
                case ShapeKind.Integer:
                    if (literal is long l) { value = Integer(l); return true; }
                    error = $"'{text}' is not an integer";
                    return false;
                case ShapeKind.Boolean:
                    if (literal is bool bb) { value = Boolean(bb); return true; }
                    error = $"'{text}' is not true or false";
                    return false;
                case ShapeKind.Enum:
                    foreach (var v in shape.EnumValues)
                        if (v == text) { value = Text(v); return true; }
                    error = $"'{text}' is not one of {string.Join(", ", shape.EnumValues)}";
                    return false;
                default:
                    value = Text(text);
                    return true;
            }
        }
    }

    /// <summary>The descriptor names of the model's enums by value, read once from <see cref="ObjectShape.EnumName"/>.</summary>
    /// <remarks>
    /// The values are listed, not read with Enum.GetValues(Type), which Native AOT cannot do (it makes
    /// an array of the enum type at run time). A value missing here is named the slow way, so the list
    /// decides speed, never a name.
    /// </remarks>
    internal static class EnumText
    {
        public static readonly string?[] Interfaces = Names(WorkloadInterface.Headless, WorkloadInterface.Cli, WorkloadInterface.Web, WorkloadInterface.Gui);
        public static readonly string?[] Systems = Names(TargetOs.Linux, TargetOs.Windows);
        public static readonly string?[] Sensitivities = Names(Sensitivity.Public, Sensitivity.Internal, Sensitivity.Confidential, Sensitivity.Restricted);
        public static readonly string?[] Targets = Names(Target.Container, Target.SandboxedContainer, Target.Vm);
        public static readonly string?[] Images = Names(WindowsImage.NanoServer, WindowsImage.ServerCore, WindowsImage.Server);
        public static readonly string?[] Tenancies = Names(HostTenancy.Shared, HostTenancy.Dedicated);
        public static readonly string?[] Devices = Names(Device.Gpu, Device.Fpga, Device.Usb);

        /// <summary>The name of a value, or null for a value outside the array (a cast integer), which the caller names the slow way.</summary>
        public static string? Of(string?[] names, int value) => (uint)value < (uint)names.Length ? names[value] : null;

        private static string?[] Names(params System.Enum[] values)
        {
            int max = -1;
            foreach (var v in values) max = Math.Max(max, Convert.ToInt32(v, System.Globalization.CultureInfo.InvariantCulture));
            var names = new string?[max + 1];
            foreach (var v in values)
            {
                int i = Convert.ToInt32(v, System.Globalization.CultureInfo.InvariantCulture);
                if (i >= 0) names[i] = ObjectShape.EnumName(v);
            }
            return names;
        }
    }
}
