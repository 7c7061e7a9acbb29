using Oxyde.Codec.Errors;
using Oxyde.Codec.Requests;
using Oxyde.Driver.Logging;
using Oxyde.Driver.Providers.Sqlite;
using static Oxyde.Driver.Tests.Msg;

namespace Oxyde.Driver.Tests;

public sealed class PoolTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("oxyde-pool-");

    public void Dispose() => _dir.Delete(recursive: true);

    private SqlitePool Open(PoolSettings settings) =>
        new("p", $"sqlite://{_dir.FullName}/pool.db", settings, StatementLog.FromEnvironment());

    [Theory]
    [InlineData(0, 1)]
    [InlineData(2, 2)]
    public void Idle_connections_close_after_the_idle_timeout_down_to_the_minimum(int minConnections, int expectedOpen)
    {
        using var pool = Open(new PoolSettings { MinConnections = minConnections, IdleTimeout = TimeSpan.FromMilliseconds(50) });
        var sessions = Enumerable.Range(0, 3).Select(_ => pool.Acquire()).ToList();
        Assert.Equal(3, pool.OpenConnections);
        sessions.ForEach(pool.Release);
        Thread.Sleep(150);
        var session = pool.Acquire();
        Assert.Equal(expectedOpen, pool.OpenConnections);
        pool.Release(session);
    }

    [Fact]
    public void A_closed_pool_refuses_and_closes_returned_connections()
    {
        var pool = Open(new PoolSettings());
        var session = pool.Acquire();
        pool.Dispose();
        TestDatabase.Fails(ErrorCode.PoolClosed, () => pool.Acquire());
        pool.Release(session);
        Assert.Equal(0, pool.OpenConnections);
    }

    [Fact]
    public void Pragmas_are_applied_to_every_connection()
    {
        using var db = new TestDatabase($"sqlite://{_dir.FullName}/pragma.db", Map(
            "sqlite_synchronous", "FULL", "sqlite_busy_timeout", 1234, "sqlite_cache_size", -4000, "sqlite_foreign_keys", false));
        Assert.Equal(2L, ((List<object?>)db.Rows("PRAGMA synchronous")[0]!)[0]);
        Assert.Equal(1234L, ((List<object?>)db.Rows("PRAGMA busy_timeout")[0]!)[0]);
        Assert.Equal(-4000L, ((List<object?>)db.Rows("PRAGMA cache_size")[0]!)[0]);
        Assert.Equal(0L, ((List<object?>)db.Rows("PRAGMA foreign_keys")[0]!)[0]);
    }

    [Fact]
    public void Unknown_pragma_values_are_refused()
    {
        using var runtime = new OxydeRuntime();
        TestDatabase.Fails(ErrorCode.IrUnknownValue, () => runtime.PoolOpen(Pack(Map(
            "name", "p", "url", "sqlite::memory:", "settings", Map("sqlite_journal_mode", "WAL; DROP TABLE x")))));
    }

    [Fact]
    public void Read_only_mode_refuses_writes()
    {
        using (var db = new TestDatabase($"sqlite://{_dir.FullName}/ro.db"))
        {
            db.Raw("CREATE TABLE t (a INTEGER)");
        }

        using var ro = new TestDatabase($"sqlite://{_dir.FullName}/ro.db?mode=ro");
        Assert.Equal(0, ro.Count("t"));
        TestDatabase.Fails(ErrorCode.Database, () => ro.Raw("INSERT INTO t VALUES (1)"));
    }

    [Fact]
    public void Render_returns_statements_without_a_database()
    {
        using var runtime = new OxydeRuntime();
        var result = UnpackMap(runtime.RenderSql(Pack(Map("dialect", "sqlite", "ir", Map(
            "proto", 1, "type", "select", "table", "users", "columns", List("id"),
            "filter_tree", Map("type", "condition", "field", "age", "op", "gte", "value", 18L))))));
        var statement = (Dictionary<string, object?>)((List<object?>)result["statements"]!).Single()!;
        Assert.Contains("FROM \"users\"", (string)statement["sql"]!, StringComparison.Ordinal);
        Assert.Equal(List(18L).ToJsonLike(), statement["params"].ToJsonLike());
    }

    [Fact]
    public void Render_writes_temporal_parameters_as_iso_text()
    {
        using var runtime = new OxydeRuntime();
        var result = UnpackMap(runtime.RenderSql(Pack(Map("dialect", "postgres", "ir", Map(
            "proto", 1, "type", "select", "table", "ev", "columns", List("id"),
            "column_types", Map("at", Map("kind", "datetime"), "day", Map("kind", "date")),
            "filter_tree", Map("type", "and", "children", List(
                Map("type", "condition", "field", "at", "op", "gte", "value", "2024-01-02T03:04:05.5"),
                Map("type", "condition", "field", "day", "op", "eq", "value", "2024-01-02"))))))));
        var statement = (Dictionary<string, object?>)((List<object?>)result["statements"]!).Single()!;
        Assert.Equal(List("2024-01-02T03:04:05.5", "2024-01-02").ToJsonLike(), statement["params"].ToJsonLike());
    }
}
