namespace Oxyde.Codec.Errors;

/// <summary>
/// Every error the engine reports. The number and the snake_case name travel in the error envelope
/// <c>{code, name, message, details}</c>; <c>python/oxyde/exceptions.py</c> mirrors this table.
/// </summary>
public enum ErrorCode
{
    /// <summary>An engine bug: an exception nobody classified.</summary>
    Internal = 1,

    /// <summary>Bytes that are not a valid IR document (truncated, wrong types, missing keys).</summary>
    IrMalformed = 10,

    /// <summary><c>proto</c> is not a version this engine speaks.</summary>
    IrUnsupportedProto = 11,

    /// <summary>An unknown <c>type</c>, <c>op</c>, <c>kind</c> or other enum-like string.</summary>
    IrUnknownValue = 12,

    /// <summary>Nesting deeper than the fixed limit.</summary>
    IrTooDeep = 13,

    /// <summary>An array, map or string larger than the fixed limit.</summary>
    IrTooLarge = 14,

    /// <summary>A value that cannot be converted to its column type.</summary>
    ValueConversion = 15,

    /// <summary>A key the IR document does not define at that place (Python and the engine ship together).</summary>
    IrUnknownKey = 16,

    /// <summary>A feature the dialect cannot express.</summary>
    UnsupportedFeature = 20,

    /// <summary>A URL the engine cannot read (scheme, path).</summary>
    InvalidUrl = 30,

    /// <summary>No pool is open under that alias.</summary>
    PoolNotFound = 31,

    /// <summary>Cannot connect or open the database (missing directory, refused).</summary>
    ConnectionFailed = 32,

    /// <summary>The pool was closed while the call waited or ran.</summary>
    PoolClosed = 33,

    /// <summary>No pooled connection became free within the acquire timeout.</summary>
    AcquireTimeout = 34,

    /// <summary>The server refused the credentials (PostgreSQL 28P01/28000, MySQL 1045).</summary>
    AuthenticationFailed = 35,

    /// <summary>The server has no database of the URL's name (PostgreSQL 3D000, MySQL 1049).</summary>
    DatabaseNotFound = 36,

    /// <summary>No open transaction has that id.</summary>
    TransactionNotFound = 40,

    /// <summary>A transaction call in the wrong state (savepoint name unknown, already finished).</summary>
    TransactionState = 41,

    /// <summary>The transaction passed its own timeout; its running statement was interrupted and it can only roll back.</summary>
    TransactionTimeout = 42,

    /// <summary>No open streaming cursor has that id (read to its end, closed, idle past its pool's transaction timeout, its transaction ended, or its pool closed).</summary>
    CursorNotFound = 44,

    /// <summary>UNIQUE or PRIMARY KEY violated.</summary>
    UniqueViolation = 50,

    /// <summary>FOREIGN KEY violated.</summary>
    ForeignKeyViolation = 51,

    /// <summary>NOT NULL violated.</summary>
    NotNullViolation = 52,

    /// <summary>CHECK violated.</summary>
    CheckViolation = 53,

    /// <summary>The database is busy or locked (SQLite BUSY/LOCKED) past the busy timeout.</summary>
    Busy = 60,

    /// <summary>The database broke a deadlock by failing this transaction (PostgreSQL 40P01, MySQL 1213); retrying the transaction may succeed.</summary>
    Deadlock = 61,

    /// <summary>A statement or lock wait timed out.</summary>
    Timeout = 62,

    /// <summary>The connection broke during the call.</summary>
    ConnectionLost = 63,

    /// <summary>The caller cancelled the call (an async ticket); a running statement was interrupted.</summary>
    Cancelled = 64,

    /// <summary>A serializable (or repeatable read) transaction conflicted with another (PostgreSQL 40001); retrying the transaction may succeed.</summary>
    SerializationFailure = 65,

    /// <summary>A row or table lock was not granted within the database's lock wait (PostgreSQL 55P03, MySQL 1205).</summary>
    LockTimeout = 66,

    /// <summary>Any other error the database reported (syntax in raw SQL, missing table, ...).</summary>
    Database = 70,
}
