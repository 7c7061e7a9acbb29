using System.Collections;
using System.Runtime.CompilerServices;

namespace Oxyde.Codec.Ir;

/// <summary>
/// An immutable list that compares by its items. IR records hold their lists as this type, so the
/// compiler-generated record equality covers whole trees: a parsed query is its own cache key
/// (<see cref="IrQuery"/>), and no part of it can be left out of the key by mistake.
/// </summary>
[CollectionBuilder(typeof(ValueList), nameof(ValueList.Create))]
internal sealed class ValueList<T> : IReadOnlyList<T>, IEquatable<ValueList<T>>
{
    private readonly T[] _items;
    private int _hash;

    public ValueList(T[] items) => _items = items;

    public static ValueList<T> Empty { get; } = new([]);

    public int Count => _items.Length;

    public T this[int index] => _items[index];

    public static implicit operator ValueList<T>(T[] items) => items.Length == 0 ? Empty : new(items);

    public static implicit operator ValueList<T>(List<T> items) => items.Count == 0 ? Empty : new(items.ToArray());

    public bool Equals(ValueList<T>? other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        if (other is null || other._items.Length != _items.Length || (_hash != 0 && other._hash != 0 && _hash != other._hash))
        {
            return false;
        }

        var comparer = EqualityComparer<T>.Default;
        for (var i = 0; i < _items.Length; i++)
        {
            if (!comparer.Equals(_items[i], other._items[i]))
            {
                return false;
            }
        }

        return true;
    }

    public override bool Equals(object? obj) => obj is ValueList<T> other && Equals(other);

    public override int GetHashCode()
    {
        if (_hash == 0)
        {
            var hash = new HashCode();
            hash.Add(_items.Length);
            foreach (var item in _items)
            {
                hash.Add(item);
            }

            _hash = hash.ToHashCode() | 1;
        }

        return _hash;
    }

    public ReadOnlySpan<T> AsSpan() => _items;

    public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)_items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _items.GetEnumerator();
}

/// <summary>Builds <see cref="ValueList{T}"/> from collection expressions (<c>[]</c>, <c>[a, b]</c>).</summary>
internal static class ValueList
{
    public static ValueList<T> Create<T>(ReadOnlySpan<T> items) => items.IsEmpty ? ValueList<T>.Empty : new(items.ToArray());
}
