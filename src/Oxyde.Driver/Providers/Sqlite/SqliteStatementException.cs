using Oxyde.Codec.Errors;
using Oxyde.Driver.Execution;

namespace Oxyde.Driver.Providers.Sqlite;

/// <summary>An <see cref="OxydeException"/> raised by SQLite; keeps the codes so the executor can add the table and model.</summary>
internal sealed class SqliteStatementException(ErrorCode code, string message, IReadOnlyDictionary<string, string> details, SqliteFailure failure)
    : ProviderException(code, message, details)
{
    public SqliteFailure Failure { get; } = failure;

    public override OxydeException WithSubject(string? table, string? model) => Failure.ToException(table, model);
}
