using Oxyde.Migrate.Schema;

namespace Oxyde.Migrate.Ops;

/// <summary><c>{"type":"create_table","table":{...}}</c>: the whole table, with its indexes, FKs and checks.</summary>
internal sealed record CreateTableOp(SchemaTable Table) : MigrationOp
{
    public override string Type => "create_table";
}
