using Oxyde.Driver.Providers.Sqlite;
using static Oxyde.Driver.Tests.Msg;

namespace Oxyde.Driver.Tests;

/// <summary>
/// <see cref="OxydeRuntime.ExecuteOrSubmit"/>: a statement that can finish at once runs on the
/// caller's thread; one that would wait (lock, busy pool, explicit-transaction write) or outgrows
/// the inline budget ends up on a worker, and runs there exactly once.
/// </summary>
public sealed class InlineExecutionTests
{
    /// <summary>Rows in <c>big</c>: scanning them takes milliseconds, far past the 100 µs budget.</summary>
    private const long BigRows = 200_000;

    private static readonly Dictionary<string, object?> IntType = Map("kind", "int64");

    [Fact]
    public void A_short_select_runs_on_the_callers_thread()
    {
        using var db = new TestDatabase();
        db.Raw("CREATE TABLE t (v INTEGER)");
        db.Raw("INSERT INTO t VALUES (7)");

        // The budget is wall time: a preempted attempt may overrun it, so one of several must fit.
        var inline = 0;
        for (var i = 0; i < 20; i++)
        {
            var (result, ticket) = Run(db, SelectV("t"));
            Assert.Equal(List(List(7L)).ToJsonLike(), result["rows"].ToJsonLike());
            inline += ticket == 0 ? 1 : 0;
        }

        Assert.True(inline > 0, "no attempt ran inline");
    }

    [Fact]
    public void A_long_select_is_interrupted_and_finishes_on_a_worker_and_its_sql_skips_inline_next_time()
    {
        using var db = WithBigTable();
        var count = Map("proto", 1, "type", "select", "table", "big", "columns", List("v"), "column_types", Map("v", IntType),
            "filter_tree", Map("type", "condition", "field", "v", "op", "gte", "value", 0), "count", true);
        var pool = (SqlitePool)db.Runtime.Pool(db.Pool);

        var request = Pack(Map("pool", db.Pool, "ir", count));
        Assert.Null(db.Runtime.ExecuteOrSubmit(request, out var ticket));
        Assert.NotEqual(0UL, ticket);
        Assert.Equal(1, pool.InlineBackoffCount);

        // The parsed request went to the worker, not these bytes: scribbling over them changes nothing.
        Array.Clear(request);
        Assert.Equal(List(List(BigRows)).ToJsonLike(), Completed(db, ticket)["rows"].ToJsonLike());
    }

    [Fact]
    public void An_interrupted_autocommit_update_is_rolled_back_and_applied_once_by_the_worker()
    {
        using var db = WithBigTable();
        var bump = Map("proto", 1, "type", "update", "table", "big", "column_types", Map("v", IntType),
            "expressions", Map("v", Map("type", "binary", "op", "add", "left", Map("type", "column", "name", "v"), "right", Map("type", "value", "value", 1))));

        Assert.Null(db.Runtime.ExecuteOrSubmit(Pack(Map("pool", db.Pool, "ir", bump)), out var ticket));
        Assert.Equal(BigRows, Completed(db, ticket)["affected"]);
        var sum = (long)((List<object?>)db.Rows("SELECT SUM(v) FROM big")[0]!)[0]!;
        Assert.Equal((BigRows * (BigRows + 1) / 2) + BigRows, sum);
    }

    [Fact]
    public void A_write_that_would_wait_for_the_lock_goes_to_a_worker_which_waits_for_it()
    {
        using var dir = new TempDirectory("oxyde-inline-");
        using var db = new TestDatabase(dir.SqliteUrl("lock.db"), Map("max_connections", 2));
        db.Raw("CREATE TABLE t (v INTEGER)");
        var holder = db.Begin(); // BEGIN IMMEDIATE: the write lock, held on the other connection

        Assert.Null(db.Runtime.ExecuteOrSubmit(Pack(Map("pool", db.Pool, "ir", InsertV("t", 1))), out var ticket));
        db.Commit(holder);
        Assert.Equal(1L, Completed(db, ticket)["affected"]);
        Assert.Equal(1L, db.Count("t"));
    }

    [Theory]
    [InlineData("WAL", "FULL")]
    [InlineData("DELETE", "NORMAL")]
    public void Writes_whose_commit_would_fsync_go_to_a_worker(string journal, string synchronous)
    {
        using var dir = new TempDirectory("oxyde-inline-");
        using var db = new TestDatabase(
            dir.SqliteUrl("sync.db"), Map("sqlite_journal_mode", journal, "sqlite_synchronous", synchronous));
        db.Raw("CREATE TABLE t (v INTEGER)");
        for (var i = 0; i < 5; i++)
        {
            Assert.NotEqual(0UL, Run(db, InsertV("t", i)).Ticket);
        }

        Assert.Equal(5L, db.Count("t"));
    }

    [Fact]
    public void A_query_finding_no_free_connection_goes_to_a_worker()
    {
        using var db = new TestDatabase(settings: Map("max_connections", 1));
        db.Raw("CREATE TABLE t (v INTEGER)");
        var holder = db.Begin(); // holds the only connection

        Assert.Null(db.Runtime.ExecuteOrSubmit(Pack(Map("pool", db.Pool, "ir", SelectV("t"))), out var ticket));
        db.Rollback(holder);
        Assert.Equal("[]", Completed(db, ticket)["rows"].ToJsonLike());
    }

    [Fact]
    public void In_a_transaction_writes_go_to_a_worker_and_reads_may_run_inline()
    {
        using var db = new TestDatabase();
        db.Raw("CREATE TABLE t (v INTEGER)");
        var tx = db.Begin();

        Assert.Null(db.Runtime.ExecuteOrSubmit(Pack(Map("pool", db.Pool, "tx", tx, "ir", InsertV("t", 5))), out var ticket));
        Assert.Equal(1L, Completed(db, ticket)["affected"]);

        var inline = 0;
        for (var i = 0; i < 20; i++)
        {
            var (result, readTicket) = Run(db, SelectV("t"), tx);
            Assert.Equal(List(List(5L)).ToJsonLike(), result["rows"].ToJsonLike());
            inline += readTicket == 0 ? 1 : 0;
        }

        Assert.True(inline > 0, "no read in the transaction ran inline");
        db.Rollback(tx);
        Assert.Equal(0L, db.Count("t"));
    }

    [Fact]
    public void Bad_requests_and_failing_statements_are_answered_at_once()
    {
        using var db = new TestDatabase();
        db.Raw("CREATE TABLE u (v INTEGER UNIQUE)");
        db.Raw("INSERT INTO u VALUES (1)");

        using (var garbage = db.Runtime.ExecuteOrSubmit(new byte[] { 0xc1, 0x00 }, out var ticket))
        {
            Assert.Equal(0UL, ticket);
            Assert.Equal(RuntimeStatus.Error, garbage!.Status);
            Assert.Equal("ir_malformed", UnpackMap(garbage.ToArray())["name"]);
        }

        var (unique, _) = Run(db, InsertV("u", 1), expectError: true);
        Assert.Equal("unique_violation", unique["name"]);
    }

    private static TestDatabase WithBigTable()
    {
        var db = new TestDatabase();
        db.Raw("CREATE TABLE big (v INTEGER)");
        db.Raw($"WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < {BigRows}) INSERT INTO big SELECT x FROM c");
        return db;
    }

    private static Dictionary<string, object?> SelectV(string table) =>
        Map("proto", 1, "type", "select", "table", table, "columns", List("v"), "column_types", Map("v", IntType));

    private static Dictionary<string, object?> InsertV(string table, long value) =>
        Map("proto", 1, "type", "insert", "table", table, "columns", List("v"), "rows", List(List(value)), "column_types", Map("v", IntType));

    /// <summary>The result map, inline or through its ticket, and the ticket (0 when it ran inline).</summary>
    private static (Dictionary<string, object?> Result, ulong Ticket) Run(
        TestDatabase db, Dictionary<string, object?> ir, long? tx = null, bool expectError = false)
    {
        using var result = db.Runtime.ExecuteOrSubmit(Pack(Map("pool", db.Pool, "tx", tx, "ir", ir)), out var ticket);
        if (result is null)
        {
            return (Completed(db, ticket, expectError), ticket);
        }

        Assert.Equal(0UL, ticket);
        Assert.Equal(expectError ? RuntimeStatus.Error : RuntimeStatus.Ok, result.Status);
        return (UnpackMap(result.ToArray()), 0);
    }

    /// <summary>Drains completions until <paramref name="ticket"/>'s arrives; its result map.</summary>
    private static Dictionary<string, object?> Completed(TestDatabase db, ulong ticket, bool expectError = false)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            foreach (var completion in (List<object?>)Unpack(db.Runtime.DrainCompletions())!)
            {
                var item = (List<object?>)completion!;
                if ((ulong)(long)item[0]! == ticket)
                {
                    Assert.Equal(expectError ? RuntimeStatus.Error : RuntimeStatus.Ok, (int)(long)item[1]!);
                    return (Dictionary<string, object?>)item[2]!;
                }
            }

            Thread.Sleep(1);
        }

        throw new TimeoutException($"ticket {ticket} did not complete");
    }
}
