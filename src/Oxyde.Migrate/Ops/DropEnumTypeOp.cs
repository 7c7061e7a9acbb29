namespace Oxyde.Migrate.Ops;

/// <summary><c>{"type":"drop_enum_type","name":...,"values":[...]?}</c>; <see cref="Values"/> are the old ones, to reverse it.</summary>
internal sealed record DropEnumTypeOp(string Name, IReadOnlyList<string>? Values) : MigrationOp
{
    public override string Type => "drop_enum_type";
}
