using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using MessagePack;
using Oxyde.Codec.Errors;
using Oxyde.Codec.Ir;
using Oxyde.Driver.Execution;
using SQLitePCL;

namespace Oxyde.Driver.Providers.Sqlite;

/// <summary>
/// One statement of a SQL text, bound and stepped through the C API directly (<see cref="SqliteNative"/>;
/// SQLitePCLRaw prepares and finalizes): parameters bind by position (SQLite numbers bare <c>?</c>
/// itself), columns are read without boxing, text and blobs as spans. Microsoft.Data.Sqlite binds by
/// name, which SQLite resolves with a linear scan per parameter: quadratic for a 32,766-parameter
/// bulk insert chunk.
/// </summary>
internal sealed class SqliteCursor : ISqlCursor
{
    private const int RetrySleepMs = 1;

    /// <summary>Strings up to this many UTF-8 bytes are encoded on the stack for binding.</summary>
    private const int StackTextBytes = 512;

    private readonly sqlite3 _db;
    private readonly nint _dbHandle;
    private readonly sqlite3_stmt _statement;
    private readonly nint _stmt;
    private readonly bool _cached;
    private readonly TimeSpan _busyTimeout;
    private readonly long _totalChangesBefore;
    private bool _sawRow;

    /// <summary>Set once a step returned SQLITE_DONE: stepping again would run the statement again (auto-reset).</summary>
    private bool _done;

    private SqliteCursor(sqlite3 db, sqlite3_stmt statement, bool cached, TimeSpan busyTimeout, string? tail)
    {
        // The raw handles stay valid while the session holds the connection and this statement
        // (cached, or finalized only by Dispose), so no per-call SafeHandle reference counting.
        _db = db;
        _dbHandle = db.DangerousGetHandle();
        _statement = statement;
        _stmt = statement.DangerousGetHandle();
        _cached = cached;
        _busyTimeout = busyTimeout;
        Tail = tail;
        _totalChangesBefore = SqliteNative.TotalChanges(_dbHandle);
    }

    /// <summary>SQL left after this statement (only comments, or more statements), or null.</summary>
    public string? Tail { get; }

    public int ColumnCount => SqliteNative.ColumnCount(_stmt);

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

    /// <summary>Prepares the first statement of <paramref name="sql"/> outside any cache (finalized on dispose) and binds <paramref name="parameters"/>.</summary>
    public static SqliteCursor OpenUncached(sqlite3 db, string sql, ReadOnlySpan<object?> parameters, TimeSpan busyTimeout)
    {
        var statement = Prepare(db, sql, busyTimeout, out var tail);
        var cursor = new SqliteCursor(db, statement, cached: false, busyTimeout, string.IsNullOrWhiteSpace(tail) ? null : tail);
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
        if (_done)
        {
            return false;
        }

        var started = 0L;
        while (true)
        {
            var rc = SqliteNative.Step(_stmt);
            if (rc == SqliteNative.Row)
            {
                _sawRow = true;
                return true;
            }

            if (rc == SqliteNative.Done)
            {
                _done = true;
                return false;
            }

            if (!_sawRow && IsLocked(rc) && WaitMore(ref started, _busyTimeout))
            {
                SqliteNative.Reset(_stmt);
                continue;
            }

            throw Error(_db, rc);
        }
    }

    /// <summary>
    /// Rows this statement changed, once stepped to the end: 0 for a read-only statement or one that
    /// changed nothing (DDL), where <c>sqlite3_changes</c> would still report an earlier statement.
    /// </summary>
    public int Affected => SqliteNative.StatementReadOnly(_stmt) || SqliteNative.TotalChanges(_dbHandle) == _totalChangesBefore
        ? 0
        : SqliteNative.Changes(_dbHandle);

    public int WriteRows(ref MessagePackWriter writer, scoped ReadOnlySpan<ColumnTypeKind?> kinds) =>
        SqliteRowWriter.WriteRows(ref writer, this, kinds);

    public int WriteRows(ref MessagePackWriter writer, scoped ReadOnlySpan<ColumnTypeKind?> kinds, int limit) =>
        SqliteRowWriter.WriteRows(ref writer, this, kinds, limit);

    public long? ReadInt64() => Step() ? Int64(0) : null;

    public long Complete()
    {
        while (Step())
        {
        }

        return Affected;
    }

    public string ColumnName(int ordinal) => raw.sqlite3_column_name(_statement, ordinal).utf8_to_string();

    public int ColumnType(int ordinal) => SqliteNative.ColumnType(_stmt, ordinal);

    public long Int64(int ordinal) => SqliteNative.ColumnInt64(_stmt, ordinal);

    public double Double(int ordinal) => SqliteNative.ColumnDouble(_stmt, ordinal);

    /// <summary>The value as bytes: a blob as is, text as UTF-8 (numbers converted to text by SQLite).</summary>
    public ReadOnlySpan<byte> Bytes(int ordinal) => SqliteNative.ColumnBytes(_stmt, ordinal);

    public void Dispose()
    {
        if (_cached)
        {
            SqliteNative.Reset(_stmt);
            SqliteNative.ClearBindings(_stmt);
        }
        else
        {
            _statement.Dispose();
        }
    }

    public static OxydeException Error(sqlite3 db, int rc)
    {
        var extended = raw.sqlite3_extended_errcode(db);
        var message = raw.sqlite3_errmsg(db).utf8_to_string() ?? "SQLite error";
        return new SqliteFailure(rc, extended, message).ToException();
    }

    /// <summary>
    /// Runs every statement of <paramref name="script"/> in order, without parameters, for their
    /// effects (rows are stepped over); returns the rows they changed. A failing statement stops the
    /// script: the ones before it stay done.
    /// </summary>
    public static long RunScript(sqlite3 db, string script, TimeSpan busyTimeout)
    {
        long affected = 0;
        var rest = script;
        while (!string.IsNullOrWhiteSpace(rest))
        {
            var statement = PrepareOrNull(db, rest, prepareFlags: 0, busyTimeout, out var tail);
            if (tail.Length >= rest.Length)
            {
                statement?.Dispose();
                break;
            }

            rest = tail;
            if (statement is null)
            {
                continue;
            }

            using var cursor = new SqliteCursor(db, statement, cached: false, busyTimeout, tail: null);
            while (cursor.Step())
            {
            }

            affected += cursor.Affected;
        }

        return affected;
    }

    /// <summary>
    /// Whether <paramref name="sql"/> (the text after a first statement) holds another statement:
    /// whitespace, semicolons and comments do not count; text SQLite cannot prepare does. Nothing runs.
    /// </summary>
    public static bool HoldsStatement(sqlite3 db, string sql)
    {
        var rest = sql;
        while (!string.IsNullOrWhiteSpace(rest))
        {
            var rc = raw.sqlite3_prepare_v3(db, rest, 0, out var statement, out var tail);
            using (statement)
            {
                if (rc != raw.SQLITE_OK || statement is { IsInvalid: false } || tail.Length >= rest.Length)
                {
                    return true;
                }
            }

            rest = tail;
        }

        return false;
    }

    private static sqlite3_stmt Prepare(sqlite3 db, string sql, TimeSpan busyTimeout, out string tail) =>
        PrepareOrNull(db, sql, raw.SQLITE_PREPARE_PERSISTENT, busyTimeout, out tail)
            ?? throw new OxydeException(ErrorCode.Database, "the SQL text holds no statement");

    /// <summary>The first statement of <paramref name="sql"/>, or null when it holds only whitespace, semicolons or comments.</summary>
    private static sqlite3_stmt? PrepareOrNull(sqlite3 db, string sql, uint prepareFlags, TimeSpan busyTimeout, out string tail)
    {
        var started = 0L;
        while (true)
        {
            var rc = raw.sqlite3_prepare_v3(db, sql, prepareFlags, out var statement, out tail);
            if (rc == raw.SQLITE_OK)
            {
                if (statement is null || statement.IsInvalid)
                {
                    statement?.Dispose();
                    return null;
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
        var expected = SqliteNative.BindParameterCount(_stmt);
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
                null or DBNull => SqliteNative.BindNull(_stmt, index),
                long l => SqliteNative.BindInt64(_stmt, index, l),
                int n => SqliteNative.BindInt64(_stmt, index, n),
                bool b => SqliteNative.BindInt64(_stmt, index, b ? 1 : 0),
                double d => SqliteNative.BindDouble(_stmt, index, d),
                float f => SqliteNative.BindDouble(_stmt, index, f),
                string s => BindText(index, s),
                byte[] bytes => SqliteNative.BindBlob(_stmt, index, bytes),
                Guid g => BindText(index, g.ToString("D")),
                IFormattable value => BindText(index, value.ToString(null, CultureInfo.InvariantCulture)),
                var other => BindText(index, other.ToString() ?? string.Empty),
            };
            if (rc != SqliteNative.Ok)
            {
                throw Error(_db, rc);
            }
        }
    }

    /// <summary>Binds <paramref name="text"/> as UTF-8 (on the stack when short; SQLite copies it).</summary>
    private int BindText(int index, string text)
    {
        if (text.Length <= StackTextBytes / 3)
        {
            Span<byte> buffer = stackalloc byte[StackTextBytes];
            return SqliteNative.BindText(_stmt, index, buffer[..Encoding.UTF8.GetBytes(text, buffer)]);
        }

        var rented = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetByteCount(text));
        try
        {
            return SqliteNative.BindText(_stmt, index, rented.AsSpan(0, Encoding.UTF8.GetBytes(text, rented)));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
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
