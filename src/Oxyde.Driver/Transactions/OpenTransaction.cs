using Oxyde.Driver.Pools;

namespace Oxyde.Driver.Transactions;

/// <summary>
/// A transaction's connection, held out of its pool until commit or rollback. <see cref="Gate"/>
/// serializes calls on one transaction; <see cref="Finished"/> is only read and written under it.
/// </summary>
internal sealed class OpenTransaction(long id, IConnectionPool pool, IConnectionSession session, long startedAt)
{
    private readonly HashSet<string> _savepoints = new(StringComparer.Ordinal);
    private readonly List<string> _savepointOrder = [];

    public long Id { get; } = id;

    public IConnectionPool Pool { get; } = pool;

    public IConnectionSession Session { get; } = session;

    /// <summary><see cref="System.Diagnostics.Stopwatch"/> timestamp of the begin.</summary>
    public long StartedAt { get; } = startedAt;

    public Lock Gate { get; } = new();

    public bool Finished { get; set; }

    public bool HasSavepoint(string name) => _savepoints.Contains(name);

    public void AddSavepoint(string name)
    {
        if (_savepoints.Add(name))
        {
            _savepointOrder.Add(name);
        }
        else
        {
            // SQLite allows repeating a name; the newest one is the target, and it nests after the rest.
            _savepointOrder.Remove(name);
            _savepointOrder.Add(name);
        }
    }

    /// <summary>Forgets savepoints created after <paramref name="name"/>, and <paramref name="name"/> too when <paramref name="inclusive"/>.</summary>
    public void DropSavepointsFrom(string name, bool inclusive)
    {
        var index = _savepointOrder.LastIndexOf(name);
        if (index < 0)
        {
            return;
        }

        var from = inclusive ? index : index + 1;
        foreach (var dropped in _savepointOrder.Skip(from))
        {
            _savepoints.Remove(dropped);
        }

        _savepointOrder.RemoveRange(from, _savepointOrder.Count - from);
    }
}
