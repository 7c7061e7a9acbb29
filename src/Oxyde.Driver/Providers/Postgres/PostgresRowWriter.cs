using System.Globalization;
using MessagePack;
using Npgsql;
using Oxyde.Codec.Ir;
using Oxyde.Driver.Execution;

namespace Oxyde.Driver.Providers.Postgres;

/// <summary>
/// Writes rows from an <see cref="NpgsqlDataReader"/> straight into MessagePack as each column's
/// kind (docs/ir-protocol.md, "Values by kind"), so PostgreSQL answers exactly what SQLite does:
/// numbers, bools and bytes natively; datetimes as <c>YYYY-MM-DD HH:MM:SS[.ffffff]</c> (aware ones
/// in UTC, <c>+00:00</c>), dates, times and UUIDs as text formatted here from the binary value;
/// decimals (every digit), enums, JSON and text as PostgreSQL's own text; arrays as JSON text.
/// A column without a kind (raw SQL) comes as text and is converted by its server type.
/// </summary>
internal static class PostgresRowWriter
{
    private const long TicksPerMicrosecond = TimeSpan.TicksPerMillisecond / 1000;

    [ThreadStatic]
    private static byte[]? t_scratch;

    /// <summary>This thread's buffer for formatting one date/time/UUID value (MessagePackWriter may not take stack memory).</summary>
    private static Span<byte> Scratch => t_scratch ??= new byte[48];

    /// <summary>Whether a column of <paramref name="kind"/> is read in PostgreSQL's text format (else binary).</summary>
    public static bool ReadsAsText(ColumnTypeKind? kind) => kind switch
    {
        ColumnTypeKind.Int64 or ColumnTypeKind.Timedelta or ColumnTypeKind.Bool or ColumnTypeKind.Float64 or ColumnTypeKind.Bytes
            or ColumnTypeKind.DateTime or ColumnTypeKind.DateTimeTz or ColumnTypeKind.Date or ColumnTypeKind.Time or ColumnTypeKind.Uuid => false,
        _ => true,
    };

    /// <summary>Writes every remaining row as an array; returns how many.</summary>
    public static int WriteRows(ref MessagePackWriter writer, NpgsqlDataReader reader, scoped ReadOnlySpan<ColumnTypeKind?> kinds, bool raw, int limit = int.MaxValue)
    {
        var width = reader.FieldCount;
        Span<uint> types = width <= 64 ? stackalloc uint[width] : new uint[width];
        for (var i = 0; i < width; i++)
        {
            types[i] = reader.GetDataTypeOID(i);
        }

        var count = 0;
        while (count < limit && reader.Read())
        {
            writer.WriteArrayHeader(width);
            for (var i = 0; i < width; i++)
            {
                var kind = !raw && i < kinds.Length ? kinds[i] : null;
                WriteValue(ref writer, reader, i, kind, types[i]);
            }

            count++;
        }

        return count;
    }

    /// <summary>The first column as an integer: COUNT (bigint) or EXISTS (bool).</summary>
    public static long Int64(NpgsqlDataReader reader, int ordinal)
    {
        if (reader.IsDBNull(ordinal))
        {
            return 0;
        }

        return reader.GetDataTypeOID(ordinal) switch
        {
            PostgresTypes.Bool => reader.GetBoolean(ordinal) ? 1 : 0,
            PostgresTypes.Int4 => reader.GetInt32(ordinal),
            PostgresTypes.Int2 => reader.GetInt16(ordinal),
            _ => reader.GetInt64(ordinal),
        };
    }

    /// <summary><c>+HH</c> at the end of PostgreSQL's timestamptz text becomes <c>+HH:MM</c> (as SQLite's stored text has it).</summary>
    public static string WithFullOffset(string text) =>
        text.Length > 3 && text[^3] is '+' or '-' && char.IsAsciiDigit(text[^2]) && char.IsAsciiDigit(text[^1]) ? text + ":00" : text;

    private static void WriteValue(ref MessagePackWriter writer, NpgsqlDataReader reader, int ordinal, ColumnTypeKind? kind, uint type)
    {
        if (reader.IsDBNull(ordinal))
        {
            writer.WriteNil();
            return;
        }

        try
        {
            switch (kind)
            {
                case ColumnTypeKind.DateTime or ColumnTypeKind.DateTimeTz or ColumnTypeKind.Date or ColumnTypeKind.Time or ColumnTypeKind.Uuid
                    when PostgresTypes.IsText(type):
                    // A db_type of text (CHAR(36) for a UUID, ...): its binary form is its text, handed over as stored.
                    writer.Write(reader.GetString(ordinal));
                    break;
                case null:
                    WriteByServerType(ref writer, reader, ordinal, type);
                    break;
                case ColumnTypeKind.Int64 or ColumnTypeKind.Timedelta:
                    writer.Write(type switch
                    {
                        PostgresTypes.Int8 => reader.GetInt64(ordinal),
                        PostgresTypes.Int4 => reader.GetInt32(ordinal),
                        PostgresTypes.Int2 => reader.GetInt16(ordinal),
                        PostgresTypes.Numeric => WholeNumber(reader, ordinal, kind.Value),
                        _ => throw Mismatch(reader, ordinal, kind.Value),
                    });
                    break;
                case ColumnTypeKind.Bool:
                    writer.Write(type == PostgresTypes.Bool ? reader.GetBoolean(ordinal) : throw Mismatch(reader, ordinal, kind.Value));
                    break;
                case ColumnTypeKind.Float64:
                    writer.Write(type switch
                    {
                        PostgresTypes.Float8 => reader.GetDouble(ordinal),
                        PostgresTypes.Float4 => reader.GetFloat(ordinal),
                        PostgresTypes.Int8 => reader.GetInt64(ordinal),
                        PostgresTypes.Int4 => reader.GetInt32(ordinal),
                        PostgresTypes.Int2 => reader.GetInt16(ordinal),
                        PostgresTypes.Numeric => reader.GetDouble(ordinal),
                        _ => throw Mismatch(reader, ordinal, kind.Value),
                    });
                    break;
                case ColumnTypeKind.Bytes:
                    writer.Write(type == PostgresTypes.Bytea ? reader.GetFieldValue<byte[]>(ordinal) : throw Mismatch(reader, ordinal, kind.Value));
                    break;
                case ColumnTypeKind.DateTime:
                    WriteDateTime(ref writer, type == PostgresTypes.Timestamp ? reader.GetDateTime(ordinal) : throw Mismatch(reader, ordinal, kind.Value), utc: false);
                    break;
                case ColumnTypeKind.DateTimeTz:
                    WriteDateTime(ref writer, type == PostgresTypes.TimestampTz ? reader.GetDateTime(ordinal) : throw Mismatch(reader, ordinal, kind.Value), utc: true);
                    break;
                case ColumnTypeKind.Date:
                    WriteDate(ref writer, type == PostgresTypes.Date ? reader.GetFieldValue<DateOnly>(ordinal) : throw Mismatch(reader, ordinal, kind.Value));
                    break;
                case ColumnTypeKind.Time:
                    WriteTime(ref writer, type == PostgresTypes.Time ? reader.GetFieldValue<TimeOnly>(ordinal) : throw Mismatch(reader, ordinal, kind.Value));
                    break;
                case ColumnTypeKind.Uuid:
                    WriteUuid(ref writer, type == PostgresTypes.Uuid ? reader.GetGuid(ordinal) : throw Mismatch(reader, ordinal, kind.Value));
                    break;
                case ColumnTypeKind.Array when type is PostgresTypes.Json or PostgresTypes.Jsonb || PostgresTypes.IsText(type):
                    // A list kept as JSON (a db_type of JSONB or TEXT): its text is already the wire form.
                    writer.Write(reader.GetString(ordinal));
                    break;
                case ColumnTypeKind.Array:
                    writer.Write(PostgresArrayText.ToJson(reader.GetString(ordinal), PostgresTypes.ElementOf(type)));
                    break;
                default:
                    // string, text, enum, json, decimal: PostgreSQL's text is the wire form.
                    writer.Write(type == PostgresTypes.TimestampTz ? WithFullOffset(reader.GetString(ordinal)) : reader.GetString(ordinal));
                    break;
            }
        }
        catch (Exception e) when (e is InvalidCastException or OverflowException or FormatException or ArgumentOutOfRangeException)
        {
            throw new StoredValueException(reader.GetName(ordinal), kind is { } k ? Oxyde.Query.Dialects.WireValues.KindName(k) : "a value", "PostgreSQL " + reader.GetDataTypeName(ordinal), e);
        }
    }

    /// <summary>A column read as text (raw SQL, no kind): numbers, bools and bytea converted by the server's type, the rest as its text.</summary>
    private static void WriteByServerType(ref MessagePackWriter writer, NpgsqlDataReader reader, int ordinal, uint type)
    {
        var text = reader.GetString(ordinal);
        switch (type)
        {
            case PostgresTypes.Int8 or PostgresTypes.Int4 or PostgresTypes.Int2 or PostgresTypes.Oid:
                writer.Write(long.Parse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture));
                break;
            case PostgresTypes.Float8 or PostgresTypes.Float4:
                writer.Write(double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture));
                break;
            case PostgresTypes.Bool:
                writer.Write(text == "t");
                break;
            case PostgresTypes.Bytea:
                writer.Write(text.StartsWith("\\x", StringComparison.Ordinal) ? Convert.FromHexString(text.AsSpan(2)) : throw new FormatException("bytea not in hex output"));
                break;
            case PostgresTypes.TimestampTz:
                writer.Write(WithFullOffset(text));
                break;
            default:
                writer.Write(text);
                break;
        }
    }

    /// <summary>A NUMERIC that is a whole number within int64 (an integer column computed as NUMERIC); else a mismatch.</summary>
    private static long WholeNumber(NpgsqlDataReader reader, int ordinal, ColumnTypeKind kind)
    {
        var value = reader.GetDecimal(ordinal);
        return decimal.Truncate(value) == value && value >= long.MinValue && value <= long.MaxValue ? (long)value : throw Mismatch(reader, ordinal, kind);
    }

    private static void WriteDateTime(ref MessagePackWriter writer, DateTime value, bool utc)
    {
        var buffer = Scratch;
        value.TryFormat(buffer, out var written, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        written += WriteFraction(buffer[written..], value.Ticks % TimeSpan.TicksPerSecond);
        if (utc)
        {
            "+00:00"u8.CopyTo(buffer[written..]);
            written += 6;
        }

        writer.WriteString(buffer[..written]);
    }

    private static void WriteDate(ref MessagePackWriter writer, DateOnly value)
    {
        var buffer = Scratch;
        value.TryFormat(buffer, out var written, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        writer.WriteString(buffer[..written]);
    }

    private static void WriteTime(ref MessagePackWriter writer, TimeOnly value)
    {
        var buffer = Scratch;
        value.TryFormat(buffer, out var written, "HH:mm:ss", CultureInfo.InvariantCulture);
        written += WriteFraction(buffer[written..], value.Ticks % TimeSpan.TicksPerSecond);
        writer.WriteString(buffer[..written]);
    }

    private static void WriteUuid(ref MessagePackWriter writer, Guid value)
    {
        var buffer = Scratch;
        value.TryFormat(buffer, out var written, "D");
        writer.WriteString(buffer[..written]);
    }

    /// <summary><c>.ffffff</c> (microseconds, six digits) when the fraction is not zero, as Python's isoformat writes it.</summary>
    private static int WriteFraction(Span<byte> buffer, long ticks)
    {
        if (ticks == 0)
        {
            return 0;
        }

        buffer[0] = (byte)'.';
        var micros = ticks / TicksPerMicrosecond;
        for (var i = 6; i >= 1; i--)
        {
            buffer[i] = (byte)('0' + (micros % 10));
            micros /= 10;
        }

        return 7;
    }

    private static StoredValueException Mismatch(NpgsqlDataReader reader, int ordinal, ColumnTypeKind kind) =>
        new(reader.GetName(ordinal), Oxyde.Query.Dialects.WireValues.KindName(kind), "PostgreSQL " + reader.GetDataTypeName(ordinal));
}
