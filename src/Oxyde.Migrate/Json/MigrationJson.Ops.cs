using System.Text.Json;
using Oxyde.Migrate.Ops;

namespace Oxyde.Migrate.Json;

/// <summary>Op objects, one reader per <c>type</c>; an unknown type is an error naming it.</summary>
internal static partial class MigrationJson
{
    private static readonly string[] StateKeys = ["table_fields", "table_indexes", "table_foreign_keys", "table_checks"];

    internal static MigrationOp ReadOp(JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw MigrationFormatException.Malformed(path, "expected an op object");
        }

        var type = element.TryGetProperty("type", out var tag)
            ? JsonFields.AsString(tag, path + ".type")
            : throw MigrationFormatException.Malformed(path, "missing 'type'", "type");
        return type switch
        {
            "create_table" => Read(element, path, ["table"], f => new CreateTableOp(ReadTable(f.Required("table"), f.Child("table")))),
            "drop_table" => Read(element, path, ["name", "table"], f => new DropTableOp(
                f.RequiredString("name"),
                f.Optional("table") is { } table ? ReadTable(table, f.Child("table")) : null)),
            "rename_table" => Read(element, path, ["old_name", "new_name"], f => new RenameTableOp(f.RequiredString("old_name"), f.RequiredString("new_name"))),
            "add_column" => Read(element, path, ["table", "field", .. StateKeys], f => new AddColumnOp(
                f.RequiredString("table"),
                ReadField(f.Required("field"), f.Child("field")))
            {
                State = ReadState(f),
            }),
            "drop_column" => Read(element, path, ["table", "field", "field_def", .. StateKeys], f => new DropColumnOp(
                f.RequiredString("table"),
                f.RequiredString("field"),
                f.Optional("field_def") is { } def ? ReadField(def, f.Child("field_def")) : null)
            {
                State = ReadState(f),
            }),
            "rename_column" => Read(element, path, ["table", "old_name", "new_name", "field_def"], f => new RenameColumnOp(
                f.RequiredString("table"),
                f.RequiredString("old_name"),
                f.RequiredString("new_name"),
                f.Optional("field_def") is { } def ? ReadField(def, f.Child("field_def")) : null)),
            "alter_column" => Read(element, path, ["table", "old_field", "new_field", .. StateKeys], f => new AlterColumnOp(
                f.RequiredString("table"),
                ReadField(f.Required("old_field"), f.Child("old_field")),
                ReadField(f.Required("new_field"), f.Child("new_field")))
            {
                State = ReadState(f),
            }),
            "create_index" => Read(element, path, ["table", "index"], f => new CreateIndexOp(
                f.RequiredString("table"),
                ReadIndex(f.Required("index"), f.Child("index")))),
            "drop_index" => Read(element, path, ["table", "name", "index_def"], f => new DropIndexOp(
                f.RequiredString("table"),
                f.RequiredString("name"),
                f.Optional("index_def") is { } def ? ReadIndex(def, f.Child("index_def")) : null)),
            "add_foreign_key" => Read(element, path, ["table", "fk", .. StateKeys], f => new AddForeignKeyOp(
                f.RequiredString("table"),
                ReadForeignKey(f.Required("fk"), f.Child("fk")))
            {
                State = ReadState(f),
            }),
            "drop_foreign_key" => Read(element, path, ["table", "name", "fk_def", .. StateKeys], f => new DropForeignKeyOp(
                f.RequiredString("table"),
                f.RequiredString("name"),
                f.Optional("fk_def") is { } def ? ReadForeignKey(def, f.Child("fk_def")) : null)
            {
                State = ReadState(f),
            }),
            "add_check" => Read(element, path, ["table", "check", .. StateKeys], f => new AddCheckOp(
                f.RequiredString("table"),
                ReadCheck(f.Required("check"), f.Child("check")))
            {
                State = ReadState(f),
            }),
            "drop_check" => Read(element, path, ["table", "name", "check_def", .. StateKeys], f => new DropCheckOp(
                f.RequiredString("table"),
                f.RequiredString("name"),
                f.Optional("check_def") is { } def ? ReadCheck(def, f.Child("check_def")) : null)
            {
                State = ReadState(f),
            }),
            "create_enum_type" => Read(element, path, ["name", "values"], f => new CreateEnumTypeOp(f.RequiredString("name"), f.RequiredStrings("values"))),
            "drop_enum_type" => Read(element, path, ["name", "values"], f => new DropEnumTypeOp(f.RequiredString("name"), f.OptionalStrings("values"))),
            "add_enum_value" => Read(element, path, ["name", "value", "fields"], f => new AddEnumValueOp(
                f.RequiredString("name"),
                f.RequiredString("value"),
                f.OptionalList("fields", ReadEnumFieldRef) ?? [])),
            "alter_enum_type" => Read(element, path, ["name", "old_values", "new_values"], f => new AlterEnumTypeOp(
                f.RequiredString("name"),
                f.RequiredStrings("old_values"),
                f.RequiredStrings("new_values"))),
            _ => throw MigrationFormatException.UnknownValue(path + ".type", "migration op type", type),
        };
    }

    private static MigrationOp Read(JsonElement element, string path, ReadOnlySpan<string> keys, Func<JsonFields, MigrationOp> read) =>
        read(JsonFields.Of(element, path, [.. keys, "type"]));

    /// <summary>The table state of a rebuild: all four keys when <c>table_fields</c> is given, else none.</summary>
    private static TableState? ReadState(JsonFields f)
    {
        if (f.Optional("table_fields") is null)
        {
            foreach (var key in StateKeys)
            {
                if (f.Optional(key) is not null)
                {
                    throw MigrationFormatException.Malformed(f.Path, $"'{key}' without 'table_fields'", key);
                }
            }

            return null;
        }

        return new TableState(
            f.RequiredList("table_fields", ReadField),
            f.RequiredList("table_indexes", ReadIndex),
            f.RequiredList("table_foreign_keys", ReadForeignKey),
            f.RequiredList("table_checks", ReadCheck));
    }

    private static EnumFieldRef ReadEnumFieldRef(JsonElement element, string path)
    {
        var f = JsonFields.Of(element, path, ["table", "field"]);
        return new EnumFieldRef(f.RequiredString("table"), ReadField(f.Required("field"), f.Child("field")));
    }
}
