using System.Globalization;
using Oxyde.Codec.Errors;
using Oxyde.Codec.Requests;
using Oxyde.Driver.Pools;

namespace Oxyde.Driver.Transactions;

/// <summary>
/// Open transactions by id (increasing from 1). Each holds its connection out of the pool; calls on
/// one transaction run one at a time. A transaction idle (no call running or made) for longer than
/// its pool's <c>transaction_timeout</c> is abandoned: one timer per registry sweeps them, every
/// <c>transaction_cleanup_interval</c> of the open transactions' pools (the shortest), and sleeps
/// while no transaction is open.
/// </summary>
internal sealed class TransactionRegistry : IDisposable
{
    private readonly IdleSweep<OpenTransaction> _idle;
    private readonly TimeProvider _time;
    private long _lastId;

    public TransactionRegistry(TimeProvider time)
    {
        _time = time;
        _idle = new IdleSweep<OpenTransaction>(time, Abandon);
    }

    /// <summary>
    /// Begins a transaction on the caller's thread: waits for the pool's writer permit (if it has
    /// one) and a connection, then begins at <paramref name="isolation"/>. <paramref name="timeout"/> is the transaction's own deadline.
    /// </summary>
    public long Begin(IConnectionPool pool, TimeSpan? timeout, TransactionIsolation? isolation)
    {
        var writers = pool.Writers;
        if (writers is not null && !writers.Take(pool.WriterTimeout))
        {
            throw PoolErrors.WriterTimeout(pool);
        }

        IConnectionSession session;
        try
        {
            session = pool.Acquire();
        }
        catch
        {
            writers?.Release();
            throw;
        }

        return Start(pool, session, timeout, isolation);
    }

    /// <summary>
    /// Begins on <paramref name="session"/>, whose connection permit and the pool's writer permit (if
    /// the pool has writers) the caller holds: they pass to the transaction, which gives them back
    /// when it ends (or here, if the begin fails).
    /// </summary>
    public long Start(IConnectionPool pool, IConnectionSession session, TimeSpan? timeout, TransactionIsolation? isolation)
    {
        try
        {
            session.Begin(isolation);
        }
        catch
        {
            pool.Release(session);
            pool.Writers?.Release();
            throw;
        }

        var id = Interlocked.Increment(ref _lastId);
        var transaction = new OpenTransaction(id, pool, session, _time.GetTimestamp());
        _idle.Open[id] = transaction;
        if (pool.Slots.IsClosed)
        {
            // The pool began closing meanwhile, and its RollbackAll may not have seen this one.
            lock (transaction.Gate)
            {
                Abandon(transaction);
            }

            throw PoolErrors.Closed(pool);
        }

        if (timeout is { } due)
        {
            transaction.ArmDeadline(due, _time);
        }

        _idle.Schedule(pool.Settings);
        return id;
    }

    /// <summary>Runs <paramref name="action"/> on the transaction's connection, alone.</summary>
    public void Run(long id, Action<IConnectionSession> action)
    {
        var transaction = Find(id);
        lock (transaction.Gate)
        {
            ThrowIfUnusable(transaction);
            try
            {
                action(transaction.Session);
            }
            catch (OxydeException) when (transaction.TimedOut)
            {
                throw TimedOut(transaction);
            }
            finally
            {
                transaction.Touch(_time.GetTimestamp());
            }

            // A deadline that fired between the check and the statement's first step found nothing
            // to interrupt; the statement ran, but the transaction is past its timeout all the same.
            ThrowIfUnusable(transaction);
        }
    }

    /// <summary>
    /// Like <see cref="Run"/>, but only when nobody else is using the transaction right now; false
    /// when it is busy or <paramref name="action"/> declines. Unknown ids throw as in <see cref="Run"/>.
    /// </summary>
    public bool TryRun(long id, Func<IConnectionSession, bool> action)
    {
        var transaction = Find(id);
        if (!transaction.Gate.TryEnter())
        {
            return false;
        }

        try
        {
            ThrowIfUnusable(transaction);
            return action(transaction.Session);
        }
        catch (OxydeException) when (transaction.TimedOut)
        {
            throw TimedOut(transaction);
        }
        finally
        {
            transaction.Touch(_time.GetTimestamp());
            transaction.Gate.Exit();
        }
    }

    public bool IsOpen(long id) => _idle.Open.ContainsKey(id);

    public void Commit(long id) => End(id, commit: true);

    public void Rollback(long id) => End(id, commit: false);

    public void Savepoint(long id, string name)
    {
        var transaction = Find(id);
        lock (transaction.Gate)
        {
            ThrowIfUnusable(transaction);
            transaction.Session.Savepoint(name);
            transaction.AddSavepoint(name);
            transaction.Touch(_time.GetTimestamp());
        }
    }

    public void ReleaseSavepoint(long id, string name)
    {
        var transaction = Find(id);
        lock (transaction.Gate)
        {
            ThrowIfUnusable(transaction);
            ThrowIfUnknownSavepoint(transaction, name);
            transaction.Session.ReleaseSavepoint(name);
            transaction.DropSavepointsFrom(name, inclusive: true);
            transaction.Touch(_time.GetTimestamp());
        }
    }

    public void RollbackToSavepoint(long id, string name)
    {
        var transaction = Find(id);
        lock (transaction.Gate)
        {
            ThrowIfFinished(transaction);
            ThrowIfUnknownSavepoint(transaction, name);
            transaction.Session.RollbackToSavepoint(name);
            transaction.DropSavepointsFrom(name, inclusive: false);
            transaction.Touch(_time.GetTimestamp());
        }
    }

    /// <summary>Rolls back every open transaction of <paramref name="pool"/> (it is closing).</summary>
    public void RollbackAll(IConnectionPool pool) => _idle.EndAll(pool);

    public void Dispose() => _idle.Dispose();

    /// <summary>Ends the holders idle past their pool's <c>transaction_timeout</c> now (the timer does it on its own); returns how many.</summary>
    internal int SweepExpired() => _idle.SweepExpired();

    private void End(long id, bool commit)
    {
        var transaction = Find(id);
        lock (transaction.Gate)
        {
            ThrowIfFinished(transaction);
            var timedOut = commit && transaction.TimedOut;
            try
            {
                if (commit && !timedOut)
                {
                    transaction.Session.Commit();
                }
                else
                {
                    transaction.Session.Rollback();
                }
            }
            finally
            {
                Close(transaction);
            }

            if (timedOut)
            {
                throw TimedOut(transaction);
            }
        }
    }

    /// <summary>Rolls back and returns the connection; the caller holds the gate.</summary>
    private void Abandon(OpenTransaction transaction)
    {
        if (transaction.Finished)
        {
            return;
        }

        try
        {
            // Release rolls back a session still in its transaction.
            Close(transaction);
        }
        catch (OxydeException)
        {
            // The pool is closing anyway; the connection is gone with it.
        }
    }

    /// <summary>Ends the transaction's life: no more calls, the connection and the writer permit go back. The caller holds the gate.</summary>
    private void Close(OpenTransaction transaction)
    {
        transaction.Finish();
        _idle.Open.TryRemove(transaction.Id, out _);
        try
        {
            transaction.Pool.Release(transaction.Session);
        }
        finally
        {
            transaction.Pool.Writers?.Release();
        }
    }

    private OpenTransaction Find(long id) => _idle.Open.TryGetValue(id, out var transaction)
        ? transaction
        : throw NotFound(id);

    private static void ThrowIfFinished(OpenTransaction transaction)
    {
        if (transaction.Finished)
        {
            throw NotFound(transaction.Id);
        }
    }

    /// <summary>Open and within its deadline: statements and savepoints may run.</summary>
    private static void ThrowIfUnusable(OpenTransaction transaction)
    {
        ThrowIfFinished(transaction);
        if (transaction.TimedOut)
        {
            throw TimedOut(transaction);
        }
    }

    private static void ThrowIfUnknownSavepoint(OpenTransaction transaction, string name)
    {
        if (!transaction.HasSavepoint(name))
        {
            throw new OxydeException(
                ErrorCode.TransactionState,
                $"transaction {transaction.Id} has no savepoint '{name}'",
                new Dictionary<string, string>
                {
                    ["tx"] = transaction.Id.ToString(CultureInfo.InvariantCulture),
                    ["savepoint"] = name,
                });
        }
    }

    private static OxydeException TimedOut(OpenTransaction transaction) => new(
        ErrorCode.TransactionTimeout,
        $"transaction {transaction.Id} passed its timeout; its statement was interrupted and it can only roll back",
        new Dictionary<string, string> { ["tx"] = transaction.Id.ToString(CultureInfo.InvariantCulture) });

    private static OxydeException NotFound(long id) => new(
        ErrorCode.TransactionNotFound,
        $"no open transaction has id {id} (committed, rolled back, timed out, idle past its pool's transaction_timeout, or its pool closed)",
        new Dictionary<string, string> { ["tx"] = id.ToString(CultureInfo.InvariantCulture) });
}
