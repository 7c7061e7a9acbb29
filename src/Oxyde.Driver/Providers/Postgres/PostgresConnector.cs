using Npgsql;
using NpgsqlTypes;
using Oxyde.Codec.Errors;
using Oxyde.Driver.Execution;
using Oxyde.Query;
using Oxyde.Query.Dialects;

namespace Oxyde.Driver.Providers.Postgres;

/// <summary>
/// One PostgreSQL connection as the shared executor runs it: an open, unpooled NpgsqlConnection
/// (<see cref="PostgresPool"/> pools them). Statements run on the extended protocol with positional
/// <c>$n</c> parameters, sent as written (Npgsql does not rewrite SQL with positional parameters);
/// Npgsql prepares a statement on its second run and reuses it per SQL shape
/// (<c>pg_statement_cache_capacity</c>, see <see cref="PostgresLocation"/>).
/// </summary>
internal sealed class PostgresConnector : IServerConnection
{
    private readonly NpgsqlConnection _connection;
    private NpgsqlCommand? _running;
    private readonly HashSet<int> _cursorSlots = [];
    private bool _inTransaction;

    /// <summary>A statement failed inside the open transaction: PostgreSQL aborted it, only a rollback (to a savepoint) helps.</summary>
    private bool _aborted;

    /// <summary>
    /// Raw SQL (or a script) may have opened or ended a transaction behind the executor's back
    /// (<c>execute_raw("BEGIN")</c>): counted as in a transaction until the next ROLLBACK, so the
    /// pool rolls back before the connection is reused instead of handing out an open transaction.
    /// </summary>
    private bool _rawTransactionControl;

    public PostgresConnector(NpgsqlConnection connection, long openedAt)
    {
        _connection = connection;
        OpenedAt = openedAt;
    }

    public SqlDialect Dialect => PostgresDialect.Instance;

    /// <summary>When the connection was opened (<c>max_lifetime</c>).</summary>
    public long OpenedAt { get; }

    /// <summary>Whether the connection still talks to the server (a lost one is closed or broken).</summary>
    public bool IsOpen => _connection.FullState == System.Data.ConnectionState.Open;

    /// <summary>
    /// Whether this connection has a transaction open: from BEGIN (<see cref="Exec"/>) to COMMIT or
    /// ROLLBACK, also while PostgreSQL holds it aborted after a failed statement, or possibly so
    /// after raw transaction control; never on a lost connection.
    /// </summary>
    public bool InTransaction => (_inTransaction || _rawTransactionControl) && IsOpen;

    public ISqlCursor Open(SqlStatement statement) => new PostgresCursor(this, statement, raw: false);

    /// <summary>A server-side cursor (<see cref="PostgresStreamCursor"/>): the server holds the position between fetches.</summary>
    public ISqlCursor OpenStream(SqlStatement statement) => PostgresStreamCursor.Open(this, statement);

    /// <summary>Between the FETCHes of a stream the connection is idle: other statements may run.</summary>
    public bool InterleavesStatements => true;

    /// <summary>A statement failed in the open transaction: PostgreSQL ended its cursors, and only a rollback helps.</summary>
    internal bool Aborted => _aborted;

    /// <summary>The lowest cursor number not in use on this connection (the names, and so the FETCH texts, repeat).</summary>
    internal int RentCursorSlot()
    {
        var slot = 0;
        while (_cursorSlots.Contains(slot))
        {
            slot++;
        }

        _cursorSlots.Add(slot);
        return slot;
    }

    internal void ReturnCursorSlot(int slot) => _cursorSlots.Remove(slot);

    public ISqlCursor OpenRaw(SqlStatement statement)
    {
        if (PostgresSqlText.HoldsMoreThanOneStatement(statement.Sql))
        {
            throw new OxydeException(
                ErrorCode.UnsupportedFeature,
                "execute_raw runs one statement and this SQL holds more; run scripts with execute_script",
                new Dictionary<string, string> { ["feature"] = "multiple_statements", ["dialect"] = "postgres" });
        }

        if (PostgresSqlText.StartsWithTransactionControl(statement.Sql))
        {
            _rawTransactionControl = true;
        }

        return new PostgresCursor(this, statement, raw: true);
    }

    /// <summary>
    /// Npgsql splits the script at its top-level semicolons and sends the statements as one batch,
    /// which PostgreSQL runs as one implicit transaction (inside an open one, as part of it): a
    /// failing statement undoes the script's earlier ones.
    /// </summary>
    public long RunScript(string script)
    {
        // Any of its statements may be BEGIN or COMMIT; a ROLLBACK before reuse settles it.
        _rawTransactionControl = true;
        using var command = Command(script, []);
        try
        {
            using var reader = Start(command, null, allText: true);
            while (reader.NextResult())
            {
            }

            return Math.Max(0, reader.RecordsAffected);
        }
        catch (Exception e) when (Failed(e) is { } failure)
        {
            throw failure;
        }
        finally
        {
            Stopped();
        }
    }

    public void Exec(string sql)
    {
        var begins = sql.StartsWith("BEGIN", StringComparison.Ordinal);
        var ends = sql == Dialect.CommitSql || sql == Dialect.RollbackSql;
        var rollsBackToSavepoint = sql.StartsWith("ROLLBACK TO SAVEPOINT", StringComparison.Ordinal);
        if (sql == Dialect.CommitSql && _aborted)
        {
            // PostgreSQL answers COMMIT of an aborted transaction with a silent ROLLBACK; roll back and say so.
            Exec(Dialect.RollbackSql);
            throw new OxydeException(
                ErrorCode.TransactionState,
                "the transaction was rolled back, not committed: a statement failed in it earlier (roll back to a savepoint to go on after an error)",
                new Dictionary<string, string> { ["sqlstate"] = PostgresErrors.InFailedTransaction });
        }

        using var command = Command(sql, []);
        try
        {
            ThrowIfLost();
            command.ExecuteNonQuery();
            if (begins)
            {
                _inTransaction = true;
                _aborted = false;
            }
            else if (rollsBackToSavepoint)
            {
                _aborted = false;
            }
        }
        catch (Exception e) when (Failed(e) is { } failure)
        {
            throw failure;
        }
        finally
        {
            Stopped();
            if (ends)
            {
                End();
            }
        }
    }

    /// <summary>
    /// Asks the server to cancel the running statement (PostgreSQL's cancel request, sent on a
    /// separate connection; https://www.postgresql.org/docs/current/protocol-flow.html#PROTOCOL-FLOW-CANCELING-REQUESTS).
    /// The request is sent from the thread pool: the caller (a cancelled ticket on Python's thread,
    /// a transaction deadline timer) does not wait for that connection. Npgsql cancels only while
    /// this command is still in progress. The statement fails with SQLSTATE 57014.
    /// </summary>
    public void Interrupt()
    {
        if (Volatile.Read(ref _running) is { } command)
        {
            ThreadPool.UnsafeQueueUserWorkItem(static state => state.Connector.CancelQuietly(state.Command), (Connector: this, Command: command), preferLocal: false);
        }
    }

    public void Dispose() => _connection.Dispose();

    /// <summary>Runs a query that must answer one row (<c>test_before_acquire</c>); false when the connection is dead.</summary>
    public bool Ping()
    {
        try
        {
            using var command = Command("SELECT 1", []);
            command.ExecuteScalar();
            return true;
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>Executes <paramref name="command"/>; rows are read from the returned reader (text format where <paramref name="textColumns"/> says so).</summary>
    internal NpgsqlDataReader Start(NpgsqlCommand command, bool[]? textColumns, bool allText)
    {
        ThrowIfLost();
        if (allText)
        {
            command.AllResultTypesAreUnknown = true;
        }
        else if (textColumns is not null)
        {
            command.UnknownResultTypeList = textColumns;
        }

        Volatile.Write(ref _running, command);
        return command.ExecuteReader();
    }

    /// <summary>The statement ended: nothing to cancel any more.</summary>
    internal void Stopped() => Volatile.Write(ref _running, null);

    internal NpgsqlCommand Command(string sql, ReadOnlySpan<object?> parameters)
    {
        var command = new NpgsqlCommand(sql, _connection) { CommandTimeout = 0 };
        var list = command.Parameters;
        foreach (var value in parameters)
        {
            list.Add(value switch
            {
                null => new NpgsqlParameter { Value = DBNull.Value },

                // Exact decimal text: the server reads it as the column's NUMERIC, at any precision.
                UntypedText text => new NpgsqlParameter { Value = text.Value, NpgsqlDbType = NpgsqlDbType.Unknown },
                _ => new NpgsqlParameter { Value = value },
            });
        }

        return command;
    }

    /// <summary>
    /// The error for <paramref name="e"/> (null: not Npgsql's). A statement failing inside a
    /// transaction aborts it; a lost connection has no transaction any more.
    /// </summary>
    internal PostgresStatementException? Failed(Exception e)
    {
        var failure = e as PostgresStatementException ?? PostgresErrors.FromStatement(e);
        if (failure is not null && _inTransaction)
        {
            if (failure.Code == ErrorCode.ConnectionLost || !IsOpen)
            {
                End();
            }
            else
            {
                _aborted = true;
            }
        }

        return failure;
    }

    /// <summary>A statement on a connection Npgsql already saw break fails as connection_lost (Npgsql would throw InvalidOperationException).</summary>
    private void ThrowIfLost()
    {
        if (!IsOpen)
        {
            throw new PostgresStatementException(PostgresFailure.Lost(new InvalidOperationException("the connection is closed")));
        }
    }

    /// <summary>Cancels <paramref name="command"/> if it is still the one running (not a later statement on this connection).</summary>
    private void CancelQuietly(NpgsqlCommand command)
    {
        if (!ReferenceEquals(Volatile.Read(ref _running), command))
        {
            return;
        }

        try
        {
            command.Cancel();
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException or ObjectDisposedException or IOException)
        {
            // The statement ended (or the connection broke) meanwhile: nothing left to stop.
        }
    }

    private void End()
    {
        _inTransaction = false;
        _aborted = false;
        _rawTransactionControl = false;
    }
}
