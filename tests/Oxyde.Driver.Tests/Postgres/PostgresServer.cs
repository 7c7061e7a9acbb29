using System.Net.Sockets;

namespace Oxyde.Driver.Tests.Postgres;

/// <summary>
/// The PostgreSQL test server (<c>OXYDE_TEST_POSTGRES_URL</c>, else its line in <c>scripts/db.env</c>;
/// <c>make db-up</c> starts it). Tests on it are skipped, with the reason, when it does not answer,
/// except under <c>CI=true</c> or <c>OXYDE_REQUIRE_SERVERS=1</c>, where they run and fail.
/// </summary>
internal static class PostgresServer
{
    private const string Variable = "OXYDE_TEST_POSTGRES_URL";

    private static readonly Lazy<string> LazyUrl = new(ReadUrl);
    private static readonly Lazy<string?> LazySkip = new(Probe);

    public static string Url => LazyUrl.Value;

    /// <summary>Why the server's tests are skipped, or null when they run.</summary>
    public static string? SkipReason => LazySkip.Value;

    /// <summary>The URL with another database name.</summary>
    public static string WithDatabase(string database)
    {
        var url = Url;
        var slash = url.IndexOf('/', url.IndexOf("://", StringComparison.Ordinal) + 3);
        var query = url.IndexOf('?', StringComparison.Ordinal);
        return url[..(slash + 1)] + database + (query >= 0 ? url[query..] : string.Empty);
    }

    /// <summary>The URL with another password.</summary>
    public static string WithPassword(string password)
    {
        var url = Url;
        var start = url.IndexOf("://", StringComparison.Ordinal) + 3;
        var at = url.IndexOf('@', start);
        var colon = url.IndexOf(':', start);
        return url[..(colon + 1)] + password + url[at..];
    }

    /// <summary>A table name no other test (or concurrent run) uses.</summary>
    public static string Table(string prefix) => $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 13, 63)];

    private static string ReadUrl()
    {
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } fromEnvironment)
        {
            return fromEnvironment;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var env = Path.Combine(dir.FullName, "scripts", "db.env");
            if (File.Exists(env))
            {
                foreach (var line in File.ReadAllLines(env))
                {
                    if (line.StartsWith(Variable + "=", StringComparison.Ordinal))
                    {
                        return line[(Variable.Length + 1)..].Trim();
                    }
                }
            }
        }

        return "postgresql://oxyde:oxyde@127.0.0.1:54329/oxyde_test";
    }

    private static string? Probe()
    {
        var required = Environment.GetEnvironmentVariable("CI")?.Equals("true", StringComparison.OrdinalIgnoreCase) == true
            || Environment.GetEnvironmentVariable("OXYDE_REQUIRE_SERVERS") == "1";
        var uri = new Uri(Url);
        try
        {
            using var client = new TcpClient();
            if (!client.ConnectAsync(uri.Host, uri.Port).Wait(TimeSpan.FromSeconds(3)))
            {
                throw new SocketException((int)SocketError.TimedOut);
            }

            return null;
        }
        catch (Exception e) when (!required && e is SocketException or AggregateException)
        {
            return $"{Variable}={uri.Host}:{uri.Port} does not answer ({e.GetBaseException().Message}); start it with `make db-up`";
        }
    }
}
