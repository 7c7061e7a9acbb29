namespace Oxyde.Migrate.Ops;

/// <summary><c>{"type":"create_enum_type","name":...,"values":[...]}</c>: a native enum type (PostgreSQL; nothing elsewhere).</summary>
internal sealed record CreateEnumTypeOp(string Name, IReadOnlyList<string> Values) : MigrationOp
{
    public override string Type => "create_enum_type";
}
