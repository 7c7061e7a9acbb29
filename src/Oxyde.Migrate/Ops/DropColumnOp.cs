using Oxyde.Migrate.Schema;

namespace Oxyde.Migrate.Ops;

/// <summary>
/// <c>{"type":"drop_column","table":...,"field":"name","field_def":{...}?}</c>; <see cref="FieldDef"/> is
/// the old definition, to reverse it; <see cref="State"/> lets SQLite rebuild for a column it cannot drop in place.
/// </summary>
internal sealed record DropColumnOp(string Table, string Field, SchemaField? FieldDef) : MigrationOp
{
    public TableState? State { get; init; }

    public override string Type => "drop_column";
}
