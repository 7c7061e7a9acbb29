using MessagePack;
using Oxyde.Codec.Ir;
using Oxyde.Driver.Buffers;
using Oxyde.Driver.Results;
using SQLitePCL;

namespace Oxyde.Driver.Providers.Sqlite;

/// <summary>
/// Writes rows straight from a <see cref="SqliteCursor"/> into MessagePack, typed by the query's
/// column specs (docs/ir-protocol.md, "Values by kind"); a column without a spec goes by storage
/// type. Text and blobs go from SQLite's buffer to the output without a .NET string.
/// </summary>
internal static class SqliteRowWriter
{
    /// <summary>Columns up to this many get their kinds on the stack (see <see cref="KindsOf"/>).</summary>
    public const int StackKinds = 64;

    /// <summary>Fills <paramref name="kinds"/> (one per column) from the column specs; unspecified columns get null.</summary>
    public static ReadOnlySpan<ColumnTypeKind?> KindsOf(IReadOnlyList<string> columns, IReadOnlyDictionary<string, ColumnType> types, Span<ColumnTypeKind?> kinds)
    {
        for (var i = 0; i < kinds.Length; i++)
        {
            kinds[i] = types.TryGetValue(columns[i], out var type) ? type.Kind : null;
        }

        return kinds;
    }

    public static void WriteNames(ref MessagePackWriter writer, IReadOnlyList<string> names)
    {
        writer.WriteArrayHeader(names.Count);
        foreach (var name in names)
        {
            writer.Write(name);
        }
    }

    public static void WriteNames(ref MessagePackWriter writer, SqliteCursor cursor)
    {
        var count = cursor.ColumnCount;
        writer.WriteArrayHeader(count);
        for (var i = 0; i < count; i++)
        {
            writer.Write(cursor.ColumnName(i));
        }
    }

    /// <summary>Writes every remaining row as an array; returns how many.</summary>
    public static int WriteRows(ref MessagePackWriter writer, SqliteCursor cursor, scoped ReadOnlySpan<ColumnTypeKind?> kinds)
    {
        var count = 0;
        var width = cursor.ColumnCount;
        while (cursor.Step())
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

    /// <summary>Writes the <c>rows</c> array (header reserved, patched after the read).</summary>
    public static int WriteRowsArray(ref MessagePackWriter writer, PooledBufferWriter buffer, SqliteCursor cursor, scoped ReadOnlySpan<ColumnTypeKind?> kinds)
    {
        var header = ReservedArrayHeader.Write(ref writer, buffer);
        var count = WriteRows(ref writer, cursor, kinds);
        header.Complete(ref writer, buffer, count);
        return count;
    }

    public static void WriteValue(ref MessagePackWriter writer, SqliteCursor cursor, int ordinal, ColumnTypeKind? kind)
    {
        var storage = cursor.ColumnType(ordinal);
        if (storage == raw.SQLITE_NULL)
        {
            writer.WriteNil();
            return;
        }

        switch (kind)
        {
            case ColumnTypeKind.Int64 or ColumnTypeKind.Timedelta:
                writer.Write(cursor.Int64(ordinal));
                break;
            case ColumnTypeKind.Bool:
                writer.Write(cursor.Int64(ordinal) != 0);
                break;
            case ColumnTypeKind.Float64:
                writer.Write(cursor.Double(ordinal));
                break;
            case ColumnTypeKind.Bytes:
                writer.Write(cursor.Bytes(ordinal));
                break;
            case null:
                WriteByStorage(ref writer, cursor, ordinal, storage);
                break;
            default:
                writer.WriteString(cursor.Bytes(ordinal));
                break;
        }
    }

    private static void WriteByStorage(ref MessagePackWriter writer, SqliteCursor cursor, int ordinal, int storage)
    {
        switch (storage)
        {
            case raw.SQLITE_INTEGER:
                writer.Write(cursor.Int64(ordinal));
                break;
            case raw.SQLITE_FLOAT:
                writer.Write(cursor.Double(ordinal));
                break;
            case raw.SQLITE_BLOB:
                writer.Write(cursor.Bytes(ordinal));
                break;
            default:
                writer.WriteString(cursor.Bytes(ordinal));
                break;
        }
    }
}
