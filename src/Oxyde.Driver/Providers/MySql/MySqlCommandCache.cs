using MySqlConnector;

namespace Oxyde.Driver.Providers.MySql;

/// <summary>
/// Commands of one connection by SQL text. A text is prepared on the server (binary protocol) the
/// second time it runs and its command kept, up to <c>capacity</c> texts, so a repeated shape skips
/// parsing and planning; a text seen once runs unprepared (no extra round trip for a one-off),
/// unless it carries a large bytes value, which the binary protocol sends without escaping.
/// </summary>
internal sealed class MySqlCommandCache(MySqlConnection connection, int capacity) : IDisposable
{
    /// <summary>Texts remembered as seen once before the set starts over.</summary>
    private const int SeenCapacity = 1024;

    /// <summary>Bytes values from this size on are sent prepared at once (see <see cref="HasLargeBytes"/>).</summary>
    private const int LargeBytes = 1024 * 1024;

    private readonly Dictionary<string, MySqlCommand> _prepared = new(StringComparer.Ordinal);
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);

    /// <summary>Commands prepared on the server so far; for tests.</summary>
    public int Prepares { get; private set; }

    /// <summary>A command for <paramref name="sql"/> with <paramref name="parameters"/> bound by position.</summary>
    public MySqlCommand Get(string sql, ReadOnlySpan<object?> parameters, bool prepare)
    {
        if (prepare && _prepared.TryGetValue(sql, out var cached) && cached.Parameters.Count == parameters.Length)
        {
            for (var i = 0; i < parameters.Length; i++)
            {
                cached.Parameters[i].Value = parameters[i] ?? DBNull.Value;
            }

            return cached;
        }

        var command = new MySqlCommand(sql, connection);
        foreach (var value in parameters)
        {
            command.Parameters.Add(new MySqlParameter { Value = value ?? DBNull.Value });
        }

        if (!prepare || !(Remember(sql) || HasLargeBytes(parameters)))
        {
            return command;
        }

        command.Prepare();
        Prepares++;
        if (_prepared.Count < capacity)
        {
            _prepared[sql] = command;
        }

        return command;
    }

    public void Dispose()
    {
        foreach (var command in _prepared.Values)
        {
            command.Dispose();
        }

        _prepared.Clear();
    }

    /// <summary>
    /// Whether a value is bytes of a size where the text protocol's escaping (up to twice the bytes)
    /// could push the statement past <c>max_allowed_packet</c>: the binary protocol sends them as they are.
    /// </summary>
    private static bool HasLargeBytes(ReadOnlySpan<object?> parameters)
    {
        foreach (var value in parameters)
        {
            if (value is byte[] { Length: >= LargeBytes })
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether <paramref name="sql"/> was seen before (then it is prepared); remembers it otherwise.</summary>
    private bool Remember(string sql)
    {
        if (_seen.Remove(sql))
        {
            return true;
        }

        if (_seen.Count >= SeenCapacity)
        {
            _seen.Clear();
        }

        _seen.Add(sql);
        return false;
    }
}
