using System.Collections.Concurrent;

namespace Oxyde.Driver.Pools;

/// <summary>
/// Remembers statements that ran past the inline budget, so the next runs of the same SQL go
/// straight to a worker instead of paying for an interrupted attempt first. A miss skips the next
/// 16 runs, doubling per consecutive miss up to 4096; a run that fits forgets the statement.
/// Bounded: past <see cref="Capacity"/> statements it starts over.
/// </summary>
internal sealed class InlineBackoff
{
    public const int Capacity = 512;

    private const int FirstSkip = 16;
    private const int MaxSkip = 4096;

    private readonly ConcurrentDictionary<string, Entry> _slow = new(StringComparer.Ordinal);

    /// <summary>Statements currently remembered as slow.</summary>
    public int Count => _slow.Count;

    /// <summary>Whether <paramref name="sql"/> should skip its inline attempt this time (counts the skip).</summary>
    public bool ShouldSkip(string sql)
    {
        // TryGetValue is lock-free; ConcurrentDictionary.IsEmpty takes every lock when it is empty,
        // which is the usual case here, on every inline attempt.
        return _slow.TryGetValue(sql, out var entry) && Interlocked.Decrement(ref entry.Skip) >= 0;
    }

    /// <summary><paramref name="sql"/> ran past the budget.</summary>
    public void Missed(string sql)
    {
        if (_slow.Count >= Capacity)
        {
            _slow.Clear();
        }

        var entry = _slow.GetOrAdd(sql, static _ => new Entry());
        var skip = Math.Min(MaxSkip, FirstSkip << Math.Min(Interlocked.Increment(ref entry.Misses) - 1, 8));
        Volatile.Write(ref entry.Skip, skip);
    }

    /// <summary><paramref name="sql"/> fitted the budget.</summary>
    public void Fitted(string sql)
    {
        // TryRemove locks even for a missing key; look first (lock-free) since most SQL was never slow.
        if (_slow.TryGetValue(sql, out _))
        {
            _slow.TryRemove(sql, out _);
        }
    }

    private sealed class Entry
    {
        public int Skip;
        public int Misses;
    }
}
