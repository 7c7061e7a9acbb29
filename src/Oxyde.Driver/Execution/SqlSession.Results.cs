using System.Diagnostics;
using MessagePack;
using Oxyde.Codec.Errors;
using Oxyde.Codec.Ir;
using Oxyde.Driver.Buffers;
using Oxyde.Driver.Results;
using Oxyde.Query;

namespace Oxyde.Driver.Execution;

/// <summary>Result maps built from the statements' plans (docs/ir-protocol.md, "Results").</summary>
internal partial class SqlSession
{
    /// <summary>Columns up to this many get their kinds on the stack.</summary>
    private const int StackKinds = 64;

    private void WriteResult(ref MessagePackWriter writer, PooledBufferWriter output, IrQuery query, IReadOnlyList<SqlStatement> statements)
    {
        switch (statements[0].Plan)
        {
            case ResultPlan.Rows or ResultPlan.Count or ResultPlan.Exists:
                WriteSelect(ref writer, output, (SelectQuery)query, Single(statements));
                break;
            case ResultPlan.Returning:
                WriteReturning(ref writer, output, query, statements);
                break;
            case ResultPlan.LockKeys or ResultPlan.InsertKeys:
                WriteReturningByKeys(ref writer, query, statements);
                break;
            case ResultPlan.RawRows:
                WriteRaw(ref writer, output, Single(statements));
                break;
            default:
                WriteAffected(ref writer, statements);
                break;
        }
    }

    private void WriteSelect(ref MessagePackWriter writer, PooledBufferWriter output, SelectQuery select, SqlStatement statement)
    {
        var started = _log.Start();
        using var cursor = Connection.Open(statement);
        writer.WriteMapHeader(2);
        writer.Write("columns");
        switch (statement.Plan)
        {
            case ResultPlan.Count:
                writer.WriteArrayHeader(1);
                writer.Write("count");
                writer.Write("rows");
                writer.WriteArrayHeader(1);
                writer.WriteArrayHeader(1);
                writer.Write(cursor.ReadInt64() ?? 0L);
                break;
            case ResultPlan.Exists:
                writer.WriteArrayHeader(1);
                writer.Write("exists");
                writer.Write("rows");
                writer.WriteArrayHeader(1);
                writer.WriteArrayHeader(1);
                writer.Write(cursor.ReadInt64() is { } first && first != 0);
                break;
            default:
                var items = select.Columns;
                var count = items.Count;
                var kinds = count <= StackKinds ? stackalloc ColumnTypeKind?[count] : new ColumnTypeKind?[count];
                writer.WriteArrayHeader(count);
                for (var i = 0; i < count; i++)
                {
                    writer.Write(items[i].Name);
                }

                KindsOf(items, kinds);
                writer.Write("rows");
                var header = ReservedArrayHeader.Write(ref writer, output);
                var rows = cursor.WriteRows(ref writer, kinds);
                header.Complete(ref writer, output, rows);
                break;
        }

        Log(statement, started);
    }

    /// <summary>Each statement's RETURNING rows in order; <c>affected</c> is their count.</summary>
    private void WriteReturning(ref MessagePackWriter writer, PooledBufferWriter output, IrQuery query, IReadOnlyList<SqlStatement> statements)
    {
        var returning = query switch
        {
            InsertQuery insert => insert.Returning,
            UpdateQuery update => update.Returning,
            _ => throw new OxydeException(ErrorCode.Internal, $"a {query.Kind} query has no RETURNING columns"),
        };
        var kinds = KindsOf(returning, query.ColumnTypes, new ColumnTypeKind?[returning.Count]);
        writer.WriteMapHeader(3);
        writer.Write("columns");
        WriteNames(ref writer, returning);
        writer.Write("rows");
        var header = ReservedArrayHeader.Write(ref writer, output);
        long affected = 0;
        foreach (var statement in statements)
        {
            var started = _log.Start();
            using (var cursor = Connection.Open(statement))
            {
                affected += cursor.WriteRows(ref writer, kinds);
                cursor.Complete();
            }

            Log(statement, started);
        }

        header.Complete(ref writer, output, checked((int)affected));
        writer.Write("affected");
        writer.Write(affected);
    }

    /// <summary>User SQL: <c>{"columns", "rows", "affected"}</c> with the database's column names and types.</summary>
    private void WriteRaw(ref MessagePackWriter writer, PooledBufferWriter output, SqlStatement statement)
    {
        var started = _log.Start();
        using (var cursor = Connection.OpenRaw(statement))
        {
            var width = cursor.ColumnCount;
            writer.WriteMapHeader(3);
            writer.Write("columns");
            writer.WriteArrayHeader(width);
            for (var i = 0; i < width; i++)
            {
                writer.Write(cursor.ColumnName(i));
            }

            writer.Write("rows");
            var header = ReservedArrayHeader.Write(ref writer, output);
            header.Complete(ref writer, output, cursor.WriteRows(ref writer, []));
            writer.Write("affected");
            writer.Write(cursor.Complete());
        }

        Log(statement, started);
    }

    /// <summary><c>{"affected": n}</c>: the rows the statements changed (DDL and <see cref="ResultPlan.Effect"/> count none).</summary>
    private void WriteAffected(ref MessagePackWriter writer, IReadOnlyList<SqlStatement> statements)
    {
        long affected = 0;
        foreach (var statement in statements)
        {
            var started = _log.Start();
            switch (statement.Plan)
            {
                case ResultPlan.Script:
                    affected += Connection.RunScript(statement.Sql);
                    break;
                case ResultPlan.Affected:
                    affected += Run(statement);
                    break;
                default:
                    Run(statement);
                    break;
            }

            Log(statement, started);
        }

        writer.WriteMapHeader(1);
        writer.Write("affected");
        writer.Write(affected);
    }

    private long Run(SqlStatement statement)
    {
        using var cursor = Connection.Open(statement);
        return cursor.Complete();
    }

    /// <summary>Fills <paramref name="kinds"/> (one per column) from the column specs; unspecified columns get null.</summary>
    private static ReadOnlySpan<ColumnTypeKind?> KindsOf(IReadOnlyList<string> columns, IReadOnlyDictionary<string, ColumnType> types, Span<ColumnTypeKind?> kinds)
    {
        for (var i = 0; i < kinds.Length; i++)
        {
            kinds[i] = types.TryGetValue(columns[i], out var type) ? type.Kind : null;
        }

        return kinds;
    }

    /// <summary>Fills <paramref name="kinds"/> with each output column's kind (null: decoded by storage type).</summary>
    private static void KindsOf(ValueList<SelectItem> items, Span<ColumnTypeKind?> kinds)
    {
        for (var i = 0; i < kinds.Length; i++)
        {
            kinds[i] = items[i].Type?.Kind;
        }
    }

    private static void WriteNames(ref MessagePackWriter writer, IReadOnlyList<string> names)
    {
        writer.WriteArrayHeader(names.Count);
        foreach (var name in names)
        {
            writer.Write(name);
        }
    }

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
