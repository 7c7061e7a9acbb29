using Oxyde.Driver.Pools;

namespace Oxyde.Driver.Transactions;

/// <summary>
/// A transaction's connection, held out of its pool until commit or rollback. <see cref="Gate"/>
/// serializes calls on one transaction. It may have a deadline of its own (<c>atomic(timeout=...)</c>):
/// at that moment its running statement is interrupted, and every later call fails.
/// </summary>
internal sealed class OpenTransaction(long id, IConnectionPool pool, IConnectionSession session, long startedAt) : IIdleHolder
{
    private long _lastActivity = startedAt;
    private readonly HashSet<string> _savepoints = new(StringComparer.Ordinal);
    private readonly List<string> _savepointOrder = [];
    private readonly Lock _interruptGate = new();
    private ITimer? _deadline;
    private bool _timedOut;

    public long Id { get; } = id;

    public IConnectionPool Pool { get; } = pool;

    public IConnectionSession Session { get; } = session;

    /// <summary>Timestamp (of the registry's <see cref="TimeProvider"/>) of the begin.</summary>
    public long StartedAt { get; } = startedAt;

    /// <summary>Timestamp of the end of the last call on it (the begin before any); read and written under <see cref="Gate"/>.</summary>
    public long LastActivity => _lastActivity;

    public Lock Gate { get; } = new();

    /// <summary>Set under <see cref="Gate"/>, and under the interrupt gate, so a late deadline never interrupts a connection handed back.</summary>
    public bool Finished { get; private set; }

    bool IIdleHolder.Ended => Finished;

    /// <summary>Whether the transaction's own <c>timeout</c> passed: it can only roll back.</summary>
    public bool TimedOut => Volatile.Read(ref _timedOut);

    /// <summary>A call on it ended at <paramref name="timestamp"/>; the caller holds <see cref="Gate"/>.</summary>
    public void Touch(long timestamp) => _lastActivity = timestamp;

    /// <summary>At <paramref name="timeout"/> from now, marks the transaction timed out and interrupts its running statement.</summary>
    public void ArmDeadline(TimeSpan timeout, TimeProvider time) =>
        _deadline = time.CreateTimer(static state => ((OpenTransaction)state!).Expire(), this, timeout, Timeout.InfiniteTimeSpan);

    /// <summary>No statement may run on it any more; the caller holds <see cref="Gate"/>.</summary>
    public void Finish()
    {
        lock (_interruptGate)
        {
            Finished = true;
        }

        _deadline?.Dispose();
    }

    private void Expire()
    {
        lock (_interruptGate)
        {
            if (Finished)
            {
                return;
            }

            Volatile.Write(ref _timedOut, true);
            Session.Interrupt();
        }
    }

    public bool HasSavepoint(string name) => _savepoints.Contains(name);

    public void AddSavepoint(string name)
    {
        if (_savepoints.Add(name))
        {
            _savepointOrder.Add(name);
        }
        else
        {
            // SQLite allows repeating a name; the newest one is the target, and it nests after the rest.
            _savepointOrder.Remove(name);
            _savepointOrder.Add(name);
        }
    }

    /// <summary>Forgets savepoints created after <paramref name="name"/>, and <paramref name="name"/> too when <paramref name="inclusive"/>.</summary>
    public void DropSavepointsFrom(string name, bool inclusive)
    {
        var index = _savepointOrder.LastIndexOf(name);
        if (index < 0)
        {
            return;
        }

        var from = inclusive ? index : index + 1;
        foreach (var dropped in _savepointOrder.Skip(from))
        {
            _savepoints.Remove(dropped);
        }

        _savepointOrder.RemoveRange(from, _savepointOrder.Count - from);
    }
}
