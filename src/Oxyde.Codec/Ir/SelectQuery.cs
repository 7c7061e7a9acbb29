namespace Oxyde.Codec.Ir;

/// <summary><c>type: "select"</c> (docs/ir-protocol.md).</summary>
internal sealed record SelectQuery : IrQuery
{
    /// <summary>Output columns, in result order. Never empty (Python always names them).</summary>
    public required ValueList<SelectItem> Columns { get; init; }

    public ValueList<JoinClause> Joins { get; init; } = [];

    public FilterNode? Filter { get; init; }

    public ValueList<Expr> GroupBy { get; init; } = [];

    public FilterNode? Having { get; init; }

    public ValueList<OrderTerm> OrderBy { get; init; } = [];

    /// <summary>Index into <see cref="IrQuery.Values"/> of the LIMIT value, or -1.</summary>
    public int LimitValue { get; init; } = -1;

    /// <summary>The LIMIT number itself (a dialect may write it as a literal), or -1.</summary>
    public long Limit { get; init; } = -1;

    /// <summary>Index into <see cref="IrQuery.Values"/> of the OFFSET value, or -1.</summary>
    public int OffsetValue { get; init; } = -1;

    /// <summary>The OFFSET number itself, or -1.</summary>
    public long Offset { get; init; } = -1;

    public bool Distinct { get; init; }

    public SelectResult Result { get; init; } = SelectResult.Rows;

    public LockClause? Lock { get; init; }

    public ValueList<UnionPart> Unions { get; init; } = [];

    public override QueryKind Kind => QueryKind.Select;
}
