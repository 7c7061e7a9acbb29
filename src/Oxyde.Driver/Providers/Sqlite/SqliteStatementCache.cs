using SQLitePCL;

namespace Oxyde.Driver.Providers.Sqlite;

/// <summary>
/// Prepared statements of one connection keyed by SQL text (bounded, oldest finalized first). A
/// cached statement skips <c>sqlite3_prepare</c>; it is reset and its bindings cleared after each use.
/// Only single-statement texts are cached; a raw script is prepared statement by statement each time.
/// </summary>
internal sealed class SqliteStatementCache(int capacity) : IDisposable
{
    private readonly Dictionary<string, sqlite3_stmt> _statements = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();
    private long _evictedReprepares;

    /// <summary>
    /// Times SQLite re-prepared a statement of this cache on its own (schema change, or a rebound value
    /// the plan depends on), evicted ones included; for tests and diagnostics.
    /// </summary>
    public long Reprepares
    {
        get
        {
            var total = _evictedReprepares;
            foreach (var statement in _statements.Values)
            {
                total += RepreparesOf(statement);
            }

            return total;
        }
    }

    public bool TryGet(string sql, out sqlite3_stmt statement) => _statements.TryGetValue(sql, out statement!);

    public void Add(string sql, sqlite3_stmt statement)
    {
        if (_statements.Count >= capacity && _order.TryDequeue(out var oldest) && _statements.Remove(oldest, out var evicted))
        {
            _evictedReprepares += RepreparesOf(evicted);
            evicted.Dispose();
        }

        _statements[sql] = statement;
        _order.Enqueue(sql);
    }

    /// <summary>SQLITE_STMTSTATUS_REPREPARE (https://www.sqlite.org/c3ref/c_stmtstatus_counter.html).</summary>
    private static long RepreparesOf(sqlite3_stmt statement) => raw.sqlite3_stmt_status(statement, 5, 0);

    public void Dispose()
    {
        foreach (var statement in _statements.Values)
        {
            statement.Dispose();
        }

        _statements.Clear();
        _order.Clear();
    }
}
