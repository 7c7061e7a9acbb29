namespace Oxyde.Driver.Async;

/// <summary>
/// A fixed number of permits (a pool's connections, SQLite's one writer) handed out first come,
/// first served. Async work waits for a permit without a thread: <see cref="TakeAsync"/> queues a
/// <see cref="PermitWaiter"/> whose callback runs when a permit is released to it. Only work that
/// holds its permits takes a worker thread, so a worker is never blocked by work that waits for
/// a lock or a connection held by other work (which would need a worker to give it back).
/// </summary>
/// <remarks>
/// Invariant: while a live waiter is queued no permit is free (<see cref="Release"/> hands a permit
/// to the first live waiter before counting it free), so <see cref="TryTake"/> never jumps the queue.
/// </remarks>
internal sealed class PermitQueue
{
    private readonly Lock _gate = new();
    private readonly Queue<PermitWaiter> _waiters = new();
    private int _free;
    private Exception? _closed;

    public PermitQueue(int permits) => _free = permits;

    /// <summary>Waiters queued now, abandoned ones included until a release passes them; for tests.</summary>
    internal int Queued
    {
        get
        {
            lock (_gate)
            {
                return _waiters.Count;
            }
        }
    }

    /// <summary>Whether <see cref="Close"/> was called.</summary>
    public bool IsClosed
    {
        get
        {
            lock (_gate)
            {
                return _closed is not null;
            }
        }
    }

    /// <summary>Takes a free permit now, or returns false. Never waits; throws once closed.</summary>
    public bool TryTake()
    {
        lock (_gate)
        {
            return TakeFree();
        }
    }

    /// <summary>
    /// Queues <paramref name="waiter"/> unless a permit is free; returns true when it got one at
    /// once (nothing will be called), false when it waits (exactly one of its callbacks will be).
    /// </summary>
    public bool TakeAsync(PermitWaiter waiter)
    {
        lock (_gate)
        {
            if (TakeFree())
            {
                return true;
            }

            _waiters.Enqueue(waiter);
        }

        waiter.StartTimer();
        return false;
    }

    /// <summary>Blocks the caller's thread until a permit is free; false after <paramref name="timeout"/>.</summary>
    public bool Take(TimeSpan timeout)
    {
        if (TryTake())
        {
            return true;
        }

        using var waiter = new BlockingWaiter(timeout);
        if (TakeAsync(waiter))
        {
            return true;
        }

        return waiter.Wait();
    }

    /// <summary>Gives a permit back: to the first waiter still waiting, else to the free count.</summary>
    public void Release()
    {
        PermitWaiter? next = null;
        lock (_gate)
        {
            while (_waiters.TryDequeue(out var waiter))
            {
                if (waiter.TryGrant())
                {
                    next = waiter;
                    break;
                }
            }

            if (next is null)
            {
                _free++;
            }
        }

        // Outside the lock: the callback may queue work or take other permits.
        next?.Granted();
    }

    /// <summary>Fails every waiter with <paramref name="reason"/>; later takes throw it.</summary>
    public void Close(Exception reason)
    {
        List<PermitWaiter> failed = [];
        lock (_gate)
        {
            _closed ??= reason;
            while (_waiters.TryDequeue(out var waiter))
            {
                if (waiter.TryFail())
                {
                    failed.Add(waiter);
                }
            }
        }

        foreach (var waiter in failed)
        {
            waiter.Failed(reason);
        }
    }

    /// <summary>Takes a free permit; the caller holds the lock. Throws once closed.</summary>
    private bool TakeFree()
    {
        if (_closed is { } reason)
        {
            throw reason;
        }

        if (_free == 0)
        {
            return false;
        }

        _free--;
        return true;
    }

    /// <summary>A thread waiting in <see cref="Take"/>.</summary>
    private sealed class BlockingWaiter(TimeSpan timeout) : PermitWaiter(null), IDisposable
    {
        private readonly ManualResetEventSlim _signal = new();
        private Exception? _failure;

        public bool Wait()
        {
            if (_signal.Wait(timeout))
            {
                return _failure is null ? true : throw _failure;
            }

            // Timed out, unless a permit (or the close) arrived just now.
            if (TryAbandon())
            {
                return false;
            }

            _signal.Wait();
            return _failure is null ? true : throw _failure;
        }

        public void Dispose() => _signal.Dispose();

        protected internal override void Granted() => _signal.Set();

        protected internal override void Failed(Exception reason)
        {
            _failure = reason;
            _signal.Set();
        }
    }
}
