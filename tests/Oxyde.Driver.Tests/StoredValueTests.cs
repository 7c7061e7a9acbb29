using Oxyde.Codec.Errors;
using static Oxyde.Driver.Tests.Msg;

namespace Oxyde.Driver.Tests;

/// <summary>
/// Values another tool stored that a column's kind cannot hold are a ValueConversion error naming the
/// model, table and column, never a changed value or a MessagePack str that is not UTF-8 (issue 12,
/// defects 3 and 7); the statement and connection stay usable.
/// </summary>
public sealed class StoredValueTests
{
    private static TestDatabase Schema()
    {
        // One connection: the query after a failure runs on the same connection and cached statement.
        var db = new TestDatabase(settings: Map("max_connections", 1));
        db.Raw("CREATE TABLE t (id INTEGER PRIMARY KEY, n INTEGER, f REAL, b INTEGER, s TEXT, by BLOB)");
        return db;
    }

    private static Dictionary<string, object?> Select(string column, string kind) => Map(
        "proto", 1, "type", "select", "table", "t", "model", "tests.Thing", "columns", List("id", column),
        "order_by", List(List("id", "asc")), "column_types", Map("id", Map("kind", "int64"), column, Map("kind", kind)));

    private static object? Single(TestDatabase db, string column, string kind)
    {
        var row = Assert.IsType<List<object?>>(Assert.Single(Assert.IsType<List<object?>>(db.Execute(Select(column, kind))["rows"])));
        return row[1];
    }

    private static OxydeException FailsToRead(TestDatabase db, string column, string kind)
    {
        var error = TestDatabase.Fails(ErrorCode.ValueConversion, () => db.Execute(Select(column, kind)));
        Assert.Equal(column, error.Details["column"]);
        Assert.Equal("t", error.Details["table"]);
        Assert.Equal("tests.Thing", error.Details["model"]);
        Assert.Contains($"tests.Thing.{column}", error.Message, StringComparison.Ordinal);
        return error;
    }

    [Theory]
    [InlineData("CAST(X'FF41' AS TEXT)", "string")]
    [InlineData("CAST(X'C0AF' AS TEXT)", "text")]
    [InlineData("CAST(X'EDA080' AS TEXT)", "json")]
    [InlineData("X'FF'", "string")]
    public void Text_that_is_not_utf8_is_refused_naming_the_column(string stored, string kind)
    {
        using var db = Schema();
        db.Raw($"INSERT INTO t (id, s) VALUES (1, {stored})");
        var error = FailsToRead(db, "s", kind);
        Assert.Contains(" X'", error.Details["value"], StringComparison.Ordinal);

        // The same statement (cached, reset) and connection serve the next query.
        db.Raw("UPDATE t SET s = 'fine'");
        Assert.Equal("fine", Single(db, "s", kind));
    }

    [Fact]
    public void Raw_sql_reading_text_that_is_not_utf8_fails_and_the_connection_stays_usable()
    {
        using var db = Schema();
        db.Raw("INSERT INTO t (id, s) VALUES (1, CAST(X'FF41' AS TEXT)), (2, 'ok')");
        var error = TestDatabase.Fails(ErrorCode.ValueConversion, () => db.Raw("SELECT s FROM t ORDER BY id"));
        Assert.Equal("s", error.Details["column"]);
        Assert.Equal([List("ok")], db.Rows("SELECT s FROM t WHERE id = 2"));
        Assert.Equal(2, db.Count("t"));
    }

    [Fact]
    public void Blobs_and_text_in_bytes_columns_read_as_bytes()
    {
        using var db = Schema();
        db.Raw("INSERT INTO t (id, by) VALUES (1, X'FF00')");
        Assert.Equal(new byte[] { 0xFF, 0 }, Single(db, "by", "bytes"));
        db.Raw("UPDATE t SET by = 'ab'");
        Assert.Equal("ab"u8.ToArray(), Single(db, "by", "bytes"));
        db.Raw("UPDATE t SET by = 1.5");
        FailsToRead(db, "by", "bytes");
    }

    [Theory]
    [InlineData("1.7", "REAL 1.7")]
    [InlineData("1e30", "REAL 1E+30")]
    [InlineData("-9.3e18", "REAL -9.3E+18")]
    [InlineData("9223372036854775808.0", "REAL 9.223372036854776E+18")]
    [InlineData("'abc'", "TEXT 'abc'")]
    [InlineData("X'01'", "BLOB X'01'")]
    public void Int_columns_refuse_values_that_are_not_whole_int64s(string stored, string described)
    {
        using var db = Schema();
        db.Raw($"INSERT INTO t (id, n) VALUES (1, {stored})");
        var error = FailsToRead(db, "n", "int64");
        Assert.Equal(described, error.Details["value"]);
        Assert.Equal("int64", error.Details["expected"]);
    }

    [Theory]
    [InlineData("2.0", 2L)]
    [InlineData("-9223372036854775808.0", long.MinValue)]
    [InlineData("9223372036854775807", long.MaxValue)]
    public void Int_columns_read_whole_values(string stored, long expected)
    {
        using var db = Schema();
        db.Raw($"INSERT INTO t (id, n) VALUES (1, {stored})");
        Assert.Equal(expected, Single(db, "n", "int64"));
    }

    [Fact]
    public void Long_text_is_cut_short_in_the_message()
    {
        using var db = Schema();
        db.Raw($"INSERT INTO t (id, n) VALUES (1, '{new string('x', 5000)}')");
        var error = FailsToRead(db, "n", "int64");
        Assert.True(error.Message.Length < 200, error.Message);
        Assert.Contains("5000 chars", error.Details["value"], StringComparison.Ordinal);
    }

    [Fact]
    public void Float_columns_read_integers_and_refuse_text()
    {
        using var db = Schema();
        db.Raw("INSERT INTO t (id, f) VALUES (1, 3)");
        Assert.Equal(3.0, Single(db, "f", "float64"));
        db.Raw("UPDATE t SET f = 'abc'");
        FailsToRead(db, "f", "float64");
    }

    [Theory]
    [InlineData("1", true)]
    [InlineData("0", false)]
    [InlineData("1.0", true)]
    public void Bool_columns_read_zero_and_one(string stored, bool expected)
    {
        using var db = Schema();
        db.Raw($"INSERT INTO t (id, b) VALUES (1, {stored})");
        Assert.Equal(expected, Single(db, "b", "bool"));
    }

    [Theory]
    [InlineData("2")]
    [InlineData("0.5")]
    [InlineData("'yes'")]
    public void Bool_columns_refuse_other_values(string stored)
    {
        using var db = Schema();
        db.Raw($"INSERT INTO t (id, b) VALUES (1, {stored})");
        FailsToRead(db, "b", "bool");
    }

    [Fact]
    public void Numbers_in_text_columns_read_as_their_text()
    {
        using var db = Schema();
        db.Raw("CREATE TABLE n (id INTEGER PRIMARY KEY, s)");
        db.Raw("INSERT INTO n VALUES (1, 9.5)");
        var select = Map("proto", 1, "type", "select", "table", "n", "columns", List("s"), "column_types", Map("s", Map("kind", "decimal")));
        Assert.Equal([List("9.5")], Assert.IsType<List<object?>>(db.Execute(select)["rows"]));
    }

    [Fact]
    public void Raw_parameters_above_int64_are_refused_before_anything_runs()
    {
        using var db = Schema();
        var error = TestDatabase.Fails(ErrorCode.ValueConversion, () => db.Raw("INSERT INTO t (id, n) VALUES (1, ?)", 9_223_372_036_854_775_808UL));
        Assert.Contains("9223372036854775808", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, db.Count("t"));
        db.Raw("INSERT INTO t (id, n) VALUES (1, ?)", (ulong)long.MaxValue);
        Assert.Equal([List(long.MaxValue)], db.Rows("SELECT n FROM t"));
    }
}
