using System.Diagnostics;
using MySqlConnector;
using Oxyde.Codec.Errors;
using Oxyde.Codec.Requests;
using Oxyde.Driver.Async;
using Oxyde.Driver.Execution;
using Oxyde.Driver.Logging;
using Oxyde.Driver.Pools;
using Oxyde.Query;
using Oxyde.Query.Dialects;

namespace Oxyde.Driver.Providers.MySql;

/// <summary>
/// Our own pool of MySQL / MariaDB connections (MySqlConnector's pooling off): at most
/// <c>max_connections</c> out at once, waiters give up after <c>acquire_timeout</c>, idle ones past
/// <c>idle_timeout</c> are closed down to <c>min_connections</c>, ones older than <c>max_lifetime</c>
/// are closed when they come back, and <c>test_before_acquire</c> pings an idle one before handing
/// it out. Connections are never reset between uses, so the charset and collation set when one
/// opens (<c>SET NAMES</c>) stay. The dialect is chosen from the first connection's server version
/// (<see cref="SqlDialects.ForMySqlServer"/>): MariaDB 10.5+ gets INSERT ... RETURNING.
/// </summary>
internal sealed class MySqlPool : IConnectionPool
{
    private readonly MySqlLocation _location;
    private readonly SqlRenderer _renderer;
    private readonly StatementLog _log;
    private readonly LinkedList<SqlSession> _idle = new();
    private readonly Lock _gate = new();
    private readonly string? _setNames;
    private int _open;
    private bool _closed;

    /// <param name="dialect">Null: chosen by the server's version; tests force <see cref="MySqlDialect"/> to run MySQL 8's emulations on MariaDB.</param>
    public MySqlPool(string name, string url, PoolSettings settings, StatementLog log, SqlDialect? dialect = null)
    {
        Name = name;
        Settings = settings;
        _log = log;
        _location = MySqlLocation.Parse(url, settings);
        _setNames = _location.Collation is { } collation
            ? $"SET NAMES {_location.Charset} COLLATE {collation}"
            : $"SET NAMES {_location.Charset}";
        Slots = new PermitQueue(Math.Max(1, settings.MaxConnections));

        // Connect now so a bad URL, password or database fails at pool_open, not at the first query.
        var first = OpenConnection();
        Dialect = dialect ?? SqlDialects.ForMySqlServer(first.ServerVersion);
        ServerVersion = first.ServerVersion;
        _renderer = new SqlRenderer(Dialect);
        var opened = new List<SqlSession> { NewSession(first) };
        try
        {
            for (var i = 1; i < Math.Min(settings.MinConnections, settings.MaxConnections); i++)
            {
                opened.Add(NewSession(OpenConnection()));
            }
        }
        catch
        {
            opened.ForEach(session => session.Dispose());
            throw;
        }

        foreach (var session in opened)
        {
            session.ReleasedAt = Stopwatch.GetTimestamp();
            _idle.AddFirst(session);
        }

        _open = opened.Count;
    }

    public string Name { get; }

    public PoolSettings Settings { get; }

    public PermitQueue Slots { get; }

    /// <summary>The server runs writers concurrently (row locks): no writer permit.</summary>
    public PermitQueue? Writers => null;

    public TimeSpan WriterTimeout => TimeSpan.Zero;

    /// <summary>The dialect this pool renders for (by server version).</summary>
    public SqlDialect Dialect { get; }

    /// <summary>The server's version string, as it reports it.</summary>
    public string ServerVersion { get; }

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
                try
                {
                    return NewSession(OpenConnection());
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

            if (!Settings.TestBeforeAcquire || Connection(idle).Ping())
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
        if (sql.InTransaction)
        {
            try
            {
                sql.Rollback();
            }
            catch (OxydeException)
            {
                Discard(sql);
                Slots.Release();
                return;
            }
        }

        var dispose = connection.Broken || Expired(connection);
        lock (_gate)
        {
            if (_closed || dispose)
            {
                dispose = true;
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
    }

    private static MySqlServerConnection Connection(SqlSession session) => (MySqlServerConnection)session.Connection;

    private bool Expired(MySqlServerConnection connection) =>
        Settings.MaxLifetime is { } lifetime && Stopwatch.GetElapsedTime(connection.OpenedAt) > lifetime;

    private void Discard(SqlSession session)
    {
        lock (_gate)
        {
            _open--;
        }

        session.Dispose();
    }

    /// <summary>Closes idle connections unused for <c>idle_timeout</c> (or past <c>max_lifetime</c>), oldest first, keeping <c>min_connections</c>.</summary>
    private void PruneIdle()
    {
        while (_idle.Last is { } oldest
            && _open > Settings.MinConnections
            && ((Settings.IdleTimeout is { } timeout && Stopwatch.GetElapsedTime(oldest.Value.ReleasedAt) > timeout) || Expired(Connection(oldest.Value))))
        {
            _idle.RemoveLast();
            _open--;
            oldest.Value.Dispose();
        }
    }

    private SqlSession NewSession(MySqlConnection connection) =>
        new(new MySqlServerConnection(connection, Dialect), _renderer, _log, Name);

    private MySqlConnection OpenConnection()
    {
        var connection = new MySqlConnection(_location.ConnectionString);
        try
        {
            connection.Open();
            using var command = new MySqlCommand(_setNames, connection);
            command.ExecuteNonQuery();
            return connection;
        }
        catch (Exception e) when (MySqlServerConnection.IsProviderFailure(e) || e is ArgumentException or NotSupportedException or System.Security.Authentication.AuthenticationException)
        {
            connection.Dispose();
            throw OpenFailed(e);
        }
    }

    private OxydeException OpenFailed(Exception e)
    {
        var number = e is MySqlException my ? my.Number : 0;
        var code = MySqlErrors.Classify(number) switch
        {
            ErrorCode.AuthenticationFailed => ErrorCode.AuthenticationFailed,
            ErrorCode.DatabaseNotFound => ErrorCode.DatabaseNotFound,
            _ => ErrorCode.ConnectionFailed,
        };
        var details = new Dictionary<string, string>
        {
            ["pool"] = Name,
            ["host"] = _location.Host,
            ["port"] = _location.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["database"] = _location.Database,
        };
        if (number > 0)
        {
            details["mysql_errno"] = number.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return new OxydeException(code, $"cannot connect to MySQL at {_location.Host}:{_location.Port}/{_location.Database}: {e.Message}", details, e);
    }
}
