using Oxyde.Codec.Requests;
using Oxyde.Driver.Async;

namespace Oxyde.Driver.Pools;

/// <summary>A pool of sessions to one database; one implementation per backend.</summary>
internal interface IConnectionPool : IDisposable
{
    string Name { get; }

    PoolSettings Settings { get; }

    /// <summary>One permit per connection the pool may have out at once (<c>max_connections</c>).</summary>
    PermitQueue Slots { get; }

    /// <summary>
    /// The database's single writer as a permit, taken by transactions and by writes outside one,
    /// so that work waiting for the write lock waits in this queue, without a thread, instead of in
    /// the database's lock wait on a worker; null where the database runs writers concurrently.
    /// </summary>
    PermitQueue? Writers { get; }

    /// <summary>How long work waits for <see cref="Writers"/>: the database's own lock wait (SQLite: <c>busy_timeout</c>).</summary>
    TimeSpan WriterTimeout { get; }

    /// <summary>A free session, waiting up to the acquire timeout (<c>acquire_timeout</c> error after it).</summary>
    IConnectionSession Acquire();

    /// <summary>
    /// The session for a permit the caller already took from <see cref="Slots"/>: an idle one or a
    /// new connection. If it throws, the permit is still the caller's to release.
    /// </summary>
    IConnectionSession OpenSession();

    /// <summary>
    /// A free session right now, or null: none is free, or this backend never runs statements on the
    /// caller's thread (<see cref="IConnectionSession.TryExecuteInline"/>). Never waits.
    /// </summary>
    IConnectionSession? TryAcquireInline();

    /// <summary>Hands a session and its slot permit back; one still in a transaction is rolled back first.</summary>
    void Release(IConnectionSession session);
}
