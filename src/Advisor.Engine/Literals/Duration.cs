using System;

namespace DeployAdvisor.Engine.Literals
{
    /// <summary>
    /// A non-negative span of time with millisecond resolution, written as a workload.md literal
    /// (<c>250ms</c>, <c>1.5s</c>, <c>2m</c>, <c>1h</c>). Stored as whole milliseconds so that
    /// comparisons never meet floating-point rounding.
    /// </summary>
    public readonly struct Duration : IEquatable<Duration>, IComparable<Duration>
    {
        public const string Pattern = "^(0|[1-9][0-9]*)(\\.[0-9]+)?(ms|s|m|h)$";
        public const string Allowed = "a number and a unit: ms, s, m or h (for example 250ms, 1.5s, 2m, 1h), coming to a whole number of milliseconds";

        private static readonly DecimalLiteral.Unit[] Units =
        {
            new DecimalLiteral.Unit("ms", 1),
            new DecimalLiteral.Unit("s", 1000),
            new DecimalLiteral.Unit("m", 60_000),
            new DecimalLiteral.Unit("h", 3_600_000),
        };

        public Duration(long milliseconds)
        {
            if (milliseconds < 0) throw new ArgumentOutOfRangeException(nameof(milliseconds));
            Milliseconds = milliseconds;
        }

        public long Milliseconds { get; }

        public static Duration FromMilliseconds(long ms) => new Duration(ms);
        public static Duration FromSeconds(long s) => new Duration(checked(s * 1000));

        public static bool TryParse(string? text, out Duration value, out string? error)
        {
            value = default;
            if (!DecimalLiteral.TryParse(text, Units, "milliseconds", out var ms, out error)) return false;
            value = new Duration(ms);
            return true;
        }

        public static Duration Parse(string text)
            => TryParse(text, out var d, out var error) ? d : throw new FormatException(error);

        /// <summary>The shortest exact literal: 1500 ms prints as <c>1500ms</c>, 30000 ms as <c>30s</c>.</summary>
        public override string ToString() => DecimalLiteral.Format(Milliseconds, Units);

        public bool Equals(Duration other) => Milliseconds == other.Milliseconds;
        public override bool Equals(object? obj) => obj is Duration d && Equals(d);
        public override int GetHashCode() => Milliseconds.GetHashCode();
        public int CompareTo(Duration other) => Milliseconds.CompareTo(other.Milliseconds);
        public static bool operator <(Duration a, Duration b) => a.Milliseconds < b.Milliseconds;
        public static bool operator >(Duration a, Duration b) => a.Milliseconds > b.Milliseconds;
        public static bool operator ==(Duration a, Duration b) => a.Equals(b);
        public static bool operator !=(Duration a, Duration b) => !a.Equals(b);
    }
}
