using Oxyde.Codec.Errors;

namespace Oxyde.Driver.Providers.Sqlite;

/// <summary>
/// Where a SQLite pool's database lives, read from its URL the way Oxyde (sqlx) and Tortoise read
/// it: <c>sqlite://app.db</c> (relative to the working directory), <c>sqlite:///abs/path.db</c>,
/// and <c>sqlite::memory:</c> / <c>sqlite://:memory:</c> / <c>sqlite:///:memory:</c> in memory.
/// Query parameters: <c>mode=ro</c> opens read-only, <c>mode=memory</c> forces memory; others are ignored.
/// </summary>
internal sealed record SqliteLocation(string? Path, bool InMemory, bool ReadOnly)
{
    public static SqliteLocation Parse(string url)
    {
        var rest = url["sqlite:".Length..];
        string? query = null;
        var q = rest.IndexOf('?');
        if (q >= 0)
        {
            query = rest[(q + 1)..];
            rest = rest[..q];
        }

        if (rest.StartsWith("//", StringComparison.Ordinal))
        {
            rest = rest[2..];
        }

        var readOnly = false;
        var memory = rest is ":memory:" or "/:memory:";
        foreach (var pair in (query ?? string.Empty).Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=');
            var key = eq < 0 ? pair : pair[..eq];
            var value = eq < 0 ? string.Empty : pair[(eq + 1)..];
            if (key == "mode")
            {
                readOnly |= value == "ro";
                memory |= value == "memory";
            }
        }

        if (memory)
        {
            return new SqliteLocation(null, InMemory: true, ReadOnly: false);
        }

        var path = Uri.UnescapeDataString(rest);
        if (path.Length == 0)
        {
            throw new OxydeException(
                ErrorCode.InvalidUrl,
                $"SQLite URL has no database path: {url}",
                new Dictionary<string, string> { ["url"] = url });
        }

        if (path.Contains('\0'))
        {
            // A C path ends at NUL, and Path.GetFullPath throws for one (it surfaced as an InternalError).
            throw new OxydeException(
                ErrorCode.InvalidUrl,
                "SQLite URL has a NUL character in its database path",
                new Dictionary<string, string> { ["url"] = url.Replace("\0", "\\0", StringComparison.Ordinal) });
        }

        return new SqliteLocation(System.IO.Path.GetFullPath(path), InMemory: false, ReadOnly: readOnly);
    }
}
