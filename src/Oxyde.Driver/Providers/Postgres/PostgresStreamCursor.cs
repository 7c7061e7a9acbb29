using MessagePack;
using Oxyde.Codec.Errors;
using Oxyde.Codec.Ir;
using Oxyde.Driver.Execution;
using Oxyde.Query;

namespace Oxyde.Driver.Providers.Postgres;

/// <summary>
/// A streaming select as a PostgreSQL cursor (https://www.postgresql.org/docs/current/sql-declare.html):
/// <c>DECLARE</c> with the statement's parameters, then one <c>FETCH FORWARD n</c> per chunk (each an
/// ordinary statement, typed per column like any select), <c>CLOSE</c> at the end. The server keeps
/// the position, so other statements of the transaction run between fetches, and closing early
/// costs one round trip whatever is left unread. A cursor lives in a transaction: outside one it
/// begins its own, committed when it closes.
/// </summary>
internal sealed class PostgresStreamCursor : ISqlCursor
{
    private readonly PostgresConnector _connector;
    private readonly string _name;
    private readonly int _slot;
    private readonly bool _ownsTransaction;
    private bool _closed;

    private PostgresStreamCursor(PostgresConnector connector, int slot, bool ownsTransaction)
    {
        _connector = connector;
        _slot = slot;
        _name = "oxyde_cursor_" + slot.ToString(System.Globalization.CultureInfo.InvariantCulture);
        _ownsTransaction = ownsTransaction;
    }

    public static PostgresStreamCursor Open(PostgresConnector connector, SqlStatement statement)
    {
        var owns = !connector.InTransaction;
        if (owns)
        {
            foreach (var sql in connector.Dialect.BeginStatements(null))
            {
                connector.Exec(sql);
            }
        }

        var cursor = new PostgresStreamCursor(connector, connector.RentCursorSlot(), owns);
        try
        {
            using var declare = connector.Open(new SqlStatement($"DECLARE {cursor._name} NO SCROLL CURSOR FOR {statement.Sql}", statement.Parameters));
            declare.Complete();
            return cursor;
        }
        catch
        {
            connector.ReturnCursorSlot(cursor._slot);
            if (owns)
            {
                connector.Exec(connector.Dialect.RollbackSql);
            }

            throw;
        }
    }

    public int ColumnCount => throw new OxydeException(ErrorCode.Internal, "a stream cursor reads its columns from the query");

    public string ColumnName(int ordinal) => throw new OxydeException(ErrorCode.Internal, "a stream cursor reads its columns from the query");

    /// <summary>One FETCH per call: every row left would be one unbounded chunk, so this asks for at most <see cref="int.MaxValue"/>.</summary>
    public int WriteRows(ref MessagePackWriter writer, scoped ReadOnlySpan<ColumnTypeKind?> kinds) =>
        WriteRows(ref writer, kinds, int.MaxValue);

    public int WriteRows(ref MessagePackWriter writer, scoped ReadOnlySpan<ColumnTypeKind?> kinds, int limit)
    {
        ObjectDisposedException.ThrowIf(_closed, this);
        using var fetch = _connector.Open(new SqlStatement($"FETCH FORWARD {limit} FROM {_name}", [], ResultPlan.Rows));
        return fetch.WriteRows(ref writer, kinds);
    }

    public long? ReadInt64() => throw new OxydeException(ErrorCode.Internal, "a stream cursor only writes rows");

    public long Complete() => 0;

    /// <summary>CLOSE, and COMMIT of its own transaction; nothing when the transaction already ended or failed (its cursors went with it).</summary>
    public void Dispose()
    {
        if (_closed)
        {
            return;
        }

        _closed = true;
        _connector.ReturnCursorSlot(_slot);
        if (!_connector.InTransaction || _connector.Aborted)
        {
            if (_ownsTransaction && _connector.InTransaction)
            {
                _connector.Exec(_connector.Dialect.RollbackSql);
            }

            return;
        }

        if (_ownsTransaction)
        {
            _connector.Exec(_connector.Dialect.CommitSql); // ends the cursor with the transaction
        }
        else
        {
            _connector.Exec($"CLOSE {_name}");
        }
    }
}
