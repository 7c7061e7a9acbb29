namespace Oxyde.Driver.Tests.MySql;

/// <summary>A fact that needs the MySQL test server: skipped with the reason when it does not answer (see <see cref="MySqlServer"/>).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class MySqlFactAttribute : FactAttribute
{
    public MySqlFactAttribute()
    {
        if (MySqlServer.SkipReason is { } reason)
        {
            Skip = reason;
        }
    }
}
