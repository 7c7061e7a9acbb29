namespace Oxyde.Migrate.Ops;

/// <summary>
/// <c>{"type":"alter_enum_type","name":...,"old_values":[...],"new_values":[...]}</c>: values removed or
/// reordered. No database can do that in place without a data decision, so it renders no SQL (as in
/// Oxyde): the migration file guards it with <c>ctx.require_manual</c> and the user writes the SQL.
/// </summary>
internal sealed record AlterEnumTypeOp(string Name, IReadOnlyList<string> OldValues, IReadOnlyList<string> NewValues) : MigrationOp
{
    public override string Type => "alter_enum_type";
}
