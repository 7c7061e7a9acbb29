using Oxyde.Codec.Errors;

namespace Oxyde.Driver.Providers.Sqlite;

/// <summary>An <see cref="OxydeException"/> raised by SQLite; keeps the codes so the session can add the table and model.</summary>
internal sealed class SqliteStatementException(ErrorCode code, string message, IReadOnlyDictionary<string, string> details, SqliteFailure failure)
    : OxydeException(code, message, details)
{
    public SqliteFailure Failure { get; } = failure;
}
