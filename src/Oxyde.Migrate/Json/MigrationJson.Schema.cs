using System.Text.Json;
using Oxyde.Migrate.Schema;

namespace Oxyde.Migrate.Json;

/// <summary>Tables and their parts: fields, column specs, indexes, foreign keys, checks.</summary>
internal static partial class MigrationJson
{
    internal static SchemaTable ReadTable(JsonElement element, string path)
    {
        var f = JsonFields.Of(element, path, ["name", "fields", "indexes", "foreign_keys", "checks", "comment"]);
        var table = new SchemaTable(
            f.RequiredString("name"),
            f.RequiredList("fields", ReadField),
            f.RequiredList("indexes", ReadIndex),
            f.OptionalList("foreign_keys", ReadForeignKey) ?? [],
            f.OptionalList("checks", ReadCheck) ?? [])
        {
            Comment = f.OptionalString("comment"),
        };
        Unique(table.Fields, x => x.Name, f.Child("fields"));
        Unique(table.Indexes, x => x.Name, f.Child("indexes"));
        Unique(table.ForeignKeys, x => x.Name, f.Child("foreign_keys"));
        Unique(table.Checks, x => x.Name, f.Child("checks"));
        return table;
    }

    /// <summary>Names are how the differ matches items: two with one name would make its ops guesswork.</summary>
    private static void Unique<T>(IReadOnlyList<T> items, Func<T, string> name, string path)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            if (!seen.Add(name(item)))
            {
                throw MigrationFormatException.Malformed(path, $"two items are named '{name(item)}'", "name");
            }
        }
    }

    internal static SchemaField ReadField(JsonElement element, string path)
    {
        var f = JsonFields.Of(
            element,
            path,
            ["name", "column_type", "db_type", "nullable", "primary_key", "unique", "default", "auto_increment", "max_length", "max_digits", "decimal_places"]);
        return new SchemaField(f.RequiredString("name"), ReadSpec(f.Required("column_type"), f.Child("column_type"), 0))
        {
            DbType = f.OptionalString("db_type"),
            Nullable = f.RequiredBool("nullable"),
            PrimaryKey = f.RequiredBool("primary_key"),
            Unique = f.RequiredBool("unique"),
            Default = f.OptionalString("default"),
            AutoIncrement = f.OptionalBool("auto_increment"),
            MaxLength = f.OptionalInt("max_length"),
            MaxDigits = f.OptionalInt("max_digits"),
            DecimalPlaces = f.OptionalInt("decimal_places"),
        };
    }

    private static ColumnSpec ReadSpec(JsonElement element, string path, int depth)
    {
        if (depth > 8)
        {
            throw MigrationFormatException.Malformed(path, "array specs nested too deep");
        }

        var f = JsonFields.Of(element, path, ["kind", "length", "precision", "scale", "name", "values", "item"]);
        var kind = WireNames.ParseKind(f.RequiredString("kind"), f.Child("kind"));
        return kind switch
        {
            ColumnSpecKind.String => new ColumnSpec(kind) { Length = f.OptionalInt("length") },
            ColumnSpecKind.Decimal => new ColumnSpec(kind) { Precision = f.OptionalInt("precision"), Scale = f.OptionalInt("scale") },
            ColumnSpecKind.Enum => new ColumnSpec(kind) { EnumName = f.RequiredString("name"), EnumValues = f.RequiredStrings("values") },
            ColumnSpecKind.Array => new ColumnSpec(kind) { Item = ReadSpec(f.Required("item"), f.Child("item"), depth + 1) },
            _ => new ColumnSpec(kind),
        };
    }

    internal static SchemaIndex ReadIndex(JsonElement element, string path)
    {
        var f = JsonFields.Of(element, path, ["name", "fields", "unique", "method", "where"]);
        var method = f.OptionalString("method");
        WireNames.ParseMethod(method, f.Child("method"));
        var where = f.OptionalString("where")?.Trim();
        return new SchemaIndex(f.RequiredString("name"), f.RequiredStrings("fields"), f.RequiredBool("unique"))
        {
            Method = method?.ToLowerInvariant(),
            Where = string.IsNullOrEmpty(where) ? null : where,
        };
    }

    internal static SchemaForeignKey ReadForeignKey(JsonElement element, string path)
    {
        var f = JsonFields.Of(element, path, ["name", "columns", "ref_table", "ref_columns", "on_delete", "on_update"]);
        return new SchemaForeignKey(
            f.RequiredString("name"),
            f.RequiredStrings("columns"),
            f.RequiredString("ref_table"),
            f.RequiredStrings("ref_columns"),
            WireNames.ParseAction(f.OptionalString("on_delete"), f.Child("on_delete")),
            WireNames.ParseAction(f.OptionalString("on_update"), f.Child("on_update")));
    }

    internal static SchemaCheck ReadCheck(JsonElement element, string path)
    {
        var f = JsonFields.Of(element, path, ["name", "expression"]);
        return new SchemaCheck(f.RequiredString("name"), f.RequiredString("expression"));
    }
}
