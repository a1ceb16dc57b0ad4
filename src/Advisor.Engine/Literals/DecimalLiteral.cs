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

            var integer = BigInteger.Parse(text.Substring(intStart, intEnd - intStart), System.Globalization.CultureInfo.InvariantCulture);
            var scaled = integer * unit.Value.Factor;
            if (fracStart >= 0)
            {
                var digits = text.Substring(fracStart, fracEnd - fracStart);
                var fraction = BigInteger.Parse(digits, System.Globalization.CultureInfo.InvariantCulture);
                var denominator = BigInteger.Pow(10, digits.Length);
                var numerator = fraction * unit.Value.Factor;
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
