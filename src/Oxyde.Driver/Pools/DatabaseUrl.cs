using Oxyde.Codec.Errors;

namespace Oxyde.Driver.Pools;

/// <summary>The backend a pool URL names, read from its scheme.</summary>
internal static class DatabaseUrl
{
    public static DatabaseBackend BackendOf(string url)
    {
        var colon = url.IndexOf(':');
        var scheme = colon <= 0 ? string.Empty : url[..colon].ToLowerInvariant();
        return scheme switch
        {
            "sqlite" => DatabaseBackend.Sqlite,
            "postgres" or "postgresql" => DatabaseBackend.Postgres,
            "mysql" or "mariadb" => DatabaseBackend.MySql,
            _ => throw new OxydeException(
                ErrorCode.InvalidUrl,
                $"unsupported database URL scheme '{scheme}' (expected sqlite://, postgresql:// or mysql://)",
                new Dictionary<string, string> { ["url"] = Redact(url) }),
        };
    }

    /// <summary>Drops a password from <c>scheme://user:pass@host</c> before the URL goes into an error.</summary>
    public static string Redact(string url)
    {
        var at = url.IndexOf('@');
        var start = url.IndexOf("://", StringComparison.Ordinal);
        if (at < 0 || start < 0 || at < start)
        {
            return url;
        }

        var colon = url.IndexOf(':', start + 3);
        return colon > 0 && colon < at ? string.Concat(url.AsSpan(0, colon + 1), "***", url.AsSpan(at)) : url;
    }
}
