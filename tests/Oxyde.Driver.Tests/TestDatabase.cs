using Oxyde.Codec.Errors;
using static Oxyde.Driver.Tests.Msg;

namespace Oxyde.Driver.Tests;

/// <summary>A runtime with one pool open (in memory unless a URL is given); every call goes through request bytes.</summary>
internal sealed class TestDatabase : IDisposable
{
    public TestDatabase(string url = "sqlite::memory:", Dictionary<string, object?>? settings = null, string pool = "default")
    {
        Runtime = new OxydeRuntime();
        Pool = pool;
        Runtime.PoolOpen(Pack(Map("name", pool, "url", url, "settings", settings ?? Map())));
    }

    public OxydeRuntime Runtime { get; }

    public string Pool { get; }

    public Dictionary<string, object?> Execute(Dictionary<string, object?> ir, long? tx = null) =>
        UnpackMap(Runtime.Execute(Pack(Map("pool", Pool, "tx", tx, "ir", ir))));

    public Dictionary<string, object?> Raw(string sql, params object?[] parameters) =>
        Execute(Map("proto", 1, "type", "raw", "sql", sql, "params", parameters));

    public List<object?> Rows(string sql, params object?[] parameters) =>
        Assert.IsType<List<object?>>(Raw(sql, parameters)["rows"]);

    public long Count(string table) => (long)((List<object?>)Rows($"SELECT COUNT(*) FROM \"{table}\"")[0]!)[0]!;

    public long Begin() => (long)UnpackMap(Runtime.TxBegin(Pack(Map("pool", Pool))))["tx"]!;

    public void Commit(long tx) => Runtime.TxCommit(Pack(Map("tx", tx)));

    public void Rollback(long tx) => Runtime.TxRollback(Pack(Map("tx", tx)));

    public void Savepoint(long tx, string name) => Runtime.TxSavepoint(Pack(Map("tx", tx, "savepoint", name)));

    public void RollbackTo(long tx, string name) => Runtime.TxRollbackTo(Pack(Map("tx", tx, "savepoint", name)));

    public void Release(long tx, string name) => Runtime.TxRelease(Pack(Map("tx", tx, "savepoint", name)));

    public static OxydeException Fails(ErrorCode expected, Action action)
    {
        var error = Assert.ThrowsAny<OxydeException>(action);
        Assert.Equal(expected, error.Code);
        return error;
    }

    public void Dispose() => Runtime.Dispose();
}
