using CsCheck;
using DeployAdvisor.Engine.Literals;

namespace DeployAdvisor.Engine.Tests;

public class LiteralTests
{
    [Theory]
    [InlineData("250ms", 250)]
    [InlineData("1.5s", 1500)]
    [InlineData("2m", 120_000)]
    [InlineData("1h", 3_600_000)]
    [InlineData("0ms", 0)]
    [InlineData("0s", 0)]
    [InlineData("0.001s", 1)]
    [InlineData("1.50s", 1500)]
    [InlineData("0.5m", 30_000)]
    [InlineData("2562047788015h", 2562047788015L * 3_600_000)]
    [InlineData("9223372036854775807ms", long.MaxValue)]
    public void Duration_parses_exact_milliseconds(string text, long ms)
    {
        Assert.True(Duration.TryParse(text, out var d, out var error), error);
        Assert.Equal(ms, d.Milliseconds);
    }

    [Theory]
    [InlineData("0.1ms", "whole number of milliseconds")]
    [InlineData("0.0001s", "whole number of milliseconds")]
    [InlineData("9223372036854775808ms", "too large")]
    [InlineData("2562047788016h", "too large")]
    [InlineData("1000000000000000000000000000000s", "too large")]
    [InlineData("5", "not a valid literal")]
    [InlineData("-5s", "not a valid literal")]
    [InlineData("+5s", "not a valid literal")]
    [InlineData("5 s", "not a valid literal")]
    [InlineData("1e3s", "not a valid literal")]
    [InlineData("05s", "not a valid literal")]
    [InlineData(".5s", "not a valid literal")]
    [InlineData("5.s", "not a valid literal")]
    [InlineData("5S", "not a valid literal")]
    [InlineData("5d", "not a valid literal")]
    [InlineData("", "empty")]
    [InlineData("fast", "not a valid literal")]
    public void Duration_rejects_with_a_reason(string text, string reason)
    {
        Assert.False(Duration.TryParse(text, out _, out var error));
        Assert.Contains(reason, error);
    }

    [Theory]
    [InlineData("5MB", 5_000_000)]
    [InlineData("4MiB", 4L * 1024 * 1024)]
    [InlineData("1.5GB", 1_500_000_000)]
    [InlineData("0.5KiB", 512)]
    [InlineData("20GB", 20_000_000_000)]
    [InlineData("1GiB", 1L << 30)]
    [InlineData("1TiB", 1L << 40)]
    [InlineData("3TB", 3_000_000_000_000)]
    [InlineData("0B", 0)]
    [InlineData("1.024KB", 1024)]
    public void Size_parses_SI_and_IEC_units(string text, long bytes)
    {
        Assert.True(ByteSize.TryParse(text, out var s, out var error), error);
        Assert.Equal(bytes, s.Bytes);
    }

    [Theory]
    [InlineData("0.1B", "whole number of bytes")]
    [InlineData("0.3KiB", "whole number of bytes")]
    [InlineData("1e309MB", "not a valid literal")]
    [InlineData("10000000TB", "too large")]
    [InlineData("5mb", "not a valid literal")]
    [InlineData("5kB", "not a valid literal")]
    [InlineData("5Mb", "not a valid literal")]
    [InlineData("5 MB", "not a valid literal")]
    [InlineData("-1MB", "not a valid literal")]
    [InlineData("1024", "not a valid literal")]
    public void Size_rejects_with_a_reason(string text, string reason)
    {
        Assert.False(ByteSize.TryParse(text, out _, out var error));
        Assert.Contains(reason, error);
    }

    [Theory]
    [InlineData(1500, "1500ms")]
    [InlineData(30_000, "30s")]
    [InlineData(120_000, "2m")]
    [InlineData(3_600_000, "1h")]
    [InlineData(0, "0ms")]
    public void Duration_prints_the_shortest_exact_literal(long ms, string expected)
        => Assert.Equal(expected, new Duration(ms).ToString());

    [Fact]
    public void Literals_round_trip_through_their_shortest_form()
    {
        CsCheck.Gen.Long[0, long.MaxValue].Sample(ms =>
        {
            var d = new Duration(ms);
            return Duration.TryParse(d.ToString(), out var back, out _) && back == d;
        });
        CsCheck.Gen.Long[0, long.MaxValue].Sample(b =>
        {
            var s = new ByteSize(b);
            return ByteSize.TryParse(s.ToString(), out var back, out _) && back == s;
        });
    }

    /// <summary>
    /// Every well-shaped literal, short or long, parses to what exact arithmetic says: the value, or
    /// "not a whole number", or "too large". An oracle of its own (BigInteger over the digits), so
    /// that the parser's 64-bit fast path and its exact path are both held to it, including the
    /// lengths and products where one hands over to the other.
    /// </summary>
    [Fact]
    public void Literals_parse_to_the_exact_value_at_any_length()
    {
        var durationUnits = new (string Symbol, long Factor)[] { ("ms", 1), ("s", 1000), ("m", 60_000), ("h", 3_600_000) };
        var sizeUnits = new (string Symbol, long Factor)[]
        {
            ("B", 1), ("KB", 1000), ("KiB", 1024), ("MB", 1_000_000), ("MiB", 1L << 20), ("GB", 1_000_000_000), ("GiB", 1L << 30),
            ("TB", 1_000_000_000_000), ("TiB", 1L << 40),
        };
        // Digit strings of 1-21 digits (around the 18 the fast path takes), with no leading zero unless "0".
        var integer = Gen.OneOf(Gen.Const("0"), Gen.Int[1, 21].SelectMany(n => Gen.Char['1', '9'].SelectMany(first =>
            Gen.String[Gen.Char['0', '9'], n - 1, n - 1].Select(rest => first + rest))));
        var fraction = Gen.OneOf(Gen.Const(""), Gen.String[Gen.Char['0', '9'], 1, 21].Select(f => "." + f));
        var gen = Gen.Select(integer, fraction, Gen.Bool, Gen.Int[0, 8]);
        gen.Sample((i, f, isDuration, u) =>
        {
            var units = isDuration ? durationUnits : sizeUnits;
            var (symbol, factor) = units[u % units.Length];
            var text = i + f + symbol;
            var numerator = System.Numerics.BigInteger.Parse(i + f.TrimStart('.')) * factor;
            var denominator = System.Numerics.BigInteger.Pow(10, System.Math.Max(0, f.Length - 1));
            bool ok; long value; string? error;
            if (isDuration) { ok = Duration.TryParse(text, out var d, out error); value = d.Milliseconds; }
            else { ok = ByteSize.TryParse(text, out var s, out error); value = s.Bytes; }
            if (!(numerator % denominator).IsZero) return !ok && error!.Contains("whole number");
            var exact = numerator / denominator;
            if (exact > long.MaxValue) return !ok && error!.Contains("too large");
            return ok && value == (long)exact;
        }, iter: 50_000);
    }

    [Fact]
    public void Patterns_agree_with_the_parsers_shape()
    {
        // Anything the parser accepts matches the published pattern (what the JSON Schema checks).
        var durationPattern = new System.Text.RegularExpressions.Regex(Duration.Pattern);
        var sizePattern = new System.Text.RegularExpressions.Regex(ByteSize.Pattern);
        var gen = CsCheck.Gen.String[CsCheck.Gen.Char["0123456789.msShKMGTiB -"], 0, 8];
        gen.Sample(text =>
        {
            if (Duration.TryParse(text, out _, out _) && !durationPattern.IsMatch(text)) return false;
            if (ByteSize.TryParse(text, out _, out _) && !sizePattern.IsMatch(text)) return false;
            return true;
        }, iter: 20_000);
    }
}
