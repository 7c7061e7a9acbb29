namespace Oxyde.Codec.Ir;

/// <summary><c>type: "insert"</c>, single or multi-row.</summary>
internal sealed record InsertQuery : IrQuery
{
    public required ValueList<string> Columns { get; init; }

    /// <summary>Where the rows' values are (each row has <see cref="Columns"/>.Count of them).</summary>
    public required InsertRows Rows { get; init; }

    /// <summary>Columns to hand back per inserted row (RETURNING where the dialect has it).</summary>
    public ValueList<string> Returning { get; init; } = [];

    /// <summary>
    /// The model's primary-key column, when the model has one: where a dialect has no RETURNING
    /// (MySQL), the returned rows are read back by it.
    /// </summary>
    public string? PrimaryKey { get; init; }

    public override QueryKind Kind => QueryKind.Insert;
}
