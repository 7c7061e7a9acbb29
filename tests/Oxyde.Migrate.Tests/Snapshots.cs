using System.Text.Json.Nodes;

namespace Oxyde.Migrate.Tests;

/// <summary>Builds snapshot and field JSON the way Oxyde's <c>extract_current_schema</c> writes it.</summary>
internal static class Snapshots
{
    public static JsonObject Field(string name, string kind, bool nullable = false, bool pk = false, bool unique = false, string? @default = null, JsonObject? spec = null) => new()
    {
        ["name"] = name,
        ["column_type"] = spec ?? new JsonObject { ["kind"] = kind },
        ["db_type"] = null,
        ["nullable"] = nullable,
        ["primary_key"] = pk,
        ["unique"] = unique,
        ["default"] = @default,
        ["auto_increment"] = false,
    };

    public static JsonObject Id() => Field("id", "big_integer", pk: true);

    public static JsonObject Str(string name, int? length = null, bool nullable = false, bool unique = false, string? @default = null) =>
        Field(name, "string", nullable, unique: unique, @default: @default, spec: length is { } n ? new JsonObject { ["kind"] = "string", ["length"] = n } : null);

    public static JsonObject Index(string name, bool unique, params string[] fields) => new()
    {
        ["name"] = name,
        ["fields"] = new JsonArray([.. fields.Select(f => (JsonNode)f)]),
        ["unique"] = unique,
        ["method"] = null,
    };

    public static JsonObject Fk(string table, string column, string refTable, string onDelete = "CASCADE") => new()
    {
        ["name"] = $"fk_{table}_{column}",
        ["columns"] = new JsonArray(column),
        ["ref_table"] = refTable,
        ["ref_columns"] = new JsonArray("id"),
        ["on_delete"] = onDelete,
        ["on_update"] = "CASCADE",
    };

    public static JsonObject Check(string name, string expression) => new() { ["name"] = name, ["expression"] = expression };

    public static JsonObject Table(string name, JsonObject[] fields, JsonObject[]? indexes = null, JsonObject[]? fks = null, JsonObject[]? checks = null) => new()
    {
        ["name"] = name,
        ["fields"] = new JsonArray([.. fields.Select(f => (JsonNode)f.DeepClone())]),
        ["indexes"] = new JsonArray([.. (indexes ?? []).Select(i => (JsonNode)i.DeepClone())]),
        ["foreign_keys"] = new JsonArray([.. (fks ?? []).Select(i => (JsonNode)i.DeepClone())]),
        ["checks"] = new JsonArray([.. (checks ?? []).Select(i => (JsonNode)i.DeepClone())]),
        ["comment"] = null,
    };

    public static string Snapshot(params JsonObject[] tables)
    {
        var map = new JsonObject();
        foreach (var table in tables)
        {
            map[(string)table["name"]!] = table.DeepClone();
        }

        return new JsonObject { ["version"] = 1, ["tables"] = map }.ToJsonString();
    }

    public static readonly string Empty = Snapshot();
}
