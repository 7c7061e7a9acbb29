using Oxyde.Codec.Errors;
using static Oxyde.Driver.Tests.Msg;

namespace Oxyde.Driver.Tests;

/// <summary>Streaming cursors (cursor_open / cursor_fetch / cursor_close) on SQLite.</summary>
public sealed class CursorTests
{
    private static TestDatabase WithRows(int count, string url = "sqlite::memory:", Dictionary<string, object?>? settings = null, TimeProvider? time = null)
    {
        var db = new TestDatabase(url, settings, time: time);
        db.Raw("CREATE TABLE n (id INTEGER PRIMARY KEY, v INTEGER NOT NULL)");
        if (count > 0)
        {
            db.Execute(Map("proto", 1, "type", "insert", "table", "n", "columns", List("v"), "rows", Enumerable.Range(0, count).Select(i => (object?)List((long)i)).ToList()));
        }

        return db;
    }

    private static Dictionary<string, object?> SelectAll() => Map(
        "proto", 1, "type", "select", "table", "n", "columns", List("id", "v"),
        "column_types", Map("id", Map("kind", "int64"), "v", Map("kind", "int64")),
        "order_by", List(List("id", "asc")));

    private static long Open(TestDatabase db, long? tx = null, Dictionary<string, object?>? ir = null)
    {
        var opened = UnpackMap(db.Runtime.CursorOpen(Pack(Map("pool", db.Pool, "tx", tx, "ir", ir ?? SelectAll()))));
        Assert.Equal(List("id", "v"), opened["columns"]);
        return (long)opened["cursor"]!;
    }

    private static (List<long> Values, bool Done) Fetch(TestDatabase db, long cursor, int rows)
    {
        var result = UnpackMap(db.Runtime.CursorFetch(Pack(Map("cursor", cursor, "rows", rows))));
        var values = Assert.IsType<List<object?>>(result["rows"]).Select(row => (long)((List<object?>)row!)[1]!).ToList();
        return (values, (bool)result["done"]!);
    }

    private static bool Close(TestDatabase db, long cursor) =>
        (bool)UnpackMap(db.Runtime.CursorClose(Pack(Map("cursor", cursor))))["closed"]!;

    [Fact]
    public void Fetches_hand_back_chunks_and_the_last_one_closes_the_cursor()
    {
        using var db = WithRows(10);
        var cursor = Open(db);
        var first = Fetch(db, cursor, 4);
        Assert.Equal([0L, 1, 2, 3], first.Values);
        Assert.False(first.Done);
        Assert.Equal([4L, 5, 6, 7], Fetch(db, cursor, 4).Values);
        var last = Fetch(db, cursor, 4);
        Assert.Equal([8L, 9], last.Values);
        Assert.True(last.Done);
        Assert.Equal(0, db.Runtime.OpenCursors);
        TestDatabase.Fails(ErrorCode.CursorNotFound, () => Fetch(db, cursor, 4));
        Assert.False(Close(db, cursor));
    }

    [Fact]
    public void A_chunk_that_ends_exactly_at_the_last_row_is_followed_by_an_empty_done_one()
    {
        using var db = WithRows(4);
        var cursor = Open(db);
        Assert.False(Fetch(db, cursor, 4).Done);
        var last = Fetch(db, cursor, 4);
        Assert.Empty(last.Values);
        Assert.True(last.Done);
    }

    [Fact]
    public void A_cursor_holds_its_connection_until_it_closes()
    {
        using var dir = new TempDirectory("oxyde-cursor");
        using var db = WithRows(5, dir.SqliteUrl("c.db"), Map("max_connections", 1, "acquire_timeout", 0.2));
        var cursor = Open(db);
        Fetch(db, cursor, 1);
        TestDatabase.Fails(ErrorCode.AcquireTimeout, () => db.Count("n"));
        Assert.True(Close(db, cursor));
        Assert.Equal(5, db.Count("n"));
        Assert.False(Close(db, cursor));
    }

    [Fact]
    public void The_sweep_closes_a_cursor_idle_past_the_transaction_timeout_and_gives_its_connection_back()
    {
        using var dir = new TempDirectory("oxyde-cursor");
        var time = new ManualTime();
        using var db = WithRows(5, dir.SqliteUrl("c.db"), Map("max_connections", 1, "acquire_timeout", 0.2, "transaction_timeout", 10, "transaction_cleanup_interval", 2), time);
        var cursor = Open(db);
        time.Advance(TimeSpan.FromSeconds(9));
        Fetch(db, cursor, 1); // activity: idle again from here
        time.Advance(TimeSpan.FromSeconds(9));
        Assert.Equal(1, db.Runtime.OpenCursors);
        time.Advance(TimeSpan.FromSeconds(3));
        Assert.Equal(0, db.Runtime.OpenCursors);
        TestDatabase.Fails(ErrorCode.CursorNotFound, () => Fetch(db, cursor, 1));
        Assert.Equal(5, db.Count("n"));
    }

    [Fact]
    public void Closing_the_pool_closes_its_cursors()
    {
        using var db = WithRows(5);
        var cursor = Open(db);
        Fetch(db, cursor, 2);
        db.Runtime.PoolClose(Pack(Map("name", db.Pool)));
        Assert.Equal(0, db.Runtime.OpenCursors);
        TestDatabase.Fails(ErrorCode.CursorNotFound, () => Fetch(db, cursor, 1));
    }

    [Fact]
    public void Inside_a_transaction_it_reads_uncommitted_rows_and_the_commit_ends_it()
    {
        using var db = WithRows(3);
        var tx = db.Begin();
        db.Execute(Map("proto", 1, "type", "insert", "table", "n", "columns", List("v"), "rows", List(List(100L))), tx);
        var cursor = Open(db, tx);
        Assert.Equal([0L, 1], Fetch(db, cursor, 2).Values);

        // SQLite runs other statements of the transaction between fetches, the same SQL included.
        Assert.Equal(4, ((List<object?>)db.Execute(SelectAll(), tx)["rows"]!).Count);
        Assert.Equal([2L, 100], Fetch(db, cursor, 2).Values);

        var second = Open(db, tx);
        db.Commit(tx);
        TestDatabase.Fails(ErrorCode.CursorNotFound, () => Fetch(db, second, 1));
        Assert.Equal(4, db.Count("n"));
    }

    [Fact]
    public void Only_selects_returning_rows_open()
    {
        using var db = WithRows(1);
        var insert = Map("proto", 1, "type", "insert", "table", "n", "columns", List("v"), "rows", List(List(1L)));
        TestDatabase.Fails(ErrorCode.UnsupportedFeature, () => Open(db, ir: insert));
        var count = SelectAll();
        count["count"] = true;
        TestDatabase.Fails(ErrorCode.UnsupportedFeature, () => Open(db, ir: count));
        Assert.Equal(0, db.Runtime.OpenCursors);
        Assert.Equal(1, db.Count("n")); // the connection went back to the pool
    }

    [Fact]
    public void Bad_fetch_requests_are_malformed()
    {
        using var db = WithRows(1);
        var cursor = Open(db);
        TestDatabase.Fails(ErrorCode.IrMalformed, () => db.Runtime.CursorFetch(Pack(Map("cursor", cursor, "rows", 0))));
        TestDatabase.Fails(ErrorCode.IrMalformed, () => db.Runtime.CursorFetch(Pack(Map("cursor", cursor, "rows", 1_000_001))));
        TestDatabase.Fails(ErrorCode.IrMalformed, () => db.Runtime.CursorFetch(Pack(Map("cursor", cursor, "chunk", 5))));
        TestDatabase.Fails(ErrorCode.IrMalformed, () => db.Runtime.CursorFetch(Pack(Map("rows", 5))));
        TestDatabase.Fails(ErrorCode.CursorNotFound, () => db.Runtime.CursorFetch(Pack(Map("cursor", 999L))));
        Assert.Equal([0L], Fetch(db, cursor, 5).Values);
    }
}
