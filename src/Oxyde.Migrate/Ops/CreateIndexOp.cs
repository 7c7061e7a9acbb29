using Oxyde.Migrate.Schema;

namespace Oxyde.Migrate.Ops;

/// <summary><c>{"type":"create_index","table":...,"index":{...}}</c>.</summary>
internal sealed record CreateIndexOp(string Table, SchemaIndex Index) : MigrationOp
{
    public override string Type => "create_index";
}
