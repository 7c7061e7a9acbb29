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

    /// <summary>A transaction idle (no call on it) for longer than this is rolled back; null: never.</summary>
    public TimeSpan? TransactionTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How often idle transactions are looked for (so one is rolled back between the timeout and the timeout plus this).</summary>
    public TimeSpan TransactionCleanupInterval { get; init; } = TimeSpan.FromMinutes(1);

    public string SqliteJournalMode { get; init; } = "WAL";

    public string SqliteSynchronous { get; init; } = "NORMAL";

    public int SqliteCacheSize { get; init; } = 10000;

    public int SqliteBusyTimeoutMs { get; init; } = 5000;

    public bool SqliteForeignKeys { get; init; } = true;

    /// <summary>A server connection older than this is closed when it comes back to the pool; null: kept.</summary>
    public TimeSpan? MaxLifetime { get; init; }

    /// <summary>Whether an idle server connection is pinged before it is handed out.</summary>
    public bool TestBeforeAcquire { get; init; }

    /// <summary>TLS mode as the URL's backend spells it (libpq names on PostgreSQL, MySQL's on MySQL); null: the URL's or the driver's default.</summary>
    public string? SslMode { get; init; }

    public string? SslRootCert { get; init; }

    public string? SslClientCert { get; init; }

    public string? SslClientKey { get; init; }

    /// <summary>PostgreSQL <c>application_name</c>.</summary>
    public string? PgApplicationName { get; init; }

    /// <summary>Prepared statements kept per PostgreSQL connection; null: the provider's default.</summary>
    public int? PgStatementCacheCapacity { get; init; }

    /// <summary>Character set of every MySQL connection (default utf8mb4).</summary>
    public string? MysqlCharset { get; init; }

    /// <summary>Collation of every MySQL connection; null: the charset's default.</summary>
    public string? MysqlCollation { get; init; }
}
