using Oxyde.Codec.Errors;

namespace Oxyde.Driver.Pools;

/// <summary>Errors of waiting for a pool's permits, the same for every backend.</summary>
internal static class PoolErrors
{
    /// <summary>The pool is closed (or closing).</summary>
    public static OxydeException Closed(IConnectionPool pool) => new(
        ErrorCode.PoolClosed,
        $"pool '{pool.Name}' is closed",
        new Dictionary<string, string> { ["pool"] = pool.Name });

    /// <summary>No connection permit within <c>acquire_timeout</c>.</summary>
    public static OxydeException AcquireTimeout(IConnectionPool pool) => new(
        ErrorCode.AcquireTimeout,
        $"no connection of pool '{pool.Name}' became free within {pool.Settings.AcquireTimeout.TotalSeconds:0.###} s",
        new Dictionary<string, string> { ["pool"] = pool.Name });

    /// <summary>The writer permit stayed with other work of this process for the pool's <see cref="IConnectionPool.WriterTimeout"/>.</summary>
    public static OxydeException WriterTimeout(IConnectionPool pool) => new(
        ErrorCode.Busy,
        $"database of pool '{pool.Name}' is locked: another transaction or write of this process held its write lock for {pool.WriterTimeout.TotalSeconds:0.###} s",
        new Dictionary<string, string> { ["pool"] = pool.Name });
}
