using Oxyde.Codec.Requests;

namespace Oxyde.Query.Dialects;

/// <summary>The dialect for a wire name (shared stateless instances).</summary>
internal static class SqlDialects
{
    public static SqlDialect For(DialectName name) => name switch
    {
        DialectName.Postgres => PostgresDialect.Instance,
        DialectName.Sqlite => SqliteDialect.Instance,
        DialectName.MySql => MySqlDialect.Instance,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "unknown dialect"),
    };

    /// <summary>
    /// The dialect of a MySQL-protocol server by the version it reports: MariaDB 10.5 or later
    /// (<c>10.11.19-MariaDB-...</c>, or <c>5.5.5-10.11.19-MariaDB</c> from older clients) gets
    /// <see cref="MariaDbDialect"/>, anything else <see cref="MySqlDialect"/>.
    /// </summary>
    public static SqlDialect ForMySqlServer(string serverVersion)
    {
        if (!serverVersion.Contains("MariaDB", StringComparison.OrdinalIgnoreCase))
        {
            return MySqlDialect.Instance;
        }

        var version = serverVersion.StartsWith("5.5.5-", StringComparison.Ordinal) ? serverVersion[6..] : serverVersion;
        var parts = version.Split('.', '-');
        return parts.Length >= 2
            && int.TryParse(parts[0], System.Globalization.CultureInfo.InvariantCulture, out var major)
            && int.TryParse(parts[1], System.Globalization.CultureInfo.InvariantCulture, out var minor)
            && (major > 10 || (major == 10 && minor >= 5))
            ? MariaDbDialect.Instance
            : MySqlDialect.Instance;
    }
}
