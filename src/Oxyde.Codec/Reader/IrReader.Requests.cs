using Oxyde.Codec.Ir;
using Oxyde.Codec.Requests;

namespace Oxyde.Codec.Reader;

/// <summary>The request envelopes of docs/ir-protocol.md, one per native verb.</summary>
internal static partial class IrReader
{
    private static ExecuteRequest ReadExecuteEnvelope(ref WireReader reader)
    {
        int count = ReadMapHeader(ref reader, "$");
        string? pool = null;
        long? tx = null;
        IrQuery? query = null;
        for (int i = 0; i < count; i++)
        {
            ReadOnlySpan<byte> name = ReadKey(ref reader, "$");
            if (name.SequenceEqual("pool"u8)) pool = ReadName(ref reader, "pool");
            else if (name.SequenceEqual("tx"u8)) tx = ReadOptionalInt64(ref reader, "tx");
            else if (name.SequenceEqual("ir"u8)) query = ReadDocument(ref reader, "ir");
            else Skip(ref reader, "$", 1);
        }

        return new ExecuteRequest(pool ?? throw Missing("pool"), tx, query ?? throw Missing("ir"));
    }

    private static RenderRequest ReadRenderEnvelope(ref WireReader reader)
    {
        int count = ReadMapHeader(ref reader, "$");
        DialectName? dialect = null;
        IrQuery? query = null;
        for (int i = 0; i < count; i++)
        {
            ReadOnlySpan<byte> name = ReadKey(ref reader, "$");
            if (name.SequenceEqual("dialect"u8)) dialect = ParseDialect(ReadToken(ref reader, "dialect"));
            else if (name.SequenceEqual("ir"u8)) query = ReadDocument(ref reader, "ir");
            else Skip(ref reader, "$", 1);
        }

        return new RenderRequest(dialect ?? throw Missing("dialect"), query ?? throw Missing("ir"));
    }

    private static DialectName ParseDialect(ReadOnlySpan<byte> token) =>
        token.SequenceEqual("sqlite"u8) ? DialectName.Sqlite
        : token.SequenceEqual("postgres"u8) || token.SequenceEqual("postgresql"u8) ? DialectName.Postgres
        : token.SequenceEqual("mysql"u8) || token.SequenceEqual("mariadb"u8) ? DialectName.MySql
        : throw Unknown("dialect", token);

    private static PoolOpenRequest ReadPoolOpenEnvelope(ref WireReader reader)
    {
        int count = ReadMapHeader(ref reader, "$");
        string? name = null, url = null;
        PoolSettings settings = new();
        for (int i = 0; i < count; i++)
        {
            ReadOnlySpan<byte> key = ReadKey(ref reader, "$");
            if (key.SequenceEqual("name"u8)) name = ReadName(ref reader, "name");
            else if (key.SequenceEqual("url"u8)) url = ReadString(ref reader, "url");
            else if (key.SequenceEqual("settings"u8)) settings = ReadPoolSettings(ref reader);
            else Skip(ref reader, "$", 1);
        }

        return new PoolOpenRequest(name ?? throw Missing("name"), url ?? throw Missing("url"), settings);
    }

    /// <summary>Every key optional; nil keeps the default, except the two timeouts where nil means none.</summary>
    private static PoolSettings ReadPoolSettings(ref WireReader reader)
    {
        var settings = new PoolSettings();
        if (TryReadNil(ref reader, "settings"))
        {
            return settings;
        }

        int count = ReadMapHeader(ref reader, "settings");
        for (int i = 0; i < count; i++)
        {
            ReadOnlySpan<byte> name = ReadKey(ref reader, "settings");
            bool nilMeansNone = name.SequenceEqual("idle_timeout"u8) || name.SequenceEqual("transaction_timeout"u8);
            if (!nilMeansNone && TryReadNil(ref reader, "settings"))
            {
                continue;
            }

            settings =
                name.SequenceEqual("max_connections"u8) ? settings with { MaxConnections = ReadNonNegativeInt32(ref reader, "max_connections") }
                : name.SequenceEqual("min_connections"u8) ? settings with { MinConnections = ReadNonNegativeInt32(ref reader, "min_connections") }
                : name.SequenceEqual("acquire_timeout"u8) ? settings with { AcquireTimeout = ReadDuration(ref reader, "acquire_timeout") }
                : name.SequenceEqual("idle_timeout"u8) ? settings with { IdleTimeout = ReadOptionalDuration(ref reader, "idle_timeout") }
                : name.SequenceEqual("transaction_timeout"u8) ? settings with { TransactionTimeout = ReadOptionalDuration(ref reader, "transaction_timeout") }
                : name.SequenceEqual("transaction_cleanup_interval"u8) ? settings with { TransactionCleanupInterval = ReadPositiveDuration(ref reader, "transaction_cleanup_interval") }
                : name.SequenceEqual("sqlite_journal_mode"u8) ? settings with { SqliteJournalMode = ReadString(ref reader, "sqlite_journal_mode") }
                : name.SequenceEqual("sqlite_synchronous"u8) ? settings with { SqliteSynchronous = ReadString(ref reader, "sqlite_synchronous") }
                : name.SequenceEqual("sqlite_cache_size"u8) ? settings with { SqliteCacheSize = ReadInt32(ref reader, "sqlite_cache_size") }
                : name.SequenceEqual("sqlite_busy_timeout"u8) ? settings with { SqliteBusyTimeoutMs = ReadNonNegativeInt32(ref reader, "sqlite_busy_timeout") }
                : name.SequenceEqual("sqlite_foreign_keys"u8) ? settings with { SqliteForeignKeys = ReadBool(ref reader, "sqlite_foreign_keys") }
                : name.SequenceEqual("max_lifetime"u8) ? settings with { MaxLifetime = ReadDuration(ref reader, "max_lifetime") }
                : name.SequenceEqual("test_before_acquire"u8) ? settings with { TestBeforeAcquire = ReadBool(ref reader, "test_before_acquire") }
                : name.SequenceEqual("ssl_mode"u8) ? settings with { SslMode = ReadString(ref reader, "ssl_mode") }
                : name.SequenceEqual("ssl_root_cert"u8) ? settings with { SslRootCert = ReadString(ref reader, "ssl_root_cert") }
                : name.SequenceEqual("ssl_client_cert"u8) ? settings with { SslClientCert = ReadString(ref reader, "ssl_client_cert") }
                : name.SequenceEqual("ssl_client_key"u8) ? settings with { SslClientKey = ReadString(ref reader, "ssl_client_key") }
                : name.SequenceEqual("pg_application_name"u8) ? settings with { PgApplicationName = ReadString(ref reader, "pg_application_name") }
                : name.SequenceEqual("pg_statement_cache_capacity"u8) ? settings with { PgStatementCacheCapacity = ReadNonNegativeInt32(ref reader, "pg_statement_cache_capacity") }
                : name.SequenceEqual("mysql_charset"u8) ? settings with { MysqlCharset = ReadString(ref reader, "mysql_charset") }
                : name.SequenceEqual("mysql_collation"u8) ? settings with { MysqlCollation = ReadString(ref reader, "mysql_collation") }
                : SkipSetting(ref reader, settings);
        }

        if (settings.MinConnections > settings.MaxConnections)
        {
            throw Malformed("min_connections", "greater than max_connections");
        }

        return settings;
    }

    private static PoolSettings SkipSetting(ref WireReader reader, PoolSettings settings)
    {
        Skip(ref reader, "settings", 2);
        return settings;
    }

    private static int ReadNonNegativeInt32(ref WireReader reader, string key)
    {
        int value = ReadInt32(ref reader, key);
        return value >= 0 ? value : throw Malformed(key, "must not be negative");
    }

    private static TimeSpan? ReadOptionalDuration(ref WireReader reader, string key) =>
        TryReadNil(ref reader, key) ? null : ReadDuration(ref reader, key);

    /// <summary>Seconds, int or float, finite and at most a year.</summary>
    private static TimeSpan ReadDuration(ref WireReader reader, string key)
    {
        double seconds = ReadNumber(ref reader, key);
        if (!double.IsFinite(seconds) || seconds < 0 || seconds > 366 * 24 * 3600)
        {
            throw Malformed(key, "a duration in seconds between 0 and one year");
        }

        return TimeSpan.FromSeconds(seconds);
    }

    /// <summary>A duration that must not be zero (a period: zero would repeat without pause).</summary>
    private static TimeSpan ReadPositiveDuration(ref WireReader reader, string key)
    {
        var duration = ReadDuration(ref reader, key);
        return duration > TimeSpan.Zero ? duration : throw Malformed(key, "must be more than zero seconds");
    }

    private static long? ReadOptionalInt64(ref WireReader reader, string key) =>
        TryReadNil(ref reader, key) ? null : ReadInt64(ref reader, key);

    private static PoolCloseRequest ReadPoolCloseEnvelope(ref WireReader reader)
    {
        int count = ReadMapHeader(ref reader, "$");
        string? name = null;
        for (int i = 0; i < count; i++)
        {
            if (ReadKey(ref reader, "$").SequenceEqual("name"u8))
            {
                name = ReadName(ref reader, "name");
            }
            else
            {
                Skip(ref reader, "$", 1);
            }
        }

        return new PoolCloseRequest(name ?? throw Missing("name"));
    }

    private static TransactionRequest ReadTransactionEnvelope(ref WireReader reader)
    {
        int count = ReadMapHeader(ref reader, "$");
        string? pool = null, savepoint = null;
        long? tx = null;
        TimeSpan? timeout = null;
        TransactionIsolation? isolation = null;
        for (int i = 0; i < count; i++)
        {
            ReadOnlySpan<byte> name = ReadKey(ref reader, "$");
            if (name.SequenceEqual("pool"u8)) pool = TryReadNil(ref reader, "pool") ? null : ReadName(ref reader, "pool");
            else if (name.SequenceEqual("isolation"u8)) isolation = TryReadNil(ref reader, "isolation") ? null : ParseIsolation(ReadToken(ref reader, "isolation"));
            else if (name.SequenceEqual("tx"u8)) tx = ReadOptionalInt64(ref reader, "tx");
            else if (name.SequenceEqual("savepoint"u8)) savepoint = ReadNullableString(ref reader, "savepoint");
            else if (name.SequenceEqual("timeout"u8)) timeout = TryReadNil(ref reader, "timeout") ? null : ReadTimeout(ref reader, "timeout");
            else Skip(ref reader, "$", 1);
        }

        if (pool is null && tx is null)
        {
            throw Missing("tx");
        }

        return new TransactionRequest(pool, tx, savepoint, timeout, isolation);
    }

    private static TransactionIsolation ParseIsolation(ReadOnlySpan<byte> token) =>
        token.SequenceEqual("read_uncommitted"u8) ? TransactionIsolation.ReadUncommitted
        : token.SequenceEqual("read_committed"u8) ? TransactionIsolation.ReadCommitted
        : token.SequenceEqual("repeatable_read"u8) ? TransactionIsolation.RepeatableRead
        : token.SequenceEqual("serializable"u8) ? TransactionIsolation.Serializable
        : throw Unknown("isolation", token);

    /// <summary>Seconds, positive and at most a day (a Timer's range is far larger; a longer transaction deadline is a mistake).</summary>
    private static TimeSpan ReadTimeout(ref WireReader reader, string key)
    {
        double seconds = ReadNumber(ref reader, key);
        if (!(seconds > 0 && seconds <= 86_400))
        {
            throw Malformed(key, "a timeout must be seconds in (0, 86400]");
        }

        return TimeSpan.FromSeconds(seconds);
    }
}
