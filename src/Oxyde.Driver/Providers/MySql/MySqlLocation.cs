using System.Globalization;
using MySqlConnector;
using Oxyde.Codec.Errors;
using Oxyde.Codec.Requests;

namespace Oxyde.Driver.Providers.MySql;

/// <summary>
/// A <c>mysql://</c> or <c>mariadb://user:password@host:port/database?options</c> URL and the pool
/// settings, read into a MySqlConnector connection string. URL options: <c>ssl_mode</c> (also
/// <c>ssl-mode</c>, <c>sslmode</c>), <c>ssl_ca</c>/<c>ssl_root_cert</c>, <c>ssl_cert</c>,
/// <c>ssl_key</c>, <c>charset</c>, <c>collation</c>, <c>connect_timeout</c> (seconds); the pool
/// settings of the same meaning win over them. User and password are percent-decoded.
/// </summary>
internal sealed record MySqlLocation(string ConnectionString, string Host, int Port, string Database, string Charset, string? Collation)
{
    public const int DefaultPort = 3306;

    public static MySqlLocation Parse(string url, PoolSettings settings)
    {
        var schemeEnd = url.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd < 0)
        {
            throw Invalid(url, "expected mysql://user:password@host[:port]/database");
        }

        var rest = url[(schemeEnd + 3)..];
        var query = string.Empty;
        var q = rest.IndexOf('?');
        if (q >= 0)
        {
            query = rest[(q + 1)..];
            rest = rest[..q];
        }

        var slash = rest.IndexOf('/');
        var authority = slash < 0 ? rest : rest[..slash];
        var database = slash < 0 ? string.Empty : Uri.UnescapeDataString(rest[(slash + 1)..]);
        string? user = null, password = null;
        var at = authority.LastIndexOf('@');
        if (at >= 0)
        {
            var credentials = authority[..at];
            authority = authority[(at + 1)..];
            var colon = credentials.IndexOf(':');
            user = Uri.UnescapeDataString(colon < 0 ? credentials : credentials[..colon]);
            password = colon < 0 ? null : Uri.UnescapeDataString(credentials[(colon + 1)..]);
        }

        var host = authority;
        var port = DefaultPort;
        var portColon = authority.LastIndexOf(':');
        if (portColon >= 0 && !authority.EndsWith(']'))
        {
            host = authority[..portColon];
            if (!int.TryParse(authority[(portColon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out port) || port is <= 0 or > 65535)
            {
                throw Invalid(url, "the port is not a number from 1 to 65535");
            }
        }

        host = host.Trim('[', ']');
        if (host.Length == 0)
        {
            throw Invalid(url, "no host");
        }

        var options = ParseQuery(url, query);
        var builder = new MySqlConnectionStringBuilder
        {
            Server = host,
            Port = (uint)port,
            Database = database,
            Pooling = false,
            GuidFormat = MySqlGuidFormat.None,
            TreatTinyAsBoolean = true,
            UseAffectedRows = false,
            AllowZeroDateTime = false,
            ConvertZeroDateTime = false,
            AllowUserVariables = true,
            AllowPublicKeyRetrieval = false,
            DateTimeKind = MySqlDateTimeKind.Unspecified,
            ConnectionTimeout = 10,
            CancellationTimeout = 2,

            // No client-side statement timeout (as on PostgreSQL): a long statement is not cut off
            // at 30 s, and reading a row does not re-arm a cancellation timer (two locked timer-queue
            // updates per row and per statement). Server-side limits (max_statement_time) still apply.
            DefaultCommandTimeout = 0,
        };
        if (user is not null)
        {
            builder.UserID = user;
        }

        if (password is not null)
        {
            builder.Password = password;
        }

        builder.SslMode = SslMode(url, settings.SslMode ?? Option(options, "ssl_mode", "ssl-mode", "sslmode"));
        if ((settings.SslRootCert ?? Option(options, "ssl_ca", "ssl_root_cert", "ssl-ca")) is { } ca)
        {
            builder.SslCa = ca;
        }

        if ((settings.SslClientCert ?? Option(options, "ssl_cert", "ssl_client_cert", "ssl-cert")) is { } cert)
        {
            builder.SslCert = cert;
        }

        if ((settings.SslClientKey ?? Option(options, "ssl_key", "ssl_client_key", "ssl-key")) is { } key)
        {
            builder.SslKey = key;
        }

        if (Option(options, "connect_timeout") is { } timeout)
        {
            builder.ConnectionTimeout = uint.TryParse(timeout, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
                ? seconds
                : throw Invalid(url, "connect_timeout takes whole seconds");
        }

        var charset = Name(settings.MysqlCharset ?? Option(options, "charset") ?? "utf8mb4", "mysql_charset");
        if (charset.ToLowerInvariant() is not ("utf8mb4" or "utf8mb3" or "utf8"))
        {
            // MySqlConnector reads and writes every string as UTF-8: another connection charset would
            // store mojibake instead of failing.
            throw new OxydeException(
                ErrorCode.UnsupportedFeature,
                $"mysql_charset '{charset}' is not supported: MySqlConnector exchanges text as UTF-8 (use utf8mb4)",
                new Dictionary<string, string> { ["setting"] = "mysql_charset", ["dialect"] = "mysql", ["feature"] = "charset" });
        }

        var collationName = settings.MysqlCollation ?? Option(options, "collation");
        var collation = collationName is null ? null : Name(collationName, "mysql_collation");
        return new MySqlLocation(builder.ConnectionString, host, port, database, charset, collation);
    }

    private static Dictionary<string, string> ParseQuery(string url, string query)
    {
        var options = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=');
            var key = Uri.UnescapeDataString(eq < 0 ? pair : pair[..eq]);
            var value = eq < 0 ? string.Empty : Uri.UnescapeDataString(pair[(eq + 1)..]);
            if (!Known.Contains(key))
            {
                throw Invalid(url, $"unknown option '{key}' (known: {string.Join(", ", Known)})");
            }

            options[key] = value;
        }

        return options;
    }

    private static readonly string[] Known =
    [
        "ssl_mode", "ssl-mode", "sslmode", "ssl_ca", "ssl_root_cert", "ssl-ca", "ssl_cert", "ssl_client_cert", "ssl-cert",
        "ssl_key", "ssl_client_key", "ssl-key", "charset", "collation", "connect_timeout",
    ];

    private static string? Option(Dictionary<string, string> options, params string[] names)
    {
        foreach (var name in names)
        {
            if (options.TryGetValue(name, out var value))
            {
                return value;
            }
        }

        return null;
    }

    /// <summary>MySQL's <c>--ssl-mode</c> names (any case, <c>-</c> or <c>_</c>); unset: <c>preferred</c>, as the mysql client.</summary>
    private static MySqlSslMode SslMode(string url, string? mode) => mode?.Replace('-', '_').ToLowerInvariant() switch
    {
        null or "preferred" => MySqlSslMode.Preferred,
        "disabled" => MySqlSslMode.None,
        "required" => MySqlSslMode.Required,
        "verify_ca" => MySqlSslMode.VerifyCA,
        "verify_identity" => MySqlSslMode.VerifyFull,
        _ => throw new OxydeException(
            ErrorCode.IrUnknownValue,
            $"unknown ssl_mode '{mode}' for MySQL (disabled, preferred, required, verify_ca, verify_identity)",
            new Dictionary<string, string> { ["setting"] = "ssl_mode", ["value"] = mode, ["url"] = Redacted(url) }),
    };

    /// <summary>A charset or collation name: it is written into <c>SET NAMES</c>, so letters, digits and <c>_</c> only.</summary>
    private static string Name(string value, string setting)
    {
        if (value.Length == 0 || value.Length > 64 || !value.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
        {
            throw new OxydeException(
                ErrorCode.IrUnknownValue,
                $"{setting} '{value}' is not a character set or collation name",
                new Dictionary<string, string> { ["setting"] = setting, ["value"] = value });
        }

        return value;
    }

    private static OxydeException Invalid(string url, string why) => new(
        ErrorCode.InvalidUrl,
        $"invalid MySQL URL {Redacted(url)}: {why}",
        new Dictionary<string, string> { ["url"] = Redacted(url) });

    /// <summary>The URL without its password.</summary>
    public static string Redacted(string url)
    {
        var start = url.IndexOf("://", StringComparison.Ordinal);
        var at = url.LastIndexOf('@');
        if (start < 0 || at < start)
        {
            return url;
        }

        var colon = url.IndexOf(':', start + 3);
        return colon > 0 && colon < at ? string.Concat(url.AsSpan(0, colon + 1), "***", url.AsSpan(at)) : url;
    }
}
