using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace Oxyde.Codec.Ir;

/// <summary>
/// <c>column_types</c>: column specs by column name, read-only, compared by content (so it can be part
/// of a query's cache key, see <see cref="ValueList{T}"/>). The reader keeps one instance per distinct
/// map, so the usual comparison is a reference check.
/// </summary>
internal sealed class ColumnTypeMap : IReadOnlyDictionary<string, ColumnType>, IEquatable<ColumnTypeMap>
{
    private readonly Dictionary<string, ColumnType> _types;
    private int _hash;
    private Dictionary<string, SelectItem>? _plainItems;
    private ValueList<SelectItem>? _allPlainItems;

    public ColumnTypeMap(Dictionary<string, ColumnType> types) => _types = types;

    public static ColumnTypeMap Empty { get; } = new(new Dictionary<string, ColumnType>(StringComparer.Ordinal));

    public int Count => _types.Count;

    public IEnumerable<string> Keys => _types.Keys;

    public IEnumerable<ColumnType> Values => _types.Values;

    public ColumnType this[string key] => _types[key];

    public bool ContainsKey(string key) => _types.ContainsKey(key);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out ColumnType value) => _types.TryGetValue(key, out value);

    /// <summary>
    /// The select item of <paramref name="column"/> under its own name with its spec, or null when the map
    /// has no such column. Built once per map: a model's selects share their items (no allocation per query).
    /// </summary>
    public SelectItem? PlainItem(string column) => ItemsByName().TryGetValue(column, out var item) ? item : null;

    /// <summary>Every column's item in the map's order: what a select of all the model's columns sends.</summary>
    public ValueList<SelectItem> PlainItems
    {
        get
        {
            var all = Volatile.Read(ref _allPlainItems);
            if (all is null)
            {
                all = new ValueList<SelectItem>([.. ItemsByName().Values]);
                Volatile.Write(ref _allPlainItems, all);
            }

            return all;
        }
    }

    private Dictionary<string, SelectItem> ItemsByName()
    {
        var items = Volatile.Read(ref _plainItems);
        if (items is null)
        {
            items = new Dictionary<string, SelectItem>(_types.Count, StringComparer.Ordinal);
            foreach (var (name, type) in _types)
            {
                items[name] = new SelectItem(name, new ColumnExpr(name), type);
            }

            Volatile.Write(ref _plainItems, items);
        }

        return items;
    }

    public bool Equals(ColumnTypeMap? other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        if (other is null || other._types.Count != _types.Count || GetHashCode() != other.GetHashCode())
        {
            return false;
        }

        foreach (var (column, type) in _types)
        {
            if (!other._types.TryGetValue(column, out var theirs) || !type.Equals(theirs))
            {
                return false;
            }
        }

        return true;
    }

    public override bool Equals(object? obj) => obj is ColumnTypeMap other && Equals(other);

    /// <summary>Order-independent: the map's order never changes the SQL.</summary>
    public override int GetHashCode()
    {
        if (_hash == 0)
        {
            var hash = _types.Count;
            foreach (var (column, type) in _types)
            {
                hash += HashCode.Combine(StringComparer.Ordinal.GetHashCode(column), type);
            }

            _hash = hash | 1;
        }

        return _hash;
    }

    public IEnumerator<KeyValuePair<string, ColumnType>> GetEnumerator() => _types.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _types.GetEnumerator();
}
