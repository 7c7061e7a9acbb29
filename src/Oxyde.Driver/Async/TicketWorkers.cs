using System.Diagnostics;

namespace Oxyde.Driver.Async;

/// <summary>
/// Threads of one runtime that run submitted tickets. Ticket work blocks (SQLite I/O, pool and lock
/// waits), which would starve the shared thread pool: it adds threads only every ~0.5 s once its
/// workers are all blocked. Here a thread is started whenever queued work outnumbers idle threads
/// (up to <see cref="MaxThreads"/>); an idle thread exits after <see cref="IdleExit"/>.
/// </summary>
/// <remarks>
/// A thread that runs out of work first spins for <see cref="SpinTime"/> before it parks. Waking a
/// parked thread costs 5-20 µs on Linux (futex wake plus scheduling), paid on every query of a
/// sequential <c>await</c> loop; the next submit of such a loop comes a few µs after the previous
/// completion, so a spinning worker takes it without any wake-up. The spin is bounded per idle
/// period, so an idle runtime costs no CPU.
/// </remarks>
internal sealed class TicketWorkers : IDisposable
{
    public const int MaxThreads = 64;

    private static readonly TimeSpan IdleExit = TimeSpan.FromSeconds(10);

    /// <summary>How long a worker without work keeps polling the queue before it parks.</summary>
    private static readonly long SpinTime = Stopwatch.Frequency / 10_000; // 100 µs

    private readonly Queue<Action> _queue = new();
    private readonly Queue<Action> _urgent = new();
    private readonly object _gate = new();
    private int _threads;
    private int _idle;
    private int _spinning;
    private int _queued; // _queue.Count, readable without the lock
    private bool _disposed;

    /// <summary>
    /// Queues <paramref name="work"/>. <paramref name="urgent"/> work (a transaction's own statements,
    /// commit and rollback: the work that lets others go on) runs before other queued work and gets a
    /// thread beyond <see cref="MaxThreads"/> when none is free, so it never waits for workers that
    /// are blocked behind the very lock it would release.
    /// </summary>
    public void Post(Action work, bool urgent = false)
    {
        bool start;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            (urgent ? _urgent : _queue).Enqueue(work);
            var queued = _queue.Count + _urgent.Count;
            Volatile.Write(ref _queued, queued);
            var waiting = queued - _spinning;
            start = waiting > _idle && (_threads < MaxThreads || urgent);
            if (start)
            {
                _threads++;
            }

            // Spinning threads take the first items themselves; wake a parked one only beyond them.
            if (waiting > 0 && _idle > 0)
            {
                Monitor.Pulse(_gate);
            }
        }

        if (start)
        {
            new Thread(Loop) { IsBackground = true, Name = "oxyde-worker" }.Start();
        }
    }

    /// <summary>Lets queued work finish, then the threads exit.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            Monitor.PulseAll(_gate);
        }
    }

    private void Loop()
    {
        while (true)
        {
            Action work;
            lock (_gate)
            {
                if (_queue.Count + _urgent.Count == 0 && !_disposed)
                {
                    _spinning++;
                    Monitor.Exit(_gate);
                    try
                    {
                        Spin();
                    }
                    finally
                    {
                        Monitor.Enter(_gate);
                        _spinning--;
                    }
                }

                while (_queue.Count + _urgent.Count == 0)
                {
                    if (_disposed)
                    {
                        _threads--;
                        return;
                    }

                    _idle++;
                    var woken = Monitor.Wait(_gate, IdleExit);
                    _idle--;
                    if (!woken && _queue.Count + _urgent.Count == 0)
                    {
                        _threads--;
                        return;
                    }
                }

                work = _urgent.Count > 0 ? _urgent.Dequeue() : _queue.Dequeue();
                Volatile.Write(ref _queued, _queue.Count + _urgent.Count);
            }

            work();
        }
    }

    /// <summary>Polls for queued work for up to <see cref="SpinTime"/>.</summary>
    private void Spin()
    {
        var until = Stopwatch.GetTimestamp() + SpinTime;
        var spinner = default(SpinWait);
        while (Volatile.Read(ref _queued) == 0 && !Volatile.Read(ref _disposed))
        {
            if (Stopwatch.GetTimestamp() >= until)
            {
                return;
            }

            // SpinOnce(-1) never sleeps; it only yields the core now and then.
            spinner.SpinOnce(sleep1Threshold: -1);
        }
    }
}
