namespace Oxyde.Codec.Ir;

/// <summary><c>type: "drop_table"</c>.</summary>
internal sealed record DropTableQuery : IrQuery
{
    public bool IfExists { get; init; }

    public override QueryKind Kind => QueryKind.DropTable;
}
