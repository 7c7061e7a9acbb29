using Oxyde.Codec.Errors;

namespace Oxyde.Driver.Providers.MySql;

/// <summary>
/// Maps MySQL / MariaDB error numbers to <see cref="ErrorCode"/>, never message text
/// (https://dev.mysql.com/doc/mysql-errors/8.0/en/server-error-reference.html,
/// https://mariadb.com/kb/en/mariadb-error-code-reference/).
/// </summary>
internal static class MySqlErrors
{
    /// <summary>ER_DUP_ENTRY: a UNIQUE or PRIMARY KEY value exists.</summary>
    public const int DuplicateEntry = 1062;

    /// <summary>ER_ROW_IS_REFERENCED_2 (1451), ER_NO_REFERENCED_ROW_2 (1452), and their older forms 1216/1217.</summary>
    public const int RowIsReferenced = 1451, NoReferencedRow = 1452, NoReferencedRowOld = 1216, RowIsReferencedOld = 1217;

    /// <summary>ER_BAD_NULL_ERROR (1048), ER_NO_DEFAULT_FOR_FIELD (1364).</summary>
    public const int BadNull = 1048, NoDefaultForField = 1364;

    /// <summary>ER_CHECK_CONSTRAINT_VIOLATED: MySQL 3819, MariaDB 4025 (ER_CONSTRAINT_FAILED).</summary>
    public const int CheckViolatedMySql = 3819, CheckViolatedMariaDb = 4025;

    /// <summary>ER_LOCK_DEADLOCK.</summary>
    public const int Deadlock = 1213;

    /// <summary>ER_LOCK_WAIT_TIMEOUT (innodb_lock_wait_timeout).</summary>
    public const int LockWaitTimeout = 1205;

    /// <summary>ER_QUERY_INTERRUPTED (KILL QUERY), MySQL ER_QUERY_TIMEOUT (3024), MariaDB ER_STATEMENT_TIMEOUT (1969).</summary>
    public const int QueryInterrupted = 1317, QueryTimeoutMySql = 3024, StatementTimeoutMariaDb = 1969;

    /// <summary>ER_ACCESS_DENIED_ERROR (1045), ER_DBACCESS_DENIED_ERROR (1044), ER_BAD_DB_ERROR (1049).</summary>
    public const int AccessDenied = 1045, DatabaseAccessDenied = 1044, BadDatabase = 1049;

    /// <summary>
    /// Client-side losses: CR_SERVER_GONE_ERROR (2006), CR_SERVER_LOST (2013), CR_CONN_HOST_ERROR
    /// (2003), ER_CONNECTION_KILLED (1927 MariaDB), ER_SERVER_SHUTDOWN (1053), ER_CLIENT_INTERACTION_TIMEOUT (4031 MySQL).
    /// </summary>
    public const int ServerGone = 2006, ServerLost = 2013, ConnectionKilled = 1927, ServerShutdown = 1053, InteractionTimeout = 4031;

    /// <summary>ER_NET_PACKET_TOO_LARGE: a statement or value above <c>max_allowed_packet</c>.</summary>
    public const int PacketTooLarge = 1153;

    public static ErrorCode Classify(int number) => number switch
    {
        DuplicateEntry => ErrorCode.UniqueViolation,
        RowIsReferenced or NoReferencedRow or NoReferencedRowOld or RowIsReferencedOld => ErrorCode.ForeignKeyViolation,
        BadNull or NoDefaultForField => ErrorCode.NotNullViolation,
        CheckViolatedMySql or CheckViolatedMariaDb => ErrorCode.CheckViolation,
        Deadlock => ErrorCode.Deadlock,
        LockWaitTimeout => ErrorCode.LockTimeout,
        QueryInterrupted => ErrorCode.Cancelled,
        QueryTimeoutMySql or StatementTimeoutMariaDb => ErrorCode.Timeout,
        AccessDenied or DatabaseAccessDenied => ErrorCode.AuthenticationFailed,
        BadDatabase => ErrorCode.DatabaseNotFound,
        ServerGone or ServerLost or ConnectionKilled or ServerShutdown or InteractionTimeout => ErrorCode.ConnectionLost,
        _ => ErrorCode.Database,
    };
}
