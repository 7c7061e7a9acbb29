using System.Globalization;
using System.Text.Unicode;
using System.Text;
using MessagePack;
using MySqlConnector;
using Oxyde.Codec.Ir;
using Oxyde.Driver.Execution;

namespace Oxyde.Driver.Providers.MySql;

/// <summary>
/// Writes rows from a <see cref="MySqlDataReader"/> into MessagePack, typed by the query's column
/// specs, as exactly the wire values SQLite hands over for each kind (docs/ir-protocol.md, "Values by
/// kind"): bool from TINYINT(1), DECIMAL as its exact text, DATETIME(6) as
/// <c>YYYY-MM-DD HH:MM:SS[.ffffff]</c> (an aware column's UTC instant with <c>+00:00</c>), DATE as
/// <c>YYYY-MM-DD</c>, TIME(6) as <c>HH:MM:SS[.ffffff]</c>. A column without a spec goes by the
/// server's type.
/// </summary>
internal static class MySqlRowWriter
{
    private const long TicksPerMicrosecond = TimeSpan.TicksPerMillisecond / 1000;

    public static int WriteRows(ref MessagePackWriter writer, MySqlDataReader reader, scoped ReadOnlySpan<ColumnTypeKind?> kinds, int limit = int.MaxValue)
    {
        var count = 0;
        var width = reader.FieldCount;

        // Each column's kind as the values are written, resolved once per result (on its first row)
        // rather than per value: a string, text or unspecified column of a DECIMAL is written as Decimal.
        Span<ColumnTypeKind?> resolved = width <= 64 ? stackalloc ColumnTypeKind?[width] : new ColumnTypeKind?[width];
        while (count < limit && reader.Read())
        {
            if (count == 0)
            {
                for (var i = 0; i < width; i++)
                {
                    resolved[i] = Resolve(reader, i, i < kinds.Length ? kinds[i] : null);
                }
            }

            writer.WriteArrayHeader(width);
            for (var i = 0; i < width; i++)
            {
                WriteResolved(ref writer, reader, i, resolved[i]);
            }

            count++;
        }

        return count;
    }

    /// <summary>
    /// Writes one value as its column's kind; a stored value that kind cannot hold exactly throws
    /// <see cref="StoredValueException"/> before any of it is written.
    /// </summary>
    public static void WriteValue(ref MessagePackWriter writer, MySqlDataReader reader, int ordinal, ColumnTypeKind? kind) =>
        WriteResolved(ref writer, reader, ordinal, Resolve(reader, ordinal, kind));

    /// <summary>The kind a column's values are written as: Decimal for a DECIMAL read as string, text or without a spec.</summary>
    private static ColumnTypeKind? Resolve(MySqlDataReader reader, int ordinal, ColumnTypeKind? kind) =>
        kind is null or ColumnTypeKind.String or ColumnTypeKind.Text && reader.GetFieldType(ordinal) == typeof(decimal)
            ? ColumnTypeKind.Decimal
            : kind;

    /// <summary><see cref="WriteValue"/> for a kind already passed through <see cref="Resolve"/>.</summary>
    private static void WriteResolved(ref MessagePackWriter writer, MySqlDataReader reader, int ordinal, ColumnTypeKind? kind)
    {
        if (reader.IsDBNull(ordinal))
        {
            writer.WriteNil();
            return;
        }

        if (kind == ColumnTypeKind.Decimal)
        {
            // Exact text at any precision (DECIMAL(65, 30) does not fit System.Decimal).
            writer.Write(DecimalText(reader, ordinal));
            return;
        }

        var value = Read(reader, ordinal, kind);
        switch (kind)
        {
            case ColumnTypeKind.Int64 or ColumnTypeKind.Timedelta:
                writer.Write(Integral(reader, ordinal, value, kind.Value));
                break;
            case ColumnTypeKind.Bool:
                writer.Write(value switch
                {
                    bool b => b,
                    long or int or short or sbyte or byte or ulong or uint or ushort when Convert.ToInt64(value, CultureInfo.InvariantCulture) is var n and (0 or 1) => n == 1,
                    _ => throw Mismatch(reader, ordinal, value, "bool"),
                });
                break;
            case ColumnTypeKind.Float64:
                writer.Write(value switch
                {
                    double d => d,
                    float f => f,
                    long or int or short or sbyte or byte or ulong or uint or ushort or decimal => Convert.ToDouble(value, CultureInfo.InvariantCulture),
                    _ => throw Mismatch(reader, ordinal, value, "float64"),
                });
                break;
            case ColumnTypeKind.Bytes:
                switch (value)
                {
                    case byte[] bytes:
                        writer.Write(bytes);
                        break;
                    case string text:
                        writer.Write(Encoding.UTF8.GetBytes(text));
                        break;
                    default:
                        throw Mismatch(reader, ordinal, value, "bytes");
                }

                break;
            case ColumnTypeKind.DateTime:
                writer.Write(value is DateTime dt ? DateTimeText(dt, aware: false) : throw Mismatch(reader, ordinal, value, "datetime"));
                break;
            case ColumnTypeKind.DateTimeTz:
                writer.Write(value switch
                {
                    DateTime instant => DateTimeText(instant, aware: true),
                    DateTimeOffset dto => DateTimeText(dto.UtcDateTime, aware: true),
                    _ => throw Mismatch(reader, ordinal, value, "datetime_tz"),
                });
                break;
            case ColumnTypeKind.Date:
                writer.Write(value switch
                {
                    DateTime day => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    _ => throw Mismatch(reader, ordinal, value, "date"),
                });
                break;
            case ColumnTypeKind.Time:
                writer.Write(value switch
                {
                    TimeSpan ts when ts >= TimeSpan.Zero && ts < TimeSpan.FromDays(1) => TimeText(ts),
                    TimeOnly t => TimeText(t.ToTimeSpan()),
                    _ => throw Mismatch(reader, ordinal, value, "time"),
                });
                break;
            case ColumnTypeKind.Uuid:
                writer.Write(value switch
                {
                    Guid g => g.ToString("D"),
                    string s => s,
                    byte[] b when Utf8.IsValid(b) => Encoding.UTF8.GetString(b),
                    _ => throw Mismatch(reader, ordinal, value, "uuid"),
                });
                break;
            case null:
                WriteByServerType(ref writer, reader, ordinal, value);
                break;
            default:
                // string, text, enum, json, array: text; numbers as their invariant text, as SQLite does.
                WriteText(ref writer, reader, ordinal, value);
                break;
        }
    }

    /// <summary>
    /// The value as MySqlConnector reads it; one it cannot convert (a zero date <c>0000-00-00</c>, a
    /// malformed value another tool stored) is a <see cref="StoredValueException"/> naming the column.
    /// </summary>
    private static object Read(MySqlDataReader reader, int ordinal, ColumnTypeKind? kind)
    {
        try
        {
            return reader.GetValue(ordinal);
        }
        catch (Exception e) when (e is MySqlConversionException or InvalidCastException or FormatException or OverflowException)
        {
            throw new StoredValueException(
                reader.GetName(ordinal),
                kind is { } k ? Oxyde.Query.Dialects.WireValues.KindName(k) : "a value",
                reader.GetDataTypeName(ordinal) + " that does not convert (" + e.GetType().Name + ")");
        }
    }

    private static void WriteByServerType(ref MessagePackWriter writer, MySqlDataReader reader, int ordinal, object value)
    {
        switch (value)
        {
            case long l:
                writer.Write(l);
                break;
            case int or short or sbyte or byte or uint or ushort:
                writer.Write(Convert.ToInt64(value, CultureInfo.InvariantCulture));
                break;
            case ulong u:
                writer.Write(u);
                break;
            case bool b:
                writer.Write(b);
                break;
            case double d:
                writer.Write(d);
                break;
            case float f:
                writer.Write((double)f);
                break;
            case byte[] bytes:
                writer.Write(bytes);
                break;
            case DateTime dt:
                writer.Write(string.Equals(reader.GetDataTypeName(ordinal), "DATE", StringComparison.OrdinalIgnoreCase)
                    ? dt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
                    : DateTimeText(dt, aware: false));
                break;
            case DateOnly d:
                writer.Write(d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                break;
            case TimeSpan ts:
                writer.Write(TimeText(ts));
                break;
            default:
                WriteText(ref writer, reader, ordinal, value);
                break;
        }
    }

    private static void WriteText(ref MessagePackWriter writer, MySqlDataReader reader, int ordinal, object value)
    {
        switch (value)
        {
            case string s:
                writer.Write(s);
                break;
            case byte[] bytes when Utf8.IsValid(bytes):
                writer.WriteString(bytes);
                break;
            case Guid g:
                writer.Write(g.ToString("D"));
                break;
            case IFormattable formattable and not (DateTime or DateTimeOffset or TimeSpan or DateOnly):
                writer.Write(formattable.ToString(null, CultureInfo.InvariantCulture));
                break;
            case bool b:
                writer.Write(b ? "1" : "0");
                break;
            default:
                throw Mismatch(reader, ordinal, value, "utf-8 text");
        }
    }

    private static long Integral(MySqlDataReader reader, int ordinal, object value, ColumnTypeKind kind) => value switch
    {
        long l => l,
        int or short or sbyte or byte or uint or ushort => Convert.ToInt64(value, CultureInfo.InvariantCulture),
        bool b => b ? 1 : 0,
        ulong u when u <= long.MaxValue => (long)u,
        double d when d == Math.Floor(d) && d >= -9223372036854775808.0 && d < 9223372036854775808.0 => (long)d,
        _ => throw Mismatch(reader, ordinal, value, kind == ColumnTypeKind.Int64 ? "int64" : "timedelta"),
    };

    private static string DecimalText(MySqlDataReader reader, int ordinal)
    {
        var type = reader.GetFieldType(ordinal);
        if (type == typeof(decimal))
        {
            return reader.GetMySqlDecimal(ordinal).ToString();
        }

        var value = reader.GetValue(ordinal);
        return value switch
        {
            string s => s,
            long or int or short or sbyte or byte or ulong or uint or ushort => Convert.ToString(value, CultureInfo.InvariantCulture)!,
            double d when double.IsFinite(d) => d.ToString("R", CultureInfo.InvariantCulture),
            byte[] b when Utf8.IsValid(b) => Encoding.UTF8.GetString(b),
            _ => throw Mismatch(reader, ordinal, value, "decimal"),
        };
    }

    /// <summary><c>YYYY-MM-DD HH:MM:SS[.ffffff]</c>: the fraction only when non-zero, as SQLite stores it; <c>+00:00</c> for an aware column (DATETIME holds its UTC instant).</summary>
    private static string DateTimeText(DateTime value, bool aware)
    {
        var micros = value.Ticks % TimeSpan.TicksPerSecond / TicksPerMicrosecond;
        var text = micros == 0
            ? value.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)
            : value.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture);
        return aware ? text + "+00:00" : text;
    }

    private static string TimeText(TimeSpan value)
    {
        var micros = value.Ticks % TimeSpan.TicksPerSecond / TicksPerMicrosecond;
        var whole = string.Create(CultureInfo.InvariantCulture, $"{(int)value.TotalHours:00}:{value.Minutes:00}:{value.Seconds:00}");
        return micros == 0 ? whole : string.Create(CultureInfo.InvariantCulture, $"{whole}.{micros:000000}");
    }

    private static StoredValueException Mismatch(MySqlDataReader reader, int ordinal, object value, string expected)
    {
        var shown = value is byte[] bytes ? "0x" + Convert.ToHexString(bytes.AsSpan(0, Math.Min(bytes.Length, 32))) : Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty;
        if (shown.Length > 64)
        {
            shown = shown[..64] + "…";
        }

        return new StoredValueException(reader.GetName(ordinal), expected, reader.GetDataTypeName(ordinal) + " " + shown);
    }
}
