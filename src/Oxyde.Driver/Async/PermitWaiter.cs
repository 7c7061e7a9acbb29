namespace Oxyde.Driver.Async;

/// <summary>
/// One wait in a <see cref="PermitQueue"/>. It ends exactly once: granted (<see cref="Granted"/>),
/// failed because the queue closed (<see cref="Failed"/>), timed out (<see cref="TimedOut"/>), or
/// abandoned by its owner (<see cref="TryAbandon"/>, e.g. the ticket was cancelled). Whoever wins
/// the state change runs the matching callback; the others do nothing.
/// </summary>
internal abstract class PermitWaiter(TimeSpan? timeout)
{
    private const int Waiting = 0, Ended = 1;

    private int _state;
    private Timer? _timer;

    /// <summary>Ends the wait for its owner; false when it already ended (granted, failed, timed out).</summary>
    public bool TryAbandon() => TryEnd();

    internal bool TryGrant() => TryEnd();

    internal bool TryFail() => TryEnd();

    /// <summary>Arms the timeout once the waiter is queued.</summary>
    internal void StartTimer()
    {
        if (timeout is not { } due || due == Timeout.InfiniteTimeSpan)
        {
            return;
        }

        var timer = new Timer(static state => ((PermitWaiter)state!).OnTimer(), this, Timeout.Infinite, Timeout.Infinite);
        Volatile.Write(ref _timer, timer);
        if (Volatile.Read(ref _state) != Waiting)
        {
            timer.Dispose(); // granted before the timer existed
            return;
        }

        timer.Change(due, Timeout.InfiniteTimeSpan);
    }

    /// <summary>A permit is now held for this waiter (runs on the releasing thread: queue work, do not block).</summary>
    protected internal abstract void Granted();

    /// <summary>The queue closed while waiting.</summary>
    protected internal abstract void Failed(Exception reason);

    /// <summary>The timeout passed while waiting.</summary>
    protected virtual void TimedOut()
    {
    }

    private bool TryEnd()
    {
        if (Interlocked.CompareExchange(ref _state, Ended, Waiting) != Waiting)
        {
            return false;
        }

        Volatile.Read(ref _timer)?.Dispose();
        return true;
    }

    private void OnTimer()
    {
        if (TryEnd())
        {
            TimedOut();
        }
    }
}
