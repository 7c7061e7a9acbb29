using Oxyde.Codec.Errors;

namespace Oxyde.Driver.Providers.Sqlite;

/// <summary>
/// Maps SQLite result codes to <see cref="ErrorCode"/> by number, never by message text.
/// See https://www.sqlite.org/rescode.html.
/// </summary>
internal static class SqliteErrors
{
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;
    private const int SqliteConstraintCheck = 275;
    private const int SqliteConstraintForeignKey = 787;
    private const int SqliteConstraintNotNull = 1299;
    private const int SqliteConstraintPrimaryKey = 1555;
    private const int SqliteConstraintUnique = 2067;
    private const int SqliteConstraintRowId = 2579;

    public static ErrorCode Classify(int primaryCode, int extendedCode) => extendedCode switch
    {
        SqliteConstraintUnique or SqliteConstraintPrimaryKey or SqliteConstraintRowId => ErrorCode.UniqueViolation,
        SqliteConstraintForeignKey => ErrorCode.ForeignKeyViolation,
        SqliteConstraintNotNull => ErrorCode.NotNullViolation,
        SqliteConstraintCheck => ErrorCode.CheckViolation,
        _ => (primaryCode & 0xff) is SqliteBusy or SqliteLocked ? ErrorCode.Busy : ErrorCode.Database,
    };
}
