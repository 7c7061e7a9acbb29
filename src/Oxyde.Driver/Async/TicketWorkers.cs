namespace Oxyde.Driver.Async;

/// <summary>
/// Threads of one runtime that run submitted tickets. Ticket work blocks (SQLite I/O, pool and lock
/// waits), which would starve the shared thread pool: it adds threads only every ~0.5 s once its
/// workers are all blocked. Here a thread is started whenever queued work outnumbers idle threads
/// (up to <see cref="MaxThreads"/>); an idle thread exits after <see cref="IdleExit"/>.
/// </summary>
internal sealed class TicketWorkers : IDisposable
{
    public const int MaxThreads = 64;

    private static readonly TimeSpan IdleExit = TimeSpan.FromSeconds(10);

    private readonly Queue<Action> _queue = new();
    private readonly object _gate = new();
    private int _threads;
    private int _idle;
    private bool _disposed;

    public void Post(Action work)
    {
        bool start;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _queue.Enqueue(work);
            start = _queue.Count > _idle && _threads < MaxThreads;
            if (start)
            {
                _threads++;
            }

            if (_idle > 0)
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
                while (_queue.Count == 0)
                {
                    if (_disposed)
                    {
                        _threads--;
                        return;
                    }

                    _idle++;
                    var woken = Monitor.Wait(_gate, IdleExit);
                    _idle--;
                    if (!woken && _queue.Count == 0)
                    {
                        _threads--;
                        return;
                    }
                }

                work = _queue.Dequeue();
            }

            work();
        }
    }
}
