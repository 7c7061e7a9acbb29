using Oxyde.Codec.Ir;
using Oxyde.Migrate.Schema;

namespace Oxyde.Migrate.Json;

/// <summary>The wire spellings of column kinds and FK actions, parsed once into enums and written back.</summary>
internal static class WireNames
{
    private static readonly string[] KindNames =
    [
        "big_integer", "double", "boolean", "text", "string", "blob", "date_time", "date_time_utc", "date",
        "time", "timedelta", "uuid", "decimal", "json", "json_binary", "enum", "array", "unknown",
    ];

    public static string KindName(ColumnSpecKind kind) => KindNames[(int)kind];

    public static ColumnSpecKind ParseKind(string name, string path)
    {
        var index = Array.IndexOf(KindNames, name);
        return index >= 0 ? (ColumnSpecKind)index : throw MigrationFormatException.UnknownValue(path, "column kind", name);
    }

    /// <summary>Oxyde's spelling: <c>CASCADE</c>, <c>SET NULL</c>, <c>RESTRICT</c>, <c>NO ACTION</c>, <c>SET DEFAULT</c>.</summary>
    public static string ActionName(ReferentialAction action) => action switch
    {
        ReferentialAction.Cascade => "CASCADE",
        ReferentialAction.SetNull => "SET NULL",
        ReferentialAction.Restrict => "RESTRICT",
        ReferentialAction.SetDefault => "SET DEFAULT",
        _ => "NO ACTION",
    };

    /// <summary>Any case, a space or an underscore between words (<c>SET NULL</c>, <c>set_null</c>); absent is NO ACTION.</summary>
    public static ReferentialAction ParseAction(string? name, string path) => name?.Trim().Replace('_', ' ').ToUpperInvariant() switch
    {
        null or "NO ACTION" => ReferentialAction.NoAction,
        "CASCADE" => ReferentialAction.Cascade,
        "SET NULL" => ReferentialAction.SetNull,
        "RESTRICT" => ReferentialAction.Restrict,
        "SET DEFAULT" => ReferentialAction.SetDefault,
        _ => throw MigrationFormatException.UnknownValue(path, "foreign key action", name),
    };

    /// <summary>An index <c>method</c> as Codec's enum (<c>btree hash gin gist</c>, any case).</summary>
    public static IndexMethod? ParseMethod(string? name, string path) => name?.ToLowerInvariant() switch
    {
        null => null,
        "btree" => IndexMethod.BTree,
        "hash" => IndexMethod.Hash,
        "gin" => IndexMethod.Gin,
        "gist" => IndexMethod.Gist,
        _ => throw MigrationFormatException.UnknownValue(path, "index method", name),
    };
}
