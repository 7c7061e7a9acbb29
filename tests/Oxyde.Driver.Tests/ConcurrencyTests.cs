using static Oxyde.Driver.Tests.Msg;

namespace Oxyde.Driver.Tests;

public sealed class ConcurrencyTests
{
    [Fact]
    public void Many_submitted_writes_on_a_file_database_all_land()
    {
        using var dir = new TempDirectory("oxyde-conc-");
        using var db = new TestDatabase(dir.SqliteUrl("conc.db"), Map("max_connections", 4));
        db.Raw("CREATE TABLE hit (id INTEGER PRIMARY KEY, worker INTEGER)");
        const int Count = 200;
        var tickets = new HashSet<ulong>();
        for (var i = 0; i < Count; i++)
        {
            var insert = Map("proto", 1, "type", "insert", "table", "hit", "columns", List("worker"), "rows", List(List((long)i)));
            tickets.Add(db.Runtime.Submit((int)RuntimeVerb.Execute, Pack(Map("pool", "default", "ir", insert))));
        }

        var statuses = new Dictionary<ulong, long>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (statuses.Count < Count && DateTime.UtcNow < deadline)
        {
            foreach (var completion in (List<object?>)Unpack(db.Runtime.DrainCompletions())!)
            {
                var item = (List<object?>)completion!;
                statuses[(ulong)(long)item[0]!] = (long)item[1]!;
            }

            Thread.Sleep(5);
        }

        Assert.Equal(tickets.Order(), statuses.Keys.Order());
        Assert.All(statuses.Values, status => Assert.Equal(0L, status));
        Assert.Equal(Count, db.Count("hit"));
    }

    [Fact]
    public async Task Transactions_from_two_threads_serialize_on_the_write_lock()
    {
        using var dir = new TempDirectory("oxyde-conc-");
        using var db = new TestDatabase(dir.SqliteUrl("tx.db"));
        db.Raw("CREATE TABLE acct (id INTEGER PRIMARY KEY, balance INTEGER)");
        db.Raw("INSERT INTO acct VALUES (1, 0)");
        var workers = Enumerable.Range(0, 2).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < 25; i++)
            {
                var tx = db.Begin();
                var balance = (long)((List<object?>)((List<object?>)db.Execute(Map("proto", 1, "type", "raw",
                    "sql", "SELECT balance FROM acct WHERE id = 1", "params", List()), tx)["rows"]!)[0]!)[0]!;
                db.Execute(Map("proto", 1, "type", "raw", "sql", "UPDATE acct SET balance = ? WHERE id = 1", "params", List(balance + 1)), tx);
                db.Commit(tx);
            }
        })).ToArray();
        await Task.WhenAll(workers);
        Assert.Equal(50L, ((List<object?>)db.Rows("SELECT balance FROM acct")[0]!)[0]);
    }
}
