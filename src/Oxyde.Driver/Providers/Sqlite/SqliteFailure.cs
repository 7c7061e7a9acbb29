using System.Globalization;
using Oxyde.Codec.Errors;
using Oxyde.Driver.Execution;

namespace Oxyde.Driver.Providers.Sqlite;

/// <summary>A SQLite error as its codes and message; <see cref="ToException"/> classifies it by code.</summary>
internal sealed record SqliteFailure(int PrimaryCode, int ExtendedCode, string Message)
{
    public OxydeException ToException(string? table = null, string? model = null)
    {
        var details = new Dictionary<string, string>
        {
            ["sqlite_code"] = ExtendedCode.ToString(CultureInfo.InvariantCulture),
            ["sqlite_message"] = Message,
        };
        ErrorSubject.AddTo(details, table, model);
        var message = ErrorSubject.Prefix(table, model, Message);
        return new SqliteStatementException(SqliteErrors.Classify(PrimaryCode, ExtendedCode), message, details, this);
    }
}
