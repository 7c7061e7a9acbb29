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

    public bool TryGet(string sql, out sqlite3_stmt statement) => _statements.TryGetValue(sql, out statement!);

    public void Add(string sql, sqlite3_stmt statement)
    {
        if (_statements.Count >= capacity && _order.TryDequeue(out var oldest) && _statements.Remove(oldest, out var evicted))
        {
            evicted.Dispose();
        }

        _statements[sql] = statement;
        _order.Enqueue(sql);
    }

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
