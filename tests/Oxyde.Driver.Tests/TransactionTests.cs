using Oxyde.Codec.Errors;
using static Oxyde.Driver.Tests.Msg;

namespace Oxyde.Driver.Tests;

public sealed class TransactionTests
{
    private static TestDatabase Schema(string url = "sqlite::memory:", Dictionary<string, object?>? settings = null, TimeProvider? time = null)
    {
        var db = new TestDatabase(url, settings, time: time);
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
        using var db = Schema(settings: Map("transaction_timeout", 0.1, "transaction_cleanup_interval", 0.05));
        var tx = db.Begin();
        db.Execute(Insert("abandoned"), tx);
        // Polled without calls on the transaction: each call is activity and would restart its idle time.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (db.Runtime.IsTransactionOpen(tx) && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(20);
        }

        var error = Record.Exception(() => db.Execute(Map("proto", 1, "type", "raw", "sql", "SELECT 1", "params", List()), tx)) as OxydeException;
        Assert.Equal(ErrorCode.TransactionNotFound, error?.Code);
        Assert.Equal(0, db.Count("item"));
    }

    [Fact]
    public void The_sweep_rolls_back_idle_transactions_not_old_ones_and_only_at_its_interval()
    {
        var time = new ManualTime();
        using var db = Schema(settings: Map("transaction_timeout", 10, "transaction_cleanup_interval", 2), time: time);
        var tx = db.Begin();
        db.Execute(Insert("abandoned"), tx);

        time.Advance(TimeSpan.FromSeconds(9)); // swept at 2, 4, 6, 8: idle 8 at most
        Assert.True(db.Runtime.IsTransactionOpen(tx));
        db.Raw("SELECT 1"); // outside the transaction: not activity of it
        db.Execute(Map("proto", 1, "type", "raw", "sql", "SELECT 1", "params", List()), tx);

        time.Advance(TimeSpan.FromSeconds(10.5)); // 19.5 s old, idle 10.5 s, last sweep at 18 saw idle 9
        Assert.True(db.Runtime.IsTransactionOpen(tx));

        time.Advance(TimeSpan.FromSeconds(0.5)); // the sweep at 20 sees idle 11
        Assert.False(db.Runtime.IsTransactionOpen(tx));
        TestDatabase.Fails(ErrorCode.TransactionNotFound, () => db.Commit(tx));
        Assert.Equal(0, db.Count("item"));
    }

    [Fact]
    public void Savepoints_count_as_activity()
    {
        var time = new ManualTime();
        using var db = Schema(settings: Map("transaction_timeout", 3, "transaction_cleanup_interval", 1), time: time);
        var tx = db.Begin();
        for (var i = 0; i < 5; i++)
        {
            time.Advance(TimeSpan.FromSeconds(2));
            db.Savepoint(tx, "sp_1");
            time.Advance(TimeSpan.FromSeconds(2));
            db.Release(tx, "sp_1");
        }

        Assert.True(db.Runtime.IsTransactionOpen(tx));
        db.Commit(tx);
    }

    [Fact]
    public void The_sweep_sleeps_while_no_transaction_is_open()
    {
        var time = new ManualTime();
        using var db = Schema(settings: Map("transaction_timeout", 10, "transaction_cleanup_interval", 2), time: time);
        Assert.Equal(0, time.ArmedTimers);
        var tx = db.Begin();
        Assert.Equal(1, time.ArmedTimers);
        db.Commit(tx);
        time.Advance(TimeSpan.FromSeconds(2)); // the armed sweep finds nothing open and does not re-arm
        Assert.Equal(0, time.ArmedTimers);
        time.Advance(TimeSpan.FromDays(30));
        Assert.Equal(0, time.ArmedTimers);
    }

    [Fact]
    public void Without_a_transaction_timeout_nothing_is_swept()
    {
        var time = new ManualTime();
        using var db = Schema(settings: Map("transaction_timeout", null), time: time);
        var tx = db.Begin();
        Assert.Equal(0, time.ArmedTimers);
        time.Advance(TimeSpan.FromDays(400));
        Assert.True(db.Runtime.IsTransactionOpen(tx));
        db.Commit(tx);
    }

    [Fact]
    public void A_shorter_interval_of_another_pool_brings_the_sweep_forward()
    {
        var time = new ManualTime();
        using var db = Schema(settings: Map("transaction_timeout", 5, "transaction_cleanup_interval", 100), time: time);
        db.Runtime.PoolOpen(Pack(Map("name", "quick", "url", "sqlite::memory:", "settings", Map("transaction_timeout", 5, "transaction_cleanup_interval", 1))));
        var slow = db.Begin();
        var quick = (long)UnpackMap(db.Runtime.TxBegin(Pack(Map("pool", "quick"))))["tx"]!;
        time.Advance(TimeSpan.FromSeconds(6));
        Assert.False(db.Runtime.IsTransactionOpen(quick));
        Assert.False(db.Runtime.IsTransactionOpen(slow)); // idle past its own pool's timeout when the sweep ran
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
