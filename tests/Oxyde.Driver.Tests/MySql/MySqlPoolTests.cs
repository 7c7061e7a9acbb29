using Oxyde.Codec.Errors;
using Oxyde.Codec.Requests;
using Oxyde.Driver.Execution;
using Oxyde.Driver.Providers.MySql;
using static Oxyde.Driver.Tests.Msg;

namespace Oxyde.Driver.Tests.MySql;

/// <summary>The MySQL pool's settings against the real server.</summary>
public sealed class MySqlPoolTests
{
    [MySqlFact]
    public void Min_connections_open_with_the_pool_and_max_connections_bounds_acquire()
    {
        using var db = new MySqlFixture(settings: new PoolSettings { MinConnections = 2, MaxConnections = 2, AcquireTimeout = TimeSpan.FromMilliseconds(200) });
        Assert.Equal(2, db.Pool.OpenConnections);
        var a = db.Pool.Acquire();
        var b = db.Pool.Acquire();
        TestDatabase.Fails(ErrorCode.AcquireTimeout, () => db.Pool.Acquire());
        db.Pool.Release(a);
        db.Pool.Release(b);
        Assert.Null(db.Pool.TryAcquireInline());
        Assert.Null(db.Pool.Writers);
    }

    [MySqlFact]
    public void Charset_and_collation_hold_on_every_connection()
    {
        using var db = new MySqlFixture(settings: new PoolSettings { MysqlCollation = "utf8mb4_bin", MaxConnections = 3 });
        var sessions = Enumerable.Range(0, 3).Select(_ => db.Pool.Acquire()).ToList();
        foreach (var session in sessions)
        {
            var row = (List<object?>)((List<object?>)db.RawOn(session, "SELECT @@character_set_connection, @@collation_connection")["rows"]!)[0]!;
            Assert.Equal("utf8mb4", row[0]);
            Assert.Equal("utf8mb4_bin", row[1]);
        }

        sessions.ForEach(db.Pool.Release);
        Assert.Equal(0L, db.Scalar("SELECT 'a' = 'A'"));
    }

    [MySqlFact]
    public void Max_lifetime_closes_a_connection_when_it_comes_back()
    {
        using var db = new MySqlFixture(settings: new PoolSettings { MaxLifetime = TimeSpan.Zero });
        var first = Thread(db);
        Assert.NotEqual(first, Thread(db));
    }

    [MySqlFact]
    public void Test_before_acquire_replaces_a_connection_the_server_dropped()
    {
        using var db = new MySqlFixture(settings: new PoolSettings { TestBeforeAcquire = true, MaxConnections = 1 });
        var first = Thread(db);
        using (var killer = new MySqlFixture())
        {
            killer.Raw($"KILL {first}");
        }

        Assert.Equal(1L, db.Scalar("SELECT 1"));
        Assert.NotEqual(first, Thread(db));
    }

    [MySqlFact]
    public void Releasing_a_session_in_a_transaction_rolls_it_back()
    {
        using var db = new MySqlFixture(settings: new PoolSettings { MaxConnections = 1 });
        var table = MySqlServer.Table("rb");
        db.Raw($"CREATE TABLE `{table}` (id BIGINT PRIMARY KEY)");
        try
        {
            var session = db.Pool.Acquire();
            session.Begin(TransactionIsolation.Serializable);
            db.RawOn(session, $"INSERT INTO `{table}` VALUES (1)");
            db.Pool.Release(session);
            Assert.Equal(0L, db.Scalar($"SELECT COUNT(*) FROM `{table}`"));
        }
        finally
        {
            db.Raw($"DROP TABLE IF EXISTS `{table}`");
        }
    }

    [MySqlTheory]
    [InlineData("ReadCommitted", 1L)]
    [InlineData("ReadUncommitted", 1L)]
    [InlineData("RepeatableRead", 0L)]
    public void Isolation_level_applies_to_the_transaction_it_begins(string level, long seenAfterOtherCommit)
    {
        var isolation = Enum.Parse<TransactionIsolation>(level);
        using var db = new MySqlFixture(settings: new PoolSettings { MaxConnections = 2 });
        var table = MySqlServer.Table("iso");
        db.Raw($"CREATE TABLE `{table}` (id BIGINT PRIMARY KEY) ENGINE=InnoDB");
        var reader = db.Pool.Acquire();
        try
        {
            reader.Begin(isolation);
            Assert.True(reader.InTransaction);
            Assert.Equal(0L, Count(db, reader, table)); // the snapshot (repeatable read) starts here
            db.Raw($"INSERT INTO `{table}` VALUES (1)");
            Assert.Equal(seenAfterOtherCommit, Count(db, reader, table));
            reader.Commit();
            Assert.Equal(1L, Count(db, reader, table)); // one-shot: the next transaction is at the default level again
        }
        finally
        {
            db.Pool.Release(reader);
            db.Raw($"DROP TABLE IF EXISTS `{table}`");
        }
    }

    [MySqlFact]
    public void Raw_sql_with_two_statements_is_refused_before_running()
    {
        using var db = new MySqlFixture();
        var table = MySqlServer.Table("two");
        db.Raw($"CREATE TABLE `{table}` (id BIGINT PRIMARY KEY)");
        try
        {
            var error = Assert.ThrowsAny<OxydeException>(() => db.Raw($"INSERT INTO `{table}` VALUES (1); INSERT INTO `{table}` VALUES (2)"));
            Assert.Equal(ErrorCode.UnsupportedFeature, error.Code);
            Assert.Equal(0L, db.Scalar($"SELECT COUNT(*) FROM `{table}`"));
            var script = db.Execute(Map("proto", 1, "type", "raw", "script", true, "sql", $"INSERT INTO `{table}` VALUES (1); INSERT INTO `{table}` VALUES (2)", "params", List()));
            Assert.Equal(2L, script["affected"]);
        }
        finally
        {
            db.Raw($"DROP TABLE IF EXISTS `{table}`");
        }
    }

    [MySqlFact]
    public void A_repeated_statement_is_prepared_once_and_reused()
    {
        using var db = new MySqlFixture(settings: new PoolSettings { MaxConnections = 1 });
        var table = MySqlServer.Table("prep");
        db.Raw($"CREATE TABLE `{table}` (id BIGINT PRIMARY KEY)");
        var session = db.Pool.Acquire();
        try
        {
            var select = Map(
                "proto", 1, "type", "select", "table", table, "columns", List("id"),
                "filter_tree", Map("type", "condition", "field", "id", "op", "eq", "value", 1L));
            var before = Prepared(db, session);
            for (var i = 0; i < 5; i++)
            {
                db.Execute(select, session);
            }

            Assert.Equal(1L, Prepared(db, session) - before);
        }
        finally
        {
            db.Pool.Release(session);
            db.Raw($"DROP TABLE IF EXISTS `{table}`");
        }
    }

    private static long Prepared(MySqlFixture db, Pools.IConnectionSession session) =>
        Convert.ToInt64(((List<object?>)((List<object?>)db.RawOn(session, "SHOW SESSION STATUS LIKE 'Com_stmt_prepare'")["rows"]!)[0]!)[1], System.Globalization.CultureInfo.InvariantCulture);

    private static long Count(MySqlFixture db, Pools.IConnectionSession session, string table) =>
        (long)((List<object?>)((List<object?>)db.RawOn(session, $"SELECT COUNT(*) FROM `{table}`")["rows"]!)[0]!)[0]!;

    private static int Thread(MySqlFixture db)
    {
        var session = db.Pool.Acquire();
        try
        {
            return ((MySqlServerConnection)((SqlSession)session).Connection).ServerThread;
        }
        finally
        {
            db.Pool.Release(session);
        }
    }
}
