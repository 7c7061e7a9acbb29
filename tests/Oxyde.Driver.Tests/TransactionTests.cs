using Oxyde.Codec.Errors;
using static Oxyde.Driver.Tests.Msg;

namespace Oxyde.Driver.Tests;

public sealed class TransactionTests
{
    private static TestDatabase Schema(string url = "sqlite::memory:", Dictionary<string, object?>? settings = null)
    {
        var db = new TestDatabase(url, settings);
        db.Raw("CREATE TABLE item (id INTEGER PRIMARY KEY, name TEXT)");
        return db;
    }

    private static Dictionary<string, object?> Insert(string name) => Map(
        "proto", 1, "type", "insert", "table", "item", "columns", List("name"), "rows", List(List(name)));

    [Fact]
    public void Commit_keeps_the_work()
    {
        using var db = Schema();
        var tx = db.Begin();
        db.Execute(Insert("a"), tx);
        db.Execute(Insert("b"), tx);
        db.Commit(tx);
        Assert.Equal(2, db.Count("item"));
        TestDatabase.Fails(ErrorCode.TransactionNotFound, () => db.Commit(tx));
    }

    [Fact]
    public void Rollback_undoes_the_work()
    {
        using var db = Schema();
        var tx = db.Begin();
        db.Execute(Insert("a"), tx);
        db.Rollback(tx);
        Assert.Equal(0, db.Count("item"));
    }

    [Fact]
    public void Rollback_to_savepoint_keeps_the_outer_work()
    {
        using var db = Schema();
        var tx = db.Begin();
        db.Execute(Insert("outer"), tx);
        db.Savepoint(tx, "sp_1");
        db.Execute(Insert("inner"), tx);
        db.RollbackTo(tx, "sp_1");
        db.Release(tx, "sp_1");
        TestDatabase.Fails(ErrorCode.TransactionState, () => db.Release(tx, "sp_1"));
        db.Commit(tx);
        Assert.Equal(List(List("outer")).ToJsonLike(), db.Rows("SELECT name FROM item").ToJsonLike());
    }

    [Fact]
    public void Ids_increase_and_unknown_ids_are_not_found()
    {
        using var db = Schema();
        // BEGIN IMMEDIATE: one writer at a time, so these run one after the other.
        var first = db.Begin();
        db.Rollback(first);
        var second = db.Begin();
        Assert.True(second > first);
        TestDatabase.Fails(ErrorCode.TransactionNotFound, () => db.Execute(Insert("x"), 12345));
        TestDatabase.Fails(ErrorCode.TransactionNotFound, () => db.Rollback(12345));
        db.Rollback(second);
    }

    [Fact]
    public void Closing_a_pool_rolls_back_its_transactions()
    {
        using var dir = new TempDirectory("oxyde-tx-");
        var url = dir.SqliteUrl("tx.db");
        using (var db = Schema(url))
        {
            var tx = db.Begin();
            db.Execute(Insert("lost"), tx);
            db.Runtime.PoolClose(Pack(Map("name", "default")));
            TestDatabase.Fails(ErrorCode.TransactionNotFound, () => db.Commit(tx));
            TestDatabase.Fails(ErrorCode.PoolNotFound, () => db.Raw("SELECT 1"));
        }

        using var reopened = new TestDatabase(url);
        Assert.Equal(0, reopened.Count("item"));
    }

    [Fact]
    public void A_transaction_holds_its_connection_and_acquire_times_out()
    {
        using var db = Schema(settings: Map("max_connections", 1, "acquire_timeout", 0.2));
        var tx = db.Begin();
        TestDatabase.Fails(ErrorCode.AcquireTimeout, () => db.Raw("SELECT 1"));
        db.Commit(tx);
        db.Raw("SELECT 1");
    }

    [Theory]
    [InlineData("file")]
    [InlineData("memory")]
    public void A_write_blocked_past_the_busy_timeout_is_busy(string where)
    {
        using var dir = new TempDirectory("oxyde-busy-");
        var url = where == "file" ? dir.SqliteUrl("busy.db") : "sqlite::memory:";
        using var db = Schema(url, Map("sqlite_busy_timeout", 50));
        var tx = db.Begin();
        db.Execute(Insert("held"), tx);
        TestDatabase.Fails(ErrorCode.Busy, () => db.Execute(Insert("blocked")));
        db.Commit(tx);
        db.Execute(Insert("after"));
        Assert.Equal(2, db.Count("item"));
    }

    [Fact]
    public void Abandoned_transactions_are_rolled_back_after_the_timeout()
    {
        using var db = Schema(settings: Map("transaction_timeout", 0.1));
        var tx = db.Begin();
        db.Execute(Insert("abandoned"), tx);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        OxydeException? error = null;
        while (error is null && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(100);
            error = Record.Exception(() => db.Execute(Map("proto", 1, "type", "raw", "sql", "SELECT 1", "params", List()), tx)) as OxydeException;
        }

        Assert.Equal(ErrorCode.TransactionNotFound, error?.Code);
        Assert.Equal(0, db.Count("item"));
    }

    [Fact]
    public void Multi_chunk_insert_is_atomic()
    {
        using var db = Schema();
        db.Raw("CREATE UNIQUE INDEX item_name ON item (name)");
        var rows = Enumerable.Range(0, 40_000).Select(i => (object?)List($"n{i}")).ToList();
        rows.Add(List("n0"));
        TestDatabase.Fails(ErrorCode.UniqueViolation, () => db.Execute(Map(
            "proto", 1, "type", "insert", "table", "item", "columns", List("name"), "rows", rows)));
        Assert.Equal(0, db.Count("item"));
    }

    [Fact]
    public void Reopening_an_alias_replaces_the_pool()
    {
        using var db = Schema();
        db.Runtime.PoolOpen(Pack(Map("name", "default", "url", "sqlite::memory:", "settings", Map())));
        TestDatabase.Fails(ErrorCode.Database, () => db.Raw("SELECT * FROM item"));
    }
}
