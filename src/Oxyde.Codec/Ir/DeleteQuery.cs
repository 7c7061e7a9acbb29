namespace Oxyde.Codec.Ir;

/// <summary><c>type: "delete"</c>.</summary>
internal sealed record DeleteQuery : IrQuery
{
    public FilterNode? Filter { get; init; }

    public override QueryKind Kind => QueryKind.Delete;
}
