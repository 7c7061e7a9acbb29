using System.Diagnostics;
using Npgsql;
using Oxyde.Codec.Errors;
using Oxyde.Codec.Requests;
using Oxyde.Driver.Execution;
using Oxyde.Driver.Logging;
using Oxyde.Driver.Pools;
using Oxyde.Query;
using Oxyde.Query.Dialects;

namespace Oxyde.Driver.Providers.Postgres;

/// <summary>
/// The PostgreSQL pool (docs/decisions/0009): <see cref="ServerPool"/> over connections Npgsql opens
/// with its own pooling off.
/// </summary>
internal sealed class PostgresPool : ServerPool
{
    /// <summary>Prepared statements per connection when <c>pg_statement_cache_capacity</c> is unset (sqlx's default).</summary>
    public const int DefaultStatementCacheCapacity = 100;

    private readonly NpgsqlDataSource _dataSource;
    private readonly SqlRenderer _renderer = new(PostgresDialect.Instance);
    private readonly StatementLog _log;

    /// <summary>The URL without its password, for errors.</summary>
    private readonly string _redacted;

    public PostgresPool(string name, string url, PoolSettings settings, StatementLog log)
        : base(name, settings)
    {
        _log = log;
        var builder = PostgresLocation.Parse(url, settings);
        _redacted = DatabaseUrl.Redact(url);
        _dataSource = NpgsqlDataSource.Create(builder.ConnectionString);
        try
        {
            OpenInitial();
        }
        catch
        {
            _dataSource.Dispose();
            throw;
        }
    }

    protected override SqlSession NewSession()
    {
        var opened = Stopwatch.GetTimestamp();
        NpgsqlConnection connection;
        try
        {
            connection = _dataSource.OpenConnection();
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or ArgumentException)
        {
            throw ConnectFailed(e);
        }

        return new SqlSession(new PostgresConnector(connection, opened), _renderer, _log, Name);
    }

    protected override void DisposeMore() => _dataSource.Dispose();

    /// <summary>Why a connection could not be opened: credentials and a missing database by SQLSTATE, the rest connection_failed.</summary>
    private OxydeException ConnectFailed(Exception e)
    {
        var details = new Dictionary<string, string> { ["pool"] = Name, ["url"] = _redacted };
        if (e is PostgresException server)
        {
            details["sqlstate"] = server.SqlState;
            var code = PostgresErrors.Classify(server.SqlState) switch
            {
                ErrorCode.AuthenticationFailed => ErrorCode.AuthenticationFailed,
                ErrorCode.DatabaseNotFound => ErrorCode.DatabaseNotFound,
                _ => ErrorCode.ConnectionFailed,
            };
            return new OxydeException(code, $"cannot connect to PostgreSQL ({_redacted}): {server.MessageText}", details, e);
        }

        return new OxydeException(ErrorCode.ConnectionFailed, $"cannot connect to PostgreSQL ({_redacted}): {e.Message}", details, e);
    }
}
