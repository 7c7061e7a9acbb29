using System.Diagnostics;
using MessagePack;
using Oxyde.Codec.Errors;
using Oxyde.Codec.Ir;
using Oxyde.Codec.Requests;
using Oxyde.Driver.Buffers;
using Oxyde.Driver.Logging;
using Oxyde.Driver.Pools;
using Oxyde.Query;

namespace Oxyde.Driver.Execution;

/// <summary>
/// The backend-neutral executor: one pooled connection of any SQL backend. It renders IR through
/// Oxyde.Query (templates cached per shape carry their <see cref="ResultPlan"/>), runs the statements
/// on the provider's <see cref="ISqlConnection"/>, writes the result map (docs/ir-protocol.md,
/// "Results"), makes multi-statement queries atomic and names the query's model in errors. Providers
/// bring a connection and a cursor; nothing here knows which database it talks to.
/// </summary>
internal partial class SqlSession : IConnectionSession
{
    private readonly SqlRenderer _renderer;
    private readonly StatementLog _log;
    private readonly string _pool;

    public SqlSession(ISqlConnection connection, SqlRenderer renderer, StatementLog log, string pool)
    {
        Connection = connection;
        _renderer = renderer;
        _log = log;
        _pool = pool;
    }

    public ISqlConnection Connection { get; }

    public bool InTransaction => Connection.InTransaction;

    /// <summary>When the session went back to the pool (idle timeout bookkeeping).</summary>
    public long ReleasedAt { get; set; }

    public void Execute(IrQuery query, PooledBufferWriter output)
    {
        ThrowIfStreaming();
        Execute(query, Render(query), output);
    }

    /// <summary>Never inline by default: a server round trip belongs on a worker. SQLite overrides this.</summary>
    public virtual bool TryExecuteInline(IrQuery query, PooledBufferWriter output) => false;

    /// <summary>The statements of <paramref name="query"/>, bound.</summary>
    protected IReadOnlyList<SqlStatement> Render(IrQuery query) => _renderer.Render(query);

    /// <summary>
    /// Runs <paramref name="statements"/> and writes the result map. Several statements (chunked insert,
    /// table + indexes, an emulated RETURNING) are atomic: they run in the caller's transaction, or in
    /// one of their own, rolled back when any fails.
    /// </summary>
    protected void Execute(IrQuery query, IReadOnlyList<SqlStatement> statements, PooledBufferWriter output)
    {
        var implicitTransaction = statements.Count > 1 && !InTransaction;
        try
        {
            if (implicitTransaction)
            {
                ExecAll(Connection.Dialect.BeginStatements(null));
            }

            var writer = new MessagePackWriter(output);
            WriteResult(ref writer, output, query, statements);
            writer.Flush();
            if (implicitTransaction)
            {
                Exec(Connection.Dialect.CommitSql);
            }
        }
        catch (ProviderException e)
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

    public void Interrupt() => Connection.Interrupt();

    public void Begin(TransactionIsolation? isolation)
    {
        if (InTransaction)
        {
            throw new OxydeException(ErrorCode.TransactionState, "the connection is already in a transaction");
        }

        ExecAll(Connection.Dialect.BeginStatements(isolation));
    }

    public void Commit()
    {
        CloseStreams(); // first: a server connection reads as outside a transaction while a stream is open
        ThrowIfNoTransaction();
        try
        {
            Exec(Connection.Dialect.CommitSql);
        }
        catch (OxydeException)
        {
            RollBackQuietly();
            throw;
        }
    }

    public void Rollback()
    {
        CloseStreams();
        if (InTransaction)
        {
            Exec(Connection.Dialect.RollbackSql);
        }
    }

    public void Savepoint(string name)
    {
        ThrowIfStreaming();
        ThrowIfNoTransaction();
        Exec(Connection.Dialect.SavepointSql(name));
    }

    public void ReleaseSavepoint(string name)
    {
        ThrowIfStreaming();
        ThrowIfNoTransaction();
        Exec(Connection.Dialect.ReleaseSavepointSql(name));
    }

    public void RollbackToSavepoint(string name)
    {
        if (!Connection.InterleavesStatements)
        {
            CloseStreams(); // the error path of a nested block must work; its rows are undone anyway
        }

        ThrowIfNoTransaction();
        Exec(Connection.Dialect.RollbackToSavepointSql(name));
    }

    public void Dispose()
    {
        CloseStreams();
        RollBackQuietly();
        Connection.Dispose();
        DisposeMore();
    }

    /// <summary>Releases what a derived session holds besides the connection.</summary>
    protected virtual void DisposeMore()
    {
    }

    private void ExecAll(IReadOnlyList<string> statements)
    {
        foreach (var sql in statements)
        {
            Exec(sql);
        }
    }

    private void Exec(string sql)
    {
        var started = _log.Start();
        Connection.Exec(sql);
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
            // The database already ended it (some errors roll back on their own), or the connection
            // is gone; nothing left to undo here.
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
