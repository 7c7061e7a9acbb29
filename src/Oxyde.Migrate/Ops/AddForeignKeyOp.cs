using Oxyde.Migrate.Schema;

namespace Oxyde.Migrate.Ops;

/// <summary><c>{"type":"add_foreign_key","table":...,"fk":{...}}</c>; <see cref="State"/> for a SQLite rebuild.</summary>
internal sealed record AddForeignKeyOp(string Table, SchemaForeignKey Fk) : MigrationOp
{
    public TableState? State { get; init; }

    public override string Type => "add_foreign_key";
}
