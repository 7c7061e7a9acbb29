using Oxyde.Codec.Errors;
using Oxyde.Codec.Requests;
using Oxyde.Driver.Logging;
using Oxyde.Driver.Providers.Postgres;
using Oxyde.Driver.Providers.Sqlite;

namespace Oxyde.Driver.Pools;

/// <summary>
/// Pools by alias. Opening an alias that is already open replaces it (Oxyde's overwrite): the new pool
/// opens first, so a bad URL leaves the old one in place, then the old one closes.
/// </summary>
internal sealed class PoolRegistry(StatementLog log)
{
    private readonly Dictionary<string, IConnectionPool> _pools = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>Opens <paramref name="request"/>'s pool and returns the pool it replaced, if any (the caller closes it).</summary>
    public IConnectionPool? Open(PoolOpenRequest request)
    {
        IConnectionPool pool = DatabaseUrl.BackendOf(request.Url) switch
        {
            DatabaseBackend.Sqlite => new SqlitePool(request.Name, request.Url, request.Settings, log),
            DatabaseBackend.Postgres => new PostgresPool(request.Name, request.Url, request.Settings, log),
            DatabaseBackend.MySql => new Providers.MySql.MySqlPool(request.Name, request.Url, request.Settings, log),
            _ => throw new OxydeException(ErrorCode.InvalidUrl, $"no provider for {request.Url}"),
        };

        lock (_gate)
        {
            _pools.Remove(request.Name, out var previous);
            _pools[request.Name] = pool;
            return previous;
        }
    }

    public IConnectionPool Get(string name)
    {
        lock (_gate)
        {
            if (_pools.TryGetValue(name, out var pool))
            {
                return pool;
            }
        }

        throw new OxydeException(
            ErrorCode.PoolNotFound,
            $"no pool is open under the alias '{name}'",
            new Dictionary<string, string> { ["pool"] = name });
    }

    /// <summary>Removes the alias and returns its pool (the caller closes it).</summary>
    public IConnectionPool Remove(string name)
    {
        lock (_gate)
        {
            if (_pools.Remove(name, out var pool))
            {
                return pool;
            }
        }

        throw new OxydeException(
            ErrorCode.PoolNotFound,
            $"no pool is open under the alias '{name}'",
            new Dictionary<string, string> { ["pool"] = name });
    }

    public List<IConnectionPool> RemoveAll()
    {
        lock (_gate)
        {
            var all = _pools.Values.ToList();
            _pools.Clear();
            return all;
        }
    }
}
