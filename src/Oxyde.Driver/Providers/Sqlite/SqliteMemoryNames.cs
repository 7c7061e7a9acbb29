namespace Oxyde.Driver.Providers.Sqlite;

/// <summary>
/// Names of in-memory shared-cache databases, reused once a pool that held one has closed every
/// connection to it (SQLite drops the database with its last connection). Microsoft.Data.Sqlite keeps
/// an entry per distinct connection string for minutes, so a fresh name per pool grew memory by ~1 KB
/// per <c>init</c>/<c>close</c>; reused names bound that by the most pools open at once.
/// </summary>
internal static class SqliteMemoryNames
{
    private static readonly Stack<string> Free = new();
    private static readonly Lock Gate = new();

    /// <summary>A name no open connection uses.</summary>
    public static string Rent()
    {
        lock (Gate)
        {
            if (Free.TryPop(out var name))
            {
                return name;
            }
        }

        return "oxyde-mem-" + Guid.NewGuid().ToString("N");
    }

    /// <summary>Gives back <paramref name="name"/>; only once no connection to it is open.</summary>
    public static void Return(string name)
    {
        lock (Gate)
        {
            Free.Push(name);
        }
    }
}
