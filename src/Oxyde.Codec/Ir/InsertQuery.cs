namespace Oxyde.Codec.Ir;

/// <summary><c>type: "insert"</c>, single or multi-row.</summary>
internal sealed record InsertQuery : IrQuery
{
    public required IReadOnlyList<string> Columns { get; init; }

    /// <summary>Rows of value indexes (each row has <see cref="Columns"/>.Count entries).</summary>
    public required IReadOnlyList<int[]> Rows { get; init; }

    /// <summary>Columns to hand back per inserted row (RETURNING where the dialect has it).</summary>
    public IReadOnlyList<string> Returning { get; init; } = [];

    /// <summary>
    /// The model's primary-key column, when the model has one: where a dialect has no RETURNING
    /// (MySQL), the returned rows are read back by it.
    /// </summary>
    public string? PrimaryKey { get; init; }

    public override QueryKind Kind => QueryKind.Insert;
}
