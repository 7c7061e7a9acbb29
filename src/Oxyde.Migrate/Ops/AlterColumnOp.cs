using Oxyde.Migrate.Schema;

namespace Oxyde.Migrate.Ops;

/// <summary>
/// <c>{"type":"alter_column","table":...,"old_field":{...},"new_field":{...}}</c> plus, for a SQLite
/// rebuild, the table's state (<see cref="TableState"/>: <c>table_fields</c>, ...).
/// </summary>
internal sealed record AlterColumnOp(string Table, SchemaField OldField, SchemaField NewField) : MigrationOp
{
    public TableState? State { get; init; }

    public override string Type => "alter_column";
}
