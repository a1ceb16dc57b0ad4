using System;

namespace DeployAdvisor.Engine.Literals
{
    /// <summary>
    /// A non-negative amount of bytes written as a workload.md literal: SI units (KB = 1000 B)
    /// and IEC units (KiB = 1024 B), case-sensitive, coming to a whole number of bytes.
    /// </summary>
    public readonly struct ByteSize : IEquatable<ByteSize>, IComparable<ByteSize>
    {
        public const string Pattern = "^(0|[1-9][0-9]*)(\\.[0-9]+)?(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)$";
        public const string Allowed = "a number and a unit: B, KB, MB, GB, TB (powers of 1000) or KiB, MiB, GiB, TiB (powers of 1024), for example 512MiB or 1.5GB, coming to a whole number of bytes";

        // Order matters only for formatting: the formatter prefers the largest unit that is exact,
        // IEC before SI at equal magnitude is irrelevant because an exact match is unique per unit.
        private static readonly DecimalLiteral.Unit[] Units =
        {
            new DecimalLiteral.Unit("B", 1),
            new DecimalLiteral.Unit("KB", 1000L),
            new DecimalLiteral.Unit("KiB", 1024L),
            new DecimalLiteral.Unit("MB", 1000L * 1000),
            new DecimalLiteral.Unit("MiB", 1024L * 1024),
            new DecimalLiteral.Unit("GB", 1000L * 1000 * 1000),
            new DecimalLiteral.Unit("GiB", 1024L * 1024 * 1024),
            new DecimalLiteral.Unit("TB", 1000L * 1000 * 1000 * 1000),
            new DecimalLiteral.Unit("TiB", 1024L * 1024 * 1024 * 1024),
        };

        public ByteSize(long bytes)
        {
            if (bytes < 0) throw new ArgumentOutOfRangeException(nameof(bytes));
            Bytes = bytes;
        }

        public long Bytes { get; }

        public static bool TryParse(string? text, out ByteSize value, out string? error)
        {
            value = default;
            if (!DecimalLiteral.TryParse(text, Units, "bytes", out var bytes, out error)) return false;
            value = new ByteSize(bytes);
            return true;
        }

        public static ByteSize Parse(string text)
            => TryParse(text, out var s, out var error) ? s : throw new FormatException(error);

        public override string ToString() => DecimalLiteral.Format(Bytes, Units);

        public bool Equals(ByteSize other) => Bytes == other.Bytes;
        public override bool Equals(object? obj) => obj is ByteSize s && Equals(s);
        public override int GetHashCode() => Bytes.GetHashCode();
        public int CompareTo(ByteSize other) => Bytes.CompareTo(other.Bytes);
        public static bool operator <(ByteSize a, ByteSize b) => a.Bytes < b.Bytes;
        public static bool operator >(ByteSize a, ByteSize b) => a.Bytes > b.Bytes;
        public static bool operator ==(ByteSize a, ByteSize b) => a.Equals(b);
        public static bool operator !=(ByteSize a, ByteSize b) => !a.Equals(b);
    }
}
