namespace Oxyde.Migrate.Ops;

/// <summary><c>{"type":"rename_table","old_name":...,"new_name":...}</c>.</summary>
internal sealed record RenameTableOp(string OldName, string NewName) : MigrationOp
{
    public override string Type => "rename_table";
}
