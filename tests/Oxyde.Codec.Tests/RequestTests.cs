using Oxyde.Codec.Errors;
using Oxyde.Codec.Ir;
using Oxyde.Codec.Reader;
using Oxyde.Codec.Requests;
using Oxyde.Codec.Tests.Support;

namespace Oxyde.Codec.Tests;

public sealed class RequestTests
{
    private const string Ir = "{'proto':1,'type':'delete','table':'t'}";

    [Fact]
    public void Execute_reads_pool_tx_and_ir()
    {
        var r = IrReader.ReadExecute(Mp.Json("{'pool':'default','tx':7,'ir':" + Ir + "}"));
        Assert.Equal("default", r.Pool);
        Assert.Equal(7L, r.Tx);
        Assert.Equal(QueryKind.Delete, r.Query.Kind);

        var noTx = IrReader.ReadExecute(Mp.Json("{'ir':" + Ir + ",'tx':null,'pool':'p','extra':[1]}"));
        Assert.Null(noTx.Tx);
        Assert.Equal("p", noTx.Pool);

        Assert.Equal("ir", Mp.Throws(ErrorCode.IrMalformed, () => IrReader.ReadExecute(Mp.Json("{'pool':'p'}"))).Details["key"]);
        Mp.Throws(ErrorCode.IrUnsupportedProto, () => IrReader.ReadExecute(Mp.Json("{'pool':'p','ir':{'proto':3,'type':'delete','table':'t'}}")));
    }

    [Theory]
    [InlineData("sqlite", 0)]
    [InlineData("postgres", 1)]
    [InlineData("postgresql", 1)]
    [InlineData("mysql", 2)]
    [InlineData("mariadb", 2)]
    public void Render_reads_dialect_names(string name, int expected)
    {
        var r = IrReader.ReadRender(Mp.Json("{'dialect':'" + name + "','ir':" + Ir + "}"));
        Assert.Equal((DialectName)expected, r.Dialect);
    }

    [Fact]
    public void Render_rejects_unknown_dialects() =>
        Assert.Equal("dialect", Mp.Throws(ErrorCode.IrUnknownValue, () => IrReader.ReadRender(Mp.Json("{'dialect':'oracle','ir':" + Ir + "}"))).Details["key"]);

    [Fact]
    public void Pool_open_reads_settings_with_defaults()
    {
        var r = IrReader.ReadPoolOpen(Mp.Json("""
            {'name':'default','url':'sqlite://app.db','settings':{'max_connections':4,'acquire_timeout':2.5,
             'idle_timeout':null,'transaction_timeout':60,'transaction_cleanup_interval':0.5,'sqlite_busy_timeout':100,'sqlite_foreign_keys':false,
             'sqlite_journal_mode':'DELETE','min_connections':null,'statement_cache_size':100}}
            """));
        Assert.Equal(("default", "sqlite://app.db"), (r.Name, r.Url));
        Assert.Equal(4, r.Settings.MaxConnections);
        Assert.Equal(0, r.Settings.MinConnections);
        Assert.Equal(TimeSpan.FromSeconds(2.5), r.Settings.AcquireTimeout);
        Assert.Null(r.Settings.IdleTimeout);
        Assert.Equal(TimeSpan.FromMinutes(1), r.Settings.TransactionTimeout);
        Assert.Equal(TimeSpan.FromSeconds(0.5), r.Settings.TransactionCleanupInterval);
        Assert.Equal(100, r.Settings.SqliteBusyTimeoutMs);
        Assert.False(r.Settings.SqliteForeignKeys);
        Assert.Equal("DELETE", r.Settings.SqliteJournalMode);
        Assert.Equal("NORMAL", r.Settings.SqliteSynchronous);
        Assert.Equal(10000, r.Settings.SqliteCacheSize);

        var bare = IrReader.ReadPoolOpen(Mp.Json("{'name':'a','url':'sqlite::memory:'}"));
        Assert.Equal(new PoolSettings(), bare.Settings);
    }

    [Theory]
    [InlineData("{'name':'a','url':'u','settings':{'max_connections':'4'}}")]
    [InlineData("{'name':'a','url':'u','settings':{'acquire_timeout':-1}}")]
    [InlineData("{'name':'a','url':'u','settings':{'transaction_cleanup_interval':0}}")]
    [InlineData("{'name':'a','url':'u','settings':{'max_connections':1,'min_connections':2}}")]
    [InlineData("{'name':'a','url':'u','settings':[1]}")]
    [InlineData("{'url':'u'}")]
    public void Pool_open_rejects_bad_settings(string json) =>
        Mp.Throws(ErrorCode.IrMalformed, () => IrReader.ReadPoolOpen(Mp.Json(json)));

    [Fact]
    public void Pool_close_and_transactions()
    {
        Assert.Equal("default", IrReader.ReadPoolClose(Mp.Json("{'name':'default'}")).Name);
        Mp.Throws(ErrorCode.IrMalformed, () => IrReader.ReadPoolClose(Mp.Json("{}")));

        Assert.Equal(new TransactionRequest("default", null, null), IrReader.ReadTransaction(Mp.Json("{'pool':'default'}")));
        Assert.Equal(new TransactionRequest(null, 7, null), IrReader.ReadTransaction(Mp.Json("{'tx':7}")));
        Assert.Equal(new TransactionRequest(null, 7, "sp_1"), IrReader.ReadTransaction(Mp.Json("{'tx':7,'savepoint':'sp_1'}")));
        Mp.Throws(ErrorCode.IrMalformed, () => IrReader.ReadTransaction(Mp.Json("{'savepoint':'sp_1'}")));
        Mp.Throws(ErrorCode.IrMalformed, () => IrReader.ReadTransaction(Mp.Json("{'tx':'7'}")));
    }
}
