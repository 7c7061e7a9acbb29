using System.Text;
using Oxyde.Driver.Providers.Sqlite.Functions;

namespace Oxyde.Driver.Tests;

/// <summary>The arithmetic behind <c>oxyde_dec_*</c>, on its own (no SQLite).</summary>
public sealed class ExactDecimalTests
{
    [Theory]
    [InlineData("100.00", "1.00", "101.00")]
    [InlineData("0.1", "0.2", "0.3")]
    [InlineData("-5.00", "2", "-3.00")]
    [InlineData("1E+2", "0.5", "100.5")]
    [InlineData("99999999999999999999999999999999999999", "1", "100000000000000000000000000000000000000")]
    [InlineData("0.00000000000000000000000000000000000001", "1", "1.00000000000000000000000000000000000001")]
    public void Add_is_exact_at_the_larger_scale(string a, string b, string sum)
    {
        Assert.Equal(sum, (Parse(a) + Parse(b)).ToString());
        Assert.Equal(sum, (Parse(b) + Parse(a)).ToString());
    }

    [Theory]
    [InlineData("101.00", "1.10", "111.1000")]
    [InlineData("-2.5", "4", "-10.0")]
    [InlineData("12345678901234567890.123456789", "98765432109876543210.987654321", "1219326311370217952261850327336229233322.374638011112635269")]
    public void Multiply_is_exact_with_the_scales_added(string a, string b, string product) =>
        Assert.Equal(product, (Parse(a) * Parse(b)).ToString());

    [Theory]
    [InlineData("1", "3", "0.33333333333333333333")]
    [InlineData("2", "3", "0.66666666666666666667")]
    [InlineData("10.00", "4", "2.50")]
    [InlineData("-1", "8", "-0.125")]
    [InlineData("100000", "3", "33333.333333333333333")]
    [InlineData("0", "7", "0")]
    public void Divide_keeps_at_least_20_significant_digits_rounded_half_away_from_zero(string a, string b, string quotient)
    {
        Assert.True(ExactDecimal.TryDivide(Parse(a), Parse(b), out var result));
        Assert.Equal(quotient, result.ToString());
    }

    [Fact]
    public void Results_past_numeric_limits_are_out_of_range()
    {
        var huge = Parse("1E+16000");
        Assert.True(huge.InRange);
        Assert.True((huge * huge).InRange);
        Assert.False((huge * huge * huge * huge * huge * huge * huge * huge * huge * huge).InRange);
        var tiny = Parse("1E-9000");
        Assert.False((tiny * tiny).InRange);
    }

    [Fact]
    public void Divide_by_zero_fails() => Assert.False(ExactDecimal.TryDivide(Parse("1"), Parse("0.00"), out _));

    [Theory]
    [InlineData("111.1000", 2, "111.10")]
    [InlineData("111.105", 2, "111.11")]
    [InlineData("-111.105", 2, "-111.11")]
    [InlineData("111.104999", 2, "111.10")]
    [InlineData("2.5", 0, "3")]
    [InlineData("7", 3, "7.000")]
    [InlineData("-0.004", 2, "0.00")]
    public void Round_gives_exactly_the_scale_half_away_from_zero(string value, int scale, string rounded) =>
        Assert.Equal(rounded, Parse(value).RoundedTo(scale).ToString());

    [Theory]
    [InlineData("abc")]
    [InlineData("NaN")]
    [InlineData("-Infinity")]
    [InlineData("1E+99999")]
    [InlineData("1E-99999")]
    public void Text_that_is_not_a_finite_decimal_in_range_is_refused(string text) =>
        Assert.False(ExactDecimal.TryParse(Encoding.UTF8.GetBytes(text), out _, out _));

    [Fact]
    public void The_small_fast_path_gives_the_same_text_as_the_exact_path_or_declines()
    {
        var random = new Random(20261130);
        var fast = 0;
        for (var i = 0; i < 20_000; i++)
        {
            var a = RandomText(random);
            var b = RandomText(random);
            var x = Parse(a);
            var y = Parse(b);
            var scale = random.Next(0, 12);
            if (!SmallDecimal.TryParse(Encoding.UTF8.GetBytes(a), out var sx) || !SmallDecimal.TryParse(Encoding.UTF8.GetBytes(b), out var sy))
            {
                continue;
            }

            fast++;
            Same((x + y).ToString(), SmallDecimal.TryAdd(sx, sy, out var sum), sum);
            Same((x - y).ToString(), SmallDecimal.TryAdd(sx, sy.Negated(), out var difference), difference);
            Same((x * y).ToString(), SmallDecimal.TryMultiply(sx, sy, out var product), product);
            Same((-x).ToString(), true, sx.Negated());
            Same(x.RoundedTo(scale).ToString(), sx.TryRoundTo(scale, out var rounded), rounded);
        }

        Assert.True(fast > 10_000, $"only {fast} pairs took the fast path");
    }

    private static void Same(string exact, bool computed, SmallDecimal small)
    {
        if (computed)
        {
            var text = new byte[SmallDecimal.MaxTextLength];
            Assert.Equal(exact, Encoding.UTF8.GetString(text, 0, small.Format(text)));
        }
    }

    /// <summary>Up to 40 digits, a random point, sign and sometimes an exponent.</summary>
    private static string RandomText(Random random)
    {
        var digits = new StringBuilder();
        var count = random.Next(1, random.Next(2) == 0 ? 12 : 41);
        for (var i = 0; i < count; i++)
        {
            digits.Append((char)('0' + random.Next(10)));
        }

        var point = random.Next(0, count + 1);
        var text = (random.Next(2) == 0 ? "-" : string.Empty) + digits.ToString(0, point) + "." + digits.ToString(point, count - point);
        return random.Next(5) == 0 ? text + "E" + random.Next(-5, 6).ToString(System.Globalization.CultureInfo.InvariantCulture) : text;
    }

    private static ExactDecimal Parse(string text)
    {
        Assert.True(ExactDecimal.TryParse(Encoding.UTF8.GetBytes(text), out var value, out var error), error);
        return value;
    }
}
