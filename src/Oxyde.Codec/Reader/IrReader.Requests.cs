using MessagePack;
using Oxyde.Codec.Ir;
using Oxyde.Codec.Requests;

namespace Oxyde.Codec.Reader;

/// <summary>The request envelopes of docs/ir-protocol.md, one per native verb.</summary>
internal static partial class IrReader
{
    private static ExecuteRequest ReadExecuteEnvelope(ref MessagePackReader reader)
    {
        int count = ReadMapHeader(ref reader, "$");
        string? pool = null;
        long? tx = null;
        IrQuery? query = null;
        Span<char> buffer = stackalloc char[TokenBufferLength];
        for (int i = 0; i < count; i++)
        {
            switch (buffer[..ReadKey(ref reader, "$", buffer)])
            {
                case "pool": pool = ReadString(ref reader, "pool"); break;
                case "tx": tx = ReadOptionalInt64(ref reader, "tx"); break;
                case "ir": query = ReadDocument(ref reader, "ir"); break;
                default: Skip(ref reader, "$", 1); break;
            }
        }

        return new ExecuteRequest(pool ?? throw Missing("pool"), tx, query ?? throw Missing("ir"));
    }

    private static RenderRequest ReadRenderEnvelope(ref MessagePackReader reader)
    {
        int count = ReadMapHeader(ref reader, "$");
        DialectName? dialect = null;
        IrQuery? query = null;
        Span<char> buffer = stackalloc char[TokenBufferLength];
        for (int i = 0; i < count; i++)
        {
            switch (buffer[..ReadKey(ref reader, "$", buffer)])
            {
                case "dialect": dialect = ParseDialect(buffer[..ReadToken(ref reader, "dialect", buffer)]); break;
                case "ir": query = ReadDocument(ref reader, "ir"); break;
                default: Skip(ref reader, "$", 1); break;
            }
        }

        return new RenderRequest(dialect ?? throw Missing("dialect"), query ?? throw Missing("ir"));
    }

    private static DialectName ParseDialect(ReadOnlySpan<char> token) => token switch
    {
        "sqlite" => DialectName.Sqlite,
        "postgres" or "postgresql" => DialectName.Postgres,
        "mysql" or "mariadb" => DialectName.MySql,
        _ => throw Unknown("dialect", token),
    };

    private static PoolOpenRequest ReadPoolOpenEnvelope(ref MessagePackReader reader)
    {
        int count = ReadMapHeader(ref reader, "$");
        string? name = null, url = null;
        PoolSettings settings = new();
        Span<char> buffer = stackalloc char[TokenBufferLength];
        for (int i = 0; i < count; i++)
        {
            switch (buffer[..ReadKey(ref reader, "$", buffer)])
            {
                case "name": name = ReadString(ref reader, "name"); break;
                case "url": url = ReadString(ref reader, "url"); break;
                case "settings": settings = ReadPoolSettings(ref reader); break;
                default: Skip(ref reader, "$", 1); break;
            }
        }

        return new PoolOpenRequest(name ?? throw Missing("name"), url ?? throw Missing("url"), settings);
    }

    /// <summary>Every key optional; nil keeps the default, except the two timeouts where nil means none.</summary>
    private static PoolSettings ReadPoolSettings(ref MessagePackReader reader)
    {
        var settings = new PoolSettings();
        if (TryReadNil(ref reader, "settings"))
        {
            return settings;
        }

        int count = ReadMapHeader(ref reader, "settings");
        Span<char> buffer = stackalloc char[TokenBufferLength];
        for (int i = 0; i < count; i++)
        {
            ReadOnlySpan<char> name = buffer[..ReadKey(ref reader, "settings", buffer)];
            if (name is not ("idle_timeout" or "transaction_timeout") && TryReadNil(ref reader, "settings"))
            {
                continue;
            }

            settings = name switch
            {
                "max_connections" => settings with { MaxConnections = ReadNonNegativeInt32(ref reader, "max_connections") },
                "min_connections" => settings with { MinConnections = ReadNonNegativeInt32(ref reader, "min_connections") },
                "acquire_timeout" => settings with { AcquireTimeout = ReadDuration(ref reader, "acquire_timeout") },
                "idle_timeout" => settings with { IdleTimeout = ReadOptionalDuration(ref reader, "idle_timeout") },
                "transaction_timeout" => settings with { TransactionTimeout = ReadOptionalDuration(ref reader, "transaction_timeout") },
                "sqlite_journal_mode" => settings with { SqliteJournalMode = ReadString(ref reader, "sqlite_journal_mode") },
                "sqlite_synchronous" => settings with { SqliteSynchronous = ReadString(ref reader, "sqlite_synchronous") },
                "sqlite_cache_size" => settings with { SqliteCacheSize = ReadInt32(ref reader, "sqlite_cache_size") },
                "sqlite_busy_timeout" => settings with { SqliteBusyTimeoutMs = ReadNonNegativeInt32(ref reader, "sqlite_busy_timeout") },
                "sqlite_foreign_keys" => settings with { SqliteForeignKeys = ReadBool(ref reader, "sqlite_foreign_keys") },
                _ => SkipSetting(ref reader, settings),
            };
        }

        if (settings.MinConnections > settings.MaxConnections)
        {
            throw Malformed("min_connections", "greater than max_connections");
        }

        return settings;
    }

    private static PoolSettings SkipSetting(ref MessagePackReader reader, PoolSettings settings)
    {
        Skip(ref reader, "settings", 2);
        return settings;
    }

    private static int ReadNonNegativeInt32(ref MessagePackReader reader, string key)
    {
        int value = ReadInt32(ref reader, key);
        return value >= 0 ? value : throw Malformed(key, "must not be negative");
    }

    private static TimeSpan? ReadOptionalDuration(ref MessagePackReader reader, string key) =>
        TryReadNil(ref reader, key) ? null : ReadDuration(ref reader, key);

    /// <summary>Seconds, int or float, finite and at most a year.</summary>
    private static TimeSpan ReadDuration(ref MessagePackReader reader, string key)
    {
        double seconds = ReadNumber(ref reader, key);
        if (!double.IsFinite(seconds) || seconds < 0 || seconds > 366 * 24 * 3600)
        {
            throw Malformed(key, "a duration in seconds between 0 and one year");
        }

        return TimeSpan.FromSeconds(seconds);
    }

    private static long? ReadOptionalInt64(ref MessagePackReader reader, string key) =>
        TryReadNil(ref reader, key) ? null : ReadInt64(ref reader, key);

    private static PoolCloseRequest ReadPoolCloseEnvelope(ref MessagePackReader reader)
    {
        int count = ReadMapHeader(ref reader, "$");
        string? name = null;
        Span<char> buffer = stackalloc char[TokenBufferLength];
        for (int i = 0; i < count; i++)
        {
            if (buffer[..ReadKey(ref reader, "$", buffer)] is "name")
            {
                name = ReadString(ref reader, "name");
            }
            else
            {
                Skip(ref reader, "$", 1);
            }
        }

        return new PoolCloseRequest(name ?? throw Missing("name"));
    }

    private static TransactionRequest ReadTransactionEnvelope(ref MessagePackReader reader)
    {
        int count = ReadMapHeader(ref reader, "$");
        string? pool = null, savepoint = null;
        long? tx = null;
        Span<char> buffer = stackalloc char[TokenBufferLength];
        for (int i = 0; i < count; i++)
        {
            switch (buffer[..ReadKey(ref reader, "$", buffer)])
            {
                case "pool": pool = ReadNullableString(ref reader, "pool"); break;
                case "tx": tx = ReadOptionalInt64(ref reader, "tx"); break;
                case "savepoint": savepoint = ReadNullableString(ref reader, "savepoint"); break;
                default: Skip(ref reader, "$", 1); break;
            }
        }

        if (pool is null && tx is null)
        {
            throw Missing("tx");
        }

        return new TransactionRequest(pool, tx, savepoint);
    }
}
