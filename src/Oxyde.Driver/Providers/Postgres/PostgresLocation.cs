using System.Globalization;
using Npgsql;
using Oxyde.Codec.Errors;
using Oxyde.Codec.Requests;

namespace Oxyde.Driver.Providers.Postgres;

/// <summary>
/// A <c>postgresql://</c> (or <c>postgres://</c>) URL read into Npgsql's connection settings:
/// <c>scheme://[user[:password]@]host[:port][/database][?key=value&amp;...]</c>, percent-decoded.
/// Query keys are libpq's (<c>sslmode</c>, <c>sslrootcert</c>, <c>sslcert</c>, <c>sslkey</c>,
/// <c>application_name</c>, <c>connect_timeout</c>); any other is refused by name. The pool's
/// <see cref="PoolSettings"/> TLS and application-name keys win over the URL's.
/// See https://www.postgresql.org/docs/current/libpq-connect.html#LIBPQ-CONNSTRING-URIS.
/// </summary>
internal static class PostgresLocation
{
    private const int DefaultPort = 5432;

    /// <summary>Npgsql settings for <paramref name="url"/>; unpooled (the pool is ours, see <see cref="PostgresPool"/>).</summary>
    public static NpgsqlConnectionStringBuilder Parse(string url, PoolSettings settings)
    {
        var schemeEnd = url.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd < 0)
        {
            throw Invalid(url, "expected postgresql://user:password@host:port/database");
        }

        var rest = url[(schemeEnd + 3)..];
        string? query = null;
        var question = rest.IndexOf('?');
        if (question >= 0)
        {
            query = rest[(question + 1)..];
            rest = rest[..question];
        }

        var slash = rest.IndexOf('/');
        var authority = slash >= 0 ? rest[..slash] : rest;
        var database = slash >= 0 ? Decode(url, rest[(slash + 1)..]) : string.Empty;
        string? user = null, password = null;
        var at = authority.LastIndexOf('@');
        if (at >= 0)
        {
            var userInfo = authority[..at];
            authority = authority[(at + 1)..];
            var colon = userInfo.IndexOf(':');
            user = Decode(url, colon >= 0 ? userInfo[..colon] : userInfo);
            password = colon >= 0 ? Decode(url, userInfo[(colon + 1)..]) : null;
        }

        var (host, port) = HostAndPort(url, authority);
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = host,
            Port = port,
            Pooling = false,
            Timezone = "UTC",
            Enlist = false,

            // The errors carry SQLSTATE, constraint and table names; the row detail (key values) is
            // shown only when the server sends it, which it does for the session user's own tables.
            IncludeErrorDetail = true,
        };
        if (database.Length > 0)
        {
            builder.Database = database;
        }

        if (!string.IsNullOrEmpty(user))
        {
            builder.Username = user;
        }

        if (password is not null)
        {
            builder.Password = password;
        }

        if (query is not null)
        {
            ApplyQuery(url, query, builder);
        }

        ApplySettings(settings, builder);
        return builder;
    }

    /// <summary>libpq's <c>sslmode</c> names (https://www.postgresql.org/docs/current/libpq-ssl.html#LIBPQ-SSL-PROTECTION).</summary>
    public static SslMode SslModeOf(string name, string setting) => name.ToLowerInvariant() switch
    {
        "disable" => SslMode.Disable,
        "allow" => SslMode.Allow,
        "prefer" => SslMode.Prefer,
        "require" => SslMode.Require,
        "verify-ca" => SslMode.VerifyCA,
        "verify-full" => SslMode.VerifyFull,
        _ => throw new OxydeException(
            ErrorCode.IrUnknownValue,
            $"unknown {setting} '{name}' (expected disable, allow, prefer, require, verify-ca or verify-full)",
            new Dictionary<string, string> { ["setting"] = setting, ["value"] = name }),
    };

    private static void ApplyQuery(string url, string query, NpgsqlConnectionStringBuilder builder)
    {
        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=');
            var key = Decode(url, equals >= 0 ? pair[..equals] : pair);
            var value = equals >= 0 ? Decode(url, pair[(equals + 1)..]) : string.Empty;
            switch (key)
            {
                case "sslmode":
                    builder.SslMode = SslModeOf(value, "sslmode");
                    break;
                case "sslrootcert":
                    builder.RootCertificate = value;
                    break;
                case "sslcert":
                    builder.SslCertificate = value;
                    break;
                case "sslkey":
                    builder.SslKey = value;
                    break;
                case "application_name":
                    builder.ApplicationName = value;
                    break;
                case "connect_timeout":
                    builder.Timeout = int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds <= 1024
                        ? seconds
                        : throw Invalid(url, $"connect_timeout must be whole seconds (0-1024), got '{value}'");
                    break;
                default:
                    throw Invalid(url, $"unknown URL parameter '{key}' (known: sslmode, sslrootcert, sslcert, sslkey, application_name, connect_timeout)");
            }
        }
    }

    private static void ApplySettings(PoolSettings settings, NpgsqlConnectionStringBuilder builder)
    {
        if (settings.SslMode is { } mode)
        {
            builder.SslMode = SslModeOf(mode, "ssl_mode");
        }

        if (settings.SslRootCert is { } root)
        {
            builder.RootCertificate = root;
        }

        if (settings.SslClientCert is { } cert)
        {
            builder.SslCertificate = cert;
        }

        if (settings.SslClientKey is { } key)
        {
            builder.SslKey = key;
        }

        if (settings.PgApplicationName is { } name)
        {
            builder.ApplicationName = name;
        }

        // Npgsql prepares a statement on its second run and keeps up to this many per connection,
        // evicting the least recently used (https://www.npgsql.org/doc/prepare.html#automatic-preparation).
        builder.MaxAutoPrepare = Math.Max(0, settings.PgStatementCacheCapacity ?? PostgresPool.DefaultStatementCacheCapacity);
        builder.AutoPrepareMinUsages = 2;

        // Npgsql's own connect timeout is whole seconds; the acquire timeout bounds it.
        var connect = (int)Math.Ceiling(settings.AcquireTimeout.TotalSeconds);
        builder.Timeout = Math.Clamp(connect, 1, 1024);
    }

    private static (string Host, int Port) HostAndPort(string url, string authority)
    {
        if (authority.Length == 0)
        {
            return ("localhost", DefaultPort);
        }

        string host;
        string? port = null;
        if (authority.StartsWith('['))
        {
            var close = authority.IndexOf(']');
            if (close < 0)
            {
                throw Invalid(url, "unclosed '[' in the host");
            }

            host = authority[1..close];
            if (close + 1 < authority.Length)
            {
                port = authority[(close + 1)..] is [':', .. var digits] ? digits : throw Invalid(url, "expected ':port' after ']'");
            }
        }
        else
        {
            var colon = authority.LastIndexOf(':');
            host = colon >= 0 ? authority[..colon] : authority;
            port = colon >= 0 ? authority[(colon + 1)..] : null;
        }

        if (port is null || port.Length == 0)
        {
            return (Decode(url, host), DefaultPort);
        }

        return int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number is > 0 and < 65536
            ? (Decode(url, host), number)
            : throw Invalid(url, $"port '{port}' is not a number from 1 to 65535");
    }

    private static string Decode(string url, string part)
    {
        try
        {
            return Uri.UnescapeDataString(part);
        }
        catch (UriFormatException)
        {
            throw Invalid(url, "bad percent-encoding");
        }
    }

    private static OxydeException Invalid(string url, string why) => new(
        ErrorCode.InvalidUrl,
        $"invalid PostgreSQL URL: {why}",
        new Dictionary<string, string> { ["url"] = Pools.DatabaseUrl.Redact(url) });
}
