using Oxyde.Codec.Errors;
using static Oxyde.Driver.Tests.Msg;

namespace Oxyde.Driver.Tests.Postgres;

/// <summary>PostgreSQL errors classified by SQLSTATE, with the names the server reports.</summary>
public sealed class PostgresErrorTests : IDisposable
{
    private readonly string _parent = PostgresServer.Table("pe");
    private readonly string _child = PostgresServer.Table("ce");
    private readonly TestDatabase? _db;

    public PostgresErrorTests()
    {
        if (PostgresServer.SkipReason is null)
        {
            _db = new TestDatabase(PostgresServer.Url, Map("max_connections", 4));
            _db.Raw($"CREATE TABLE \"{_parent}\" (id BIGINT PRIMARY KEY, name TEXT NOT NULL UNIQUE, n INT CONSTRAINT \"{_parent}_n_check\" CHECK (n >= 0))");
            _db.Raw($"CREATE TABLE \"{_child}\" (id BIGINT PRIMARY KEY, parent_id BIGINT CONSTRAINT \"{_child}_fk\" REFERENCES \"{_parent}\" (id))");
            _db.Raw($"INSERT INTO \"{_parent}\" VALUES (1, 'a', 1)");
        }
    }

    private TestDatabase Db => _db!;

    [PostgresFact]
    public void Constraint_violations_carry_the_constraint_and_table()
    {
        var unique = TestDatabase.Fails(ErrorCode.UniqueViolation, () => Db.Raw($"INSERT INTO \"{_parent}\" VALUES (2, 'a', 1)"));
        Assert.Equal(_parent + "_name_key", unique.Details["constraint"]);
        Assert.Equal(_parent, unique.Details["table"]);
        Assert.Equal("23505", unique.Details["sqlstate"]);
        var check = TestDatabase.Fails(ErrorCode.CheckViolation, () => Db.Raw($"INSERT INTO \"{_parent}\" VALUES (3, 'c', -1)"));
        Assert.Equal(_parent + "_n_check", check.Details["constraint"]);
        var notNull = TestDatabase.Fails(ErrorCode.NotNullViolation, () => Db.Raw($"INSERT INTO \"{_parent}\" VALUES (4, NULL, 1)"));
        Assert.Equal("name", notNull.Details["column"]);
        var fk = TestDatabase.Fails(ErrorCode.ForeignKeyViolation, () => Db.Raw($"INSERT INTO \"{_child}\" VALUES (1, 99)"));
        Assert.Equal(_child + "_fk", fk.Details["constraint"]);
    }

    [PostgresFact]
    public void Errors_of_ir_queries_name_the_model()
    {
        var error = TestDatabase.Fails(ErrorCode.UniqueViolation, () => Db.Execute(Map(
            "proto", 1, "type", "insert", "table", _parent, "model", "app.Parent", "columns", List("id", "name"), "rows", List(List(9L, "a")))));
        Assert.Equal("app.Parent", error.Details["model"]);
        Assert.Equal(_parent, error.Details["table"]);
    }

    [PostgresFact]
    public void Lock_timeout_is_its_own_error()
    {
        var holder = Db.Begin();
        Db.Execute(Map("proto", 1, "type", "raw", "sql", $"UPDATE \"{_parent}\" SET n = 2 WHERE id = 1", "params", List()), holder);
        var waiter = Db.Begin();
        Db.Execute(Map("proto", 1, "type", "raw", "sql", "SET LOCAL lock_timeout = '50ms'", "params", List()), waiter);
        TestDatabase.Fails(ErrorCode.LockTimeout, () =>
            Db.Execute(Map("proto", 1, "type", "raw", "sql", $"UPDATE \"{_parent}\" SET n = 3 WHERE id = 1", "params", List()), waiter));
        Db.Rollback(waiter);
        Db.Rollback(holder);
    }

    [PostgresFact]
    public void Deadlock_fails_one_transaction_as_retryable_deadlock()
    {
        Db.Raw($"INSERT INTO \"{_parent}\" VALUES (2, 'b', 1)");
        var first = Db.Begin();
        var second = Db.Begin();
        Update(first, 1);
        Update(second, 2);
        var crossing = Task.Run(() => Catch(() => Update(first, 2)));
        Thread.Sleep(200);
        var direct = Catch(() => Update(second, 1));
        var other = crossing.Result;
        var codes = new[] { direct?.Code, other?.Code };
        Assert.Contains(ErrorCode.Deadlock, codes);
        Assert.Contains(null, codes);
        Db.Rollback(first);
        Db.Rollback(second);
    }

    [PostgresFact]
    public void Serializable_transactions_that_conflict_fail_with_serialization_failure()
    {
        var first = Runtime_Begin("serializable");
        var second = Runtime_Begin("serializable");
        Assert.Equal("serializable", ((List<object?>)((List<object?>)Db.Execute(RawIr("SHOW transaction_isolation"), first)["rows"]!)[0]!)[0]);
        Db.Execute(RawIr($"SELECT SUM(n) FROM \"{_parent}\""), first);
        Db.Execute(RawIr($"SELECT SUM(n) FROM \"{_parent}\""), second);
        Db.Execute(RawIr($"INSERT INTO \"{_parent}\" VALUES (10, 'x', 1)"), first);
        Db.Execute(RawIr($"INSERT INTO \"{_parent}\" VALUES (11, 'y', 1)"), second);
        Db.Commit(first);
        var error = Catch(() =>
        {
            Db.Commit(second);
        });
        Assert.Equal(ErrorCode.SerializationFailure, error?.Code);
    }

    [PostgresFact]
    public void After_a_failed_statement_the_transaction_is_aborted_until_rolled_back_to_a_savepoint()
    {
        var tx = Db.Begin();
        Db.Savepoint(tx, "sp_1");
        TestDatabase.Fails(ErrorCode.UniqueViolation, () => Db.Execute(RawIr($"INSERT INTO \"{_parent}\" VALUES (1, 'dup', 1)"), tx));
        TestDatabase.Fails(ErrorCode.TransactionState, () => Db.Execute(RawIr("SELECT 1"), tx));
        Db.RollbackTo(tx, "sp_1");
        Db.Execute(RawIr($"INSERT INTO \"{_parent}\" VALUES (5, 'e', 1)"), tx);
        Db.Commit(tx);
        Assert.Single(Db.Rows($"SELECT 1 FROM \"{_parent}\" WHERE id = 5"));
    }

    [PostgresFact]
    public void Committing_an_aborted_transaction_says_it_rolled_back()
    {
        var tx = Db.Begin();
        Db.Execute(RawIr($"INSERT INTO \"{_parent}\" VALUES (6, 'f', 1)"), tx);
        TestDatabase.Fails(ErrorCode.UniqueViolation, () => Db.Execute(RawIr($"INSERT INTO \"{_parent}\" VALUES (1, 'dup', 1)"), tx));
        TestDatabase.Fails(ErrorCode.TransactionState, () => Db.Commit(tx));
        Assert.Empty(Db.Rows($"SELECT 1 FROM \"{_parent}\" WHERE id = 6"));
    }

    [PostgresFact]
    public void A_terminated_connection_is_connection_lost_and_the_pool_recovers()
    {
        var tx = Db.Begin();
        var pid = ((List<object?>)((List<object?>)Db.Execute(RawIr("SELECT pg_backend_pid()"), tx)["rows"]!)[0]!)[0];
        Db.Raw("SELECT pg_terminate_backend($1::int)", pid);
        TestDatabase.Fails(ErrorCode.ConnectionLost, () => Db.Execute(RawIr("SELECT 1"), tx));
        Catch(() => Db.Rollback(tx));
        Assert.Equal(1L, ((List<object?>)Db.Rows("SELECT 1")[0]!)[0]);
    }

    [PostgresFact]
    public void A_transaction_deadline_cancels_its_running_statement_on_the_server()
    {
        var tx = (long)UnpackMap(Db.Runtime.TxBegin(Pack(Map("pool", Db.Pool, "timeout", 0.3))))["tx"]!;
        var started = System.Diagnostics.Stopwatch.StartNew();
        TestDatabase.Fails(ErrorCode.TransactionTimeout, () => Db.Execute(RawIr("SELECT pg_sleep(30)"), tx));
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(20), "the statement ran on after the deadline");
        Catch(() => Db.Rollback(tx));
        Assert.Single(Db.Rows("SELECT 1"));
    }

    [PostgresFact]
    public void Raw_sql_with_two_statements_is_refused_before_it_runs()
    {
        var error = TestDatabase.Fails(ErrorCode.UnsupportedFeature, () => Db.Raw($"DELETE FROM \"{_parent}\"; SELECT 1"));
        Assert.Equal("multiple_statements", error.Details["feature"]);
        Assert.Single(Db.Rows($"SELECT 1 FROM \"{_parent}\""));
        Assert.Single(Db.Rows("SELECT ';' AS \"a;b\" -- ; trailing\n;"));
    }

    [PostgresFact]
    public void Scripts_run_every_statement_and_a_failing_one_undoes_the_script()
    {
        var script = Map("proto", 1, "type", "raw", "script", true, "params", List(),
            "sql", $"INSERT INTO \"{_parent}\" VALUES (20, 's1', 1);\n-- a comment; with a semicolon\nINSERT INTO \"{_parent}\" VALUES (21, 's;2', 1);");
        Assert.Equal(2L, Db.Execute(script)["affected"]);
        var failing = Map("proto", 1, "type", "raw", "script", true, "params", List(),
            "sql", $"INSERT INTO \"{_parent}\" VALUES (22, 's3', 1); INSERT INTO \"{_parent}\" VALUES (1, 'dup', 1)");
        TestDatabase.Fails(ErrorCode.UniqueViolation, () => Db.Execute(failing));
        Assert.Empty(Db.Rows($"SELECT 1 FROM \"{_parent}\" WHERE id = 22"));
    }

    [PostgresFact]
    public void A_transaction_opened_by_raw_sql_is_rolled_back_before_the_connection_is_reused()
    {
        using var db = new TestDatabase(PostgresServer.Url, Map("max_connections", 1));
        db.Raw("  /* opened by hand */ begin");
        db.Raw($"INSERT INTO \"{_parent}\" VALUES (30, 'raw', 1)");
        Assert.Single(Db.Rows($"SELECT 1 FROM \"{_parent}\" WHERE id = 30"));
        var script = Map("proto", 1, "type", "raw", "script", true, "params", List(), "sql", "BEGIN; SELECT 1;");
        db.Execute(script);
        db.Raw($"INSERT INTO \"{_parent}\" VALUES (31, 'raw2', 1)");
        Assert.Single(Db.Rows($"SELECT 1 FROM \"{_parent}\" WHERE id = 31"));
    }

    [PostgresFact]
    public void Wrong_password_and_missing_database_have_their_own_codes()
    {
        var auth = Assert.ThrowsAny<OxydeException>(() => new TestDatabase(PostgresServer.WithPassword("wrong-password")));
        Assert.Equal(ErrorCode.AuthenticationFailed, auth.Code);
        Assert.DoesNotContain("wrong-password", auth.Details["url"], StringComparison.Ordinal);
        var missing = Assert.ThrowsAny<OxydeException>(() => new TestDatabase(PostgresServer.WithDatabase("oxyde_test_no_such_db")));
        Assert.Equal(ErrorCode.DatabaseNotFound, missing.Code);
    }

    [PostgresFact]
    public void A_busy_pool_answers_acquire_timeout()
    {
        using var db = new TestDatabase(PostgresServer.Url, Map("max_connections", 1, "acquire_timeout", 0.2));
        var tx = db.Begin();
        TestDatabase.Fails(ErrorCode.AcquireTimeout, () => db.Raw("SELECT 1"));
        db.Rollback(tx);
        Assert.Single(db.Rows("SELECT 1"));
    }

    public void Dispose()
    {
        if (_db is not null)
        {
            _db.Raw($"DROP TABLE IF EXISTS \"{_child}\", \"{_parent}\"");
            _db.Dispose();
        }
    }

    private static Dictionary<string, object?> RawIr(string sql) => Map("proto", 1, "type", "raw", "sql", sql, "params", List());

    private static OxydeException? Catch(Action action)
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

    private long Runtime_Begin(string isolation) =>
        (long)UnpackMap(Db.Runtime.TxBegin(Pack(Map("pool", Db.Pool, "isolation", isolation))))["tx"]!;

    private void Update(long tx, int id) =>
        Db.Execute(RawIr($"UPDATE \"{_parent}\" SET n = n + 1 WHERE id = {id}"), tx);
}
