using MySqlConnector;
using Oxyde.Codec.Errors;
using Oxyde.Codec.Requests;
using Oxyde.Driver.Execution;
using Oxyde.Driver.Logging;
using Oxyde.Query;
using Oxyde.Query.Dialects;

namespace Oxyde.Driver.Providers.MySql;

/// <summary>
/// The MySQL / MariaDB pool: <see cref="ServerPool"/> over connections MySqlConnector opens with its
/// own pooling off. Each connection gets the charset and collation (<c>SET NAMES</c>) when it opens;
/// connections are never reset, so they stay. The dialect is chosen from the first connection's
/// server version (<see cref="SqlDialects.ForMySqlServer"/>): MariaDB 10.5+ gets INSERT ... RETURNING.
/// </summary>
internal sealed class MySqlPool : ServerPool
{
    private readonly MySqlLocation _location;
    private readonly SqlRenderer _renderer;
    private readonly StatementLog _log;
    private readonly string? _setNames;

    /// <param name="dialect">Null: chosen by the server's version; tests force <see cref="MySqlDialect"/> to run MySQL 8's emulations on MariaDB.</param>
    public MySqlPool(string name, string url, PoolSettings settings, StatementLog log, SqlDialect? dialect = null)
        : base(name, settings)
    {
        _log = log;
        _location = MySqlLocation.Parse(url, settings);
        _setNames = _location.Collation is { } collation
            ? $"SET NAMES {_location.Charset} COLLATE {collation}"
            : $"SET NAMES {_location.Charset}";

        // The first connection tells the server's version, hence the dialect.
        var first = OpenConnection();
        Dialect = dialect ?? SqlDialects.ForMySqlServer(first.ServerVersion);
        ServerVersion = first.ServerVersion;
        _renderer = new SqlRenderer(Dialect);
        OpenInitial(NewSession(first));
    }

    /// <summary>The dialect this pool renders for (by server version).</summary>
    public SqlDialect Dialect { get; }

    /// <summary>The server's version string, as it reports it.</summary>
    public string ServerVersion { get; }

    protected override SqlSession NewSession() => NewSession(OpenConnection());

    private SqlSession NewSession(MySqlConnection connection) =>
        new(new MySqlServerConnection(connection, Dialect), _renderer, _log, Name);

    private MySqlConnection OpenConnection()
    {
        var connection = new MySqlConnection(_location.ConnectionString);
        try
        {
            connection.Open();
            using var command = new MySqlCommand(_setNames, connection);
            command.ExecuteNonQuery();
            return connection;
        }
        catch (Exception e) when (MySqlServerConnection.IsProviderFailure(e) || e is ArgumentException or NotSupportedException or System.Security.Authentication.AuthenticationException)
        {
            connection.Dispose();
            throw OpenFailed(e);
        }
    }

    private OxydeException OpenFailed(Exception e)
    {
        var number = e is MySqlException my ? my.Number : 0;
        var code = MySqlErrors.Classify(number) switch
        {
            ErrorCode.AuthenticationFailed => ErrorCode.AuthenticationFailed,
            ErrorCode.DatabaseNotFound => ErrorCode.DatabaseNotFound,
            _ => ErrorCode.ConnectionFailed,
        };
        var details = new Dictionary<string, string>
        {
            ["pool"] = Name,
            ["host"] = _location.Host,
            ["port"] = _location.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["database"] = _location.Database,
        };
        if (number > 0)
        {
            details["mysql_errno"] = number.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return new OxydeException(code, $"cannot connect to MySQL at {_location.Host}:{_location.Port}/{_location.Database}: {e.Message}", details, e);
    }
}
