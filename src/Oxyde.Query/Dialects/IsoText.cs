using System.Globalization;
using System.Text;

namespace Oxyde.Query.Dialects;

/// <summary>
/// Strict parser and formatter for Python's <c>isoformat()</c> texts: <c>YYYY-MM-DD</c>,
/// <c>HH:MM[:SS[.f{1,7}]]</c>, date and time joined by <c>T</c> or a space, then optionally
/// <c>Z</c> or <c>±HH:MM</c>. Formats SQLite storage text (fraction only when non-zero).
/// </summary>
internal static class IsoText
{
    public static bool TryParseDate(string s, out DateOnly date)
    {
        date = default;
        return s.Length == 10 && TryParseDate(s, 0, out date);
    }

    public static bool TryParseTime(string s, out TimeOnly time)
    {
        var pos = 0;
        time = default;
        if (!TryParseTime(s, ref pos, out var ticks) || pos != s.Length)
        {
            return false;
        }

        time = new TimeOnly(ticks);
        return true;
    }

    public static bool TryParseDateTime(string s, out DateTime local, out TimeSpan? offset)
    {
        local = default;
        offset = null;
        if (s.Length < 16 || !TryParseDate(s, 0, out var date) || (s[10] != 'T' && s[10] != ' '))
        {
            return false;
        }

        var pos = 11;
        if (!TryParseTime(s, ref pos, out var ticks))
        {
            return false;
        }

        local = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified).AddTicks(ticks);
        if (pos == s.Length)
        {
            return true;
        }

        if ((s[pos] == 'Z' || s[pos] == 'z') && pos + 1 == s.Length)
        {
            offset = TimeSpan.Zero;
            return true;
        }

        if ((s[pos] != '+' && s[pos] != '-') || s.Length != pos + 6 || s[pos + 3] != ':'
            || !TryDigits(s, pos + 1, 2, out var oh) || !TryDigits(s, pos + 4, 2, out var om) || oh > 23 || om > 59)
        {
            return false;
        }

        var span = new TimeSpan(oh, om, 0);
        offset = s[pos] == '-' ? -span : span;
        return true;
    }

    /// <summary>Appends <c>YYYY-MM-DD HH:MM:SS[.ffffff]</c>.</summary>
    public static void AppendDateTime(StringBuilder sb, DateTime value)
    {
        sb.Append(value.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture));
        AppendFraction(sb, value.Ticks % TimeSpan.TicksPerSecond);
    }

    /// <summary>Appends <c>HH:MM:SS[.ffffff]</c>.</summary>
    public static void AppendTime(StringBuilder sb, TimeOnly value)
    {
        sb.Append(value.ToString("HH:mm:ss", CultureInfo.InvariantCulture));
        AppendFraction(sb, value.Ticks % TimeSpan.TicksPerSecond);
    }

    /// <summary>Appends <c>+HH:MM</c> / <c>-HH:MM</c>.</summary>
    public static void AppendOffset(StringBuilder sb, TimeSpan offset)
    {
        sb.Append(offset < TimeSpan.Zero ? '-' : '+');
        var abs = offset.Duration();
        sb.Append(abs.Hours.ToString("00", CultureInfo.InvariantCulture)).Append(':')
            .Append(abs.Minutes.ToString("00", CultureInfo.InvariantCulture));
    }

    private static void AppendFraction(StringBuilder sb, long fractionTicks)
    {
        var micros = fractionTicks / 10;
        if (micros != 0)
        {
            sb.Append('.').Append(micros.ToString("000000", CultureInfo.InvariantCulture));
        }
    }

    private static bool TryParseDate(string s, int at, out DateOnly date)
    {
        date = default;
        if (s.Length < at + 10 || s[at + 4] != '-' || s[at + 7] != '-'
            || !TryDigits(s, at, 4, out var y) || !TryDigits(s, at + 5, 2, out var m) || !TryDigits(s, at + 8, 2, out var d)
            || y < 1 || m < 1 || m > 12 || d < 1 || d > DateTime.DaysInMonth(y, m))
        {
            return false;
        }

        date = new DateOnly(y, m, d);
        return true;
    }

    private static bool TryParseTime(string s, ref int pos, out long ticks)
    {
        ticks = 0;
        var p = pos;
        if (s.Length < p + 5 || s[p + 2] != ':' || !TryDigits(s, p, 2, out var h) || !TryDigits(s, p + 3, 2, out var mi)
            || h > 23 || mi > 59)
        {
            return false;
        }

        p += 5;
        var sec = 0;
        if (p < s.Length && s[p] == ':')
        {
            if (!TryDigits(s, p + 1, 2, out sec) || sec > 59)
            {
                return false;
            }

            p += 3;
        }

        long fraction = 0;
        if (p < s.Length && s[p] == '.')
        {
            var digits = 0;
            p++;
            while (p < s.Length && char.IsAsciiDigit(s[p]))
            {
                if (digits == 7)
                {
                    return false;
                }

                fraction = (fraction * 10) + (s[p] - '0');
                digits++;
                p++;
            }

            if (digits == 0)
            {
                return false;
            }

            for (; digits < 7; digits++)
            {
                fraction *= 10;
            }
        }

        ticks = (((h * 60L) + mi) * 60 + sec) * TimeSpan.TicksPerSecond + fraction;
        pos = p;
        return true;
    }

    private static bool TryDigits(string s, int at, int count, out int value)
    {
        value = 0;
        if (s.Length < at + count)
        {
            return false;
        }

        for (var i = at; i < at + count; i++)
        {
            if (!char.IsAsciiDigit(s[i]))
            {
                return false;
            }

            value = (value * 10) + (s[i] - '0');
        }

        return true;
    }
}
