using System.Diagnostics;
using MessagePack;
using Oxyde.Codec.Errors;
using Oxyde.Codec.Ir;
using Oxyde.Driver.Buffers;
using Oxyde.Driver.Results;
using Oxyde.Query;

namespace Oxyde.Driver.Providers.Sqlite;

/// <summary>Result maps per statement kind (docs/ir-protocol.md, "Results").</summary>
internal sealed partial class SqliteSession
{
    private void WriteResult(ref MessagePackWriter writer, PooledBufferWriter output, IrQuery query, IReadOnlyList<SqlStatement> statements)
    {
        switch (query)
        {
            case SelectQuery select:
                WriteSelect(ref writer, output, select, Single(statements));
                break;
            case InsertQuery insert:
                WriteMutation(ref writer, output, insert.Returning, query, statements);
                break;
            case UpdateQuery update:
                WriteMutation(ref writer, output, update.Returning, query, statements);
                break;
            case DeleteQuery:
                WriteMutation(ref writer, output, [], query, statements);
                break;
            case RawQuery { Script: true }:
                WriteScript(ref writer, Single(statements));
                break;
            case RawQuery:
                WriteRaw(ref writer, output, Single(statements));
                break;
            default:
                foreach (var statement in statements)
                {
                    NonQuery(statement);
                }

                writer.WriteMapHeader(1);
                writer.Write("affected");
                writer.Write(0);
                break;
        }
    }

    private void WriteSelect(ref MessagePackWriter writer, PooledBufferWriter output, SelectQuery select, SqlStatement statement)
    {
        var started = _log.Start();
        using var cursor = Open(statement);
        writer.WriteMapHeader(2);
        writer.Write("columns");
        switch (select.Result)
        {
            case SelectResult.Count:
                writer.WriteArrayHeader(1);
                writer.Write("count");
                writer.Write("rows");
                writer.WriteArrayHeader(1);
                writer.WriteArrayHeader(1);
                writer.Write(cursor.Step() ? cursor.Int64(0) : 0L);
                break;
            case SelectResult.Exists:
                writer.WriteArrayHeader(1);
                writer.Write("exists");
                writer.Write("rows");
                writer.WriteArrayHeader(1);
                writer.WriteArrayHeader(1);
                writer.Write(cursor.Step() && cursor.Int64(0) != 0);
                break;
            default:
                SqliteRowWriter.WriteNames(ref writer, select.Columns);
                writer.Write("rows");
                var count = select.Columns.Count;
                var kinds = count <= SqliteRowWriter.StackKinds ? stackalloc ColumnTypeKind?[count] : new ColumnTypeKind?[count];
                SqliteRowWriter.WriteRowsArray(ref writer, output, cursor, SqliteRowWriter.KindsOf(select.Columns, select.ColumnTypes, kinds));
                break;
        }

        Log(statement, started);
    }

    private void WriteMutation(ref MessagePackWriter writer, PooledBufferWriter output, IReadOnlyList<string> returning, IrQuery query, IReadOnlyList<SqlStatement> statements)
    {
        long affected = 0;
        if (returning.Count == 0)
        {
            foreach (var statement in statements)
            {
                affected += NonQuery(statement);
            }

            writer.WriteMapHeader(1);
            writer.Write("affected");
            writer.Write(affected);
            return;
        }

        var kinds = SqliteRowWriter.KindsOf(returning, query.ColumnTypes, new ColumnTypeKind?[returning.Count]);
        writer.WriteMapHeader(3);
        writer.Write("columns");
        SqliteRowWriter.WriteNames(ref writer, returning);
        writer.Write("rows");
        var header = ReservedArrayHeader.Write(ref writer, output);
        foreach (var statement in statements)
        {
            var started = _log.Start();
            using (var cursor = Open(statement))
            {
                affected += SqliteRowWriter.WriteRows(ref writer, cursor, kinds);
            }

            Log(statement, started);
        }

        header.Complete(ref writer, output, checked((int)affected));
        writer.Write("affected");
        writer.Write(affected);
    }

    /// <summary>
    /// One statement: a text that holds more is refused before anything runs (the tail is prepared,
    /// never stepped). Several statements go through <see cref="WriteScript"/>.
    /// </summary>
    private void WriteRaw(ref MessagePackWriter writer, PooledBufferWriter output, SqlStatement statement)
    {
        var started = _log.Start();
        using (var cursor = Open(statement))
        {
            if (cursor.Tail is { } tail && SqliteCursor.HoldsStatement(_db, tail))
            {
                throw new OxydeException(
                    ErrorCode.UnsupportedFeature,
                    "execute_raw runs one statement and this SQL holds more; run scripts with execute_script",
                    new Dictionary<string, string> { ["feature"] = "multiple_statements", ["dialect"] = "sqlite" });
            }

            writer.WriteMapHeader(3);
            writer.Write("columns");
            SqliteRowWriter.WriteNames(ref writer, cursor);
            writer.Write("rows");
            SqliteRowWriter.WriteRowsArray(ref writer, output, cursor, new ColumnTypeKind?[cursor.ColumnCount]);
            writer.Write("affected");
            writer.Write(cursor.Affected);
        }

        Log(statement, started);
    }

    /// <summary>Every statement of a script in order, for their effects: <c>{"affected": n}</c>.</summary>
    private void WriteScript(ref MessagePackWriter writer, SqlStatement statement)
    {
        var started = _log.Start();
        var affected = SqliteCursor.RunScript(_db, statement.Sql, _busyTimeout);
        writer.WriteMapHeader(1);
        writer.Write("affected");
        writer.Write(affected);
        Log(statement, started);
    }

    private int NonQuery(SqlStatement statement)
    {
        var started = _log.Start();
        using var cursor = Open(statement);
        while (cursor.Step())
        {
        }

        Log(statement, started);
        return cursor.Affected;
    }

    private SqliteCursor Open(SqlStatement statement) =>
        SqliteCursor.Open(_db, _statements, statement.Sql, statement.Parameters, _busyTimeout);

    private void Log(SqlStatement statement, long started)
    {
        if (_log.Enabled)
        {
            _log.Statement(_pool, Stopwatch.GetElapsedTime(started), statement.Sql, statement.Parameters.Length);
        }
    }

    private static SqlStatement Single(IReadOnlyList<SqlStatement> statements) => statements.Count == 1
        ? statements[0]
        : throw new OxydeException(ErrorCode.Internal, $"expected one statement, the renderer produced {statements.Count}");
}
