using System.Collections;
using System.Reflection;
using static Oxyde.Driver.Tests.Msg;

namespace Oxyde.Driver.Tests;

/// <summary>
/// Opening and closing in-memory pools leaves nothing behind per cycle (issue 12, defect 10: RSS grew
/// from 39 to 146 MB over 100,000 <c>init</c>/<c>close</c> of <c>sqlite::memory:</c>).
/// </summary>
public sealed class MemoryPoolLeakTests
{
    private const int Cycles = 1_000;

    /// <summary>
    /// Microsoft.Data.Sqlite keeps one entry per distinct connection string for minutes; a fresh
    /// database name per pool made that grow by one per cycle. Other tests running in parallel add a
    /// few entries of their own (temporary file paths), far fewer than the cycles.
    /// </summary>
    [Fact]
    public void Memory_pools_opened_and_closed_do_not_grow_the_connection_string_cache()
    {
        using var runtime = new OxydeRuntime();
        var before = ConnectionStringEntries();
        for (var i = 0; i < Cycles; i++)
        {
            runtime.PoolOpen(Pack(Map("name", "leak", "url", "sqlite::memory:", "settings", Map())));
            runtime.PoolClose(Pack(Map("name", "leak")));
        }

        Assert.InRange(ConnectionStringEntries() - before, int.MinValue, Cycles / 10);
    }

    [Fact]
    public void A_reused_memory_database_starts_empty()
    {
        using var runtime = new OxydeRuntime();
        for (var i = 0; i < 20; i++)
        {
            runtime.PoolOpen(Pack(Map("name", "reuse", "url", "sqlite::memory:", "settings", Map())));
            var ir = Map("proto", 1, "type", "raw", "sql", "CREATE TABLE t (x INTEGER)", "params", List());
            runtime.Execute(Pack(Map("pool", "reuse", "ir", ir)));
            runtime.PoolClose(Pack(Map("name", "reuse")));
        }
    }

    private static int ConnectionStringEntries()
    {
        var factoryType = Type.GetType("Microsoft.Data.Sqlite.SqliteConnectionFactory, Microsoft.Data.Sqlite", throwOnError: true)!;
        var instance = factoryType.GetField("Instance", BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic)!.GetValue(null)!;
        var groups = factoryType.GetField("_poolGroups", BindingFlags.Instance | BindingFlags.NonPublic)!;
        lock (instance)
        {
            return ((ICollection)groups.GetValue(instance)!).Count;
        }
    }
}
