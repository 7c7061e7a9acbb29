using System.Text.Json.Nodes;
using static Oxyde.Migrate.Tests.Snapshots;

namespace Oxyde.Migrate.Tests.Databases;

/// <summary>
/// A project's models over time, as snapshots: a blog created, columns and constraints added, columns
/// altered (a SQLite rebuild of a table other rows reference with ON DELETE CASCADE), constraints and a
/// column dropped, a foreign key cycle created, tables dropped, then nothing.
/// </summary>
internal static class ModelVersions
{
    private static JsonObject Status(params string[] values) =>
        Field("status", "enum", spec: new JsonObject { ["kind"] = "enum", ["name"] = "post_status_enum", ["values"] = new JsonArray([.. values.Select(v => (JsonNode)v)]) });

    private static JsonObject Authors(JsonObject name, params JsonObject[] more) => Table("authors", [Id(), name, .. more]);

    public static readonly string[] All =
    [
        Empty,

        // 1: the blog.
        Snapshot(
            Authors(Str("name", 100, unique: true)),
            Table(
                "posts",
                [Id(), Str("title", 200), Field("author_id", "big_integer", nullable: true), Status("new", "done")],
                [Index("posts_title_idx", false, "title")],
                [Fk("posts", "author_id", "authors")])),

        // 2: a column with a default and a check, a nullable column, an enum value.
        Snapshot(
            Authors(Str("name", 100, unique: true), Str("email", 200, nullable: true)),
            Table(
                "posts",
                [Id(), Str("title", 200), Field("author_id", "big_integer", nullable: true), Status("new", "done", "late"), Field("views", "big_integer", @default: "0")],
                [Index("posts_title_idx", false, "title")],
                [Fk("posts", "author_id", "authors")],
                [Check("posts_views_ok", "views >= 0")])),

        // 3: columns altered: longer and no longer unique (authors, referenced by posts), nullable.
        Snapshot(
            Authors(Str("name", 150), Str("email", 200, nullable: true)),
            Table(
                "posts",
                [Id(), Str("title", 200, nullable: true), Field("author_id", "big_integer", nullable: true), Status("new", "done", "late"), Field("views", "big_integer", @default: "0")],
                [Index("posts_title_idx", false, "title")],
                [Fk("posts", "author_id", "authors")],
                [Check("posts_views_ok", "views >= 0")])),

        // 4: the foreign key, check, index and a column dropped.
        Snapshot(
            Authors(Str("name", 150)),
            Table(
                "posts",
                [Id(), Str("title", 200, nullable: true), Field("author_id", "big_integer", nullable: true), Status("new", "done", "late"), Field("views", "big_integer", @default: "0")])),

        // 5: two new tables referencing each other.
        Snapshot(
            Authors(Str("name", 150)),
            Table(
                "posts",
                [Id(), Str("title", 200, nullable: true), Field("author_id", "big_integer", nullable: true), Status("new", "done", "late"), Field("views", "big_integer", @default: "0")]),
            Table("eggs", [Id(), Field("hen_id", "big_integer", nullable: true)], fks: [Fk("eggs", "hen_id", "hens", "SET NULL")]),
            Table("hens", [Id(), Field("egg_id", "big_integer", nullable: true)], fks: [Fk("hens", "egg_id", "eggs", "SET NULL")])),

        // 6: back to one table.
        Snapshot(Authors(Str("name", 150))),

        Empty,
    ];

    /// <summary>
    /// A new table whose foreign key references a column added to a kept table in the same step, then
    /// both dropped again: the column must exist before the table, and the table go before the column.
    /// </summary>
    public static readonly string[] ColumnReferences =
    [
        Empty,
        Snapshot(Table("codes", [Id()])),
        Snapshot(
            Table("codes", [Id(), Str("code", 20, unique: true)]),
            Table("uses", [Id(), Str("code", 20)], fks: [Fk("uses", "code", "codes").With("ref_columns", new JsonArray("code"))])),
        Snapshot(Table("codes", [Id()])),
        Empty,
    ];
}
