namespace Oxyde.Codec.Ir;

/// <summary><c>type: "create_table"</c>.</summary>
internal sealed record CreateTableQuery : IrQuery
{
    public required ValueList<ColumnDef> Columns { get; init; }

    public ValueList<ForeignKeyDef> ForeignKeys { get; init; } = [];

    /// <summary>Indexes created right after the table (same call).</summary>
    public ValueList<IndexDef> Indexes { get; init; } = [];

    /// <summary>Table-level CHECK constraints, rendered inside the CREATE TABLE.</summary>
    public ValueList<CheckDef> Checks { get; init; } = [];

    public bool IfNotExists { get; init; }

    public override QueryKind Kind => QueryKind.CreateTable;
}
