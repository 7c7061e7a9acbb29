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

    /// <summary>What a row colliding with a stored unique key does instead of failing (an upsert), or null.</summary>
    public OnConflict? OnConflict { get; init; }

    /// <summary>
    /// The column a dialect without RETURNING reads the rows back by: the primary key, or an upsert's
    /// conflict column (an updated row keeps its key, which the insert did not generate); null when there
    /// is none, or the upsert names several conflict columns.
    /// </summary>
    public string? ReadBackKey => OnConflict switch
    {
        null => PrimaryKey,
        { Columns.Count: 1 } conflict => conflict.Columns[0],
        _ => null,
    };

    public override QueryKind Kind => QueryKind.Insert;
}
