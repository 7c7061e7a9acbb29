namespace Oxyde.Codec.Requests;

/// <summary>
/// Pool settings; wire keys are Oxyde's <c>PoolSettings</c> field names. Durations are seconds (float).
/// Unset keys take these defaults.
/// </summary>
internal sealed record PoolSettings
{
    public int MaxConnections { get; init; } = 10;

    public int MinConnections { get; init; }

    public TimeSpan AcquireTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan? IdleTimeout { get; init; } = TimeSpan.FromMinutes(10);

    public TimeSpan? TransactionTimeout { get; init; } = TimeSpan.FromMinutes(5);

    public string SqliteJournalMode { get; init; } = "WAL";

    public string SqliteSynchronous { get; init; } = "NORMAL";

    public int SqliteCacheSize { get; init; } = 10000;

    public int SqliteBusyTimeoutMs { get; init; } = 5000;

    public bool SqliteForeignKeys { get; init; } = true;
}
