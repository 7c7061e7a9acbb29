namespace Oxyde.Driver.Providers.Sqlite.Functions;

/// <summary>
/// An instant read from ISO 8601 text without allocating: <c>YYYY-MM-DD</c>, optionally followed by
/// <c>T</c>, <c>t</c> or a space and <c>HH:MM[:SS[.fraction]]</c> (any number of fraction digits), then
/// optionally <c>Z</c>, <c>±HH:MM</c>, <c>±HHMM</c> or <c>±HH</c>. Text without an offset is UTC: what
/// Oxyde itself writes for aware datetimes on SQLite (naive UTC). <see cref="Compare"/> is the total
/// order of the <c>oxyde_instant</c> collation.
/// </summary>
internal readonly ref struct InstantText
{
    private const long SecondsPerDay = 86_400;

    private InstantText(bool valid, long seconds, ReadOnlySpan<byte> fraction)
    {
        Valid = valid;
        Seconds = seconds;
        Fraction = fraction;
    }

    /// <summary>Whether the text is a datetime; other text sorts after every instant, by its bytes.</summary>
    public bool Valid { get; }

    /// <summary>Whole seconds since 0001-01-01 00:00 UTC.</summary>
    public long Seconds { get; }

    /// <summary>The fraction digits after the point, trailing zeros removed.</summary>
    public ReadOnlySpan<byte> Fraction { get; }

    /// <summary>
    /// Orders two texts by the instant they name (<c>10:00+05:00</c> = <c>05:00Z</c> = <c>05:00</c>);
    /// text that is not a datetime comes after all instants, ordered by bytes.
    /// </summary>
    public static int Compare(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        var a = Parse(left);
        var b = Parse(right);
        if (!a.Valid || !b.Valid)
        {
            return a.Valid ? -1 : b.Valid ? 1 : Math.Sign(left.SequenceCompareTo(right));
        }

        if (a.Seconds != b.Seconds)
        {
            return a.Seconds < b.Seconds ? -1 : 1;
        }

        // Trailing zeros are gone, so the longer fraction is larger once the common digits agree.
        var shorter = Math.Min(a.Fraction.Length, b.Fraction.Length);
        var common = a.Fraction[..shorter].SequenceCompareTo(b.Fraction[..shorter]);
        return common != 0 ? Math.Sign(common) : a.Fraction.Length.CompareTo(b.Fraction.Length);
    }

    /// <summary>Reads <paramref name="s"/>; anything else is not <see cref="Valid"/>.</summary>
    public static InstantText Parse(ReadOnlySpan<byte> s)
    {
        if (s.Length < 10 || s[4] != '-' || s[7] != '-'
            || !TryDigits(s, 0, 4, out var year) || !TryDigits(s, 5, 2, out var month) || !TryDigits(s, 8, 2, out var day)
            || year < 1 || month is < 1 or > 12 || day < 1 || day > DaysInMonth(year, month))
        {
            return default;
        }

        long seconds = DaysBefore(year, month, day) * SecondsPerDay;
        ReadOnlySpan<byte> fraction = default;
        var pos = 10;
        if (pos < s.Length && s[pos] is (byte)'T' or (byte)'t' or (byte)' ')
        {
            if (!TryParseTime(s, ref pos, out var timeSeconds, out var fractionStart, out var fractionEnd))
            {
                return default;
            }

            seconds += timeSeconds;
            fraction = s[fractionStart..fractionEnd].TrimEnd((byte)'0');
        }

        if (pos < s.Length)
        {
            if (!TryParseOffset(s[pos..], out var offsetSeconds))
            {
                return default;
            }

            seconds -= offsetSeconds;
        }

        return new InstantText(true, seconds, fraction);
    }

    /// <summary>
    /// At <paramref name="pos"/> (the separator): <c>HH:MM[:SS[.digits]]</c>; leaves <paramref name="pos"/>
    /// after it and the fraction digits in [start, end).
    /// </summary>
    private static bool TryParseTime(ReadOnlySpan<byte> s, ref int pos, out long seconds, out int fractionStart, out int fractionEnd)
    {
        seconds = 0;
        fractionStart = fractionEnd = 0;
        var p = pos + 1;
        if (p + 5 > s.Length || s[p + 2] != ':' || !TryDigits(s, p, 2, out var hour) || !TryDigits(s, p + 3, 2, out var minute)
            || hour > 23 || minute > 59)
        {
            return false;
        }

        p += 5;
        var second = 0;
        if (p < s.Length && s[p] == ':')
        {
            if (!TryDigits(s, p + 1, 2, out second) || second > 59)
            {
                return false;
            }

            p += 3;
            if (p < s.Length && s[p] == '.')
            {
                var start = ++p;
                while (p < s.Length && (uint)(s[p] - '0') <= 9)
                {
                    p++;
                }

                if (p == start)
                {
                    return false;
                }

                fractionStart = start;
                fractionEnd = p;
            }
        }

        seconds = (((hour * 60L) + minute) * 60) + second;
        pos = p;
        return true;
    }

    /// <summary>The whole rest: <c>Z</c>, <c>±HH:MM</c>, <c>±HHMM</c> or <c>±HH</c> (hours below 24).</summary>
    private static bool TryParseOffset(ReadOnlySpan<byte> s, out long seconds)
    {
        seconds = 0;
        if (s.Length == 1 && (s[0] | 0x20) == 'z')
        {
            return true;
        }

        if ((s[0] != '+' && s[0] != '-') || !TryDigits(s, 1, 2, out var hours) || hours > 23)
        {
            return false;
        }

        var minutes = 0;
        var valid = s.Length switch
        {
            3 => true,
            5 => TryDigits(s, 3, 2, out minutes),
            6 => s[3] == ':' && TryDigits(s, 4, 2, out minutes),
            _ => false,
        };
        if (!valid || minutes > 59)
        {
            return false;
        }

        seconds = ((hours * 60L) + minutes) * 60;
        if (s[0] == '-')
        {
            seconds = -seconds;
        }

        return true;
    }

    /// <summary>Days from 0001-01-01 to the date (proleptic Gregorian, as Python and .NET count).</summary>
    private static long DaysBefore(int year, int month, int day)
    {
        long y = year - 1;
        long days = (y * 365) + (y / 4) - (y / 100) + (y / 400);
        for (var m = 1; m < month; m++)
        {
            days += DaysInMonth(year, m);
        }

        return days + day - 1;
    }

    private static int DaysInMonth(int year, int month) => month switch
    {
        2 => year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28,
        4 or 6 or 9 or 11 => 30,
        _ => 31,
    };

    private static bool TryDigits(ReadOnlySpan<byte> s, int at, int count, out int value)
    {
        value = 0;
        if (at + count > s.Length)
        {
            return false;
        }

        for (var i = at; i < at + count; i++)
        {
            var digit = (uint)(s[i] - '0');
            if (digit > 9)
            {
                return false;
            }

            value = (value * 10) + (int)digit;
        }

        return true;
    }
}
