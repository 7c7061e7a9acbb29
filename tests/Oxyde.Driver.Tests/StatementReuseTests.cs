using Oxyde.Driver.Providers.Sqlite;
using static Oxyde.Driver.Tests.Msg;

namespace Oxyde.Driver.Tests;

/// <summary>Cached SQLite statements stay prepared: SQLite re-prepares a statement whose LIMIT is a bound value at every run.</summary>
public sealed class StatementReuseTests
{
    private const int Runs = 50;

    private static TestDatabase Open()
    {
        var db = new TestDatabase();
        db.Raw("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)");
        db.Raw("INSERT INTO t (v) VALUES ('a'), ('b'), ('c'), ('d')");
        return db;
    }

    private static long Reprepares(TestDatabase db) =>
        Assert.IsType<SqlitePool>(db.Runtime.Pool(db.Pool)).IdleStatementReprepares;

    [Fact]
    public void A_select_with_limit_and_offset_runs_again_without_a_reprepare()
    {
        using var db = Open();
        var select = Map(
            "proto", 1, "type", "select", "table", "t", "columns", List("id", "v"),
            "filter_tree", Map("type", "condition", "field", "id", "op", "gte", "value", 1),
            "order_by", List(List("id", "asc")), "limit", 2, "offset", 1);
        var before = Reprepares(db);

        for (var i = 0; i < Runs; i++)
        {
            Assert.Equal(List(List(2L, "b"), List(3L, "c")), db.Execute(select)["rows"]);
        }

        Assert.Equal(before, Reprepares(db));
    }

    [Fact]
    public void The_counter_sees_sqlite_reprepare_a_statement_with_a_bound_limit()
    {
        // The control for the test above: the same select with LIMIT ? and OFFSET ? as raw SQL.
        using var db = Open();
        var before = Reprepares(db);

        for (var i = 0; i < Runs; i++)
        {
            Assert.Equal(2, db.Rows("SELECT id, v FROM t WHERE id >= ? ORDER BY id LIMIT ? OFFSET ?", 1L, 2L, 1L).Count);
        }

        Assert.True(Reprepares(db) - before >= Runs - 1, $"{Reprepares(db) - before} re-prepares in {Runs} runs");
    }
}
