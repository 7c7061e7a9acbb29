using Oxyde.Migrate.Schema;

namespace Oxyde.Migrate.Ops;

/// <summary><c>{"type":"rename_column","table":...,"old_name":...,"new_name":...,"field_def":{...}?}</c>.</summary>
internal sealed record RenameColumnOp(string Table, string OldName, string NewName, SchemaField? FieldDef) : MigrationOp
{
    public override string Type => "rename_column";
}
