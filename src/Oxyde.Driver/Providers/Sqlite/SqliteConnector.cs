using Microsoft.Data.Sqlite;
using Oxyde.Codec.Errors;
using Oxyde.Driver.Execution;
using Oxyde.Query;
using Oxyde.Query.Dialects;
using SQLitePCL;

namespace Oxyde.Driver.Providers.Sqlite;

/// <summary>
/// One SQLite connection as the shared executor runs it: Microsoft.Data.Sqlite opens it, statements go
/// through its SQLitePCLRaw handle on cached prepared statements (<see cref="SqliteCursor"/>).
/// </summary>
internal sealed class SqliteConnector : ISqlConnection
{
    private const int StatementCacheCapacity = 256;

    private readonly SqliteConnection _connection;
    private readonly SqliteStatementCache _statements = new(StatementCacheCapacity);

    public SqliteConnector(SqliteConnection connection, SqlDialect dialect, int busyTimeoutMs)
    {
        _connection = connection;
        Handle = connection.Handle ?? throw new InvalidOperationException("the SQLite connection is not open");
        Dialect = dialect;
        BusyTimeout = TimeSpan.FromMilliseconds(busyTimeoutMs);
    }

    public SqlDialect Dialect { get; }

    public sqlite3 Handle { get; }

    /// <summary>How long a statement waits on a lock: the busy timeout, or zero during an inline attempt.</summary>
    public TimeSpan BusyTimeout { get; set; }

    /// <summary>Whether SQLite itself has a transaction open (also one SQLite rolled back on its own is seen as closed).</summary>
    public bool InTransaction => !SqliteNative.Autocommit(Handle.DangerousGetHandle());

    /// <summary>Re-prepares SQLite did on this connection's cached statements (see <see cref="SqliteStatementCache.Reprepares"/>).</summary>
    public long StatementReprepares => _statements.Reprepares;

    public ISqlCursor Open(SqlStatement statement) =>
        SqliteCursor.Open(Handle, _statements, statement.Sql, statement.Parameters, BusyTimeout);

    /// <summary>A statement outside the cache: a cached one would be reset by the next use of the same SQL, or finalized when evicted, part way through the stream.</summary>
    public ISqlCursor OpenStream(SqlStatement statement) =>
        SqliteCursor.OpenUncached(Handle, statement.Sql, statement.Parameters, BusyTimeout);

    public bool InterleavesStatements => true;

    public ISqlCursor OpenRaw(SqlStatement statement)
    {
        var cursor = SqliteCursor.Open(Handle, _statements, statement.Sql, statement.Parameters, BusyTimeout);
        if (cursor.Tail is { } tail && SqliteCursor.HoldsStatement(Handle, tail))
        {
            cursor.Dispose();
            throw new OxydeException(
                ErrorCode.UnsupportedFeature,
                "execute_raw runs one statement and this SQL holds more; run scripts with execute_script",
                new Dictionary<string, string> { ["feature"] = "multiple_statements", ["dialect"] = "sqlite" });
        }

        return cursor;
    }

    public long RunScript(string script) => SqliteCursor.RunScript(Handle, script, BusyTimeout);

    public void Exec(string sql) => SqliteCursor.Exec(Handle, _statements, sql, BusyTimeout);

    /// <summary>https://www.sqlite.org/c3ref/interrupt.html: safe from any thread while the connection is open.</summary>
    public void Interrupt() => raw.sqlite3_interrupt(Handle);

    public void Dispose()
    {
        _statements.Dispose();
        _connection.Dispose();
    }
}
