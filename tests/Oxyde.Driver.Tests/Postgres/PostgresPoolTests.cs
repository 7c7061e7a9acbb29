using static Oxyde.Driver.Tests.Msg;

namespace Oxyde.Driver.Tests.Postgres;

/// <summary>The PostgreSQL pool's settings: test_before_acquire, max_lifetime, idle_timeout, application name.</summary>
public sealed class PostgresPoolTests
{
    [PostgresFact]
    public void Test_before_acquire_replaces_a_dead_idle_connection_without_an_error()
    {
        using var db = new TestDatabase(PostgresServer.Url, Map("max_connections", 1, "test_before_acquire", true));
        var pid = BackendPid(db);
        using (var other = new TestDatabase(PostgresServer.Url, pool: "other"))
        {
            other.Raw("SELECT pg_terminate_backend($1::int)", pid);
        }

        Assert.NotEqual(pid, BackendPid(db));
    }

    [PostgresFact]
    public void Connections_past_max_lifetime_are_replaced()
    {
        using var db = new TestDatabase(PostgresServer.Url, Map("max_connections", 1, "max_lifetime", 0.05));
        var pid = BackendPid(db);
        Thread.Sleep(100);
        Assert.NotEqual(pid, BackendPid(db));
    }

    [PostgresFact]
    public void Idle_connections_past_idle_timeout_are_closed_down_to_min_connections()
    {
        using (var db = new TestDatabase(PostgresServer.Url, Map("max_connections", 1, "idle_timeout", 0.05)))
        {
            var pid = BackendPid(db);
            Thread.Sleep(100);
            Assert.NotEqual(pid, BackendPid(db));
        }

        using var kept = new TestDatabase(PostgresServer.Url, Map("max_connections", 1, "idle_timeout", 0.05, "min_connections", 1));
        var first = BackendPid(kept);
        Thread.Sleep(100);
        Assert.Equal(first, BackendPid(kept));
    }

    [PostgresFact]
    public void Connections_are_reused_within_their_lifetime()
    {
        using var db = new TestDatabase(PostgresServer.Url, Map("max_connections", 1));
        Assert.Equal(BackendPid(db), BackendPid(db));
    }

    [PostgresFact]
    public void Application_name_reaches_the_server()
    {
        using var db = new TestDatabase(PostgresServer.Url, Map("pg_application_name", "oxyde-xunit"));
        Assert.Equal("oxyde-xunit", ((List<object?>)db.Rows("SELECT current_setting('application_name')")[0]!)[0]);
    }

    [PostgresFact]
    public void Min_connections_are_open_from_the_start()
    {
        var name = "oxyde-min-" + Guid.NewGuid().ToString("N")[..8];
        using var db = new TestDatabase(PostgresServer.Url, Map("min_connections", 3, "pg_application_name", name));
        using var other = new TestDatabase(PostgresServer.Url, pool: "other");
        Assert.Equal(3L, ((List<object?>)other.Rows("SELECT COUNT(*) FROM pg_stat_activity WHERE application_name = $1", name)[0]!)[0]);
    }

    [PostgresTheory]
    [InlineData(null, true)]
    [InlineData(5L, true)]
    [InlineData(0L, false)]
    public void Statements_run_again_are_prepared_unless_the_cache_is_off(long? capacity, bool prepared)
    {
        var settings = Map("max_connections", 1);
        if (capacity is { } n)
        {
            settings["pg_statement_cache_capacity"] = n;
        }

        using var db = new TestDatabase(PostgresServer.Url, settings);
        for (var i = 0; i < 3; i++)
        {
            db.Rows("SELECT $1::int8 + 1 AS \"oxyde_prepare_probe\"", (long)i);
        }

        var count = (long)((List<object?>)db.Rows("SELECT COUNT(*) FROM pg_prepared_statements WHERE statement LIKE '%oxyde_prepare_probe%'")[0]!)[0]!;
        Assert.Equal(prepared, count > 0);
    }

    private static object? BackendPid(TestDatabase db) => ((List<object?>)db.Rows("SELECT pg_backend_pid()")[0]!)[0];
}
