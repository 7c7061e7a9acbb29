namespace Oxyde.Codec.Requests;

/// <summary>Wire names <c>sqlite</c>, <c>postgres</c> (also <c>postgresql</c>), <c>mysql</c> (also <c>mariadb</c>).</summary>
internal enum DialectName
{
    Sqlite,
    Postgres,
    MySql,
}
