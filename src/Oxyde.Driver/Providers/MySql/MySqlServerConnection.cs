using System.Diagnostics;
using System.IO;
using System.Net.Sockets;
using MySqlConnector;
using Oxyde.Codec.Errors;
using Oxyde.Driver.Execution;
using Oxyde.Query;
using Oxyde.Query.Dialects;

namespace Oxyde.Driver.Providers.MySql;

/// <summary>
/// One MySQL / MariaDB connection as the shared executor runs it (MySqlConnector, <c>?</c> parameters
/// bound by position). A statement text seen a second time is prepared on the server and kept
/// (<see cref="MySqlCommandCache"/>): repeated shapes skip parsing, one-off texts (a bulk insert of an
/// unusual row count) do not pay the extra prepare round trip. Errors are classified by number
/// (<see cref="MySqlErrors"/>); one that leaves the connection unusable marks it <see cref="Broken"/>
/// and the pool drops it.
/// </summary>
internal sealed class MySqlServerConnection : IServerConnection
{
    private const int StatementCacheCapacity = 256;

    private readonly MySqlConnection _connection;
    private readonly MySqlCommandCache _commands;
    private MySqlCommand? _running;
    private bool _inTransaction;
    private bool _broken;

    public MySqlServerConnection(MySqlConnection connection, SqlDialect dialect)
    {
        _connection = connection;
        _commands = new MySqlCommandCache(connection, StatementCacheCapacity);
        Dialect = dialect;
        OpenedAt = Stopwatch.GetTimestamp();
    }

    public SqlDialect Dialect { get; }

    /// <summary>When the connection was opened (<c>max_lifetime</c>).</summary>
    public long OpenedAt { get; }

    /// <summary>Set once an error left the connection unusable (lost, killed); the pool closes it instead of keeping it.</summary>
    /// <summary>Not <see cref="Broken"/>.</summary>
    public bool IsOpen => !Broken;

    public bool Broken
    {
        get => _broken || _connection.State != System.Data.ConnectionState.Open;
        private set => _broken = value;
    }

    /// <summary>
    /// Tracked from the statements run here: START TRANSACTION opens, COMMIT and ROLLBACK close, and
    /// so does a deadlock (InnoDB rolled the transaction back). A lost connection leaves it open: its
    /// COMMIT then fails as connection_lost, rather than as a transaction that does not exist.
    /// </summary>
    public bool InTransaction => _inTransaction;

    /// <summary>The server's thread id (what <c>KILL</c> takes); for tests.</summary>
    public int ServerThread => _connection.ServerThread;

    public ISqlCursor Open(SqlStatement statement) => Execute(statement.Sql, statement.Parameters, prepare: true);

    public ISqlCursor OpenRaw(SqlStatement statement)
    {
        if (MySqlStatementSplitter.HoldsMoreThanOne(statement.Sql))
        {
            throw new OxydeException(
                ErrorCode.UnsupportedFeature,
                "execute_raw runs one statement and this SQL holds more; run scripts with execute_script",
                new Dictionary<string, string> { ["feature"] = "multiple_statements", ["dialect"] = "mysql" });
        }

        return Execute(statement.Sql, statement.Parameters, prepare: false);
    }

    public long RunScript(string script)
    {
        using var cursor = Execute(script, [], prepare: false);
        return cursor.Complete();
    }

    public void Exec(string sql)
    {
        using (var cursor = Execute(sql, [], prepare: false))
        {
            cursor.Complete();
        }

        if (sql.StartsWith("START TRANSACTION", StringComparison.Ordinal) || sql.StartsWith("BEGIN", StringComparison.Ordinal))
        {
            _inTransaction = true;
        }
        else if (sql is "COMMIT" or "ROLLBACK")
        {
            _inTransaction = false;
        }
    }

    /// <summary>KILL QUERY on the running statement through a second connection (MySqlCommand.Cancel); it fails with 1317.</summary>
    public void Interrupt()
    {
        var running = Volatile.Read(ref _running);
        if (running is null)
        {
            return;
        }

        try
        {
            running.Cancel();
        }
        catch (Exception e) when (IsProviderFailure(e))
        {
            // The statement finished meanwhile, or the server cannot be reached: nothing to stop.
        }
    }

    /// <summary>Whether the server answers (<c>test_before_acquire</c>).</summary>
    public bool Ping()
    {
        try
        {
            return !Broken && _connection.Ping();
        }
        catch (Exception e) when (IsProviderFailure(e))
        {
            return false;
        }
    }

    public void Dispose()
    {
        _commands.Dispose();
        try
        {
            _connection.Dispose();
        }
        catch (Exception e) when (IsProviderFailure(e))
        {
            // Closing a connection the server already dropped.
        }
    }

    /// <summary>Exceptions MySqlConnector raises for a server error or a broken socket.</summary>
    public static bool IsProviderFailure(Exception e) =>
        e is MySqlException or IOException or SocketException or EndOfStreamException or InvalidOperationException or OperationCanceledException or ObjectDisposedException;

    /// <summary>The classified error for <paramref name="e"/>; a connection-level failure marks the connection broken.</summary>
    public MySqlStatementException Fail(Exception e)
    {
        var failure = e switch
        {
            MySqlException { Number: > 0 } my => MySqlFailure.Of(my.Number, my.SqlState, my.Message),
            MySqlException { ErrorCode: MySqlErrorCode.QueryInterrupted } my => MySqlFailure.Of(MySqlErrors.QueryInterrupted, my.SqlState, my.Message),
            OperationCanceledException => MySqlFailure.Of(MySqlErrors.QueryInterrupted, null, e.Message),
            _ => MySqlFailure.Of(MySqlErrors.ServerLost, null, e.Message),
        };
        if (failure.Number == MySqlErrors.PacketTooLarge)
        {
            // The server closes the connection after refusing a packet above max_allowed_packet.
            Broken = true;
        }
        else if (failure.Code == ErrorCode.ConnectionLost || _connection.State != System.Data.ConnectionState.Open)
        {
            Broken = true;
            failure = failure with { Code = ErrorCode.ConnectionLost };
        }

        if (failure.Code is ErrorCode.Deadlock)
        {
            // InnoDB rolls the whole transaction back on a deadlock.
            _inTransaction = false;
        }

        return failure.ToException(inner: e);
    }

    /// <summary>The statement that ended, its reader closed: Interrupt has nothing to stop.</summary>
    public void CommandDone() => Volatile.Write(ref _running, null);

    private MySqlCursor Execute(string sql, ReadOnlySpan<object?> parameters, bool prepare)
    {
        if (Broken)
        {
            throw MySqlFailure.Of(MySqlErrors.ServerLost, null, "the connection to the server was lost").ToException();
        }

        MySqlCommand command;
        try
        {
            command = _commands.Get(sql, parameters, prepare);
        }
        catch (Exception e) when (IsProviderFailure(e))
        {
            throw Fail(e);
        }

        Volatile.Write(ref _running, command);
        try
        {
            return new MySqlCursor(this, command.ExecuteReader());
        }
        catch (Exception e) when (IsProviderFailure(e))
        {
            CommandDone();
            throw Fail(e);
        }
    }
}
