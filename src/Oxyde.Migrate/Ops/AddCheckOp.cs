using Oxyde.Migrate.Schema;

namespace Oxyde.Migrate.Ops;

/// <summary><c>{"type":"add_check","table":...,"check":{...}}</c>; <see cref="State"/> for a SQLite rebuild.</summary>
internal sealed record AddCheckOp(string Table, SchemaCheck Check) : MigrationOp
{
    public TableState? State { get; init; }

    public override string Type => "add_check";
}
