using System.Globalization;
using System.Numerics;
using System.Text;
using Oxyde.Driver.Providers.Sqlite.Functions;

namespace Oxyde.Driver.Tests;

/// <summary>The <c>oxyde_decimal</c> collation's order, on its own (no SQLite).</summary>
public sealed class DecimalTextTests
{
    /// <summary>Ascending; texts in one group are the same value.</summary>
    private static readonly string[][] Ascending =
    [
        ["-Infinity", "-inf", "-INFINITY"],
        ["-1E+40", "-10000000000000000000000000000000000000000"],
        ["-99999999999999999999999999999999999999", "-99999999999999999999999999999999999999.000"],
        ["-99999999999999999999999999999999999998.99999999999999999999999999999999999999"],
        ["-100.00", "-1E+2", "-100"],
        ["-10.00"],
        ["-5.00", "-5", "-0005.0"],
        ["-0.5", "-.5", "-5E-1"],
        ["-0.0000000000000000000000000000000000001"],
        ["0", "-0", "0.00", "+0", "0E-8", "0E+3", "-0.000", ".0", "0."],
        ["0.0000000000000000000000000000000000001", "1E-37", "1e-37"],
        ["0.00000000000000000000000000000000000011"],
        ["0.5", ".5", "5E-1", "0.50"],
        ["1", "1.0", "01", "1.", "+1", " 1 ", "\t1\n", "0.1E1", "10E-1"],
        ["1.00000000000000000000000000000000000001"],
        ["1.1"],
        ["2", "2.00", "2.0000000000000000000000000000000000000"],
        ["2.000000000000000000000000000000000000001"],
        ["9", "9.000"],
        ["9.50", "9.5", "95E-1"],
        ["10.00", "10", "1E+1", "1e1", "0.01E3"],
        ["100.00", "100", "1E+2"],
        ["12345678901234567890123456789012345678"],
        ["12345678901234567890123456789012345678.1"],
        ["12345678901234567890123456789012345679"],
        ["99999999999999999999999999999999999999"],
        ["1E+38", "100000000000000000000000000000000000000"],
        ["1E+999999999999999"],
        ["Infinity", "inf", "+Infinity"],
        ["NaN", "nan", "-NaN", "sNaN", "NaN123"],
        [""],
        ["1.2.3"],
        ["1E+9999999999999999"],
        ["abc"],
        ["e5"],
    ];

    [Fact]
    public void The_listed_values_sort_in_order_and_equal_within_their_group()
    {
        var flat = Ascending.SelectMany((group, rank) => group.Select(text => (text, rank))).ToArray();
        foreach (var (a, rankA) in flat)
        {
            foreach (var (b, rankB) in flat)
            {
                var expected = rankA.CompareTo(rankB);
                Assert.True(
                    expected == Compare(a, b),
                    $"compare('{a}', '{b}') = {Compare(a, b)}, expected {expected}");
            }
        }
    }

    [Fact]
    public void Random_values_in_many_spellings_compare_as_their_exact_values()
    {
        var random = new Random(20261130);
        var values = Enumerable.Range(0, 400).Select(_ => RandomValue(random)).ToArray();
        foreach (var a in values)
        {
            foreach (var b in values)
            {
                var expected = CompareExact(a, b);
                var left = Spell(a, random);
                var right = Spell(b, random);
                Assert.True(expected == Compare(left, right), $"compare('{left}', '{right}') should be {expected}");
            }
        }
    }

    [Theory]
    [InlineData("12.50", "PositiveFinite", 1, 2)]
    [InlineData("-0.001", "NegativeFinite", -3, 3)]
    [InlineData("1.5E+3", "PositiveFinite", 3, 1)]
    [InlineData("0.00", "Zero", 0, 2)]
    [InlineData("Infinity", "PositiveInfinity", 0, 0)]
    [InlineData("1e", "Text", 0, 0)]
    [InlineData("--1", "Text", 0, 0)]
    [InlineData("1,5", "Text", 0, 0)]
    [InlineData("٣", "Text", 0, 0)]
    public void Parse_reads_rank_exponent_and_written_scale(string text, string rankName, long exponent, int fractionDigits)
    {
        var rank = Enum.Parse<DecimalRank>(rankName);
        var parsed = DecimalText.Parse(Encoding.UTF8.GetBytes(text));
        Assert.Equal(rank, parsed.Rank);
        if (rank is DecimalRank.PositiveFinite or DecimalRank.NegativeFinite)
        {
            Assert.Equal(exponent, parsed.Exponent);
        }

        Assert.Equal(fractionDigits, parsed.FractionDigits);
    }

    private static int Compare(string a, string b) => DecimalText.Compare(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));

    private static (BigInteger Unscaled, int Scale) RandomValue(Random random)
    {
        var digits = random.Next(1, 40);
        var text = new StringBuilder();
        for (var i = 0; i < digits; i++)
        {
            text.Append((char)('0' + random.Next(10)));
        }

        var unscaled = BigInteger.Parse(text.ToString(), CultureInfo.InvariantCulture);
        if (random.Next(2) == 0)
        {
            unscaled = -unscaled;
        }

        return (unscaled, random.Next(0, 40));
    }

    private static int CompareExact((BigInteger Unscaled, int Scale) a, (BigInteger Unscaled, int Scale) b)
    {
        var scale = Math.Max(a.Scale, b.Scale);
        return (a.Unscaled * BigInteger.Pow(10, scale - a.Scale)).CompareTo(b.Unscaled * BigInteger.Pow(10, scale - b.Scale));
    }

    /// <summary>The value as plain text with extra leading/trailing zeros, or in exponent form.</summary>
    private static string Spell((BigInteger Unscaled, int Scale) value, Random random)
    {
        var sign = value.Unscaled.Sign < 0 ? "-" : random.Next(4) == 0 ? "+" : string.Empty;
        var digits = BigInteger.Abs(value.Unscaled).ToString(CultureInfo.InvariantCulture);
        var extraZeros = random.Next(3);
        if (random.Next(3) == 0)
        {
            // digits × 10^-scale written as digits[.zeros]E(-scale)
            return sign + digits + (extraZeros > 0 ? "." + new string('0', extraZeros) : string.Empty)
                + "E" + (-value.Scale).ToString(CultureInfo.InvariantCulture);
        }

        digits = new string('0', value.Scale + random.Next(3)) + digits;
        var point = digits.Length - value.Scale;
        return sign + digits[..point] + "." + digits[point..] + new string('0', extraZeros);
    }
}
