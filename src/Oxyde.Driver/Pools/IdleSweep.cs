using System.Collections.Concurrent;
using Oxyde.Codec.Requests;

namespace Oxyde.Driver.Pools;

/// <summary>
/// The open holders of a registry (<see cref="IIdleHolder"/> by id) and the one timer that ends those
/// idle (no call running or made) for longer than their pool's <c>transaction_timeout</c>. It runs
/// every <c>transaction_cleanup_interval</c> of the open holders' pools (the shortest) and sleeps
/// while none is open. <c>TransactionRegistry</c> and <c>CursorRegistry</c> each own one.
/// </summary>
internal sealed class IdleSweep<T> : IDisposable
    where T : class, IIdleHolder
{
    /// <summary>Bounds of the sweep period: a zero interval would spin, and a timer cannot wait beyond ~49 days.</summary>
    private static readonly TimeSpan ShortestSweep = TimeSpan.FromMilliseconds(1);
    private static readonly TimeSpan LongestSweep = TimeSpan.FromDays(1);

    private readonly TimeProvider _time;
    private readonly Action<T> _end;
    private readonly ITimer _timer;
    private readonly Lock _gate = new();
    private long _due = long.MaxValue; // timestamp the armed sweep fires at; MaxValue: none armed
    private bool _disposed;

    /// <param name="time">The clock (tests use a fake one).</param>
    /// <param name="end">Ends a holder; called under its gate, must not throw.</param>
    public IdleSweep(TimeProvider time, Action<T> end)
    {
        _time = time;
        _end = end;
        _timer = time.CreateTimer(static state => ((IdleSweep<T>)state!).OnTimer(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>The open holders by id.</summary>
    public ConcurrentDictionary<long, T> Open { get; } = new();

    /// <summary>Ends every holder of <paramref name="pool"/> (it is closing).</summary>
    public void EndAll(IConnectionPool pool)
    {
        foreach (var holder in Open.Values)
        {
            if (ReferenceEquals(holder.Pool, pool))
            {
                lock (holder.Gate)
                {
                    _end(holder);
                }
            }
        }
    }

    /// <summary>Stops the timer and ends every holder.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _timer.Dispose();
        }

        foreach (var holder in Open.Values)
        {
            lock (holder.Gate)
            {
                _end(holder);
            }
        }
    }

    /// <summary>Ends the holders idle for longer than their pool's <c>transaction_timeout</c>; one busy with a call is not idle. Returns how many.</summary>
    public int SweepExpired()
    {
        var now = _time.GetTimestamp();
        var ended = 0;
        foreach (var holder in Open.Values)
        {
            if (holder.Pool.Settings.TransactionTimeout is not { } timeout || !holder.Gate.TryEnter())
            {
                continue;
            }

            try
            {
                if (!holder.Ended && _time.GetElapsedTime(holder.LastActivity, now) > timeout)
                {
                    _end(holder);
                    ended++;
                }
            }
            finally
            {
                holder.Gate.Exit();
            }
        }

        return ended;
    }

    /// <summary>
    /// Arms the sweep to run within <paramref name="settings"/>' cleanup interval, unless an earlier
    /// one is armed already (a lock-free check first: this runs on every begin or open).
    /// </summary>
    public void Schedule(PoolSettings settings)
    {
        if (settings.TransactionTimeout is null)
        {
            return;
        }

        var period = settings.TransactionCleanupInterval < ShortestSweep ? ShortestSweep
            : settings.TransactionCleanupInterval > LongestSweep ? LongestSweep
            : settings.TransactionCleanupInterval;
        var due = _time.GetTimestamp() + (long)(period.TotalSeconds * _time.TimestampFrequency);
        if (Volatile.Read(ref _due) <= due)
        {
            return;
        }

        lock (_gate)
        {
            if (_disposed || _due <= due)
            {
                return;
            }

            _due = due;
            _timer.Change(period, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>The timer's work: sweep, then sleep until the next interval of the pools still holding something.</summary>
    private void OnTimer()
    {
        lock (_gate)
        {
            _due = long.MaxValue;
        }

        try
        {
            SweepExpired();
        }
        catch (Exception)
        {
            // A timer callback must not throw (that ends the process); the scan below arms the next sweep.
        }

        PoolSettings? next = null;
        foreach (var holder in Open.Values)
        {
            var settings = holder.Pool.Settings;
            if (settings.TransactionTimeout is not null && (next is null || settings.TransactionCleanupInterval < next.TransactionCleanupInterval))
            {
                next = settings;
            }
        }

        if (next is not null)
        {
            Schedule(next);
        }
    }
}
