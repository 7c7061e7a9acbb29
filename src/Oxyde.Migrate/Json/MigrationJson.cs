using System.Text.Json;
using Oxyde.Migrate.Ops;
using Oxyde.Migrate.Schema;

namespace Oxyde.Migrate.Json;

/// <summary>
/// Oxyde's snapshot and op JSON (crates/oxyde-codec migration.rs), parsed strictly into typed records
/// and written back in the same shape. Parsing goes through <see cref="JsonDocument"/> (no reflection,
/// so it works under NativeAOT).
/// </summary>
internal static partial class MigrationJson
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 64 };

    /// <summary>A snapshot: <c>{"version": 1, "tables": {...}}</c>.</summary>
    public static Snapshot ReadSnapshot(string json, string path)
    {
        using var document = Parse(json, path);
        var fields = JsonFields.Of(document.RootElement, path, ["version", "tables"]);
        var version = fields.OptionalInt("version") ?? throw MigrationFormatException.Malformed(path, "missing 'version'", "version");
        var tablesElement = fields.Required("tables");
        if (tablesElement.ValueKind != JsonValueKind.Object)
        {
            throw MigrationFormatException.Malformed(fields.Child("tables"), "expected an object of tables by name");
        }

        var tables = new Dictionary<string, SchemaTable>(StringComparer.Ordinal);
        foreach (var property in tablesElement.EnumerateObject())
        {
            var tablePath = $"{path}.tables.{property.Name}";
            var table = ReadTable(property.Value, tablePath);
            if (table.Name != property.Name)
            {
                throw MigrationFormatException.Malformed(tablePath, $"table is keyed '{property.Name}' but named '{table.Name}'", "name");
            }

            tables.Add(property.Name, table);
        }

        return new Snapshot(version, tables.AsReadOnly());
    }

    /// <summary>A JSON array of op objects.</summary>
    public static IReadOnlyList<MigrationOp> ReadOps(string json, string path)
    {
        using var document = Parse(json, path);
        return JsonFields.List(document.RootElement, path, ReadOp);
    }

    private static JsonDocument Parse(string json, string path)
    {
        try
        {
            return JsonDocument.Parse(json, DocumentOptions);
        }
        catch (JsonException e)
        {
            throw MigrationFormatException.Malformed(path, "not valid JSON: " + e.Message);
        }
    }
}
