namespace Oxyde.Codec.Ir;

/// <summary><c>type: "select"</c>.</summary>
internal sealed record SelectQuery : IrQuery
{
    /// <summary>Selected columns, in result order. Never empty (Python always names them).</summary>
    public required IReadOnlyList<string> Columns { get; init; }

    public FilterNode? Filter { get; init; }

    public IReadOnlyList<OrderTerm> OrderBy { get; init; } = [];

    /// <summary>Index into <see cref="IrQuery.Values"/> of the LIMIT value, or -1.</summary>
    public int LimitValue { get; init; } = -1;

    /// <summary>Index into <see cref="IrQuery.Values"/> of the OFFSET value, or -1.</summary>
    public int OffsetValue { get; init; } = -1;

    public bool Distinct { get; init; }

    public SelectResult Result { get; init; } = SelectResult.Rows;

    public override QueryKind Kind => QueryKind.Select;
}
