using Oxyde.Driver.Pools;

namespace Oxyde.Driver.Cursors;

/// <summary>
/// A streaming cursor between its calls: the open <see cref="Stream"/>, and the connection it reads
/// from, which is its own (<see cref="Session"/>, held out of the pool until it closes) or the
/// caller's transaction's (<see cref="Tx"/>). <see cref="Gate"/> serializes calls on one cursor.
/// </summary>
internal sealed class OpenCursor(long id, IConnectionPool pool, long? tx, IConnectionSession? session, IRowStream stream, long openedAt) : IIdleHolder
{
    public long Id { get; } = id;

    public IConnectionPool Pool { get; } = pool;

    /// <summary>The transaction whose connection it reads from, or null when it holds a connection of its own.</summary>
    public long? Tx { get; } = tx;

    /// <summary>Its own connection (null inside a transaction): back to the pool when it closes.</summary>
    public IConnectionSession? Session { get; } = session;

    public IRowStream Stream { get; } = stream;

    public Lock Gate { get; } = new();

    /// <summary>Timestamp of the end of its last call (the open before any); read and written under <see cref="Gate"/>.</summary>
    public long LastActivity { get; set; } = openedAt;

    /// <summary>Set under <see cref="Gate"/> once it closed: no call reaches it any more.</summary>
    public bool Closed { get; set; }

    bool IIdleHolder.Ended => Closed;
}
