using Oxyde.Codec.Errors;
using static Oxyde.Driver.Tests.Msg;

namespace Oxyde.Driver.Tests;

/// <summary>A runtime with one pool open (in memory unless a URL is given); every call goes through request bytes.</summary>
internal sealed class TestDatabase : IDisposable
{
    public TestDatabase(string url = "sqlite::memory:", Dictionary<string, object?>? settings = null, string pool = "default", TimeProvider? time = null)
    {
        Runtime = time is null ? new OxydeRuntime() : new OxydeRuntime(null, time);
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

    /// <summary>A table <c>t (id, v TEXT)</c> holding <paramref name="texts"/> in order.</summary>
    public static TestDatabase WithTexts(IEnumerable<string> texts)
    {
        var db = new TestDatabase();
        db.Raw("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)");
        db.Execute(Map("proto", 1, "type", "insert", "table", "t", "columns", List("v"), "rows", texts.Select(text => (object?)List(text)).ToList()));
        return db;
    }

    /// <summary>The <c>v</c> values of table <c>t</c> (see <see cref="WithTexts"/>) matching <c>v {op} value</c>, by id.</summary>
    public List<object?> TextsWhere(string op, string value)
    {
        var select = Map(
            "proto", 1, "type", "select", "table", "t", "columns", List("v"), "order_by", List(List("id", "asc")),
            "filter_tree", Map("type", "condition", "field", "v", "op", op, "value", value));
        return Assert.IsType<List<object?>>(Execute(select)["rows"]).Select(row => ((List<object?>)row!)[0]).ToList();
    }

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
