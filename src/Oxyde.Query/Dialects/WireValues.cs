using System.Globalization;
using Oxyde.Codec.Errors;
using Oxyde.Codec.Ir;

namespace Oxyde.Query.Dialects;

/// <summary>Checks and parses wire values by kind (docs/ir-protocol.md "Values by kind").</summary>
internal static class WireValues
{
    public static long ToInt64(object wire, ColumnType type, string? column) => wire switch
    {
        long l => l,
        int or short or sbyte or byte or ushort or uint => Convert.ToInt64(wire, CultureInfo.InvariantCulture),
        ulong u when u <= long.MaxValue => (long)u,
        _ => throw Fail(type, column, "expected an integer"),
    };

    public static double ToDouble(object wire, ColumnType type, string? column) => wire switch
    {
        double d => d,
        float f => f,
        long l => l,
        int or short or sbyte or byte or ushort or uint or ulong => Convert.ToDouble(wire, CultureInfo.InvariantCulture),
        _ => throw Fail(type, column, "expected a float"),
    };

    public static bool ToBool(object wire, ColumnType type, string? column) => wire switch
    {
        bool b => b,
        long l when l is 0 or 1 => l == 1,
        int i when i is 0 or 1 => i == 1,
        _ => throw Fail(type, column, "expected a bool"),
    };

    public static string ToText(object wire, ColumnType type, string? column) =>
        wire as string ?? throw Fail(type, column, "expected a string");

    public static byte[] ToBytes(object wire, ColumnType type, string? column) =>
        wire as byte[] ?? throw Fail(type, column, "expected binary");

    public static Guid ToGuid(object wire, ColumnType type, string? column) =>
        wire is string s && Guid.TryParse(s, out var g) ? g : throw Fail(type, column, "expected a UUID string");

    public static decimal ToDecimal(object wire, ColumnType type, string? column)
    {
        switch (wire)
        {
            case string s when decimal.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d):
                return d;
            case long l:
                return l;
            case double f when double.IsFinite(f) && Math.Abs(f) < 7.9e28:
                return (decimal)f;
            default:
                throw Fail(type, column, "expected a decimal string within ±7.9e28");
        }
    }

    /// <summary>Whether <paramref name="s"/> is a finite decimal number: <c>[+-]digits[.digits][e[+-]digits]</c> (surrounding white space allowed).</summary>
    public static bool IsFiniteDecimalText(string s)
    {
        var text = s.AsSpan().Trim();
        var i = 0;
        if (i < text.Length && text[i] is '+' or '-')
        {
            i++;
        }

        var digits = 0;
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            i++;
            digits++;
        }

        if (i < text.Length && text[i] == '.')
        {
            i++;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
                digits++;
            }
        }

        if (digits == 0)
        {
            return false;
        }

        if (i < text.Length && text[i] is 'e' or 'E')
        {
            i++;
            if (i < text.Length && text[i] is '+' or '-')
            {
                i++;
            }

            var exponent = 0;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
                exponent++;
            }

            if (exponent == 0)
            {
                return false;
            }
        }

        return i == text.Length;
    }

    /// <summary>Exact decimal text: a string that parses as a finite or special number, kept as sent.</summary>
    public static string ToDecimalText(object wire, ColumnType type, string? column) => wire switch
    {
        string s when double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out _) => s,
        long l => l.ToString(CultureInfo.InvariantCulture),
        double f when double.IsFinite(f) => f.ToString("R", CultureInfo.InvariantCulture),
        _ => throw Fail(type, column, "expected a decimal string"),
    };

    public static DateTime ToDateTime(object wire, ColumnType type, string? column)
    {
        if (wire is string s && IsoText.TryParseDateTime(s, out var local, out var offset))
        {
            return offset is null ? local : throw Fail(type, column, "expected a naive datetime, got an offset");
        }

        throw Fail(type, column, "expected an ISO datetime string");
    }

    public static DateTimeOffset ToDateTimeOffset(object wire, ColumnType type, string? column)
    {
        if (wire is string s && IsoText.TryParseDateTime(s, out var local, out var offset))
        {
            return offset is { } o ? new DateTimeOffset(local, o) : throw Fail(type, column, "expected a datetime with an offset");
        }

        throw Fail(type, column, "expected an ISO datetime string with offset");
    }

    public static DateOnly ToDate(object wire, ColumnType type, string? column) =>
        wire is string s && IsoText.TryParseDate(s, out var d) ? d : throw Fail(type, column, "expected YYYY-MM-DD");

    public static TimeOnly ToTime(object wire, ColumnType type, string? column) =>
        wire is string s && IsoText.TryParseTime(s, out var t) ? t : throw Fail(type, column, "expected HH:MM:SS[.ffffff]");

    /// <summary>The error for a value that does not fit its kind.</summary>
    public static OxydeException Fail(ColumnType? type, string? column, string why)
    {
        var kind = type is null ? "untyped" : KindName(type.Kind);
        var details = new Dictionary<string, string> { ["column"] = column ?? string.Empty, ["kind"] = kind };
        return new OxydeException(ErrorCode.ValueConversion, $"cannot bind value for column '{column}' ({kind}): {why}", details);
    }

    /// <summary>The wire spelling of a kind (<c>datetime_tz</c>).</summary>
    public static string KindName(ColumnTypeKind kind) => kind switch
    {
        ColumnTypeKind.Int64 => "int64",
        ColumnTypeKind.Float64 => "float64",
        ColumnTypeKind.Bool => "bool",
        ColumnTypeKind.String => "string",
        ColumnTypeKind.Text => "text",
        ColumnTypeKind.Bytes => "bytes",
        ColumnTypeKind.DateTime => "datetime",
        ColumnTypeKind.DateTimeTz => "datetime_tz",
        ColumnTypeKind.Date => "date",
        ColumnTypeKind.Time => "time",
        ColumnTypeKind.Timedelta => "timedelta",
        ColumnTypeKind.Uuid => "uuid",
        ColumnTypeKind.Decimal => "decimal",
        ColumnTypeKind.Json => "json",
        ColumnTypeKind.Enum => "enum",
        ColumnTypeKind.Array => "array",
        _ => kind.ToString(),
    };
}
