using System.Text.Unicode;
using System.Text;
using MessagePack;
using Oxyde.Codec.Ir;
using Oxyde.Driver.Buffers;
using Oxyde.Driver.Execution;
using Oxyde.Driver.Results;

namespace Oxyde.Driver.Providers.Sqlite;

/// <summary>
/// Writes rows straight from a <see cref="SqliteCursor"/> into MessagePack, typed by the query's
/// column specs (docs/ir-protocol.md, "Values by kind"); a column without a spec goes by storage
/// type. Text and blobs go from SQLite's buffer to the output without a .NET string.
/// </summary>
internal static class SqliteRowWriter
{
    /// <summary>2^63: the first double past int64 (and -2^63 the last one in it).</summary>
    private const double Int64Bound = 9223372036854775808.0;

    /// <summary>Writes the remaining rows, up to <paramref name="limit"/> of them, each as an array; returns how many.</summary>
    public static int WriteRows(ref MessagePackWriter writer, SqliteCursor cursor, scoped ReadOnlySpan<ColumnTypeKind?> kinds, int limit = int.MaxValue)
    {
        var count = 0;
        var width = cursor.ColumnCount;
        while (count < limit && cursor.Step())
        {
            writer.WriteArrayHeader(width);
            for (var i = 0; i < width; i++)
            {
                WriteValue(ref writer, cursor, i, i < kinds.Length ? kinds[i] : null);
            }

            count++;
        }

        return count;
    }

    /// <summary>
    /// Writes one value as its column's kind. A stored value that kind cannot hold exactly (a REAL with
    /// a fraction or out of range, or TEXT, in an int64 column; text in a float64 column; text that is
    /// not UTF-8 anywhere) throws <see cref="StoredValueException"/> before anything of it is written:
    /// never a silently changed value, never a MessagePack str that is not UTF-8.
    /// </summary>
    public static void WriteValue(ref MessagePackWriter writer, SqliteCursor cursor, int ordinal, ColumnTypeKind? kind)
    {
        var storage = cursor.ColumnType(ordinal);
        if (storage == SqliteNative.Null)
        {
            writer.WriteNil();
            return;
        }

        switch (kind)
        {
            case ColumnTypeKind.Int64 or ColumnTypeKind.Timedelta:
                writer.Write(storage == SqliteNative.Integer ? cursor.Int64(ordinal) : Integral(cursor, ordinal, storage, kind.Value));
                break;
            case ColumnTypeKind.Bool:
                writer.Write(Bool(cursor, ordinal, storage));
                break;
            case ColumnTypeKind.Float64:
                writer.Write(storage is SqliteNative.Float or SqliteNative.Integer ? cursor.Double(ordinal) : throw Mismatch(cursor, ordinal, storage, "float64"));
                break;
            case ColumnTypeKind.Bytes:
                writer.Write(storage is SqliteNative.Blob or SqliteNative.Text ? cursor.Bytes(ordinal) : throw Mismatch(cursor, ordinal, storage, "bytes"));
                break;
            case null:
                WriteByStorage(ref writer, cursor, ordinal, storage);
                break;
            default:
                // Numbers in a text-like column come as SQLite's text for them (ASCII).
                writer.WriteString(storage is SqliteNative.Text or SqliteNative.Blob ? Utf8Text(cursor, ordinal, storage) : cursor.Bytes(ordinal));
                break;
        }
    }

    private static void WriteByStorage(ref MessagePackWriter writer, SqliteCursor cursor, int ordinal, int storage)
    {
        switch (storage)
        {
            case SqliteNative.Integer:
                writer.Write(cursor.Int64(ordinal));
                break;
            case SqliteNative.Float:
                writer.Write(cursor.Double(ordinal));
                break;
            case SqliteNative.Blob:
                writer.Write(cursor.Bytes(ordinal));
                break;
            default:
                writer.WriteString(Utf8Text(cursor, ordinal, storage));
                break;
        }
    }

    /// <summary>
    /// The value's bytes, checked to be UTF-8 (SQLite stores whatever bytes it was given as TEXT).
    /// ASCII is checked first: ~3 ns for a short string against ~9 ns for the UTF-8 check alone.
    /// </summary>
    private static ReadOnlySpan<byte> Utf8Text(SqliteCursor cursor, int ordinal, int storage)
    {
        var bytes = cursor.Bytes(ordinal);
        return Ascii.IsValid(bytes) || Utf8.IsValid(bytes) ? bytes : throw Mismatch(cursor, ordinal, storage, "utf-8 text");
    }

    /// <summary>A REAL that is a whole number within int64; anything else does not fit.</summary>
    private static long Integral(SqliteCursor cursor, int ordinal, int storage, ColumnTypeKind kind)
    {
        if (storage == SqliteNative.Float)
        {
            var value = cursor.Double(ordinal);
            if (value == Math.Floor(value) && value >= -Int64Bound && value < Int64Bound)
            {
                return (long)value;
            }
        }

        throw Mismatch(cursor, ordinal, storage, kind == ColumnTypeKind.Int64 ? "int64" : "timedelta");
    }

    /// <summary>0 or 1, stored as INTEGER or REAL; anything else is not a bool.</summary>
    private static bool Bool(SqliteCursor cursor, int ordinal, int storage)
    {
        if (storage == SqliteNative.Integer && cursor.Int64(ordinal) is var integer and (0 or 1))
        {
            return integer == 1;
        }

        if (storage == SqliteNative.Float && cursor.Double(ordinal) is var real and (0.0 or 1.0))
        {
            return real == 1.0;
        }

        throw Mismatch(cursor, ordinal, storage, "bool");
    }

    private static StoredValueException Mismatch(SqliteCursor cursor, int ordinal, int storage, string expected) =>
        new(cursor.ColumnName(ordinal), expected, SqliteStoredValue.Describe(cursor, ordinal, storage));
}
