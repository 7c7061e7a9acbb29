using Oxyde.Migrate.Schema;

namespace Oxyde.Migrate.Ops;

/// <summary><c>{"type":"drop_check","table":...,"name":...,"check_def":{...}?}</c>; <see cref="State"/> for a SQLite rebuild.</summary>
internal sealed record DropCheckOp(string Table, string Name, SchemaCheck? CheckDef) : MigrationOp
{
    public TableState? State { get; init; }

    public override string Type => "drop_check";
}
