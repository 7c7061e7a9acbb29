namespace Oxyde.Driver.Execution;

/// <summary>
/// Interrupts the statement running on <paramref name="connection"/> once <paramref name="budget"/>
/// passes, unless disposed first. Disposing waits for an interrupt in progress, and none starts
/// after it, so a late timer never reaches the connection's next statement.
/// </summary>
internal sealed class StreamStopper : IDisposable
{
    private readonly Lock _gate = new();
    private readonly ISqlConnection _connection;
    private readonly Timer _timer;
    private bool _over;

    public StreamStopper(ISqlConnection connection, TimeSpan budget)
    {
        _connection = connection;
        _timer = new Timer(static state => ((StreamStopper)state!).Fire(), this, budget, Timeout.InfiniteTimeSpan);
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _over = true;
        }

        _timer.Dispose();
    }

    private void Fire()
    {
        lock (_gate)
        {
            if (!_over)
            {
                _connection.Interrupt();
            }
        }
    }
}
