namespace Oxyde.Driver.Pools;

/// <summary>
/// Something that holds a pooled connection between calls (an open transaction, a streaming cursor)
/// and is ended by <see cref="IdleSweep{T}"/> when left idle past its pool's <c>transaction_timeout</c>.
/// </summary>
internal interface IIdleHolder
{
    IConnectionPool Pool { get; }

    /// <summary>Serializes the calls on it; the sweep only takes a holder whose gate is free (no call running).</summary>
    Lock Gate { get; }

    /// <summary>Timestamp of the end of its last call; read under <see cref="Gate"/>.</summary>
    long LastActivity { get; }

    /// <summary>Whether it has ended already; read under <see cref="Gate"/>.</summary>
    bool Ended { get; }
}
