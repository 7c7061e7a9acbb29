using System.Buffers;
using System.Text;
using MessagePack;
using Oxyde.Codec.Errors;
using Oxyde.Codec.Ir;
using Oxyde.Driver.Buffers;
using Oxyde.Query;

namespace Oxyde.Driver.Execution;

/// <summary>
/// RETURNING emulated by primary keys, for a dialect without it (docs/dialects.md, "RETURNING by
/// keys"): the statements' plans say where the keys come from (a locking read, the inserted values,
/// the generated ids) and which statements take them as an appended <c>(?, ?, ...)</c> list. The
/// result map is the one RETURNING gives: the rows (an insert's in input order) and their count.
/// </summary>
internal partial class SqlSession
{
    private void WriteReturningByKeys(ref MessagePackWriter writer, IrQuery query, IReadOnlyList<SqlStatement> statements)
    {
        var (returning, key) = query switch
        {
            InsertQuery insert => (insert.Returning, insert.ReadBackKey),
            UpdateQuery update => (update.Returning, update.PrimaryKey),
            _ => (null, null),
        };
        if (returning is null || key is null)
        {
            throw new OxydeException(ErrorCode.Internal, $"a {query.Kind} query has no primary key to read its rows back by");
        }

        var keyType = query.ColumnTypes.TryGetValue(key, out var type) ? type : null;
        var keys = new List<object>();
        var nextRow = 0;
        long inserted = 0;
        SqlStatement? select = null;
        var selectTail = string.Empty;
        foreach (var statement in statements)
        {
            switch (statement.Plan)
            {
                case ResultPlan.LockKeys:
                    ReadKeys(statement, keyType, keys);
                    break;
                case ResultPlan.InsertKeys:
                    inserted = RunLogged(statement);
                    nextRow = InsertedKeys((InsertQuery)query, key, statement, nextRow, keys);
                    break;
                case ResultPlan.GeneratedKeys:
                    GeneratedKeys(statement, inserted, keys);
                    break;
                case ResultPlan.UpdateByKeys:
                    foreach (var chunk in KeyChunks(statement, keys, keyType, key))
                    {
                        RunLogged(chunk);
                    }

                    break;
                case ResultPlan.ReturningByKeys:
                    select = statement;
                    break;
                case ResultPlan.ReturningByKeysLocked:
                    select = statement;
                    selectTail = Connection.Dialect.LockingReadSuffix;
                    break;
                default:
                    throw new OxydeException(ErrorCode.Internal, $"plan {statement.Plan} among keyed statements");
            }
        }

        var kinds = KindsOf(returning, query.ColumnTypes, new ColumnTypeKind?[returning.Count]);
        using var rows = new PooledBufferWriter();
        var rowWriter = new MessagePackWriter(rows);
        var count = 0;
        if (select is not null)
        {
            foreach (var chunk in KeyChunks(select, keys, keyType, key, selectTail))
            {
                var started = _log.Start();
                using (var cursor = Connection.Open(chunk))
                {
                    count += cursor.WriteRows(ref rowWriter, kinds);
                    cursor.Complete();
                }

                Log(chunk, started);
            }
        }

        rowWriter.Flush();
        writer.WriteMapHeader(3);
        writer.Write("columns");
        WriteNames(ref writer, returning);
        writer.Write("rows");
        writer.WriteArrayHeader(count);
        WriteInKeyOrder(ref writer, rows.WrittenSpan.ToArray(), count, IndexOf(returning, key), keys);
        writer.Write("affected");
        writer.Write((long)count);
    }

    /// <summary>The keys of the rows an insert chunk wrote, from its values, when it bound the key column; returns the next row's index.</summary>
    private static int InsertedKeys(InsertQuery query, string key, SqlStatement statement, int firstRow, List<object> keys)
    {
        var width = query.Columns.Count;
        var rows = width == 0 ? 1 : statement.Parameters.Length / width;
        var column = IndexOf(query.Columns, key);
        if (column < 0)
        {
            return firstRow + rows;
        }

        for (var r = firstRow; r < firstRow + rows; r++)
        {
            keys.Add(query.Values[query.Rows.ValueIndex(r, column)] ?? throw new OxydeException(
                ErrorCode.UnsupportedFeature,
                $"{query.Model ?? query.Table}: an insert that reads its rows back by key needs every row's {key}, or none (generated)",
                new Dictionary<string, string> { ["feature"] = "insert returning with some keys null", ["column"] = key }));
        }

        return firstRow + rows;
    }

    /// <summary>The keys an auto-increment insert generated: the first one and the server's step, for each inserted row.</summary>
    private void GeneratedKeys(SqlStatement statement, long inserted, List<object> keys)
    {
        var values = ReadFirstRow(statement, [ColumnTypeKind.Int64, ColumnTypeKind.Int64]);
        if (values is not [long first, long step])
        {
            throw new OxydeException(ErrorCode.Internal, "the server reported no generated key");
        }

        for (long i = 0; i < inserted; i++)
        {
            keys.Add(first + (i * step));
        }
    }

    private void ReadKeys(SqlStatement statement, ColumnType? keyType, List<object> keys)
    {
        using var scratch = new PooledBufferWriter();
        var scratchWriter = new MessagePackWriter(scratch);
        int rows;
        var started = _log.Start();
        using (var cursor = Connection.Open(statement))
        {
            rows = cursor.WriteRows(ref scratchWriter, [keyType?.Kind]);
            cursor.Complete();
        }

        Log(statement, started);
        scratchWriter.Flush();
        var reader = new MessagePackReader(scratch.WrittenSpan.ToArray());
        for (var i = 0; i < rows; i++)
        {
            reader.ReadArrayHeader();
            if (ReadWire(ref reader) is { } value)
            {
                keys.Add(value);
            }
        }
    }

    private object?[] ReadFirstRow(SqlStatement statement, ColumnTypeKind?[] kinds)
    {
        using var scratch = new PooledBufferWriter();
        var scratchWriter = new MessagePackWriter(scratch);
        var started = _log.Start();
        using (var cursor = Connection.Open(statement))
        {
            cursor.WriteRows(ref scratchWriter, kinds);
            cursor.Complete();
        }

        Log(statement, started);
        scratchWriter.Flush();
        var reader = new MessagePackReader(scratch.WrittenSpan.ToArray());
        var width = reader.ReadArrayHeader();
        var values = new object?[width];
        for (var i = 0; i < width; i++)
        {
            values[i] = ReadWire(ref reader);
        }

        return values;
    }

    /// <summary>
    /// Runs <paramref name="statement"/> (SQL ending in <c>IN </c>) once per chunk of keys that fits the
    /// bind limit, with the chunk appended as <c>(?, ?, ...)</c> after its own parameters, then
    /// <paramref name="tail"/>; nothing runs without keys.
    /// </summary>
    private IEnumerable<SqlStatement> KeyChunks(SqlStatement statement, List<object> keys, ColumnType? keyType, string key, string tail = "")
    {
        var dialect = Connection.Dialect;
        var own = statement.Parameters.Length;
        var perChunk = Math.Max(1, dialect.MaxBindParameters - own);
        for (var start = 0; start < keys.Count; start += perChunk)
        {
            var count = Math.Min(perChunk, keys.Count - start);
            var sql = new StringBuilder(statement.Sql, statement.Sql.Length + (count * 3) + 2);
            var parameters = new object?[own + count];
            statement.Parameters.CopyTo(parameters, 0);
            sql.Append('(');
            for (var i = 0; i < count; i++)
            {
                if (i > 0)
                {
                    sql.Append(", ");
                }

                dialect.AppendParameter(sql, own + i + 1);
                parameters[own + i] = dialect.ToDbValue(keys[start + i], keyType, key);
            }

            sql.Append(')').Append(tail);
            yield return statement with { Sql = sql.ToString(), Parameters = parameters };
        }
    }

    private long RunLogged(SqlStatement statement)
    {
        var started = _log.Start();
        var affected = Run(statement);
        Log(statement, started);
        return affected;
    }

    /// <summary>
    /// Copies the <paramref name="count"/> rows of <paramref name="rows"/> to <paramref name="writer"/>
    /// in the order of <paramref name="keys"/> (an insert's input order), matching each row by its key
    /// column; rows without a match (or no key column among them) follow in the order read.
    /// </summary>
    private static void WriteInKeyOrder(ref MessagePackWriter writer, byte[] rows, int count, int keyColumn, List<object> keys)
    {
        var reader = new MessagePackReader(rows);
        var spans = new (int Start, int Length, object? Key)[count];
        for (var i = 0; i < count; i++)
        {
            var start = (int)reader.Consumed;
            var width = reader.ReadArrayHeader();
            object? rowKey = null;
            for (var c = 0; c < width; c++)
            {
                if (c == keyColumn)
                {
                    rowKey = ReadWire(ref reader);
                }
                else
                {
                    reader.Skip();
                }
            }

            spans[i] = (start, (int)reader.Consumed - start, rowKey);
        }

        var written = new bool[count];
        if (keyColumn >= 0)
        {
            var byKey = new Dictionary<object, int>();
            for (var i = 0; i < count; i++)
            {
                if (spans[i].Key is { } rowKey)
                {
                    byKey.TryAdd(rowKey, i);
                }
            }

            foreach (var key in keys)
            {
                if (byKey.Remove(key, out var i))
                {
                    writer.WriteRaw(rows.AsSpan(spans[i].Start, spans[i].Length));
                    written[i] = true;
                }
            }
        }

        for (var i = 0; i < count; i++)
        {
            if (!written[i])
            {
                writer.WriteRaw(rows.AsSpan(spans[i].Start, spans[i].Length));
            }
        }
    }

    /// <summary>A scalar the row writers emit (int, str, bool, float, bin), as its wire value; null for nil.</summary>
    private static object? ReadWire(ref MessagePackReader reader) => reader.NextMessagePackType switch
    {
        MessagePackType.Nil => ReadNil(ref reader),
        MessagePackType.Integer => reader.ReadInt64(),
        MessagePackType.String => reader.ReadString(),
        MessagePackType.Boolean => reader.ReadBoolean(),
        MessagePackType.Float => reader.ReadDouble(),
        MessagePackType.Binary => reader.ReadBytes() is { } bytes ? bytes.ToArray() : null,
        _ => throw new OxydeException(ErrorCode.Internal, "a key is not a scalar"),
    };

    private static object? ReadNil(ref MessagePackReader reader)
    {
        reader.ReadNil();
        return null;
    }

    private static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (var i = 0; i < names.Count; i++)
        {
            if (names[i] == name)
            {
                return i;
            }
        }

        return -1;
    }
}
