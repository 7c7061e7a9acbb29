using static Oxyde.Driver.Tests.Msg;

namespace Oxyde.Driver.Tests;

public sealed class RoundTripTests
{
    private static readonly (string Name, Dictionary<string, object?> Type)[] KindColumns =
    [
        ("i", Map("kind", "int64")),
        ("f", Map("kind", "float64")),
        ("b", Map("kind", "bool")),
        ("s", Map("kind", "string", "length", 100)),
        ("t", Map("kind", "text")),
        ("by", Map("kind", "bytes")),
        ("dt", Map("kind", "datetime")),
        ("dtz", Map("kind", "datetime_tz")),
        ("d", Map("kind", "date")),
        ("tm", Map("kind", "time")),
        ("td", Map("kind", "timedelta")),
        ("u", Map("kind", "uuid")),
        ("dec", Map("kind", "decimal", "precision", 10, "scale", 2)),
        ("j", Map("kind", "json")),
        ("e", Map("kind", "enum", "name", "status_enum", "values", List("active", "banned"))),
        ("a", Map("kind", "array", "item", Map("kind", "int64"))),
    ];

    private static Dictionary<string, object?> ColumnTypes() =>
        KindColumns.ToDictionary(c => c.Name, c => (object?)c.Type);

    private static void CreateKindsTable(TestDatabase db)
    {
        var columns = new List<object?>
        {
            Map("name", "id", "type", Map("kind", "int64"), "nullable", false, "primary_key", true, "auto_increment", true),
        };
        columns.AddRange(KindColumns.Select(c => (object?)Map("name", c.Name, "type", c.Type, "nullable", true)));
        Assert.Equal(
            Map("affected", 0L),
            db.Execute(Map("proto", 1, "type", "create_table", "table", "kinds", "if_not_exists", true, "columns", columns)));
    }

    [Fact]
    public void Every_kind_round_trips_through_insert_and_select()
    {
        using var db = new TestDatabase();
        CreateKindsTable(db);

        object?[] full =
        [
            9_007_199_254_740_993L, 2.5, true, "héllo", "long text ✓", new byte[] { 0, 1, 255 },
            "2024-01-02T03:04:05", "2024-01-02T03:04:05.123456+02:00", "2024-01-02", "03:04:05.5",
            86_400_000_001L, "12345678-1234-5678-1234-567812345678", "12.50", "{\"a\": [1, 2]}", "active", "[1, 2, 3]",
        ];
        object?[] empty = Enumerable.Repeat<object?>(null, KindColumns.Length).ToArray();
        object?[] other = [-1L, -0.25, false, "", "", Array.Empty<byte>(), "1999-12-31 23:59:59", "1999-12-31T23:59:59Z",
            "1999-12-31", "00:00:00", 0L, "00000000-0000-0000-0000-000000000000", "0", "null", "banned", "[]"];

        var names = KindColumns.Select(c => (object?)c.Name).ToList();
        var returning = new List<object?> { "id" };
        returning.AddRange(names);
        var inserted = db.Execute(Map(
            "proto", 1, "type", "insert", "table", "kinds", "model", "tests.Kinds",
            "columns", names, "rows", List(full, empty, other), "returning", returning,
            "column_types", WithId(ColumnTypes())));
        Assert.Equal(3L, inserted["affected"]);

        var selected = db.Execute(Map(
            "proto", 1, "type", "select", "table", "kinds", "columns", returning,
            "column_types", WithId(ColumnTypes()), "order_by", List(List("id", "asc"))));
        Assert.Equal(returning, selected["columns"]);
        var rows = Assert.IsType<List<object?>>(selected["rows"]);
        Assert.Equal(inserted["rows"], rows);
        Assert.Equal(3, rows.Count);

        object?[] expectedFull =
        [
            1L, 9_007_199_254_740_993L, 2.5, true, "héllo", "long text ✓", new byte[] { 0, 1, 255 },
            "2024-01-02 03:04:05", "2024-01-02 03:04:05.123456+02:00", "2024-01-02", "03:04:05.500000",
            86_400_000_001L, "12345678-1234-5678-1234-567812345678", "12.50", "{\"a\": [1, 2]}", "active", "[1, 2, 3]",
        ];
        Assert.Equal(expectedFull.Select(Normalize), ((List<object?>)rows[0]!).Select(Normalize));
        Assert.Equal(new object?[] { 2L }.Concat(empty), (List<object?>)rows[1]!);
        var third = (List<object?>)rows[2]!;
        Assert.Equal(false, third[3]);
        Assert.Equal(-0.25, third[2]);
        Assert.Equal(Array.Empty<byte>(), third[6]);
        Assert.Equal("1999-12-31 23:59:59+00:00", third[8]);
    }

    [Fact]
    public void Count_exists_update_and_delete_results()
    {
        using var db = new TestDatabase();
        CreateKindsTable(db);
        var types = ColumnTypes();
        db.Execute(Map("proto", 1, "type", "insert", "table", "kinds", "columns", List("i", "s"),
            "rows", List(List(1L, "a"), List(2L, "b"), List(3L, "c")), "column_types", types));

        var filter = Map("type", "condition", "field", "i", "op", "gte", "value", 2L);
        Assert.Equal(
            Map("columns", List("count"), "rows", List(List(2L))).ToJsonLike(),
            db.Execute(Map("proto", 1, "type", "select", "table", "kinds", "columns", List("id"), "filter_tree", filter, "count", true)).ToJsonLike());
        Assert.Equal(
            Map("columns", List("exists"), "rows", List(List(true))).ToJsonLike(),
            db.Execute(Map("proto", 1, "type", "select", "table", "kinds", "columns", List("id"), "filter_tree", filter, "exists", true)).ToJsonLike());

        var updated = db.Execute(Map("proto", 1, "type", "update", "table", "kinds", "values", Map("s", "z"),
            "filter_tree", filter, "returning", List("i", "s"), "column_types", types));
        Assert.Equal(2L, updated["affected"]);
        Assert.Equal(List(List(2L, "z"), List(3L, "z")).ToJsonLike(), ((List<object?>)updated["rows"]!).ToJsonLike());

        Assert.Equal(Map("affected", 2L), db.Execute(Map("proto", 1, "type", "update", "table", "kinds",
            "expressions", Map("i", Map("type", "binary", "op", "add", "left", Map("type", "column", "name", "i"), "right", Map("type", "value", "value", 10L))),
            "filter_tree", filter, "column_types", types)));
        Assert.Equal(Map("affected", 1L), db.Execute(Map("proto", 1, "type", "delete", "table", "kinds",
            "filter_tree", Map("type", "condition", "field", "i", "op", "eq", "value", 1L))));
        Assert.Equal(2, db.Count("kinds"));
    }

    [Fact]
    public void Raw_results_are_typed_by_storage()
    {
        using var db = new TestDatabase();
        var result = db.Raw("SELECT 1 AS i, 1.5 AS f, 'x' AS s, x'00ff' AS b, NULL AS n, ? AS p", "param");
        Assert.Equal(List("i", "f", "s", "b", "n", "p").ToJsonLike(), ((List<object?>)result["columns"]!).ToJsonLike());
        Assert.Equal(List(1L, 1.5, "x", new byte[] { 0, 255 }, null, "param").ToJsonLike(), ((List<object?>)((List<object?>)result["rows"]!)[0]!).ToJsonLike());
        Assert.Equal(0L, result["affected"]);

        db.Raw("CREATE TABLE t (a INTEGER)");
        Assert.Equal(2L, db.Raw("INSERT INTO t (a) VALUES (?), (?)", 1L, 2L)["affected"]);
    }

    [Fact]
    public void Datetimes_are_stored_as_sqlite_text()
    {
        using var db = new TestDatabase();
        db.Raw("CREATE TABLE ev (id INTEGER PRIMARY KEY, at TEXT)");
        db.Execute(Map("proto", 1, "type", "insert", "table", "ev", "columns", List("at"),
            "rows", List(List("2024-01-02T03:04:05"), List("2024-01-02T03:04:05.123456")),
            "column_types", Map("at", Map("kind", "datetime"))));
        var stored = db.Rows("SELECT at, typeof(at) FROM ev ORDER BY id");
        Assert.Equal(List("2024-01-02 03:04:05", "text").ToJsonLike(), ((List<object?>)stored[0]!).ToJsonLike());
        Assert.Equal(List("2024-01-02 03:04:05.123456", "text").ToJsonLike(), ((List<object?>)stored[1]!).ToJsonLike());
    }

    private static Dictionary<string, object?> WithId(Dictionary<string, object?> types)
    {
        types["id"] = Map("kind", "int64");
        return types;
    }

    private static object? Normalize(object? value) => value is byte[] bytes ? Convert.ToHexString(bytes) : value;
}
