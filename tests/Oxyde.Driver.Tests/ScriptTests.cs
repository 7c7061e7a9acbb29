using Oxyde.Codec.Errors;
using static Oxyde.Driver.Tests.Msg;

namespace Oxyde.Driver.Tests;

/// <summary>
/// Raw SQL runs one statement per call; scripts are their own call (<c>"script": true</c>, no
/// parameters). Issue 12, defect 11: <c>execute_raw("SELECT 1; DROP TABLE t")</c> ran both.
/// </summary>
public sealed class ScriptTests
{
    private static TestDatabase Schema()
    {
        var db = new TestDatabase();
        db.Raw("CREATE TABLE t (x INTEGER)");
        return db;
    }

    private static Dictionary<string, object?> Script(TestDatabase db, string sql) =>
        db.Execute(Map("proto", 1, "type", "raw", "sql", sql, "script", true));

    [Theory]
    [InlineData("SELECT 1; DROP TABLE t")]
    [InlineData("INSERT INTO t VALUES (1); DROP TABLE t;")]
    [InlineData("INSERT INTO t VALUES (1);\n-- then\nINSERT INTO t VALUES (2)")]
    [InlineData("INSERT INTO t VALUES (1); garbage")]
    [InlineData("INSERT INTO t VALUES (1); INSERT INTO missing VALUES (2)")]
    public void Raw_sql_with_more_than_one_statement_is_refused_before_anything_runs(string sql)
    {
        using var db = Schema();
        var error = TestDatabase.Fails(ErrorCode.UnsupportedFeature, () => db.Raw(sql));
        Assert.Equal("multiple_statements", error.Details["feature"]);
        Assert.Equal(0, db.Count("t"));
    }

    [Theory]
    [InlineData("INSERT INTO t VALUES (?);")]
    [InlineData("INSERT INTO t VALUES (?) ; ;  ")]
    [InlineData("INSERT INTO t VALUES (?); -- done")]
    [InlineData("INSERT INTO t VALUES (?) /* done */ ;\n")]
    public void Trailing_semicolons_whitespace_and_comments_are_one_statement(string sql)
    {
        using var db = Schema();
        Assert.Equal(1L, db.Raw(sql, 7L)["affected"]);
        Assert.Equal([List(7L)], db.Rows("SELECT x FROM t"));
    }

    [Fact]
    public void A_script_runs_every_statement_in_order()
    {
        using var db = Schema();
        var result = Script(db, """
            CREATE TABLE u (y TEXT); -- a table
            INSERT INTO u VALUES ('a');
            INSERT INTO t VALUES (1), (2);
            /* and */ SELECT * FROM t;
            UPDATE t SET x = x + 10;
            """);
        Assert.Equal(Map("affected", 5L).ToJsonLike(), result.ToJsonLike());
        Assert.Equal([List(11L), List(12L)], db.Rows("SELECT x FROM t ORDER BY x"));
        Assert.Equal([List("a")], db.Rows("SELECT y FROM u"));
    }

    [Fact]
    public void A_script_of_comments_runs_nothing()
    {
        using var db = Schema();
        Assert.Equal(0L, Script(db, "-- nothing\n;;")["affected"]);
    }

    [Fact]
    public void A_failing_statement_stops_the_script_and_earlier_ones_stay_done()
    {
        using var db = Schema();
        TestDatabase.Fails(ErrorCode.Database, () => Script(db, "INSERT INTO t VALUES (1); INSERT INTO missing VALUES (2); INSERT INTO t VALUES (3)"));
        Assert.Equal([List(1L)], db.Rows("SELECT x FROM t"));
    }

    [Fact]
    public void A_script_inside_a_transaction_joins_it()
    {
        using var db = Schema();
        var tx = db.Begin();
        db.Execute(Map("proto", 1, "type", "raw", "sql", "INSERT INTO t VALUES (1); INSERT INTO t VALUES (2)", "script", true), tx);
        db.Rollback(tx);
        Assert.Equal(0, db.Count("t"));
    }

    [Fact]
    public void A_script_takes_no_parameters()
    {
        using var db = Schema();
        TestDatabase.Fails(ErrorCode.IrMalformed, () => db.Execute(Map("proto", 1, "type", "raw", "sql", "INSERT INTO t VALUES (?)", "params", List(1L), "script", true)));
    }
}
