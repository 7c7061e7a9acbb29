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

    private readonly SqliteConnection _connection;
    private readonly sqlite3 _db;
    private readonly SqliteStatementCache _statements = new(StatementCacheCapacity);
    private readonly SqlRenderer _renderer;
    private readonly SqlDialect _dialect;
    private readonly StatementLog _log;
    private readonly string _pool;
    private readonly TimeSpan _busyTimeout;

    public SqliteSession(SqliteConnection connection, SqlRenderer renderer, SqlDialect dialect, StatementLog log, string pool, TimeSpan busyTimeout)
    {
        _connection = connection;
        _db = connection.Handle ?? throw new InvalidOperationException("the SQLite connection is not open");
        _renderer = renderer;
        _dialect = dialect;
        _log = log;
        _pool = pool;
        _busyTimeout = busyTimeout;
    }

    /// <summary>Whether SQLite itself has a transaction open (also one SQLite rolled back on its own is seen as closed).</summary>
    public bool InTransaction => raw.sqlite3_get_autocommit(_db) == 0;

    /// <summary>Re-prepares SQLite did on this connection's cached statements (see <see cref="SqliteStatementCache.Reprepares"/>).</summary>
    internal long StatementReprepares => _statements.Reprepares;

    /// <summary>When the session went back to the pool (idle timeout bookkeeping).</summary>
    public long ReleasedAt { get; set; }

    public void Execute(IrQuery query, PooledBufferWriter output)
    {
        var statements = _renderer.Render(query);

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
        catch
        {
            if (implicitTransaction)
            {
                RollBackQuietly();
            }

            throw;
        }
    }

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
    }

    private void Exec(string sql)
    {
        var started = Stopwatch.GetTimestamp();
        SqliteCursor.Exec(_db, _statements, sql, _busyTimeout);
        _log.Statement(_pool, Stopwatch.GetElapsedTime(started), sql, 0);
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
