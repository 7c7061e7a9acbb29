using Oxyde.Codec.Errors;
using static Oxyde.Driver.Tests.Msg;

namespace Oxyde.Driver.Tests.Postgres;

/// <summary>Each column kind written through IR and read back in its wire form (docs/ir-protocol.md, "Values by kind").</summary>
public sealed class PostgresRoundTripTests : IDisposable
{
    private readonly string _table = PostgresServer.Table("rt");
    private readonly TestDatabase? _db;

    public PostgresRoundTripTests()
    {
        if (PostgresServer.SkipReason is null)
        {
            _db = new TestDatabase(PostgresServer.Url);
        }
    }

    private TestDatabase Db => _db!;

    [PostgresTheory]
    [InlineData("int64", long.MinValue)]
    [InlineData("int64", long.MaxValue)]
    [InlineData("float64", double.PositiveInfinity)]
    [InlineData("float64", -1.5e300)]
    [InlineData("bool", true)]
    [InlineData("string", "")]
    [InlineData("string", "🦀 漢字 é")]
    [InlineData("text", "line\nbreak 'quote' \"dq\" \\")]
    [InlineData("datetime", "1965-03-04 05:06:07.000008")]
    [InlineData("datetime", "2024-01-01 00:00:00")]
    [InlineData("date", "1901-12-31")]
    [InlineData("time", "23:59:59.999999")]
    [InlineData("timedelta", 90_000_000L)]
    [InlineData("uuid", "1b4e28ba-2fa1-11d2-883f-0016d3cca427")]
    [InlineData("decimal", "-123456789012345678901234567890.123456789012345678901234567890")]
    [InlineData("decimal", "0.00")]
    [InlineData("json", "{\"a\": [1, 2, {\"b\": null}], \"c\": \"ü\"}")]
    public void Values_come_back_in_their_wire_form(string kind, object value)
    {
        Create(Map("kind", kind));
        Insert(Map("kind", kind), value);
        Assert.Equal(value, ReadBack(Map("kind", kind)));
    }

    [PostgresFact]
    public void Aware_datetimes_come_back_as_the_utc_instant()
    {
        var spec = Map("kind", "datetime_tz");
        Create(spec);
        Insert(spec, "2024-05-06T07:08:09.123456+02:00");
        Assert.Equal("2024-05-06 05:08:09.123456+00:00", ReadBack(spec));
    }

    [PostgresFact]
    public void Bytes_of_16_mib_round_trip()
    {
        var spec = Map("kind", "bytes");
        var blob = new byte[16 * 1024 * 1024];
        new Random(7).NextBytes(blob);
        Create(spec);
        Insert(spec, blob);
        Assert.Equal(blob, ReadBack(spec));
    }

    [PostgresFact]
    public void Enums_are_a_native_type_and_round_trip()
    {
        var spec = Map("kind", "enum", "name", _table + "_enum", "values", List("red", "it's"));
        Create(spec);
        Insert(spec, "it's");
        Assert.Equal("it's", ReadBack(spec));
        Assert.Equal(_table + "_enum", ((List<object?>)Db.Rows($"SELECT pg_typeof(v)::text FROM \"{_table}\"")[0]!)[0]);

        // A value the type lacks is refused by the server, as a value error.
        var error = TestDatabase.Fails(ErrorCode.ValueConversion, () => Insert(spec, "blue"));
        Assert.Equal("22P02", error.Details["sqlstate"]);
        Db.Raw($"DROP TABLE \"{_table}\"");
        Db.Raw($"DROP TYPE \"{_table}_enum\"");
    }

    [PostgresTheory]
    [InlineData("int64", "[1, null, -9223372036854775808]", "[1,null,-9223372036854775808]")]
    [InlineData("string", "[\"a b\", \"c\\\"d\", null, \"\"]", "[\"a b\",\"c\\\"d\",null,\"\"]")]
    [InlineData("decimal", "[\"1.10\", \"123456789012345678901234567890.5\"]", "[\"1.10\",\"123456789012345678901234567890.5\"]")]
    [InlineData("bool", "[true, false]", "[true,false]")]
    [InlineData("uuid", "[\"1b4e28ba-2fa1-11d2-883f-0016d3cca427\"]", "[\"1b4e28ba-2fa1-11d2-883f-0016d3cca427\"]")]
    public void Arrays_are_native_and_come_back_as_json(string item, string json, string expected)
    {
        var spec = Map("kind", "array", "item", Map("kind", item));
        Create(spec);
        Insert(spec, json);
        Assert.Equal(expected, ReadBack(spec));
    }

    [PostgresFact]
    public void Nul_in_text_is_a_value_error()
    {
        var spec = Map("kind", "text");
        Create(spec);
        var error = TestDatabase.Fails(ErrorCode.ValueConversion, () => Insert(spec, "a\0b"));
        Assert.Equal(_table, error.Details["table"]);
    }

    [PostgresFact]
    public void A_column_read_as_the_wrong_kind_is_a_value_error_naming_it()
    {
        Create(Map("kind", "text"));
        Insert(Map("kind", "text"), "abc");
        var error = TestDatabase.Fails(ErrorCode.ValueConversion, () => ReadBack(Map("kind", "int64")));
        Assert.Equal("v", error.Details["column"]);
        Assert.Equal("int64", error.Details["expected"]);
    }

    [PostgresTheory]
    [InlineData("uuid", "CHAR(36)", "1b4e28ba-2fa1-11d2-883f-0016d3cca427")]
    [InlineData("datetime", "TEXT", "2024-01-02 03:04:05.000006")]
    [InlineData("int64", "NUMERIC(20, 0)", 9223372036854775807L)]
    [InlineData("float64", "NUMERIC", 2.5)]
    [InlineData("array", "JSONB", "[1, 2]")]
    public void A_db_type_of_another_family_still_round_trips(string kind, string dbType, object value)
    {
        var spec = Map("kind", kind, "db_type", dbType);
        Create(spec);
        Insert(spec, value);
        Assert.Equal(value, ReadBack(spec));
    }

    [PostgresFact]
    public void Raw_sql_converts_by_the_server_type()
    {
        var row = (List<object?>)Db.Rows("SELECT 1::int2, 2::int8, 1.5::float8, true, '\\x0102'::bytea, 1.50::numeric, 'x'::text, NULL::int4, $1::int8", 7L)[0]!;
        Assert.Equal([1L, 2L, 1.5, true, new byte[] { 1, 2 }, "1.50", "x", null, 7L], row);
    }

    [PostgresFact]
    public void Count_and_exists_read_bigint_and_bool()
    {
        Create(Map("kind", "int64"));
        Insert(Map("kind", "int64"), 5L);
        var count = Db.Execute(Map("proto", 1, "type", "select", "table", _table, "columns", List("v"), "count", true));
        Assert.Equal(1L, ((List<object?>)((List<object?>)count["rows"]!)[0]!)[0]);
        var exists = Db.Execute(Map("proto", 1, "type", "select", "table", _table, "columns", List("v"), "exists", true));
        Assert.Equal(true, ((List<object?>)((List<object?>)exists["rows"]!)[0]!)[0]);
    }

    public void Dispose()
    {
        if (_db is not null)
        {
            _db.Raw($"DROP TABLE IF EXISTS \"{_table}\"");
            _db.Dispose();
        }
    }

    private void Create(Dictionary<string, object?> spec) => Db.Execute(Map(
        "proto", 1, "type", "create_table", "table", _table, "if_not_exists", false,
        "columns", List(
            Map("name", "id", "type", Map("kind", "int64"), "primary_key", true, "auto_increment", true, "nullable", false),
            Map("name", "v", "type", spec, "nullable", true))));

    private void Insert(Dictionary<string, object?> spec, object? value) => Db.Execute(Map(
        "proto", 1, "type", "insert", "table", _table, "columns", List("v"), "column_types", Map("v", spec), "rows", List(List(value))));

    private object? ReadBack(Dictionary<string, object?> spec)
    {
        var result = Db.Execute(Map("proto", 1, "type", "select", "table", _table, "columns", List("v"), "column_types", Map("v", spec), "order_by", List(List("id", "desc")), "limit", 1));
        return ((List<object?>)((List<object?>)result["rows"]!)[0]!)[0];
    }
}
