using System.Globalization;
using System.Text;
using Oxyde.Driver.Providers.Sqlite.Functions;

namespace Oxyde.Driver.Tests;

/// <summary>The <c>oxyde_instant</c> collation's order, on its own (no SQLite).</summary>
public sealed class InstantTextTests
{
    /// <summary>Ascending; texts in one group are the same instant.</summary>
    private static readonly string[][] Ascending =
    [
        ["0001-01-01 00:00:00+14:00"],
        ["0001-01-01", "0001-01-01 00:00:00", "0001-01-01T00:00Z"],
        ["1969-12-31 23:59:59.999999+00:00", "1970-01-01 00:59:59.999999+01:00"],
        ["1970-01-01 00:00:00+00:00", "1970-01-01T00:00:00Z", "1970-01-01 00:00:00", "1969-12-31 14:00:00-10:00"],
        ["2024-01-01 05:00:00+00:00", "2024-01-01 10:00:00+05:00", "2024-01-01T05:00:00z", "2024-01-01 05:00:00", "2024-01-01 10:00+0500", "2024-01-01 00:00:00-05"],
        ["2024-01-01 05:00:00.000001+00:00", "2024-01-01 05:00:00.0000010Z"],
        ["2024-01-01 05:00:00.00001+00:00", "2024-01-01 05:00:00.000010+00:00"],
        ["2024-01-01 05:30:00+00:00", "2024-01-01 19:30:00+14:00", "2023-12-31 15:30:00-14:00"],
        ["2024-01-01 06:00:00+00:00", "2024-01-01 06:00:00.000000000+00:00"],
        ["2024-02-29 23:59:59.999999999-00:00"],
        ["2024-03-01 00:00:00+00:00"],
        ["9999-12-31 23:59:59.999999-14:00"],
        [""],
        ["2023-02-29 00:00:00+00:00"],
        ["2024-01-01 05:00:00+24:00"],
        ["2024-01-01 24:00:00+00:00"],
        ["2024-01-01 5:00:00+00:00"],
        ["not a date"],
    ];

    [Fact]
    public void The_listed_instants_sort_in_order_and_equal_within_their_group()
    {
        var flat = Ascending.SelectMany((group, rank) => group.Select(text => (text, rank))).ToArray();
        foreach (var (a, rankA) in flat)
        {
            foreach (var (b, rankB) in flat)
            {
                var expected = rankA.CompareTo(rankB);
                Assert.True(expected == Compare(a, b), $"compare('{a}', '{b}') = {Compare(a, b)}, expected {expected}");
            }
        }
    }

    [Fact]
    public void Random_instants_with_offsets_up_to_14_hours_compare_by_their_utc_instant()
    {
        var random = new Random(20261130);
        var values = Enumerable.Range(0, 400).Select(_ => RandomInstant(random)).ToArray();
        foreach (var a in values)
        {
            foreach (var b in values)
            {
                var left = Spell(a, random);
                var right = Spell(b, random);
                var expected = a.UtcTicks.CompareTo(b.UtcTicks);
                Assert.True(expected == Compare(left, right), $"compare('{left}', '{right}') should be {expected}");
            }
        }
    }

    private static int Compare(string a, string b) => InstantText.Compare(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));

    private static DateTimeOffset RandomInstant(Random random)
    {
        // Near each other often (offsets decide the order), anywhere sometimes; whole microseconds.
        var utc = random.Next(3) == 0
            ? new DateTime(2024, 1, 1, 12, 0, 0, DateTimeKind.Utc).AddMinutes(random.Next(-900, 900))
            : new DateTime(1, 2, 1, 0, 0, 0, DateTimeKind.Utc).AddDays(random.Next(0, 3_650_000));
        utc = utc.AddTicks(random.Next(0, 3) * 10L * random.Next(0, 1_000_000));
        var offset = TimeSpan.FromMinutes(random.Next(-14 * 60, (14 * 60) + 1));
        return new DateTimeOffset(utc).ToOffset(offset);
    }

    /// <summary>Oxyde's storage form (space, fraction only when non-zero, <c>+HH:MM</c>), or <c>T</c>/<c>Z</c>/naive-UTC variants.</summary>
    private static string Spell(DateTimeOffset value, Random random)
    {
        var fraction = value.Ticks % TimeSpan.TicksPerSecond == 0 ? string.Empty : value.ToString(".ffffff", CultureInfo.InvariantCulture);
        switch (random.Next(4))
        {
            case 0:
                var utc = value.UtcDateTime;
                return utc.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + fraction;
            case 1:
                return value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture) + fraction + "Z";
            default:
                var sign = value.Offset < TimeSpan.Zero ? "-" : "+";
                var offset = value.Offset.Duration();
                return value.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + fraction
                    + sign + offset.Hours.ToString("00", CultureInfo.InvariantCulture) + ":" + offset.Minutes.ToString("00", CultureInfo.InvariantCulture);
        }
    }
}
