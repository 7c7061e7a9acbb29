namespace Oxyde.Driver.Tests.Postgres;

/// <summary>A theory on the PostgreSQL test server: skipped with the reason when it does not answer (see <see cref="PostgresServer"/>).</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class PostgresTheoryAttribute : TheoryAttribute
{
    public PostgresTheoryAttribute()
    {
        if (PostgresServer.SkipReason is { } reason)
        {
            Skip = reason;
        }
    }
}
