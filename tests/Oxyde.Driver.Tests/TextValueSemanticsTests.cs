using Oxyde.Codec.Errors;
using static Oxyde.Driver.Tests.Msg;

namespace Oxyde.Driver.Tests;

/// <summary>
/// Decimals and aware datetimes are TEXT on SQLite; filters and ORDER BY on them follow the value and
/// the instant (the oxyde_decimal / oxyde_instant collations).
/// </summary>
public sealed class TextValueSemanticsTests
{
    private static readonly Dictionary<string, object?> Types = Map(
        "id", Map("kind", "int64"),
        "price", Map("kind", "decimal", "precision", 12, "scale", 2),
        "at", Map("kind", "datetime_tz"),
        "name", Map("kind", "string"));

    private static readonly string[] Prices = ["-5.00", "2", "9.50", "10.00", "100.00"];

    private static TestDatabase Open(string url = "sqlite::memory:", Dictionary<string, object?>? settings = null)
    {
        var db = new TestDatabase(url, settings);
        db.Raw("CREATE TABLE t (id INTEGER PRIMARY KEY, price TEXT, at TEXT, name TEXT)");
        return db;
    }

    private static void Insert(TestDatabase db, string column, IEnumerable<object?> values) =>
        db.Execute(Map(
            "proto", 1, "type", "insert", "table", "t", "columns", List(column), "column_types", Types,
            "rows", values.Select(value => (object?)List(value)).ToList()));

    private static List<object?> Select(TestDatabase db, string column, Dictionary<string, object?>? filter, string order = "id", string direction = "asc")
    {
        var select = Map(
            "proto", 1, "type", "select", "table", "t", "columns", List(column), "column_types", Types,
            "order_by", List(List(order, direction)));
        if (filter is not null)
        {
            select["filter_tree"] = filter;
        }

        return Assert.IsType<List<object?>>(db.Execute(select)["rows"]).Select(row => ((List<object?>)row!)[0]).ToList();
    }

    private static Dictionary<string, object?> Where(string field, string op, object? value) =>
        Map("type", "condition", "field", field, "op", op, "value", value);

    [Theory]
    [InlineData("gt", "9", "9.50|10.00|100.00")]
    [InlineData("gte", "9.5", "9.50|10.00|100.00")]
    [InlineData("lt", "3", "-5.00|2")]
    [InlineData("lte", "-5", "-5.00")]
    [InlineData("eq", "2.00", "2")]
    [InlineData("eq", "1E+2", "100.00")]
    [InlineData("ne", "10", "-5.00|2|9.50|100.00")]
    public void Decimal_comparisons_follow_the_value(string op, string value, string expected)
    {
        using var db = Open();
        Insert(db, "price", Prices);
        Assert.Equal(expected.Split('|'), Select(db, "price", Where("price", op, value)));
    }

    [Fact]
    public void Decimal_in_between_and_order_by_follow_the_value_and_keep_nulls_apart()
    {
        using var db = Open();
        Insert(db, "price", [.. Prices, null]);
        Assert.Equal(["2", "100.00"], Select(db, "price", Where("price", "in", List("2.0", "100", "7"))));
        Assert.Equal(["2", "9.50", "10.00"], Select(db, "price", Where("price", "between", List("1.99", "10"))));
        Assert.Equal([null, "-5.00", "2", "9.50", "10.00", "100.00"], Select(db, "price", null, "price"));
        Assert.Equal(["100.00", "10.00", "9.50", "2", "-5.00", null], Select(db, "price", null, "price", "desc"));
        Assert.Equal([null], Select(db, "price", Where("price", "eq", null)));
    }

    [Fact]
    public void Aware_datetimes_compare_and_sort_by_instant()
    {
        using var db = Open();
        Insert(db, "at", ["2024-01-01T10:00:00+05:00", "2024-01-01T06:00:00+00:00", null]);
        Assert.Equal(
            [null, "2024-01-01 10:00:00+05:00", "2024-01-01 06:00:00+00:00"],
            Select(db, "at", null, "at"));
        Assert.Equal(["2024-01-01 06:00:00+00:00"], Select(db, "at", Where("at", "gt", "2024-01-01T05:30:00Z")));
        Assert.Equal(["2024-01-01 10:00:00+05:00"], Select(db, "at", Where("at", "eq", "2024-01-01T05:00:00+00:00")));
        Assert.Equal(["2024-01-01 10:00:00+05:00"], Select(db, "at", Where("at", "in", List("2024-01-01T01:00:00-04:00"))));
        Assert.Equal(
            ["2024-01-01 10:00:00+05:00", "2024-01-01 06:00:00+00:00"],
            Select(db, "at", Where("at", "between", List("2024-01-01T18:59:00+14:00", "2023-12-31T20:00:00-10:00"))));
    }

    [Fact]
    public void Oxyde_naive_utc_text_in_an_aware_column_counts_as_utc()
    {
        // Oxyde writes aware datetimes on SQLite as naive UTC text; such a database keeps working.
        using var db = Open();
        db.Raw("INSERT INTO t (at) VALUES ('2024-01-01 05:00:00'), ('2024-01-01 04:00:00.5')");
        Assert.Equal(["2024-01-01 05:00:00"], Select(db, "at", Where("at", "eq", "2024-01-01T10:00:00+05:00")));
        Assert.Equal(["2024-01-01 04:00:00.5", "2024-01-01 05:00:00"], Select(db, "at", null, "at"));
    }

    [Fact]
    public void Non_decimal_columns_keep_binary_text_order()
    {
        using var db = Open();
        Insert(db, "name", ["10", "9", "b", "B"]);
        Assert.Equal(["10", "9", "B", "b"], Select(db, "name", null, "name"));
        Assert.Equal(["9", "b", "B"], Select(db, "name", Where("name", "gt", "10")));
    }

    [Fact]
    public void Every_pooled_connection_has_the_collations()
    {
        using var temp = new TempDirectory("oxyde-collations");
        using var db = Open(temp.SqliteUrl("c.db"), Map("max_connections", 3));
        Insert(db, "price", Prices);

        // A transaction holds one connection, so the queries beside it run on others.
        var tx = db.Begin();
        Assert.Equal(["9.50", "10.00", "100.00"], Select(db, "price", Where("price", "gt", "9")));
        var inTx = db.Execute(
            Map("proto", 1, "type", "raw", "sql", "SELECT '10' > '9' COLLATE oxyde_decimal", "params", List()), tx);
        Assert.Equal(List(List(1L)), inTx["rows"]);
        var beside = db.Rows("SELECT '2024-01-01 10:00+05:00' = '2024-01-01 05:00Z' COLLATE oxyde_instant");
        Assert.Equal(List(List(1L)), beside);
        db.Commit(tx);
    }
}
