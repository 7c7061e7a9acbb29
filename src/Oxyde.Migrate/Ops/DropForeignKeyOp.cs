using Oxyde.Migrate.Schema;

namespace Oxyde.Migrate.Ops;

/// <summary><c>{"type":"drop_foreign_key","table":...,"name":...,"fk_def":{...}?}</c>; <see cref="State"/> for a SQLite rebuild.</summary>
internal sealed record DropForeignKeyOp(string Table, string Name, SchemaForeignKey? FkDef) : MigrationOp
{
    public TableState? State { get; init; }

    public override string Type => "drop_foreign_key";
}
