namespace Oxyde.Codec.Ir;

/// <summary><c>type: "create_index"</c> on <see cref="IrQuery.Table"/>.</summary>
internal sealed record CreateIndexQuery : IrQuery
{
    public required IndexDef Index { get; init; }

    public bool IfNotExists { get; init; }

    public override QueryKind Kind => QueryKind.CreateIndex;
}
