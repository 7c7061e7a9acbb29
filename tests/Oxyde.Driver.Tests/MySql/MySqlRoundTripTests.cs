using Oxyde.Query.Dialects;
using static Oxyde.Driver.Tests.Msg;

namespace Oxyde.Driver.Tests.MySql;

/// <summary>Every column kind written through IR and read back as the wire value SQLite hands over (docs/ir-protocol.md, "Values by kind").</summary>
public sealed class MySqlRoundTripTests
{
    private static readonly Dictionary<string, object?> Types = Map(
        "id", Map("kind", "int64"),
        "i", Map("kind", "int64"),
        "f", Map("kind", "float64"),
        "b", Map("kind", "bool"),
        "s", Map("kind", "string", "length", 100),
        "t", Map("kind", "text"),
        "bin", Map("kind", "bytes"),
        "dt", Map("kind", "datetime"),
        "dtz", Map("kind", "datetime_tz"),
        "d", Map("kind", "date"),
        "tm", Map("kind", "time"),
        "td", Map("kind", "timedelta"),
        "u", Map("kind", "uuid"),
        "dec", Map("kind", "decimal", "precision", 65, "scale", 30),
        "j", Map("kind", "json"),
        "e", Map("kind", "enum", "values", List("draft", "published")),
        "arr", Map("kind", "array", "item", Map("kind", "int64")));

    private static readonly string[] Columns = ["i", "f", "b", "s", "t", "bin", "dt", "dtz", "d", "tm", "td", "u", "dec", "j", "e", "arr"];

    public static TheoryData<string, object?, object?> Values => new()
    {
        { "i", long.MinValue, long.MinValue },
        { "i", long.MaxValue, long.MaxValue },
        { "f", 1.0 / 3.0, 1.0 / 3.0 },
        { "f", -0.0, -0.0 },
        { "b", true, true },
        { "b", false, false },
        { "s", string.Empty, string.Empty },
        { "s", "🦀 漢字 é", "🦀 漢字 é" },
        { "t", "a\0b", "a\0b" },
        { "bin", new byte[] { 0, 255, 1 }, new byte[] { 0, 255, 1 } },
        { "bin", Array.Empty<byte>(), Array.Empty<byte>() },
        { "dt", "2024-02-29T23:59:59.000001", "2024-02-29 23:59:59.000001" },
        { "dt", "2024-01-01T10:00:00", "2024-01-01 10:00:00" },
        { "dt", "1901-12-13T20:45:52.5", "1901-12-13 20:45:52.500000" },
        { "dtz", "2024-01-01T10:00:00.123456+05:00", "2024-01-01 05:00:00.123456+00:00" },
        { "d", "1969-07-20", "1969-07-20" },
        { "d", "0001-01-01", "0001-01-01" },
        { "tm", "23:59:59.999999", "23:59:59.999999" },
        { "tm", "00:00:00", "00:00:00" },
        { "td", -86400000000L, -86400000000L },
        { "u", "1b4e28ba-2fa1-11d2-883f-0016d3cca427", "1b4e28ba-2fa1-11d2-883f-0016d3cca427" },
        { "dec", "12345678901234567890123456789012345.123456789012345678901234567891", "12345678901234567890123456789012345.123456789012345678901234567891" },
        { "dec", "-0.000000000000000000000000000001", "-0.000000000000000000000000000001" },
        { "j", "{\"a\": [1, {\"b\": null}], \"c\": \"é\"}", "{\"a\": [1, {\"b\": null}], \"c\": \"é\"}" },
        { "e", "published", "published" },
        { "arr", "[1, 2, 3]", "[1, 2, 3]" },
        { "s", null, null },
    };

    [MySqlTheory]
    [MemberData(nameof(Values))]
    public void Value_round_trips(string column, object? sent, object? expected)
    {
        using var db = new MySqlFixture();
        var table = MySqlServer.Table("kinds");
        CreateTable(db, table);
        try
        {
            var inserted = db.Execute(Map(
                "proto", 1, "type", "insert", "table", table, "pk", "id", "column_types", Types,
                "columns", List(column), "rows", List(List(sent)), "returning", List("id", column)));
            var returned = (List<object?>)((List<object?>)inserted["rows"]!)[0]!;
            Assert.Equal(expected, returned[1]);

            var selected = db.Execute(Map(
                "proto", 1, "type", "select", "table", table, "columns", List(column), "column_types", Types,
                "filter_tree", Map("type", "condition", "field", "id", "op", "eq", "value", returned[0])));
            Assert.Equal(expected, ((List<object?>)((List<object?>)selected["rows"]!)[0]!)[0]);
        }
        finally
        {
            db.Raw($"DROP TABLE IF EXISTS `{table}`");
        }
    }

    [MySqlFact]
    public void Decimal_the_size_of_system_decimal_and_past_it_compares_exactly()
    {
        using var db = new MySqlFixture();
        var table = MySqlServer.Table("dec");
        CreateTable(db, table);
        try
        {
            db.Execute(Map(
                "proto", 1, "type", "insert", "table", table, "pk", "id", "column_types", Types,
                "columns", List("dec"), "rows", List(List("0.100000000000000000000000000001"), List("0.1"))));
            var count = db.Execute(Map(
                "proto", 1, "type", "select", "table", table, "columns", List("id"), "column_types", Types, "count", true,
                "filter_tree", Map("type", "condition", "field", "dec", "op", "gt", "value", "0.1")));
            Assert.Equal(1L, ((List<object?>)((List<object?>)count["rows"]!)[0]!)[0]);
        }
        finally
        {
            db.Raw($"DROP TABLE IF EXISTS `{table}`");
        }
    }

    [MySqlFact]
    public void Create_table_renders_the_storage_formats_oxyde_databases_use()
    {
        using var db = new MySqlFixture();
        var table = MySqlServer.Table("fmt");
        CreateTable(db, table);
        try
        {
            var types = db.Rows(
                "SELECT column_name, column_type FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = ? ORDER BY ordinal_position",
                table).Cast<List<object?>>().ToDictionary(row => (string)row[0]!, row => (string)row[1]!);
            Assert.Equal("bigint(20)", types["id"]);
            Assert.Equal("tinyint(1)", types["b"]);
            Assert.Equal("char(36)", types["u"]);
            Assert.Equal("datetime(6)", types["dt"]);
            Assert.Equal("time(6)", types["tm"]);
            Assert.Equal("enum('draft','published')", types["e"]);
            Assert.Equal("longtext", types["j"]); // MariaDB's JSON is an alias of LONGTEXT with a json_valid check
        }
        finally
        {
            db.Raw($"DROP TABLE IF EXISTS `{table}`");
        }
    }

    internal static void CreateTable(MySqlFixture db, string table)
    {
        var columns = new List<object?> { Map("name", "id", "type", Types["id"], "primary_key", true, "auto_increment", true, "nullable", false) };
        columns.AddRange(Columns.Select(c => (object?)Map("name", c, "type", Types[c], "nullable", true)));
        db.Execute(Map("proto", 1, "type", "create_table", "table", table, "columns", columns, "if_not_exists", true));
    }
}
