namespace Oxyde.Codec.Ir;

/// <summary><c>type: "drop_index"</c> (MySQL needs the table, so <see cref="IrQuery.Table"/> is kept).</summary>
internal sealed record DropIndexQuery : IrQuery
{
    public required string Name { get; init; }

    public bool IfExists { get; init; }

    public override QueryKind Kind => QueryKind.DropIndex;
}
