using Oxyde.Codec.Ir;
using Oxyde.Driver.Buffers;
using Oxyde.Driver.Execution;
using Oxyde.Driver.Logging;
using Oxyde.Driver.Pools;
using Oxyde.Query;
using SQLitePCL;

namespace Oxyde.Driver.Providers.Sqlite;

/// <summary>
/// One pooled SQLite connection on the shared executor (<see cref="SqlSession"/>), plus what only an
/// embedded database can do: run a short statement on the caller's thread (<see cref="TryExecuteInline"/>).
/// Transactions start with <c>BEGIN IMMEDIATE</c> (<see cref="Oxyde.Query.Dialects.SqliteDialect.BeginStatements"/>).
/// </summary>
internal sealed class SqliteSession : SqlSession
{
    /// <summary>SQLITE_BUSY, SQLITE_LOCKED and SQLITE_INTERRUPT (primary codes).</summary>
    private const int SqliteBusy = 5, SqliteLocked = 6, SqliteInterrupt = 9;

    private readonly SqliteConnector _connector;
    private readonly int _busyTimeoutMs;
    private readonly InlineBackoff _inlineBackoff;
    private readonly bool _inlineWrites;
    private readonly SqliteInlineGuard _inlineGuard = new();

    public SqliteSession(SqliteConnector connector, SqlRenderer renderer, StatementLog log, string pool, int busyTimeoutMs, InlineBackoff inlineBackoff, bool inlineWrites)
        : base(connector, renderer, log, pool)
    {
        _connector = connector;
        _busyTimeoutMs = busyTimeoutMs;
        _inlineBackoff = inlineBackoff;
        _inlineWrites = inlineWrites;
    }

    /// <summary>
    /// Longest a statement runs on the caller's thread before it is interrupted and handed to a worker.
    /// A worker hand-off costs ~25 µs of wake-ups and loop turns, so statements shorter than that are
    /// cheaper inline; the budget bounds how long the caller's event loop can be held.
    /// </summary>
    public static TimeSpan InlineBudget { get; } = TimeSpan.FromMicroseconds(100);

    /// <summary>Re-prepares SQLite did on this connection's cached statements (see <see cref="SqliteStatementCache.Reprepares"/>).</summary>
    internal long StatementReprepares => _connector.StatementReprepares;

    /// <summary>
    /// Inline runs take selects, and inserts/updates/deletes outside an explicit transaction: SQLite
    /// rolls back the whole transaction when a write inside one is interrupted, while an interrupted
    /// autocommit write (or a busy one) leaves nothing behind and is simply run again by a worker.
    /// Writes also need a commit that does not fsync (the budget bounds the statement, not the
    /// commit's I/O), see <c>SqlitePool.CommitsWithoutSync</c>. Raw SQL and DDL may commit part of a
    /// script, so they always go to a worker.
    /// </summary>
    public override bool TryExecuteInline(IrQuery query, PooledBufferWriter output)
    {
        // sqlite3_interrupt reaches every statement active on the connection, an open stream's too.
        if (query is not (SelectQuery or InsertQuery or UpdateQuery or DeleteQuery)
            || (query is not SelectQuery && (!_inlineWrites || InTransaction))
            || Streaming)
        {
            return false;
        }

        var statements = Render(query);
        var sql = statements[0].Sql;
        if (_inlineBackoff.ShouldSkip(sql))
        {
            return false;
        }

        var db = _connector.Handle.DangerousGetHandle();
        _inlineGuard.Arm(db, InlineBudget);
        raw.sqlite3_busy_timeout(_connector.Handle, 0);
        _connector.BusyTimeout = TimeSpan.Zero;
        try
        {
            Execute(query, statements, output);
            _inlineBackoff.Fitted(sql);
            return true;
        }
        catch (SqliteStatementException e) when ((e.Failure.PrimaryCode & 0xff) is SqliteBusy or SqliteLocked
            || ((e.Failure.PrimaryCode & 0xff) == SqliteInterrupt && _inlineGuard.Tripped))
        {
            if (_inlineGuard.Tripped)
            {
                _inlineBackoff.Missed(sql);
            }

            return false;
        }
        finally
        {
            _inlineGuard.Disarm(db);
            raw.sqlite3_busy_timeout(_connector.Handle, _busyTimeoutMs);
            _connector.BusyTimeout = TimeSpan.FromMilliseconds(_busyTimeoutMs);
        }
    }

    protected override void DisposeMore() => _inlineGuard.Dispose();
}
