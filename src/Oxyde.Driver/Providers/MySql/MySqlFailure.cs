using System.Globalization;
using Oxyde.Codec.Errors;
using Oxyde.Driver.Execution;

namespace Oxyde.Driver.Providers.MySql;

/// <summary>
/// A MySQL error as its number, SQLSTATE and message; <see cref="ToException"/> classifies it by
/// number (<see cref="MySqlErrors"/>). The constraint or column the server names (only in its message
/// text: the protocol has no separate fields for them) goes into the details, never into the class.
/// </summary>
internal sealed record MySqlFailure(int Number, string? SqlState, string Message, ErrorCode Code)
{
    public static MySqlFailure Of(int number, string? sqlState, string message) =>
        new(number, sqlState, message, MySqlErrors.Classify(number));

    public MySqlStatementException ToException(string? table = null, string? model = null, Exception? inner = null)
    {
        var details = new Dictionary<string, string>
        {
            ["mysql_errno"] = Number.ToString(CultureInfo.InvariantCulture),
            ["mysql_message"] = Message,
        };
        if (!string.IsNullOrEmpty(SqlState))
        {
            details["sqlstate"] = SqlState;
        }

        switch (Code)
        {
            case ErrorCode.UniqueViolation when LastQuoted(Message, '\'') is { } key:
                details["constraint"] = key;
                break;
            case ErrorCode.ForeignKeyViolation or ErrorCode.CheckViolation when After(Message, "CONSTRAINT ") is { } name:
                details["constraint"] = name;
                break;
            case ErrorCode.CheckViolation when FirstQuoted(Message, '\'') is { } name:
                details["constraint"] = name;
                break;
            case ErrorCode.NotNullViolation when FirstQuoted(Message, '\'') is { } column:
                details["column"] = column;
                break;
        }

        ErrorSubject.AddTo(details, table, model);
        var message = ErrorSubject.Prefix(table, model, Message);
        return new MySqlStatementException(Code, message, details, this, inner);
    }

    /// <summary>The identifier after <paramref name="marker"/>, in backticks or quotes.</summary>
    private static string? After(string message, string marker)
    {
        var at = message.IndexOf(marker, StringComparison.Ordinal);
        if (at < 0 || at + marker.Length >= message.Length)
        {
            return null;
        }

        var quote = message[at + marker.Length];
        return quote is '`' or '\'' ? FirstQuoted(message[(at + marker.Length)..], quote) : null;
    }

    private static string? FirstQuoted(string message, char quote)
    {
        var start = message.IndexOf(quote);
        var end = start < 0 ? -1 : message.IndexOf(quote, start + 1);
        return end > start + 1 ? message[(start + 1)..end] : null;
    }

    private static string? LastQuoted(string message, char quote)
    {
        var end = message.LastIndexOf(quote);
        var start = end <= 0 ? -1 : message.LastIndexOf(quote, end - 1);
        return start >= 0 && end > start + 1 ? message[(start + 1)..end] : null;
    }
}
