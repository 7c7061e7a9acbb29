using System.Net.Sockets;

namespace Oxyde.Driver.Tests.MySql;

/// <summary>
/// The MariaDB/MySQL test server of <c>scripts/db.env</c> (<c>OXYDE_TEST_MYSQL_URL</c>; an environment
/// variable of that name wins), and whether it answers: a TCP connect that reads the server's
/// greeting (protocol 10). Unreachable: tests skip with the reason, unless <c>CI=true</c> or
/// <c>OXYDE_REQUIRE_SERVERS=1</c>, where they run and fail.
/// </summary>
internal static class MySqlServer
{
    private static readonly Lazy<string?> Unreachable = new(Probe);

    public static string Url { get; } = ReadUrl();

    /// <summary>Why the tests skip, or null when they run.</summary>
    public static string? SkipReason =>
        Required ? null : Unreachable.Value is { } why ? $"OXYDE_TEST_MYSQL_URL={Url} does not answer ({why}); start it with `make db-up`" : null;

    private static bool Required =>
        string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase)
        || Environment.GetEnvironmentVariable("OXYDE_REQUIRE_SERVERS") == "1";

    /// <summary>A table name no other test uses.</summary>
    public static string Table(string stem) => $"{stem}_{Guid.NewGuid():N}"[..Math.Min(60, stem.Length + 33)];

    /// <summary>The URL with another user, password or database.</summary>
    public static string With(string? user = null, string? password = null, string? database = null)
    {
        var uri = new Uri(Url);
        var credentials = uri.UserInfo.Split(':');
        var u = user ?? Uri.UnescapeDataString(credentials[0]);
        var p = password ?? (credentials.Length > 1 ? Uri.UnescapeDataString(credentials[1]) : string.Empty);
        var d = database ?? uri.AbsolutePath.Trim('/');
        return $"{uri.Scheme}://{Uri.EscapeDataString(u)}:{Uri.EscapeDataString(p)}@{uri.Host}:{uri.Port}/{d}";
    }

    private static string ReadUrl()
    {
        if (Environment.GetEnvironmentVariable("OXYDE_TEST_MYSQL_URL") is { Length: > 0 } fromEnvironment)
        {
            return fromEnvironment;
        }

        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "scripts", "db.env")))
        {
            directory = directory.Parent;
        }

        var env = directory is null ? null : Path.Combine(directory.FullName, "scripts", "db.env");
        var line = env is null ? null : File.ReadAllLines(env).FirstOrDefault(l => l.StartsWith("OXYDE_TEST_MYSQL_URL=", StringComparison.Ordinal));
        return line?["OXYDE_TEST_MYSQL_URL=".Length..].Trim() ?? "mysql://oxyde:oxyde@127.0.0.1:33069/oxyde_test";
    }

    private static string? Probe()
    {
        try
        {
            var uri = new Uri(Url);
            using var client = new TcpClient();
            if (!client.ConnectAsync(uri.Host, uri.Port).Wait(TimeSpan.FromSeconds(3)))
            {
                return "connect timed out";
            }

            using var stream = client.GetStream();
            stream.ReadTimeout = 3000;
            var head = new byte[5];
            var read = 0;
            while (read < head.Length)
            {
                var n = stream.Read(head, read, head.Length - read);
                if (n == 0)
                {
                    return $"connection closed after {read} bytes";
                }

                read += n;
            }

            return head[4] == 10 ? null : $"not a MySQL greeting (first byte {head[4]})";
        }
        catch (Exception e) when (e is SocketException or IOException or AggregateException or UriFormatException)
        {
            return e.GetType().Name + ": " + e.Message;
        }
    }
}
