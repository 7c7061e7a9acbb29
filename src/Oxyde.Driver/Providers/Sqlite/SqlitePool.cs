using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Oxyde.Codec.Errors;
using Oxyde.Codec.Requests;
using Oxyde.Driver.Async;
using Oxyde.Driver.Logging;
using Oxyde.Driver.Pools;
using Oxyde.Query;
using Oxyde.Query.Dialects;

namespace Oxyde.Driver.Providers.Sqlite;

/// <summary>
/// Our own pool of SQLite connections (<c>Pooling=False</c> for Microsoft.Data.Sqlite): at most
/// <c>max_connections</c> out at once, waiters give up after <c>acquire_timeout</c>, idle ones past
/// <c>idle_timeout</c> are closed down to <c>min_connections</c>. Every connection gets the pool's
/// pragmas when it opens. An in-memory database is a uniquely named shared-cache database, kept
/// alive by one connection held for the pool's lifetime.
/// </summary>
internal sealed class SqlitePool : IConnectionPool
{
    private static readonly string[] JournalModes = ["DELETE", "TRUNCATE", "PERSIST", "MEMORY", "WAL", "OFF"];
    private static readonly string[] SynchronousModes = ["OFF", "NORMAL", "FULL", "EXTRA", "0", "1", "2", "3"];

    private readonly SqliteLocation _location;
    private readonly string _connectionString;
    private readonly SqlRenderer _renderer;
    private readonly SqlDialect _dialect;
    private readonly StatementLog _log;
    private readonly LinkedList<SqliteSession> _idle = new();
    private readonly Lock _gate = new();
    private readonly SqliteConnection? _keeper;

    /// <summary>The shared-cache name of an in-memory database (<see cref="SqliteMemoryNames"/>), else null.</summary>
    private readonly string? _memoryName;
    private readonly InlineBackoff _inlineBackoff = new();
    private readonly bool _inlineWrites;
    private int _open;
    private bool _closed;

    public SqlitePool(string name, string url, PoolSettings settings, StatementLog log)
    {
        Name = name;
        Settings = settings;
        _log = log;
        _location = SqliteLocation.Parse(url);
        ValidatePragmas(settings);
        if (_location.Path is { } path)
        {
            var directory = System.IO.Path.GetDirectoryName(path);
            if (!string.IsNullOrEmpty(directory) && !Directory.Exists(directory))
            {
                throw new OxydeException(
                    ErrorCode.ConnectionFailed,
                    $"cannot open SQLite database {path}: directory {directory} does not exist",
                    new Dictionary<string, string> { ["path"] = path, ["pool"] = name });
            }
        }

        _memoryName = _location.InMemory ? SqliteMemoryNames.Rent() : null;
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = _memoryName ?? _location.Path,
            Mode = _location.InMemory ? SqliteOpenMode.Memory
                : _location.ReadOnly ? SqliteOpenMode.ReadOnly
                : SqliteOpenMode.ReadWriteCreate,
            Cache = _location.InMemory ? SqliteCacheMode.Shared : SqliteCacheMode.Default,
            Pooling = false,
            DefaultTimeout = Math.Max(1, (settings.SqliteBusyTimeoutMs + 999) / 1000),
        };
        _connectionString = builder.ConnectionString;
        _dialect = SqlDialects.For(Oxyde.Codec.Requests.DialectName.Sqlite);
        _renderer = new SqlRenderer(_dialect);
        Slots = new PermitQueue(Math.Max(1, settings.MaxConnections));
        Writers = new PermitQueue(1);
        _inlineWrites = CommitsWithoutSync(_location, settings);

        // Open one connection now so a bad path fails at pool_open, not at the first query. In memory
        // it is the keeper; on disk it becomes the first idle connection.
        SqliteConnection first;
        try
        {
            first = OpenConnection();
        }
        catch
        {
            ReturnMemoryName();
            throw;
        }

        if (_location.InMemory)
        {
            _keeper = first;
        }
        else
        {
            var session = NewSession(first);
            session.ReleasedAt = Stopwatch.GetTimestamp();
            _idle.AddFirst(session);
            _open = 1;
        }
    }

    public string Name { get; }

    public PoolSettings Settings { get; }

    public PermitQueue Slots { get; }

    /// <summary>SQLite has one writer per database: transactions (<c>BEGIN IMMEDIATE</c>) and writes queue here.</summary>
    public PermitQueue? Writers { get; }

    /// <summary>
    /// <c>busy_timeout</c>: the writer permit is this process's share of SQLite's write lock, so a
    /// write waits for it as long as it would wait for the lock (0: not at all).
    /// </summary>
    public TimeSpan WriterTimeout => TimeSpan.FromMilliseconds(Settings.SqliteBusyTimeoutMs);

    /// <summary>Connections open now, idle or in use (the in-memory keeper not counted).</summary>
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

    /// <summary>Re-prepares on the statements of the idle connections; for tests and diagnostics.</summary>
    internal long IdleStatementReprepares
    {
        get
        {
            lock (_gate)
            {
                return _idle.Sum(session => session.StatementReprepares);
            }
        }
    }

    /// <summary>Statements remembered as too slow to run inline; for tests and diagnostics.</summary>
    internal int InlineBackoffCount => _inlineBackoff.Count;

    public IConnectionSession Acquire()
    {
        ThrowIfClosed();
        return PoolSlots.Acquire(this);
    }

    public IConnectionSession OpenSession()
    {
        lock (_gate)
        {
            if (_closed)
            {
                throw Closed();
            }

            PruneIdle();
            if (_idle.First is { } node)
            {
                _idle.RemoveFirst();
                return node.Value;
            }

            _open++;
        }

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

    /// <summary>An idle session, or null; never waits and never opens a connection (that takes milliseconds).</summary>
    public IConnectionSession? TryAcquireInline()
    {
        if (Volatile.Read(ref _closed) || !Slots.TryTake())
        {
            return null;
        }

        lock (_gate)
        {
            if (!_closed && _idle.First is { } node)
            {
                _idle.RemoveFirst();
                return node.Value;
            }
        }

        Slots.Release();
        return null;
    }

    public void Release(IConnectionSession session)
    {
        var sqlite = (SqliteSession)session;
        if (sqlite.InTransaction)
        {
            try
            {
                sqlite.Rollback();
            }
            catch (OxydeException)
            {
                Discard(sqlite);
                Slots.Release();
                return;
            }
        }

        var dispose = false;
        lock (_gate)
        {
            if (_closed)
            {
                dispose = true;
                _open--;
            }
            else
            {
                sqlite.ReleasedAt = Stopwatch.GetTimestamp();
                _idle.AddFirst(sqlite);
                PruneIdle();
            }
        }

        if (dispose)
        {
            sqlite.Dispose();
        }

        Slots.Release();
    }

    public void Dispose()
    {
        List<SqliteSession> idle;
        bool allClosed;
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
            allClosed = _open == 0;
        }

        Slots.Close(Closed());
        Writers?.Close(Closed());
        foreach (var session in idle)
        {
            session.Dispose();
        }

        _keeper?.Dispose();

        // A session still out closes when released; its database name is then simply not reused.
        if (allClosed)
        {
            ReturnMemoryName();
        }
    }

    private void ReturnMemoryName()
    {
        if (_memoryName is not null)
        {
            SqliteMemoryNames.Return(_memoryName);
        }
    }

    private void Discard(SqliteSession session)
    {
        lock (_gate)
        {
            _open--;
        }

        session.Dispose();
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

    private SqliteSession NewSession(SqliteConnection connection) =>
        new(new SqliteConnector(connection, _dialect, Settings.SqliteBusyTimeoutMs), _renderer, _log, Name, Settings.SqliteBusyTimeoutMs, _inlineBackoff, _inlineWrites);

    private SqliteConnection OpenConnection()
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            connection.Open();
            ApplyPragmas(connection);
            Functions.SqliteFunctions.Register(connection.Handle!.DangerousGetHandle());
            return connection;
        }
        catch (SqliteException e)
        {
            connection.Dispose();
            var where = _location.Path ?? ":memory:";
            throw new OxydeException(
                ErrorCode.ConnectionFailed,
                $"cannot open SQLite database {where}: {e.Message}",
                new Dictionary<string, string> { ["path"] = where, ["pool"] = Name, ["sqlite_code"] = e.SqliteExtendedErrorCode.ToString(CultureInfo.InvariantCulture) },
                e);
        }
    }

    private void ApplyPragmas(SqliteConnection connection)
    {
        var pragmas = new List<string>(5);
        if (!_location.InMemory && !_location.ReadOnly)
        {
            pragmas.Add($"PRAGMA journal_mode = {Settings.SqliteJournalMode.ToUpperInvariant()}");
        }

        pragmas.Add($"PRAGMA synchronous = {Settings.SqliteSynchronous.ToUpperInvariant()}");
        pragmas.Add(string.Create(CultureInfo.InvariantCulture, $"PRAGMA cache_size = {Settings.SqliteCacheSize}"));
        pragmas.Add(string.Create(CultureInfo.InvariantCulture, $"PRAGMA busy_timeout = {Settings.SqliteBusyTimeoutMs}"));
        pragmas.Add($"PRAGMA foreign_keys = {(Settings.SqliteForeignKeys ? "ON" : "OFF")}");
        using var command = connection.CreateCommand();
        foreach (var pragma in pragmas)
        {
            // Pragma values are validated names and integers, never user text (ValidatePragmas).
            command.CommandText = pragma;
            command.ExecuteNonQuery();
        }
    }

    /// <summary>
    /// Whether a commit writes without fsync, so an autocommit write may run on the caller's thread:
    /// in memory, <c>synchronous=OFF</c>, or WAL with <c>synchronous=NORMAL</c> (the default), where
    /// only checkpoints sync (https://www.sqlite.org/pragma.html#pragma_synchronous).
    /// </summary>
    private static bool CommitsWithoutSync(SqliteLocation location, PoolSettings settings)
    {
        var synchronous = settings.SqliteSynchronous.ToUpperInvariant();
        return location.InMemory
            || synchronous is "OFF" or "0"
            || (settings.SqliteJournalMode.Equals("WAL", StringComparison.OrdinalIgnoreCase) && synchronous is "NORMAL" or "1");
    }

    private static void ValidatePragmas(PoolSettings settings)
    {
        if (!JournalModes.Contains(settings.SqliteJournalMode.ToUpperInvariant()))
        {
            throw new OxydeException(
                ErrorCode.IrUnknownValue,
                $"unknown sqlite_journal_mode '{settings.SqliteJournalMode}'",
                new Dictionary<string, string> { ["setting"] = "sqlite_journal_mode" });
        }

        if (!SynchronousModes.Contains(settings.SqliteSynchronous.ToUpperInvariant()))
        {
            throw new OxydeException(
                ErrorCode.IrUnknownValue,
                $"unknown sqlite_synchronous '{settings.SqliteSynchronous}'",
                new Dictionary<string, string> { ["setting"] = "sqlite_synchronous" });
        }
    }

    private void ThrowIfClosed()
    {
        if (Volatile.Read(ref _closed))
        {
            throw Closed();
        }
    }

    private OxydeException Closed() => PoolErrors.Closed(this);
}
