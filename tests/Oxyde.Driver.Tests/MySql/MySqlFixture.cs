using Oxyde.Codec.Reader;
using Oxyde.Codec.Requests;
using Oxyde.Driver.Buffers;
using Oxyde.Driver.Logging;
using Oxyde.Driver.Pools;
using Oxyde.Driver.Providers.MySql;
using Oxyde.Query.Dialects;
using static Oxyde.Driver.Tests.Msg;

namespace Oxyde.Driver.Tests.MySql;

/// <summary>Runs IR and raw SQL on one <see cref="MySqlPool"/> (optionally forced to a dialect) without the runtime.</summary>
internal sealed class MySqlFixture : IDisposable
{
    public MySqlFixture(SqlDialect? dialect = null, PoolSettings? settings = null, string? url = null)
    {
        Pool = new MySqlPool("mysql_test", url ?? MySqlServer.Url, settings ?? new PoolSettings(), StatementLog.FromEnvironment(), dialect);
    }

    public MySqlPool Pool { get; }

    public Dictionary<string, object?> Execute(Dictionary<string, object?> ir, IConnectionSession? session = null)
    {
        var own = session ?? Pool.Acquire();
        try
        {
            using var output = new PooledBufferWriter();
            own.Execute(IrReader.ReadQuery(Pack(ir)), output);
            return UnpackMap(output.ToArray());
        }
        finally
        {
            if (session is null)
            {
                Pool.Release(own);
            }
        }
    }

    public Dictionary<string, object?> Raw(string sql, params object?[] parameters) =>
        Execute(Map("proto", 1, "type", "raw", "sql", sql, "params", parameters));

    public Dictionary<string, object?> RawOn(IConnectionSession session, string sql, params object?[] parameters) =>
        Execute(Map("proto", 1, "type", "raw", "sql", sql, "params", parameters), session);

    public List<object?> Rows(string sql, params object?[] parameters) =>
        Assert.IsType<List<object?>>(Raw(sql, parameters)["rows"]);

    public object? Scalar(string sql, params object?[] parameters) => ((List<object?>)Rows(sql, parameters)[0]!)[0];

    public void Dispose() => Pool.Dispose();
}
