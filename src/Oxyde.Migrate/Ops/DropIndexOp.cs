using Oxyde.Migrate.Schema;

namespace Oxyde.Migrate.Ops;

/// <summary><c>{"type":"drop_index","table":...,"name":...,"index_def":{...}?}</c>; <see cref="IndexDef"/> is the old definition.</summary>
internal sealed record DropIndexOp(string Table, string Name, SchemaIndex? IndexDef) : MigrationOp
{
    public override string Type => "drop_index";
}
