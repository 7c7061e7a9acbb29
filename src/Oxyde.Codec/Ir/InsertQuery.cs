namespace Oxyde.Codec.Ir;

/// <summary><c>type: "insert"</c>, single or multi-row.</summary>
internal sealed record InsertQuery : IrQuery
{
    public required IReadOnlyList<string> Columns { get; init; }

    /// <summary>Rows of value indexes (each row has <see cref="Columns"/>.Count entries).</summary>
    public required IReadOnlyList<int[]> Rows { get; init; }

    /// <summary>Columns to hand back per inserted row (RETURNING where the dialect has it).</summary>
    public IReadOnlyList<string> Returning { get; init; } = [];

    public override QueryKind Kind => QueryKind.Insert;
}
