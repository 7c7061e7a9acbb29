using System.Net.Sockets;

namespace Oxyde.Migrate.Tests.Databases;

/// <summary>
/// The shared test servers (<c>OXYDE_TEST_POSTGRES_URL</c>, <c>OXYDE_TEST_MYSQL_URL</c>, else their lines
/// in <c>scripts/db.env</c>). A test that needs one skips with the reason when it does not answer,
/// except under <c>CI=true</c> or <c>OXYDE_REQUIRE_SERVERS=1</c>.
/// </summary>
internal static class ServerUrls
{
    public static readonly Lazy<string> Postgres = new(() => Read("OXYDE_TEST_POSTGRES_URL", "postgresql://oxyde:oxyde@127.0.0.1:54329/oxyde_test"));

    public static readonly Lazy<string> MySql = new(() => Read("OXYDE_TEST_MYSQL_URL", "mysql://oxyde:oxyde@127.0.0.1:33069/oxyde_test"));

    /// <summary>Why a server's tests skip, or null when it answers (or must).</summary>
    public static string? SkipReason(string url)
    {
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase)
            || Environment.GetEnvironmentVariable("OXYDE_REQUIRE_SERVERS") == "1")
        {
            return null;
        }

        var uri = new Uri(url);
        try
        {
            using var client = new TcpClient();
            return client.ConnectAsync(uri.Host, uri.Port).Wait(TimeSpan.FromSeconds(3))
                ? null
                : $"{uri.Host}:{uri.Port} does not answer; start it with `make db-up`";
        }
        catch (AggregateException e)
        {
            return $"{uri.Host}:{uri.Port} does not answer ({e.GetBaseException().Message}); start it with `make db-up`";
        }
    }

    /// <summary>An ADO.NET connection string (Npgsql / MySqlConnector keys) from a URL, with another database.</summary>
    public static string ConnectionString(string url, string? database, bool mysql)
    {
        var uri = new Uri(url);
        var credentials = uri.UserInfo.Split(':');
        var user = Uri.UnescapeDataString(credentials[0]);
        var password = credentials.Length > 1 ? Uri.UnescapeDataString(credentials[1]) : string.Empty;
        var db = database ?? uri.AbsolutePath.Trim('/');
        return mysql
            ? $"Server={uri.Host};Port={uri.Port};User ID={user};Password={password};Database={db};SslMode=None;AllowUserVariables=true"
            : $"Host={uri.Host};Port={uri.Port};Username={user};Password={password};Database={db};SSL Mode=Disable;Pooling=false";
    }

    private static string Read(string variable, string fallback)
    {
        if (Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value)
        {
            return value;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var env = Path.Combine(dir.FullName, "scripts", "db.env");
            if (File.Exists(env))
            {
                foreach (var line in File.ReadAllLines(env))
                {
                    if (line.StartsWith(variable + "=", StringComparison.Ordinal))
                    {
                        return line[(variable.Length + 1)..].Trim();
                    }
                }
            }
        }

        return fallback;
    }
}
