using Oxyde.Codec.Errors;
using static Oxyde.Driver.Tests.Msg;

namespace Oxyde.Driver.Tests;

/// <summary>
/// Async tickets wait for their permits (a connection, SQLite's one writer) without a thread, can be
/// cancelled at any point, and a transaction's deadline interrupts its running statement.
/// </summary>
[Collection(DeadlineCollection.Name)]
public sealed class TicketTests
{
    private const int Execute = 3, TxBegin = 5, TxCommit = 6;

    /// <summary>A statement that runs for seconds (a recursive count to 50 million).</summary>
    private const string Slow = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 50000000) SELECT count(*) FROM c";

    [Fact]
    public void Hundreds_of_async_transactions_on_one_connection_all_commit()
    {
        using var dir = new TempDirectory("oxyde-tickets-");
        using var db = new TestDatabase(dir.SqliteUrl("t.db"), Map("max_connections", 1));
        db.Raw("CREATE TABLE c (n INTEGER)");
        db.Raw("INSERT INTO c VALUES (0)");
        var tickets = new Tickets(db);

        // Far more begins than worker threads: each waits for the writer in the queue, not on a thread.
        var begins = Enumerable.Range(0, 300).Select(_ => tickets.Submit(TxBegin, Map("pool", db.Pool))).ToList();
        foreach (var begin in begins)
        {
            var tx = (long)tickets.Result(begin)["tx"]!;
            tickets.Result(tickets.Submit(Execute, Map("pool", db.Pool, "tx", tx, "ir", RawIr("UPDATE c SET n = n + 1"))));
            tickets.Result(tickets.Submit(TxCommit, Map("tx", tx)));
        }

        Assert.Equal(300L, ((List<object?>)db.Rows("SELECT n FROM c")[0]!)[0]);
        Assert.Equal(0, db.Runtime.RunningTickets);
    }

    [Fact]
    public void A_cancelled_begin_that_waits_for_the_writer_ends_at_once_and_holds_nothing()
    {
        using var dir = new TempDirectory("oxyde-tickets-");
        using var db = new TestDatabase(dir.SqliteUrl("t.db"));
        db.Raw("CREATE TABLE c (n INTEGER)");
        var tickets = new Tickets(db);
        var holder = db.Begin();

        var waiting = tickets.Submit(TxBegin, Map("pool", db.Pool));
        var write = tickets.Submit(Execute, Map("pool", db.Pool, "ir", RawIr("INSERT INTO c VALUES (1)")));
        Assert.True(db.Runtime.Cancel(waiting));
        Assert.Equal(ErrorCode.Cancelled, tickets.Error(waiting));
        Assert.False(db.Runtime.Cancel(waiting)); // finished: nothing to cancel

        db.Commit(holder);
        Assert.Equal(1L, tickets.Result(write)["affected"]); // the writer permit went past the cancelled begin
        var next = db.Begin();
        db.Commit(next);
    }

    [Fact]
    public void Cancelling_a_running_statement_interrupts_it()
    {
        using var db = new TestDatabase();
        var tickets = new Tickets(db);
        var slow = tickets.Submit(Execute, Map("pool", db.Pool, "ir", RawIr(Slow)));
        Thread.Sleep(100);

        var started = DateTime.UtcNow;
        Assert.True(db.Runtime.Cancel(slow));
        Assert.Equal(ErrorCode.Cancelled, tickets.Error(slow));
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(2), "the statement ran on");
        Assert.Single(db.Rows("SELECT 1")); // the connection is fine afterwards
    }

    [Fact]
    public void A_cancelled_statement_of_a_transaction_leaves_it_to_roll_back()
    {
        using var dir = new TempDirectory("oxyde-tickets-");
        using var db = new TestDatabase(dir.SqliteUrl("t.db"));
        db.Raw("CREATE TABLE c (n INTEGER)");
        var tickets = new Tickets(db);
        var tx = db.Begin();
        db.Execute(RawIr("INSERT INTO c VALUES (1)"), tx);
        var slow = tickets.Submit(Execute, Map("pool", db.Pool, "tx", tx, "ir", RawIr(Slow)));
        Thread.Sleep(100);

        Assert.True(db.Runtime.Cancel(slow));
        Assert.Equal(ErrorCode.Cancelled, tickets.Error(slow));
        db.Rollback(tx);
        Assert.Equal(0L, db.Count("c"));
        db.Commit(db.Begin()); // the writer permit is free
    }

    [Fact]
    public void A_transaction_deadline_interrupts_the_running_statement_and_it_can_only_roll_back()
    {
        using var dir = new TempDirectory("oxyde-tickets-");
        using var db = new TestDatabase(dir.SqliteUrl("t.db"));
        db.Raw("CREATE TABLE c (n INTEGER)");
        var tx = (long)UnpackMap(db.Runtime.TxBegin(Pack(Map("pool", db.Pool, "timeout", 0.2))))["tx"]!;
        db.Execute(RawIr("INSERT INTO c VALUES (1)"), tx);

        var started = DateTime.UtcNow;
        TestDatabase.Fails(ErrorCode.TransactionTimeout, () => db.Execute(RawIr(Slow), tx));
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(2), "the statement ran on");
        TestDatabase.Fails(ErrorCode.TransactionTimeout, () => db.Execute(RawIr("SELECT 1"), tx));
        TestDatabase.Fails(ErrorCode.TransactionTimeout, () => db.Commit(tx)); // rolled back instead
        Assert.Equal(0L, db.Count("c"));
        db.Commit(db.Begin());
    }

    [Fact]
    public void A_write_waits_for_the_writer_permit_as_long_as_busy_timeout_not_acquire_timeout()
    {
        using var dir = new TempDirectory("oxyde-tickets-");
        using var db = new TestDatabase(dir.SqliteUrl("t.db"), Map("sqlite_busy_timeout", 100, "acquire_timeout", 60));
        db.Raw("CREATE TABLE c (n INTEGER)");
        var tx = db.Begin(); // holds the writer permit
        var tickets = new Tickets(db);

        var started = DateTime.UtcNow;
        TestDatabase.Fails(ErrorCode.Busy, () => db.Raw("INSERT INTO c VALUES (1)"));
        Assert.Equal(ErrorCode.Busy, tickets.Error(tickets.Submit(TxBegin, Map("pool", db.Pool))));
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(30), "waited acquire_timeout, not busy_timeout");
        db.Rollback(tx);
        Assert.Equal(1L, db.Raw("INSERT INTO c VALUES (1)")["affected"]);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(1e9)]
    public void A_begin_timeout_out_of_range_is_malformed(double seconds) =>
        TestDatabase.Fails(ErrorCode.IrMalformed, () => new TestDatabase().Runtime.TxBegin(Pack(Map("pool", "default", "timeout", seconds))));

    [Fact]
    public void Closing_the_pool_fails_waiting_tickets()
    {
        using var dir = new TempDirectory("oxyde-tickets-");
        using var db = new TestDatabase(dir.SqliteUrl("t.db"));
        var tickets = new Tickets(db);
        db.Begin();
        var waiting = tickets.Submit(TxBegin, Map("pool", db.Pool));

        db.Runtime.PoolClose(Pack(Map("name", db.Pool)));
        Assert.Equal(ErrorCode.PoolClosed, tickets.Error(waiting));
    }

    private static Dictionary<string, object?> RawIr(string sql) => Map("proto", 1, "type", "raw", "sql", sql, "params", List());

    /// <summary>Submits tickets and collects their completions, whatever order they come in.</summary>
    private sealed class Tickets(TestDatabase db)
    {
        private readonly Dictionary<ulong, (int Status, Dictionary<string, object?> Result)> _done = [];

        public ulong Submit(int verb, Dictionary<string, object?> request) => db.Runtime.Submit(verb, Pack(request));

        public Dictionary<string, object?> Result(ulong ticket)
        {
            var (status, result) = Wait(ticket);
            Assert.True(status == RuntimeStatus.Ok, $"ticket {ticket} failed: {result.ToJsonLike()}");
            return result;
        }

        public ErrorCode Error(ulong ticket)
        {
            var (status, result) = Wait(ticket);
            Assert.Equal(RuntimeStatus.Error, status);
            return (ErrorCode)(int)(long)result["code"]!;
        }

        private (int Status, Dictionary<string, object?> Result) Wait(ulong ticket)
        {
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (DateTime.UtcNow < deadline)
            {
                if (_done.Remove(ticket, out var done))
                {
                    return done;
                }

                foreach (var completion in (List<object?>)Unpack(db.Runtime.DrainCompletions())!)
                {
                    var item = (List<object?>)completion!;
                    _done[(ulong)(long)item[0]!] = ((int)(long)item[1]!, (Dictionary<string, object?>)item[2]!);
                }

                if (!_done.ContainsKey(ticket))
                {
                    Thread.Sleep(1);
                }
            }

            throw new TimeoutException($"ticket {ticket} did not complete");
        }
    }
}
