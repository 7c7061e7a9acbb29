namespace Oxyde.Driver.Tests.MySql;

/// <summary>A theory that needs the MySQL test server (see <see cref="MySqlFactAttribute"/>).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class MySqlTheoryAttribute : TheoryAttribute
{
    public MySqlTheoryAttribute()
    {
        if (MySqlServer.SkipReason is { } reason)
        {
            Skip = reason;
        }
    }
}
