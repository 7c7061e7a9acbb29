namespace Oxyde.Codec.Ir;

/// <summary><c>type: "update"</c>: <c>values</c> (plain) and <c>expressions</c> (F trees) become SET items.</summary>
internal sealed record UpdateQuery : IrQuery
{
    public required ValueList<Assignment> Assignments { get; init; }

    public FilterNode? Filter { get; init; }

    public ValueList<string> Returning { get; init; } = [];

    /// <summary>
    /// The model's primary-key column, when the model has one: where a dialect has no RETURNING
    /// (MySQL), the returned rows are read back by it.
    /// </summary>
    public string? PrimaryKey { get; init; }

    public override QueryKind Kind => QueryKind.Update;
}
