using Oxyde.Codec.Requests;

namespace Oxyde.Driver.Pools;

/// <summary>A pool of sessions to one database; one implementation per backend.</summary>
internal interface IConnectionPool : IDisposable
{
    string Name { get; }

    PoolSettings Settings { get; }

    /// <summary>A free session, waiting up to the acquire timeout (<c>acquire_timeout</c> error after it).</summary>
    IConnectionSession Acquire();

    /// <summary>
    /// A free session right now, or null: none is free, or this backend never runs statements on the
    /// caller's thread (<see cref="IConnectionSession.TryExecuteInline"/>). Never waits.
    /// </summary>
    IConnectionSession? TryAcquireInline();

    /// <summary>Hands a session back; one still in a transaction is rolled back first.</summary>
    void Release(IConnectionSession session);
}
