using Oxyde.Codec.Errors;
using Oxyde.Driver.Execution;

namespace Oxyde.Driver.Providers.MySql;

/// <summary>An <see cref="OxydeException"/> raised by the MySQL server or client; keeps the failure so the executor can add the table and model.</summary>
internal sealed class MySqlStatementException(ErrorCode code, string message, IReadOnlyDictionary<string, string> details, MySqlFailure failure, Exception? inner)
    : ProviderException(code, message, details, inner)
{
    public MySqlFailure Failure { get; } = failure;

    public override OxydeException WithSubject(string? table, string? model) => Failure.ToException(table, model, InnerException);
}
