using Oxyde.Migrate.Schema;

namespace Oxyde.Migrate.Ops;

/// <summary><c>{"type":"add_column","table":...,"field":{...}}</c>; <see cref="State"/> lets SQLite rebuild for a column it cannot add in place.</summary>
internal sealed record AddColumnOp(string Table, SchemaField Field) : MigrationOp
{
    public TableState? State { get; init; }

    public override string Type => "add_column";
}
