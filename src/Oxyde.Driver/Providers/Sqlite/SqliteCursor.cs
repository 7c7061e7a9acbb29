using System.Diagnostics;
using System.Globalization;
using Oxyde.Codec.Errors;
using SQLitePCL;

namespace Oxyde.Driver.Providers.Sqlite;

/// <summary>
/// One statement of a SQL text, bound and stepped through SQLitePCLRaw directly: parameters bind by
/// position (SQLite numbers bare <c>?</c> itself), columns are read without boxing, text and blobs
/// as spans. Microsoft.Data.Sqlite binds by name, which SQLite resolves with a linear scan per
/// parameter: quadratic for a 32,766-parameter bulk insert chunk.
/// </summary>
internal sealed class SqliteCursor : IDisposable
{
    private const int RetrySleepMs = 1;

    private readonly sqlite3 _db;
    private readonly bool _cached;
    private readonly TimeSpan _busyTimeout;
    private readonly long _totalChangesBefore;
    private bool _sawRow;

    private SqliteCursor(sqlite3 db, sqlite3_stmt statement, bool cached, TimeSpan busyTimeout, string? tail)
    {
        _db = db;
        Statement = statement;
        _cached = cached;
        _busyTimeout = busyTimeout;
        Tail = tail;
        _totalChangesBefore = raw.sqlite3_total_changes(db);
    }

    public sqlite3_stmt Statement { get; }

    /// <summary>SQL left after this statement (a raw script), or null.</summary>
    public string? Tail { get; }

    public int ColumnCount => raw.sqlite3_column_count(Statement);

    /// <summary>Prepares (or reuses) the first statement of <paramref name="sql"/> and binds <paramref name="parameters"/>.</summary>
    public static SqliteCursor Open(sqlite3 db, SqliteStatementCache cache, string sql, ReadOnlySpan<object?> parameters, TimeSpan busyTimeout)
    {
        SqliteCursor cursor;
        if (cache.TryGet(sql, out var cached))
        {
            cursor = new SqliteCursor(db, cached, cached: true, busyTimeout, tail: null);
        }
        else
        {
            var statement = Prepare(db, sql, busyTimeout, out var tail);
            var single = string.IsNullOrWhiteSpace(tail);
            if (single)
            {
                cache.Add(sql, statement);
            }

            cursor = new SqliteCursor(db, statement, single, busyTimeout, single ? null : tail);
        }

        try
        {
            cursor.Bind(parameters);
            return cursor;
        }
        catch
        {
            cursor.Dispose();
            throw;
        }
    }

    /// <summary>Runs a statement without parameters or rows (BEGIN, COMMIT, SAVEPOINT ...).</summary>
    public static void Exec(sqlite3 db, SqliteStatementCache cache, string sql, TimeSpan busyTimeout)
    {
        using var cursor = Open(db, cache, sql, [], busyTimeout);
        while (cursor.Step())
        {
        }
    }

    /// <summary>Advances to the next row; false when done. Waits out SQLITE_LOCKED up to the busy timeout before the first row.</summary>
    public bool Step()
    {
        var started = 0L;
        while (true)
        {
            var rc = raw.sqlite3_step(Statement);
            if (rc == raw.SQLITE_ROW)
            {
                _sawRow = true;
                return true;
            }

            if (rc == raw.SQLITE_DONE)
            {
                return false;
            }

            if (!_sawRow && IsLocked(rc) && WaitMore(ref started, _busyTimeout))
            {
                raw.sqlite3_reset(Statement);
                continue;
            }

            throw Error(_db, rc);
        }
    }

    /// <summary>
    /// Rows this statement changed, once stepped to the end: 0 for a read-only statement or one that
    /// changed nothing (DDL), where <c>sqlite3_changes</c> would still report an earlier statement.
    /// </summary>
    public int Affected => raw.sqlite3_stmt_readonly(Statement) != 0 || raw.sqlite3_total_changes(_db) == _totalChangesBefore
        ? 0
        : raw.sqlite3_changes(_db);

    public string ColumnName(int ordinal) => raw.sqlite3_column_name(Statement, ordinal).utf8_to_string();

    public int ColumnType(int ordinal) => raw.sqlite3_column_type(Statement, ordinal);

    public long Int64(int ordinal) => raw.sqlite3_column_int64(Statement, ordinal);

    public double Double(int ordinal) => raw.sqlite3_column_double(Statement, ordinal);

    /// <summary>The value as bytes: a blob as is, text as UTF-8 (numbers converted to text by SQLite).</summary>
    public ReadOnlySpan<byte> Bytes(int ordinal) => raw.sqlite3_column_blob(Statement, ordinal);

    public void Dispose()
    {
        if (_cached)
        {
            raw.sqlite3_reset(Statement);
            raw.sqlite3_clear_bindings(Statement);
        }
        else
        {
            Statement.Dispose();
        }
    }

    public static OxydeException Error(sqlite3 db, int rc)
    {
        var extended = raw.sqlite3_extended_errcode(db);
        var message = raw.sqlite3_errmsg(db).utf8_to_string() ?? "SQLite error";
        return new SqliteFailure(rc, extended, message).ToException();
    }

    private static sqlite3_stmt Prepare(sqlite3 db, string sql, TimeSpan busyTimeout, out string tail)
    {
        var started = 0L;
        while (true)
        {
            var rc = raw.sqlite3_prepare_v3(db, sql, raw.SQLITE_PREPARE_PERSISTENT, out var statement, out tail);
            if (rc == raw.SQLITE_OK)
            {
                if (statement is null || statement.IsInvalid)
                {
                    throw new OxydeException(ErrorCode.Database, "the SQL text holds no statement");
                }

                return statement;
            }

            statement?.Dispose();
            if (IsLocked(rc) && WaitMore(ref started, busyTimeout))
            {
                continue;
            }

            throw Error(db, rc);
        }
    }

    private void Bind(ReadOnlySpan<object?> parameters)
    {
        var expected = raw.sqlite3_bind_parameter_count(Statement);
        if (expected != parameters.Length)
        {
            throw new OxydeException(
                ErrorCode.Database,
                string.Create(CultureInfo.InvariantCulture, $"the statement takes {expected} parameters, {parameters.Length} given"));
        }

        for (var i = 0; i < parameters.Length; i++)
        {
            var index = i + 1;
            var rc = parameters[i] switch
            {
                null or DBNull => raw.sqlite3_bind_null(Statement, index),
                long l => raw.sqlite3_bind_int64(Statement, index, l),
                int n => raw.sqlite3_bind_int64(Statement, index, n),
                bool b => raw.sqlite3_bind_int64(Statement, index, b ? 1 : 0),
                double d => raw.sqlite3_bind_double(Statement, index, d),
                float f => raw.sqlite3_bind_double(Statement, index, f),
                string s => raw.sqlite3_bind_text(Statement, index, s),
                byte[] { Length: 0 } => raw.sqlite3_bind_zeroblob(Statement, index, 0),
                byte[] bytes => raw.sqlite3_bind_blob(Statement, index, bytes),
                Guid g => raw.sqlite3_bind_text(Statement, index, g.ToString("D")),
                IFormattable value => raw.sqlite3_bind_text(Statement, index, value.ToString(null, CultureInfo.InvariantCulture)),
                var other => raw.sqlite3_bind_text(Statement, index, other.ToString() ?? string.Empty),
            };
            if (rc != raw.SQLITE_OK)
            {
                throw Error(_db, rc);
            }
        }
    }

    private static bool IsLocked(int rc) => (rc & 0xff) == raw.SQLITE_LOCKED;

    /// <summary>
    /// busy_timeout already waits out SQLITE_BUSY inside SQLite; shared-cache (in-memory) table locks
    /// report SQLITE_LOCKED at once, so only those are retried here, until the same timeout.
    /// </summary>
    private static bool WaitMore(ref long started, TimeSpan timeout)
    {
        if (started == 0)
        {
            started = Stopwatch.GetTimestamp();
        }

        if (Stopwatch.GetElapsedTime(started) >= timeout)
        {
            return false;
        }

        Thread.Sleep(RetrySleepMs);
        return true;
    }
}
