using System.Diagnostics;
using Oxyde.Codec.Errors;
using Oxyde.Codec.Requests;
using Oxyde.Driver.Async;
using Oxyde.Driver.Pools;

namespace Oxyde.Driver.Execution;

/// <summary>
/// Our own pool of open connections to a database server (the driver's pooling off), shared by the
/// PostgreSQL and MySQL providers: at most <c>max_connections</c> out at once (<see cref="Slots"/>),
/// waiters give up after <c>acquire_timeout</c>; <c>min_connections</c> (at least one) are opened with
/// the pool, so a wrong host, password or database fails at pool_open; idle ones unused for
/// <c>idle_timeout</c> or older than <c>max_lifetime</c> are closed down to <c>min_connections</c>;
/// <c>test_before_acquire</c> pings an idle one before handing it out. A connection that was lost is
/// never reused, and its loss closes the idle ones too (a restarted server broke them all). A session
/// keeps its connection for life, so per-connection setup (charset, prepared statements) stays.
/// Statements always run on a worker: no inline path, no writer permit (servers lock rows).
/// </summary>
internal abstract class ServerPool : IConnectionPool
{
    private readonly LinkedList<SqlSession> _idle = new();
    private readonly Lock _gate = new();
    private int _open;
    private bool _closed;

    protected ServerPool(string name, PoolSettings settings)
    {
        Name = name;
        Settings = settings;
        Slots = new PermitQueue(Math.Max(1, settings.MaxConnections));
    }

    public string Name { get; }

    public PoolSettings Settings { get; }

    public PermitQueue Slots { get; }

    public PermitQueue? Writers => null;

    public TimeSpan WriterTimeout => TimeSpan.Zero;

    /// <summary>Connections open now, idle or in use.</summary>
    internal int OpenConnections
    {
        get
        {
            lock (_gate)
            {
                return _open;
            }
        }
    }

    public IConnectionSession Acquire()
    {
        if (Volatile.Read(ref _closed))
        {
            throw PoolErrors.Closed(this);
        }

        return PoolSlots.Acquire(this);
    }

    public IConnectionSession OpenSession()
    {
        while (true)
        {
            SqlSession? idle = null;
            lock (_gate)
            {
                if (_closed)
                {
                    throw PoolErrors.Closed(this);
                }

                PruneIdle();
                if (_idle.First is { } node)
                {
                    _idle.RemoveFirst();
                    idle = node.Value;
                }
                else
                {
                    _open++;
                }
            }

            if (idle is null)
            {
                return OpenCounted();
            }

            var connection = Connection(idle);
            if (connection.IsOpen && !Expired(connection) && (!Settings.TestBeforeAcquire || connection.Ping()))
            {
                return idle;
            }

            Discard(idle);
        }
    }

    /// <summary>Never: a server round trip belongs on a worker.</summary>
    public IConnectionSession? TryAcquireInline() => null;

    public void Release(IConnectionSession session)
    {
        var sql = (SqlSession)session;
        var connection = Connection(sql);
        if (connection.IsOpen && sql.InTransaction)
        {
            try
            {
                sql.Rollback();
            }
            catch (OxydeException)
            {
                // Its state is unknown now: closed below.
            }
        }

        if (!connection.IsOpen)
        {
            // Lost: the server went away or ended this connection. Idle ones are likely gone too.
            Discard(sql);
            CloseIdle();
            Slots.Release();
            return;
        }

        var dispose = sql.InTransaction || Expired(connection);
        lock (_gate)
        {
            dispose |= _closed;
            if (dispose)
            {
                _open--;
            }
            else
            {
                sql.ReleasedAt = Stopwatch.GetTimestamp();
                _idle.AddFirst(sql);
                PruneIdle();
            }
        }

        if (dispose)
        {
            sql.Dispose();
        }

        Slots.Release();
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_closed)
            {
                return;
            }

            _closed = true;
        }

        Slots.Close(PoolErrors.Closed(this));
        CloseIdle();
        DisposeMore();
    }

    /// <summary>A session on a new connection; throws <see cref="OxydeException"/> (<c>connection_failed</c>, ...) when it cannot open one.</summary>
    protected abstract SqlSession NewSession();

    /// <summary>Releases what the provider holds besides its connections (a data source).</summary>
    protected virtual void DisposeMore()
    {
    }

    /// <summary>
    /// Opens the pool's first connections (<c>min_connections</c>, at least one), starting with
    /// <paramref name="first"/> when the provider already opened one; closes them all if one fails.
    /// Call once, at the end of the derived constructor.
    /// </summary>
    protected void OpenInitial(SqlSession? first = null)
    {
        var opened = new List<SqlSession>();
        if (first is not null)
        {
            opened.Add(first);
        }

        try
        {
            var initial = Math.Clamp(Settings.MinConnections, 1, Math.Max(1, Settings.MaxConnections));
            while (opened.Count < initial)
            {
                opened.Add(NewSession());
            }
        }
        catch
        {
            opened.ForEach(session => session.Dispose());
            throw;
        }

        lock (_gate)
        {
            foreach (var session in opened)
            {
                session.ReleasedAt = Stopwatch.GetTimestamp();
                _idle.AddFirst(session);
            }

            _open = opened.Count;
        }
    }

    private static IServerConnection Connection(SqlSession session) => (IServerConnection)session.Connection;

    private bool Expired(IServerConnection connection) =>
        Settings.MaxLifetime is { } lifetime && Stopwatch.GetElapsedTime(connection.OpenedAt) > lifetime;

    /// <summary>A new session for a slot already counted in <c>_open</c>; uncounts it when opening fails.</summary>
    private SqlSession OpenCounted()
    {
        try
        {
            return NewSession();
        }
        catch
        {
            lock (_gate)
            {
                _open--;
            }

            throw;
        }
    }

    private void Discard(SqlSession session)
    {
        lock (_gate)
        {
            _open--;
        }

        session.Dispose();
    }

    private void CloseIdle()
    {
        List<SqlSession> idle;
        lock (_gate)
        {
            idle = [.. _idle];
            _open -= _idle.Count;
            _idle.Clear();
        }

        foreach (var session in idle)
        {
            session.Dispose();
        }
    }

    /// <summary>Closes idle connections unused for <c>idle_timeout</c> or past <c>max_lifetime</c>, oldest first, keeping <c>min_connections</c>. Under the gate.</summary>
    private void PruneIdle()
    {
        while (_idle.Last is { } oldest
            && _open > Settings.MinConnections
            && ((Settings.IdleTimeout is { } timeout && Stopwatch.GetElapsedTime(oldest.Value.ReleasedAt) > timeout)
                || Expired(Connection(oldest.Value))))
        {
            _idle.RemoveLast();
            _open--;
            oldest.Value.Dispose();
        }
    }
}
