namespace Oxyde.Migrate.Schema;

/// <summary>
/// A field's <c>column_type</c>: <c>{"kind":"string","length":100}</c>, <c>{"kind":"decimal","precision":10,"scale":2}</c>,
/// <c>{"kind":"enum","name":"status_enum","values":["a","b"]}</c>, <c>{"kind":"array","item":{...}}</c>.
/// Equality is by value (the differ compares specs).
/// </summary>
internal sealed record ColumnSpec(ColumnSpecKind Kind)
{
    public int? Length { get; init; }

    public int? Precision { get; init; }

    public int? Scale { get; init; }

    /// <summary>The enum type's name (<c>kind: enum</c>).</summary>
    public string? EnumName { get; init; }

    /// <summary>The enum's values in order (<c>kind: enum</c>).</summary>
    public IReadOnlyList<string>? EnumValues { get; init; }

    /// <summary>The element spec (<c>kind: array</c>).</summary>
    public ColumnSpec? Item { get; init; }

    /// <summary>The spec with an enum's values replaced (the enum itself or an array's element).</summary>
    public ColumnSpec WithEnumValues(IReadOnlyList<string> values) => Kind switch
    {
        ColumnSpecKind.Enum => this with { EnumValues = values },
        ColumnSpecKind.Array when Item is not null => this with { Item = Item.WithEnumValues(values) },
        _ => this,
    };

    /// <summary>The enum spec this spec is or holds (an array of enums), or null.</summary>
    public ColumnSpec? Enum => Kind switch
    {
        ColumnSpecKind.Enum => this,
        ColumnSpecKind.Array => Item?.Enum,
        _ => null,
    };

    public bool Equals(ColumnSpec? other) =>
        other is not null
        && Kind == other.Kind
        && Length == other.Length
        && Precision == other.Precision
        && Scale == other.Scale
        && EnumName == other.EnumName
        && SequenceEqual(EnumValues, other.EnumValues)
        && Equals(Item, other.Item);

    public override int GetHashCode() => HashCode.Combine(Kind, Length, Precision, Scale, EnumName, Item);

    internal static bool SequenceEqual(IReadOnlyList<string>? a, IReadOnlyList<string>? b) =>
        a is null ? b is null : b is not null && a.SequenceEqual(b, StringComparer.Ordinal);
}
