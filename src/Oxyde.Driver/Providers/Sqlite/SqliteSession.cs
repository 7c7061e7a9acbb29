using System.Diagnostics;
using MessagePack;
using Microsoft.Data.Sqlite;
using Oxyde.Codec.Errors;
using Oxyde.Codec.Ir;
using Oxyde.Driver.Buffers;
using Oxyde.Driver.Logging;
using Oxyde.Driver.Pools;
using Oxyde.Query;
using Oxyde.Query.Dialects;
using SQLitePCL;

namespace Oxyde.Driver.Providers.Sqlite;

/// <summary>
/// One pooled SQLite connection: renders IR through Oxyde.Query, runs it on cached prepared
/// statements (<see cref="SqliteCursor"/>) and writes the result map. Microsoft.Data.Sqlite opens the
/// connection; statements go through its SQLitePCLRaw handle.
/// <para>
/// Transactions start with <c>BEGIN IMMEDIATE</c>: the write lock is taken up front, so a transaction
/// that reads then writes waits on <c>busy_timeout</c> instead of failing with SQLITE_BUSY on the
/// lock upgrade, which a deferred transaction cannot wait out. The cost: transactions on one
/// database run one at a time. https://www.sqlite.org/lang_transaction.html
/// </para>
/// </summary>
internal sealed partial class SqliteSession : IConnectionSession
{
    private const int StatementCacheCapacity = 256;

    /// <summary>SQLITE_BUSY, SQLITE_LOCKED and SQLITE_INTERRUPT (primary codes).</summary>
    private const int SqliteBusy = 5, SqliteLocked = 6, SqliteInterrupt = 9;

    private readonly SqliteConnection _connection;
    private readonly sqlite3 _db;
    private readonly SqliteStatementCache _statements = new(StatementCacheCapacity);
    private readonly SqlRenderer _renderer;
    private readonly SqlDialect _dialect;
    private readonly StatementLog _log;
    private readonly string _pool;
    private readonly int _busyTimeoutMs;
    private readonly InlineBackoff _inlineBackoff;
    private readonly bool _inlineWrites;
    private readonly SqliteInlineGuard _inlineGuard = new();

    /// <summary>How long a statement waits on a lock: the busy timeout, or zero during an inline attempt.</summary>
    private TimeSpan _busyTimeout;

    public SqliteSession(SqliteConnection connection, SqlRenderer renderer, SqlDialect dialect, StatementLog log, string pool, int busyTimeoutMs, InlineBackoff inlineBackoff, bool inlineWrites)
    {
        _connection = connection;
        _db = connection.Handle ?? throw new InvalidOperationException("the SQLite connection is not open");
        _renderer = renderer;
        _dialect = dialect;
        _log = log;
        _pool = pool;
        _busyTimeoutMs = busyTimeoutMs;
        _busyTimeout = TimeSpan.FromMilliseconds(busyTimeoutMs);
        _inlineBackoff = inlineBackoff;
        _inlineWrites = inlineWrites;
    }

    /// <summary>
    /// Longest a statement runs on the caller's thread before it is interrupted and handed to a worker.
    /// A worker hand-off costs ~25 µs of wake-ups and loop turns, so statements shorter than that are
    /// cheaper inline; the budget bounds how long the caller's event loop can be held.
    /// </summary>
    public static TimeSpan InlineBudget { get; } = TimeSpan.FromMicroseconds(100);

    /// <summary>Whether SQLite itself has a transaction open (also one SQLite rolled back on its own is seen as closed).</summary>
    public bool InTransaction => !SqliteNative.Autocommit(_db.DangerousGetHandle());

    /// <summary>Re-prepares SQLite did on this connection's cached statements (see <see cref="SqliteStatementCache.Reprepares"/>).</summary>
    internal long StatementReprepares => _statements.Reprepares;

    /// <summary>When the session went back to the pool (idle timeout bookkeeping).</summary>
    public long ReleasedAt { get; set; }

    public void Execute(IrQuery query, PooledBufferWriter output) => Execute(query, _renderer.Render(query), output);

    /// <summary>
    /// Inline runs take selects, and inserts/updates/deletes outside an explicit transaction: SQLite
    /// rolls back the whole transaction when a write inside one is interrupted, while an interrupted
    /// autocommit write (or a busy one) leaves nothing behind and is simply run again by a worker.
    /// Writes also need a commit that does not fsync (the budget bounds the statement, not the
    /// commit's I/O), see <c>SqlitePool.CommitsWithoutSync</c>. Raw SQL and DDL may commit part of a
    /// script, so they always go to a worker.
    /// </summary>
    public bool TryExecuteInline(IrQuery query, PooledBufferWriter output)
    {
        if (query is not (SelectQuery or InsertQuery or UpdateQuery or DeleteQuery)
            || (query is not SelectQuery && (!_inlineWrites || InTransaction)))
        {
            return false;
        }

        var statements = _renderer.Render(query);
        var sql = statements[0].Sql;
        if (_inlineBackoff.ShouldSkip(sql))
        {
            return false;
        }

        var db = _db.DangerousGetHandle();
        _inlineGuard.Arm(db, InlineBudget);
        raw.sqlite3_busy_timeout(_db, 0);
        _busyTimeout = TimeSpan.Zero;
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
            raw.sqlite3_busy_timeout(_db, _busyTimeoutMs);
            _busyTimeout = TimeSpan.FromMilliseconds(_busyTimeoutMs);
        }
    }

    private void Execute(IrQuery query, IReadOnlyList<SqlStatement> statements, PooledBufferWriter output)
    {
        // Several statements (chunked insert, table + indexes) are atomic: they run in the caller's
        // transaction, or in one of their own.
        var implicitTransaction = statements.Count > 1 && !InTransaction;
        try
        {
            if (implicitTransaction)
            {
                Exec("BEGIN IMMEDIATE");
            }

            var writer = new MessagePackWriter(output);
            WriteResult(ref writer, output, query, statements);
            writer.Flush();
            if (implicitTransaction)
            {
                Exec("COMMIT");
            }
        }
        catch (SqliteStatementException e)
        {
            if (implicitTransaction)
            {
                RollBackQuietly();
            }

            throw e.Failure.ToException(query.Table, query.Model);
        }
        catch (SqliteValueException e)
        {
            if (implicitTransaction)
            {
                RollBackQuietly();
            }

            throw e.WithSubject(query.Table, query.Model);
        }
        catch
        {
            if (implicitTransaction)
            {
                RollBackQuietly();
            }

            throw;
        }
    }

    /// <summary>https://www.sqlite.org/c3ref/interrupt.html: safe from any thread while the connection is open.</summary>
    public void Interrupt() => raw.sqlite3_interrupt(_db);

    public void Begin()
    {
        if (InTransaction)
        {
            throw new OxydeException(ErrorCode.TransactionState, "the connection is already in a transaction");
        }

        Exec("BEGIN IMMEDIATE");
    }

    public void Commit()
    {
        ThrowIfNoTransaction();
        try
        {
            Exec("COMMIT");
        }
        catch (OxydeException)
        {
            RollBackQuietly();
            throw;
        }
    }

    public void Rollback()
    {
        if (InTransaction)
        {
            Exec("ROLLBACK");
        }
    }

    public void Savepoint(string name)
    {
        ThrowIfNoTransaction();
        Exec(_dialect.SavepointSql(name));
    }

    public void ReleaseSavepoint(string name)
    {
        ThrowIfNoTransaction();
        Exec(_dialect.ReleaseSavepointSql(name));
    }

    public void RollbackToSavepoint(string name)
    {
        ThrowIfNoTransaction();
        Exec(_dialect.RollbackToSavepointSql(name));
    }

    public void Dispose()
    {
        RollBackQuietly();
        _statements.Dispose();
        _connection.Dispose();
        _inlineGuard.Dispose();
    }

    private void Exec(string sql)
    {
        var started = _log.Start();
        SqliteCursor.Exec(_db, _statements, sql, _busyTimeout);
        if (_log.Enabled)
        {
            _log.Statement(_pool, Stopwatch.GetElapsedTime(started), sql, 0);
        }
    }

    private void RollBackQuietly()
    {
        try
        {
            Rollback();
        }
        catch (OxydeException)
        {
            // SQLite already ended it (some errors roll back on their own); nothing left to undo.
        }
    }

    private void ThrowIfNoTransaction()
    {
        if (!InTransaction)
        {
            throw new OxydeException(ErrorCode.TransactionState, "the connection has no open transaction");
        }
    }
}
