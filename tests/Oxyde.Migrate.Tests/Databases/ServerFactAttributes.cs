namespace Oxyde.Migrate.Tests.Databases;

/// <summary>A fact on the PostgreSQL test server: skipped with the reason when it does not answer.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (ServerUrls.SkipReason(ServerUrls.Postgres.Value) is { } reason)
        {
            Skip = reason;
        }
    }
}

/// <summary>A fact on the MariaDB/MySQL test server: skipped with the reason when it does not answer.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class MySqlFactAttribute : FactAttribute
{
    public MySqlFactAttribute()
    {
        if (ServerUrls.SkipReason(ServerUrls.MySql.Value) is { } reason)
        {
            Skip = reason;
        }
    }
}
