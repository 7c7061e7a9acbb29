namespace Oxyde.Codec.Ir;

/// <summary><c>type: "update"</c>: <c>values</c> (plain) and <c>expressions</c> (F trees) become SET items.</summary>
internal sealed record UpdateQuery : IrQuery
{
    public required IReadOnlyList<Assignment> Assignments { get; init; }

    public FilterNode? Filter { get; init; }

    public IReadOnlyList<string> Returning { get; init; } = [];

    public override QueryKind Kind => QueryKind.Update;
}
