using Oxyde.Codec.Errors;
using Oxyde.Codec.Requests;
using Oxyde.Driver.Execution;
using Oxyde.Driver.Providers.MySql;
using static Oxyde.Driver.Tests.Msg;

namespace Oxyde.Driver.Tests.MySql;

/// <summary>Each error class provoked on the real server, classified by MySQL error number.</summary>
public sealed class MySqlErrorTests
{
    [Theory]
    [InlineData(1062, ErrorCode.UniqueViolation)]
    [InlineData(1451, ErrorCode.ForeignKeyViolation)]
    [InlineData(1452, ErrorCode.ForeignKeyViolation)]
    [InlineData(1048, ErrorCode.NotNullViolation)]
    [InlineData(1364, ErrorCode.NotNullViolation)]
    [InlineData(3819, ErrorCode.CheckViolation)]
    [InlineData(4025, ErrorCode.CheckViolation)]
    [InlineData(1213, ErrorCode.Deadlock)]
    [InlineData(1205, ErrorCode.LockTimeout)]
    [InlineData(2006, ErrorCode.ConnectionLost)]
    [InlineData(2013, ErrorCode.ConnectionLost)]
    [InlineData(1045, ErrorCode.AuthenticationFailed)]
    [InlineData(1049, ErrorCode.DatabaseNotFound)]
    [InlineData(1317, ErrorCode.Cancelled)]
    [InlineData(1064, ErrorCode.Database)]
    public void Numbers_map_to_codes(int number, ErrorCode expected) => Assert.Equal(expected, MySqlErrors.Classify(number));

    [MySqlFact]
    public void Constraint_violations_name_their_class_constraint_and_table()
    {
        using var db = new MySqlFixture();
        var parent = MySqlServer.Table("parent");
        var child = MySqlServer.Table("child");
        db.Raw($"CREATE TABLE `{parent}` (id BIGINT PRIMARY KEY, email VARCHAR(50) NOT NULL, age INT, CONSTRAINT `{parent}_adult` CHECK (age >= 18), UNIQUE KEY `{parent}_email` (email))");
        db.Raw($"CREATE TABLE `{child}` (id BIGINT PRIMARY KEY, parent_id BIGINT, CONSTRAINT `fk_{child[..20]}` FOREIGN KEY (parent_id) REFERENCES `{parent}` (id))");
        try
        {
            db.Execute(Insert(parent, List("id", "email", "age"), List(1L, "a@x", 20L)));

            var unique = Fails(db, ErrorCode.UniqueViolation, Insert(parent, List("id", "email", "age"), List(2L, "a@x", 20L)));
            Assert.Equal($"{parent}_email", unique.Details["constraint"]);
            Assert.Equal(parent, unique.Details["table"]);
            Assert.Equal("app.Parent", unique.Details["model"]);

            var check = Fails(db, ErrorCode.CheckViolation, Insert(parent, List("id", "email", "age"), List(3L, "b@x", 10L)));
            Assert.Equal($"{parent}_adult", check.Details["constraint"]);

            var notNull = Fails(db, ErrorCode.NotNullViolation, Insert(parent, List("id", "email", "age"), List(4L, null, 20L)));
            Assert.Equal("email", notNull.Details["column"]);

            var fk = Fails(db, ErrorCode.ForeignKeyViolation, Insert(child, List("id", "parent_id"), List(1L, 99L)));
            Assert.Equal($"fk_{child[..20]}", fk.Details["constraint"]);

            db.Execute(Insert(child, List("id", "parent_id"), List(2L, 1L)));
            Fails(db, ErrorCode.ForeignKeyViolation, Map("proto", 1, "type", "delete", "table", parent, "model", "app.Parent"));
        }
        finally
        {
            db.Raw($"DROP TABLE IF EXISTS `{child}`, `{parent}`");
        }
    }

    [MySqlFact]
    public void Lock_wait_past_innodb_lock_wait_timeout_is_lock_timeout_and_the_transaction_stays_open()
    {
        using var db = new MySqlFixture();
        var table = Counter(db);
        var holder = db.Pool.Acquire();
        var waiter = db.Pool.Acquire();
        try
        {
            holder.Begin(null);
            db.RawOn(holder, $"UPDATE `{table}` SET n = n + 1 WHERE id = 1");
            db.RawOn(waiter, "SET SESSION innodb_lock_wait_timeout = 1");
            waiter.Begin(null);
            var error = Assert.ThrowsAny<OxydeException>(() => db.RawOn(waiter, $"UPDATE `{table}` SET n = n + 1 WHERE id = 1"));
            Assert.Equal(ErrorCode.LockTimeout, error.Code);
            Assert.True(waiter.InTransaction); // InnoDB rolls back only the statement
            waiter.Rollback();
            holder.Commit();
        }
        finally
        {
            db.Pool.Release(holder);
            db.Pool.Release(waiter);
            db.Raw($"DROP TABLE IF EXISTS `{table}`");
        }
    }

    [MySqlFact]
    public void Deadlock_fails_one_transaction_as_deadlock_and_ends_it()
    {
        using var db = new MySqlFixture();
        var table = Counter(db);
        var a = db.Pool.Acquire();
        var b = db.Pool.Acquire();
        try
        {
            a.Begin(null);
            b.Begin(null);
            db.RawOn(a, $"UPDATE `{table}` SET n = 1 WHERE id = 1");
            db.RawOn(b, $"UPDATE `{table}` SET n = 1 WHERE id = 2");
            var first = Task.Run(() => Attempt(() => db.RawOn(a, $"UPDATE `{table}` SET n = 2 WHERE id = 2")));
            Thread.Sleep(300);
            var second = Attempt(() => db.RawOn(b, $"UPDATE `{table}` SET n = 2 WHERE id = 1"));
            var errors = new[] { first.Result, second }.OfType<OxydeException>().ToList();
            var deadlock = Assert.Single(errors);
            Assert.Equal(ErrorCode.Deadlock, deadlock.Code);
            var loser = second is null ? a : b;
            Assert.False(loser.InTransaction);
            (second is null ? b : a).Commit();
        }
        finally
        {
            db.Pool.Release(a);
            db.Pool.Release(b);
            db.Raw($"DROP TABLE IF EXISTS `{table}`");
        }
    }

    [MySqlFact]
    public void Interrupt_kills_the_running_query_as_cancelled_and_the_connection_stays_usable()
    {
        using var db = new MySqlFixture();
        var session = db.Pool.Acquire();
        try
        {
            var thread = ((MySqlServerConnection)((SqlSession)session).Connection).ServerThread;
            var running = Task.Run(() => Attempt(() => db.RawOn(session, "SELECT SLEEP(20)")));

            // Interrupt once the server runs it (a KILL QUERY before that has nothing to stop).
            while (!running.IsCompleted && Convert.ToInt64(db.Scalar(
                "SELECT COUNT(*) FROM information_schema.processlist WHERE id = ? AND info LIKE 'SELECT SLEEP%'", (long)thread), System.Globalization.CultureInfo.InvariantCulture) == 0)
            {
                Thread.Sleep(20);
            }

            session.Interrupt();
            Assert.True(running.Wait(TimeSpan.FromSeconds(15)));
            var error = Assert.IsAssignableFrom<OxydeException>(running.Result);
            Assert.Equal(ErrorCode.Cancelled, error.Code);
            Assert.Equal(1L, ((List<object?>)((List<object?>)db.RawOn(session, "SELECT 1")["rows"]!)[0]!)[0]);
        }
        finally
        {
            db.Pool.Release(session);
        }
    }

    [MySqlFact]
    public void A_killed_connection_is_connection_lost_and_the_pool_replaces_it()
    {
        using var db = new MySqlFixture(settings: new PoolSettings { MaxConnections = 1 });
        var session = db.Pool.Acquire();
        var thread = ((MySqlServerConnection)((SqlSession)session).Connection).ServerThread;
        using (var killer = new MySqlFixture())
        {
            killer.Raw($"KILL {thread}");
        }

        var error = Assert.ThrowsAny<OxydeException>(() => db.RawOn(session, "SELECT 1"));
        Assert.Equal(ErrorCode.ConnectionLost, error.Code);
        db.Pool.Release(session);
        Assert.Equal(1L, db.Scalar("SELECT 1"));
        Assert.Equal(1, db.Pool.OpenConnections);
    }

    [MySqlFact]
    public void A_value_past_max_allowed_packet_fails_and_the_pool_drops_the_closed_connection()
    {
        using var db = new MySqlFixture(settings: new PoolSettings { MaxConnections = 1 });
        var allowed = Convert.ToInt64(db.Scalar("SELECT @@max_allowed_packet"), System.Globalization.CultureInfo.InvariantCulture);
        var table = MySqlServer.Table("blob");
        db.Raw($"CREATE TABLE `{table}` (id BIGINT PRIMARY KEY, b LONGBLOB)");
        try
        {
            var error = Assert.ThrowsAny<OxydeException>(() => db.Raw($"INSERT INTO `{table}` VALUES (1, ?)", new byte[allowed]));
            // ER_NET_PACKET_TOO_LARGE, or the server closing the socket mid-packet (2013): either way
            // the server drops the connection, and the pool must not hand it out again.
            Assert.Contains(error.Details["mysql_errno"], new[] { "1153", "2013" });
            Assert.Equal(0L, db.Scalar($"SELECT COUNT(*) FROM `{table}`"));
        }
        finally
        {
            db.Raw($"DROP TABLE IF EXISTS `{table}`");
        }
    }

    [MySqlFact]
    public void Wrong_password_is_authentication_failed()
    {
        using var runtime = new OxydeRuntime();
        var error = TestDatabase.Fails(ErrorCode.AuthenticationFailed, () =>
            runtime.PoolOpen(Pack(Map("name", "default", "url", MySqlServer.With(password: "wrong-password"), "settings", Map()))));
        Assert.Equal("1045", error.Details["mysql_errno"]);
        Assert.DoesNotContain("wrong-password", error.Message, StringComparison.Ordinal);
    }

    [MySqlFact]
    public void Missing_database_is_database_not_found()
    {
        using var runtime = new OxydeRuntime();
        TestDatabase.Fails(ErrorCode.DatabaseNotFound, () =>
            runtime.PoolOpen(Pack(Map("name", "default", "url", MySqlServer.With(database: "oxyde_test_no_such_db_x"), "settings", Map()))));
    }

    [Fact]
    public void Unreachable_server_is_connection_failed()
    {
        using var runtime = new OxydeRuntime();
        TestDatabase.Fails(ErrorCode.ConnectionFailed, () =>
            runtime.PoolOpen(Pack(Map("name", "default", "url", "mysql://u:p@127.0.0.1:1/db?connect_timeout=2", "settings", Map()))));
    }

    private static Exception? Attempt(Action action)
    {
        try
        {
            action();
            return null;
        }
        catch (OxydeException e)
        {
            return e;
        }
    }

    private static OxydeException Fails(MySqlFixture db, ErrorCode code, Dictionary<string, object?> ir)
    {
        var error = Assert.ThrowsAny<OxydeException>(() => db.Execute(ir));
        Assert.Equal(code, error.Code);
        return error;
    }

    private static Dictionary<string, object?> Insert(string table, List<object?> columns, List<object?> row) =>
        Map("proto", 1, "type", "insert", "table", table, "model", "app.Parent", "columns", columns, "rows", List(row));

    private static string Counter(MySqlFixture db)
    {
        var table = MySqlServer.Table("counter");
        db.Raw($"CREATE TABLE `{table}` (id BIGINT PRIMARY KEY, n BIGINT NOT NULL) ENGINE=InnoDB");
        db.Raw($"INSERT INTO `{table}` VALUES (1, 0), (2, 0)");
        return table;
    }
}
