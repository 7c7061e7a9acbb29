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
}
