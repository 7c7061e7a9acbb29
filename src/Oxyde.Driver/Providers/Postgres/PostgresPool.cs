using System.Diagnostics;
using Npgsql;
using Oxyde.Codec.Errors;
using Oxyde.Codec.Requests;
using Oxyde.Driver.Async;
using Oxyde.Driver.Execution;
using Oxyde.Driver.Logging;
using Oxyde.Driver.Pools;
using Oxyde.Query;
using Oxyde.Query.Dialects;

namespace Oxyde.Driver.Providers.Postgres;

/// <summary>
/// Our own pool of open PostgreSQL connections (Npgsql's pooling off, docs/decisions/0009): at most
/// <c>max_connections</c> out at once (<see cref="Slots"/>), waiters give up after
/// <c>acquire_timeout</c>; <c>min_connections</c> are opened with the pool; idle ones past <c>idle_timeout</c> are closed down to
/// <c>min_connections</c>, ones older than <c>max_lifetime</c> are closed when they come back, and
/// <c>test_before_acquire</c> pings an idle one before handing it out. A connection that was lost is
/// never reused, and its loss closes the idle ones too (a restarted server broke them all).
/// Statements always run on a worker: no inline path, no writer permit.
/// </summary>
internal sealed class PostgresPool : IConnectionPool
{
    /// <summary>Prepared statements per connection when <c>pg_statement_cache_capacity</c> is unset (sqlx's default).</summary>
    public const int DefaultStatementCacheCapacity = 100;

    private readonly NpgsqlDataSource _dataSource;
    private readonly SqlRenderer _renderer = new(PostgresDialect.Instance);
    private readonly StatementLog _log;
    private readonly LinkedList<SqlSession> _idle = new();
    private readonly Lock _gate = new();
    private int _open;
    private bool _closed;

    public PostgresPool(string name, string url, PoolSettings settings, StatementLog log)
    {
        Name = name;
        Settings = settings;
        _log = log;
        var builder = PostgresLocation.Parse(url, settings);
        Redacted = DatabaseUrl.Redact(url);
        _dataSource = NpgsqlDataSource.Create(builder.ConnectionString);
        Slots = new PermitQueue(Math.Max(1, settings.MaxConnections));

        // Connections now (min_connections, at least one), so a wrong host, password or database
        // fails at pool_open.
        var initial = Math.Clamp(settings.MinConnections, 1, Math.Max(1, settings.MaxConnections));
        try
        {
            for (var i = 0; i < initial; i++)
            {
                var session = NewSession();
                session.ReleasedAt = Stopwatch.GetTimestamp();
                _idle.AddFirst(session);
                _open++;
            }
        }
        catch
        {
            foreach (var session in _idle)
            {
                session.Dispose();
            }

            _dataSource.Dispose();
            throw;
        }
    }

    public string Name { get; }

    public PoolSettings Settings { get; }

    public PermitQueue Slots { get; }

    /// <summary>PostgreSQL runs writers concurrently (row locks): no writer permit.</summary>
    public PermitQueue? Writers => null;

    public TimeSpan WriterTimeout => TimeSpan.Zero;

    /// <summary>The URL without its password, for errors.</summary>
    private string Redacted { get; }

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
        ThrowIfClosed();
        if (!Slots.Take(Settings.AcquireTimeout))
        {
            throw PoolErrors.AcquireTimeout(this);
        }

        try
        {
            return OpenSession();
        }
        catch
        {
            Slots.Release();
            throw;
        }
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
                break;
            }

            if (Usable(idle) && (!Settings.TestBeforeAcquire || Connector(idle).Ping()))
            {
                return idle;
            }

            Discard(idle);
        }

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

    /// <summary>Never: a server round trip belongs on a worker.</summary>
    public IConnectionSession? TryAcquireInline() => null;

    public void Release(IConnectionSession session)
    {
        var sql = (SqlSession)session;
        var connector = Connector(sql);
        if (connector.IsOpen && sql.InTransaction)
        {
            try
            {
                sql.Rollback();
            }
            catch (OxydeException)
            {
                // Discarded below: the connection's state is unknown.
            }
        }

        if (!connector.IsOpen)
        {
            // Lost: the server went away or ended this backend. Idle connections are likely gone too.
            Discard(sql);
            CloseIdle();
            Slots.Release();
            return;
        }

        var dispose = sql.InTransaction || !Usable(sql);
        lock (_gate)
        {
            if (_closed)
            {
                dispose = true;
            }

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
        List<SqlSession> idle;
        lock (_gate)
        {
            if (_closed)
            {
                return;
            }

            _closed = true;
            idle = [.. _idle];
            _open -= _idle.Count;
            _idle.Clear();
        }

        Slots.Close(PoolErrors.Closed(this));
        foreach (var session in idle)
        {
            session.Dispose();
        }

        _dataSource.Dispose();
    }

    private static PostgresConnector Connector(SqlSession session) => (PostgresConnector)session.Connection;

    /// <summary>Open, and younger than <c>max_lifetime</c>.</summary>
    private bool Usable(SqlSession session)
    {
        var connector = Connector(session);
        return connector.IsOpen && (Settings.MaxLifetime is not { } lifetime || Stopwatch.GetElapsedTime(connector.OpenedAt) < lifetime);
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

    /// <summary>Closes idle connections unused for <c>idle_timeout</c>, oldest first, keeping <c>min_connections</c>.</summary>
    private void PruneIdle()
    {
        if (Settings.IdleTimeout is not { } timeout)
        {
            return;
        }

        while (_idle.Last is { } oldest
            && _open > Settings.MinConnections
            && Stopwatch.GetElapsedTime(oldest.Value.ReleasedAt) > timeout)
        {
            _idle.RemoveLast();
            _open--;
            oldest.Value.Dispose();
        }
    }

    private SqlSession NewSession()
    {
        var opened = Stopwatch.GetTimestamp();
        NpgsqlConnection connection;
        try
        {
            connection = _dataSource.OpenConnection();
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or ArgumentException)
        {
            throw ConnectFailed(e);
        }

        return new SqlSession(new PostgresConnector(connection, opened), _renderer, _log, Name);
    }

    /// <summary>Why a connection could not be opened: credentials and a missing database by SQLSTATE, the rest connection_failed.</summary>
    private OxydeException ConnectFailed(Exception e)
    {
        var details = new Dictionary<string, string> { ["pool"] = Name, ["url"] = Redacted };
        if (e is PostgresException server)
        {
            details["sqlstate"] = server.SqlState;
            var code = PostgresErrors.Classify(server.SqlState) switch
            {
                ErrorCode.AuthenticationFailed => ErrorCode.AuthenticationFailed,
                ErrorCode.DatabaseNotFound => ErrorCode.DatabaseNotFound,
                _ => ErrorCode.ConnectionFailed,
            };
            return new OxydeException(code, $"cannot connect to PostgreSQL ({Redacted}): {server.MessageText}", details, e);
        }

        return new OxydeException(ErrorCode.ConnectionFailed, $"cannot connect to PostgreSQL ({Redacted}): {e.Message}", details, e);
    }

    private void ThrowIfClosed()
    {
        if (Volatile.Read(ref _closed))
        {
            throw PoolErrors.Closed(this);
        }
    }
}
