namespace Oxyde.Codec.Ir;

/// <summary>
/// A column spec: <c>{"kind":"string","length":100}</c>, <c>{"kind":"decimal","precision":10,"scale":2}</c>,
/// <c>{"kind":"enum","name":"status_enum","values":[...]}</c>, <c>{"kind":"array","item":{...}}</c>.
/// </summary>
internal sealed record ColumnType(ColumnTypeKind Kind)
{
    public int? Length { get; init; }

    public int? Precision { get; init; }

    public int? Scale { get; init; }

    public string? EnumName { get; init; }

    public ValueList<string>? EnumValues { get; init; }

    public ColumnType? Item { get; init; }

    /// <summary>Verbatim SQL type from <c>db_type</c>; DDL uses it as is.</summary>
    public string? DbType { get; init; }
}
