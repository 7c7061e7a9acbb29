using System.Numerics;

namespace Oxyde.Codec.Reader;

/// <summary>
/// A bounded, thread-safe map from byte strings to immutable values, looked up by span so a hit
/// allocates nothing. Direct-mapped: each key hashes to one slot and an insert replaces whatever the
/// slot held, so the cache never holds more than <see cref="Capacity"/> entries nor keys longer than
/// its limit. Entries are immutable and published with one reference write, so readers take no lock.
/// </summary>
internal sealed class ByteKeyCache<TValue>
    where TValue : class
{
    private readonly Entry?[] _slots;
    private readonly int _maxKeyBytes;

    /// <param name="capacity">Slots, a power of two.</param>
    /// <param name="maxKeyBytes">Longer keys are never kept (bounds the memory per slot).</param>
    public ByteKeyCache(int capacity, int maxKeyBytes)
    {
        if (capacity <= 0 || !BitOperations.IsPow2(capacity))
        {
            throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "a power of two");
        }

        _slots = new Entry?[capacity];
        _maxKeyBytes = maxKeyBytes;
    }

    public int Capacity => _slots.Length;

    /// <summary>Slots in use; scans the table (for tests and diagnostics).</summary>
    public int Count
    {
        get
        {
            int count = 0;
            foreach (Entry? entry in _slots)
            {
                count += entry is null ? 0 : 1;
            }

            return count;
        }
    }

    /// <summary>The value kept under exactly these bytes, or null.</summary>
    public TValue? Find(ReadOnlySpan<byte> key)
    {
        if (key.Length > _maxKeyBytes)
        {
            return null;
        }

        int hash = ByteHash.Of(key);

        // A plain read is enough: the entry was published whole by Volatile.Write (and reading the
        // element by ref would cost an array covariance check in this shared generic code).
        Entry? entry = _slots[hash & (_slots.Length - 1)];
        return entry is not null && entry.Hash == hash && key.SequenceEqual(entry.Key) ? entry.Value : null;
    }

    /// <summary>Keeps <paramref name="value"/> under a copy of <paramref name="key"/>; a key over the size limit is not kept.</summary>
    public void Add(ReadOnlySpan<byte> key, TValue value)
    {
        if (key.Length > _maxKeyBytes)
        {
            return;
        }

        int hash = ByteHash.Of(key);
        Volatile.Write(ref _slots[hash & (_slots.Length - 1)], new Entry(key.ToArray(), hash, value));
    }

    private sealed record Entry(byte[] Key, int Hash, TValue Value);
}
