using Oxyde.Codec.Errors;
using static Oxyde.Driver.Tests.Msg;

namespace Oxyde.Driver.Tests;

/// <summary>
/// Decimals and aware datetimes are TEXT on SQLite; filters, ORDER BY and F arithmetic on them follow
/// the value and the instant (the oxyde_decimal / oxyde_instant collations, the oxyde_dec_* functions).
/// </summary>
public sealed class TextValueSemanticsTests
{
    private static readonly Dictionary<string, object?> Types = Map(
        "id", Map("kind", "int64"),
        "price", Map("kind", "decimal", "precision", 12, "scale", 2),
        "at", Map("kind", "datetime_tz"),
        "name", Map("kind", "string"),
        "wide", Map("kind", "decimal"));

    private static readonly string[] Prices = ["-5.00", "2", "9.50", "10.00", "100.00"];

    private static TestDatabase Open(string url = "sqlite::memory:", Dictionary<string, object?>? settings = null)
    {
        var db = new TestDatabase(url, settings);
        db.Raw("CREATE TABLE t (id INTEGER PRIMARY KEY, price TEXT, at TEXT, name TEXT, wide TEXT)");
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
    public void Decimal_arithmetic_in_an_update_is_exact_and_rounded_to_the_scale()
    {
        using var db = Open();
        Insert(db, "price", ["100.00", "0.10", null]);
        var expression = Map(
            "type", "binary", "op", "mul",
            "left", Map("type", "binary", "op", "add", "left", Map("type", "column", "name", "price"), "right", Map("type", "value", "value", "1.00")),
            "right", Map("type", "value", "value", "1.10"));
        db.Execute(Map("proto", 1, "type", "update", "table", "t", "column_types", Types, "expressions", Map("price", expression)));
        Assert.Equal(["111.10", "1.21", null], Select(db, "price", null));

        var thirds = Map("type", "binary", "op", "div", "left", Map("type", "column", "name", "price"), "right", Map("type", "value", "value", "3"));
        db.Execute(Map("proto", 1, "type", "update", "table", "t", "column_types", Types, "expressions", Map("price", thirds)));
        Assert.Equal(["37.03", "0.40", null], Select(db, "price", null));

        var negate = Map("type", "neg", "operand", Map("type", "column", "name", "price"));
        db.Execute(Map("proto", 1, "type", "update", "table", "t", "column_types", Types, "expressions", Map("price", negate)));
        Assert.Equal(["-37.03", "-0.40", null], Select(db, "price", null));
    }

    [Fact]
    public void Decimal_arithmetic_past_36_digits_stays_exact()
    {
        using var db = Open();
        Insert(db, "wide", ["99999999999999999999999999999999999999.5", "12345678901234567890.5"]);
        var plusOne = Map("type", "binary", "op", "add", "left", Map("type", "column", "name", "wide"), "right", Map("type", "value", "value", "1"));
        db.Execute(Map("proto", 1, "type", "update", "table", "t", "column_types", Types, "expressions", Map("wide", plusOne)));
        Assert.Equal(["100000000000000000000000000000000000000.5", "12345678901234567891.5"], Select(db, "wide", null));

        var squared = Map("type", "binary", "op", "mul", "left", Map("type", "column", "name", "wide"), "right", Map("type", "column", "name", "wide"));
        db.Execute(Map("proto", 1, "type", "update", "table", "t", "column_types", Types, "expressions", Map("wide", squared)));
        Assert.Equal(
            ["10000000000000000000000000000000000000100000000000000000000000000000000000000.25", "152415787532388367538942236578722755772.25"],
            Select(db, "wide", null));
    }

    [Fact]
    public void Decimal_division_by_zero_is_a_database_error_and_changes_nothing()
    {
        using var db = Open();
        Insert(db, "price", ["1.00"]);
        var divide = Map("type", "binary", "op", "div", "left", Map("type", "column", "name", "price"), "right", Map("type", "value", "value", "0"));
        TestDatabase.Fails(ErrorCode.Database, () =>
            db.Execute(Map("proto", 1, "type", "update", "table", "t", "column_types", Types, "expressions", Map("price", divide))));
        Assert.Equal(["1.00"], Select(db, "price", null));
    }

    [Fact]
    public void Every_pooled_connection_has_the_collations_and_functions()
    {
        using var temp = new TempDirectory("oxyde-collations");
        using var db = Open(temp.SqliteUrl("c.db"), Map("max_connections", 3));
        Insert(db, "price", Prices);

        // A transaction holds one connection, so the queries beside it run on others.
        var tx = db.Begin();
        Assert.Equal(["9.50", "10.00", "100.00"], Select(db, "price", Where("price", "gt", "9")));
        var inTx = db.Execute(
            Map("proto", 1, "type", "raw", "sql", "SELECT oxyde_dec_add('0.1', '0.2'), '10' > '9' COLLATE oxyde_decimal", "params", List()), tx);
        Assert.Equal(List(List("0.3", 1L)), inTx["rows"]);
        var beside = db.Rows("SELECT '2024-01-01 10:00+05:00' = '2024-01-01 05:00Z' COLLATE oxyde_instant");
        Assert.Equal(List(List(1L)), beside);
        db.Commit(tx);
    }
}
