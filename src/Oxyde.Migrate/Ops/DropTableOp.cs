using Oxyde.Migrate.Schema;

namespace Oxyde.Migrate.Ops;

/// <summary><c>{"type":"drop_table","name":...,"table":{...}?}</c>; <see cref="Table"/> is the old definition, to reverse it.</summary>
internal sealed record DropTableOp(string Name, SchemaTable? Table) : MigrationOp
{
    public override string Type => "drop_table";
}
