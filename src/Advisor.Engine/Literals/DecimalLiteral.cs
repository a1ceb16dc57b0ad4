using System;
using System.Numerics;

namespace DeployAdvisor.Engine.Literals
{
    /// <summary>
    /// Exact parsing of "digits[.digits]unit" literals into a whole count of base units.
    /// Written by hand because no library parses unit literals with exact decimal arithmetic and
    /// overflow detection; BigInteger keeps every intermediate exact, so 1.5s is 1500 ms and a
    /// 30-digit number is an overflow error, never a wrap or a rounding.
    /// </summary>
    internal static class DecimalLiteral
    {
        internal readonly struct Unit
        {
            public Unit(string symbol, long factor) { Symbol = symbol; Factor = factor; }
            public string Symbol { get; }
            public long Factor { get; }
        }

        // Longest literal we even look at; anything longer cannot fit in 64 bits anyway and is refused
        // before any arithmetic, which keeps a hostile 2 MB scalar from costing BigInteger time.
        private const int MaxLength = 64;

        public static bool TryParse(string? text, Unit[] units, string baseUnitName, out long value, out string? error)
        {
            value = 0;
            error = null;
            if (string.IsNullOrEmpty(text))
            {
                error = "an empty value is not a literal";
                return false;
            }
            if (text!.Length > MaxLength)
            {
                error = $"'{Shorten(text)}' is too long to be a literal";
                return false;
            }

            int i = 0;
            int intStart = i;
            while (i < text.Length && IsDigit(text[i])) i++;
            int intEnd = i;
            int fracStart = -1, fracEnd = -1;
            if (i < text.Length && text[i] == '.')
            {
                i++;
                fracStart = i;
                while (i < text.Length && IsDigit(text[i])) i++;
                fracEnd = i;
            }
            string unitText = text.Substring(i);
            bool shapeOk = intEnd > intStart
                && (fracStart < 0 || fracEnd > fracStart)
                && !(intEnd - intStart > 1 && text[intStart] == '0');
            Unit? unit = null;
            foreach (var u in units)
            {
                if (string.Equals(u.Symbol, unitText, StringComparison.Ordinal)) { unit = u; break; }
            }
            if (!shapeOk || unit is null)
            {
                error = $"'{text}' is not a valid literal";
                return false;
            }

            if (TryScaleSmall(text, intStart, intEnd, fracStart, fracEnd, unit.Value.Factor, out value, out bool whole))
            {
                if (whole) return true;
                error = $"'{text}' is not a whole number of {baseUnitName}";
                return false;
            }
            return TryScaleExact(text, intStart, intEnd, fracStart, fracEnd, unit.Value, baseUnitName, out value, out error);
        }

        // Literals whose digits and products fit in 64 bits, which is nearly all of them (512MiB, 1.5s),
        // in long arithmetic: inside the compiler BigInteger's parsing runs as unoptimised JIT code and
        // showed in the analyzers' time (docs/performance.md). False when anything might not fit; the
        // exact path decides.
        private static bool TryScaleSmall(string text, int intStart, int intEnd, int fracStart, int fracEnd, long factor, out long value, out bool whole)
        {
            value = 0;
            whole = false;
            const int MaxDigits = 18; // 10^18 - 1 < long.MaxValue
            if (intEnd - intStart > MaxDigits || (fracStart >= 0 && fracEnd - fracStart > MaxDigits)) return false;
            long integer = Digits(text, intStart, intEnd);
            if (integer > long.MaxValue / factor) return false;
            long scaled = integer * factor;
            if (fracStart >= 0)
            {
                long fraction = Digits(text, fracStart, fracEnd);
                if (fraction > long.MaxValue / factor) return false;
                long numerator = fraction * factor, denominator = 1;
                for (int k = fracStart; k < fracEnd; k++) denominator *= 10;
                if (numerator % denominator != 0) return true; // answered: not whole
                long add = numerator / denominator;
                if (scaled > long.MaxValue - add) return false;
                scaled += add;
            }
            value = scaled;
            whole = true;
            return true;
        }

        private static long Digits(string text, int start, int end)
        {
            long n = 0;
            for (int k = start; k < end; k++) n = n * 10 + (text[k] - '0');
            return n;
        }

        /// <summary>The exact path for any length: every intermediate a BigInteger.</summary>
        private static bool TryScaleExact(string text, int intStart, int intEnd, int fracStart, int fracEnd, Unit unit, string baseUnitName, out long value, out string? error)
        {
            value = 0;
            error = null;
            var integer = BigInteger.Parse(text.Substring(intStart, intEnd - intStart), System.Globalization.CultureInfo.InvariantCulture);
            var scaled = integer * unit.Factor;
            if (fracStart >= 0)
            {
                var digits = text.Substring(fracStart, fracEnd - fracStart);
                var fraction = BigInteger.Parse(digits, System.Globalization.CultureInfo.InvariantCulture);
                var denominator = BigInteger.Pow(10, digits.Length);
                var numerator = fraction * unit.Factor;
                if (!(numerator % denominator).IsZero)
                {
                    error = $"'{text}' is not a whole number of {baseUnitName}";
                    return false;
                }
                scaled += numerator / denominator;
            }
            if (scaled > long.MaxValue)
            {
                error = $"'{text}' is too large (at most {long.MaxValue} {baseUnitName})";
                return false;
            }
            value = (long)scaled;
            return true;
        }

        public static string Format(long amount, Unit[] units)
        {
            // The largest unit that divides exactly gives the shortest exact literal.
            for (int k = units.Length - 1; k >= 0; k--)
            {
                if (amount != 0 && amount % units[k].Factor == 0)
                    return (amount / units[k].Factor).ToString(System.Globalization.CultureInfo.InvariantCulture) + units[k].Symbol;
            }
            return amount.ToString(System.Globalization.CultureInfo.InvariantCulture) + units[0].Symbol;
        }

        private static bool IsDigit(char c) => c >= '0' && c <= '9';

        internal static string Shorten(string text) => text.Length <= 40 ? text : text.Substring(0, 37) + "...";
    }
}
