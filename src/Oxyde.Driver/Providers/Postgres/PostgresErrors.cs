using Npgsql;
using Oxyde.Codec.Errors;

namespace Oxyde.Driver.Providers.Postgres;

/// <summary>
/// Maps PostgreSQL errors to <see cref="ErrorCode"/> by SQLSTATE, never by message text
/// (https://www.postgresql.org/docs/current/errcodes-appendix.html); a broken socket is
/// <see cref="ErrorCode.ConnectionLost"/>.
/// </summary>
internal static class PostgresErrors
{
    public const string UniqueViolation = "23505";
    public const string ForeignKeyViolation = "23503";
    public const string NotNullViolation = "23502";
    public const string CheckViolation = "23514";
    public const string SerializationFailure = "40001";
    public const string DeadlockDetected = "40P01";
    public const string LockNotAvailable = "55P03";
    public const string QueryCanceled = "57014";
    public const string AdminShutdown = "57P01";
    public const string CrashShutdown = "57P02";
    public const string CannotConnectNow = "57P03";
    public const string InvalidPassword = "28P01";
    public const string InvalidAuthorization = "28000";
    public const string InvalidCatalogName = "3D000";
    public const string InFailedTransaction = "25P02";
    public const string StringDataRightTruncation = "22001";
    public const string NumericValueOutOfRange = "22003";
    public const string InvalidDatetimeFormat = "22007";
    public const string DatetimeFieldOverflow = "22008";
    public const string CharacterNotInRepertoire = "22021";
    public const string UntranslatableCharacter = "22P05";
    public const string InvalidTextRepresentation = "22P02";

    public static ErrorCode Classify(string sqlState) => sqlState switch
    {
        UniqueViolation => ErrorCode.UniqueViolation,
        ForeignKeyViolation => ErrorCode.ForeignKeyViolation,
        NotNullViolation => ErrorCode.NotNullViolation,
        CheckViolation => ErrorCode.CheckViolation,
        SerializationFailure => ErrorCode.SerializationFailure,
        DeadlockDetected => ErrorCode.Deadlock,
        LockNotAvailable => ErrorCode.LockTimeout,
        QueryCanceled => ErrorCode.Cancelled,
        AdminShutdown or CrashShutdown or CannotConnectNow => ErrorCode.ConnectionLost,
        InvalidPassword or InvalidAuthorization => ErrorCode.AuthenticationFailed,
        InvalidCatalogName => ErrorCode.DatabaseNotFound,
        InFailedTransaction => ErrorCode.TransactionState,
        StringDataRightTruncation or NumericValueOutOfRange or InvalidDatetimeFormat or DatetimeFieldOverflow
            or CharacterNotInRepertoire or UntranslatableCharacter or InvalidTextRepresentation => ErrorCode.ValueConversion,
        _ when sqlState.StartsWith("08", StringComparison.Ordinal) => ErrorCode.ConnectionLost,
        _ => ErrorCode.Database,
    };

    /// <summary>
    /// The error for an exception Npgsql threw while a statement ran: a server error by SQLSTATE; any
    /// other <see cref="NpgsqlException"/> is Npgsql's report of a broken connection (socket closed,
    /// I/O error, protocol cut short) and becomes connection_lost. Anything else is not Npgsql's (null).
    /// </summary>
    public static PostgresStatementException? FromStatement(Exception e) => e switch
    {
        PostgresException server => new PostgresStatementException(PostgresFailure.Of(server)),

        // A statement stopped by a cancel request (Interrupt): Npgsql wraps the server's 57014.
        OperationCanceledException { InnerException: PostgresException server } => new PostgresStatementException(PostgresFailure.Of(server)),
        NpgsqlException => new PostgresStatementException(PostgresFailure.Lost(e)),
        _ => null,
    };
}
