namespace Oxyde.Migrate.Ops;

/// <summary>
/// <c>{"type":"add_enum_value","name":...,"value":...,"fields":[...]?}</c>: one value appended to an
/// enum; <see cref="Fields"/> are the columns using it (MySQL redefines each).
/// </summary>
internal sealed record AddEnumValueOp(string Name, string Value, IReadOnlyList<EnumFieldRef> Fields) : MigrationOp
{
    public override string Type => "add_enum_value";
}
