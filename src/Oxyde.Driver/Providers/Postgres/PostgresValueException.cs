using Oxyde.Codec.Errors;
using Oxyde.Driver.Execution;

namespace Oxyde.Driver.Providers.Postgres;

/// <summary>
/// A column value the row writer cannot hand over as its column's kind (a <c>bigint</c> column read
/// as bool, a timestamp past .NET's year 9999, ...); the caller gets <see cref="ErrorCode.ValueConversion"/>
/// naming the column, the kind and the server type.
/// </summary>
internal sealed class PostgresValueException(string column, string expected, string serverType, Exception? inner = null)
    : ProviderException(ErrorCode.ValueConversion, Describe(null, column, expected, serverType), DetailsOf(null, null, column, expected, serverType), inner)
{
    public override OxydeException WithSubject(string? table, string? model) => new(
        ErrorCode.ValueConversion,
        Describe(string.IsNullOrEmpty(model) ? table : model, column, expected, serverType),
        DetailsOf(table, model, column, expected, serverType),
        this);

    private static string Describe(string? subject, string column, string expected, string serverType) =>
        $"{(string.IsNullOrEmpty(subject) ? column : subject + "." + column)}: a PostgreSQL {serverType} value cannot be read as {expected}";

    private static Dictionary<string, string> DetailsOf(string? table, string? model, string column, string expected, string serverType)
    {
        var details = new Dictionary<string, string> { ["column"] = column, ["expected"] = expected, ["value"] = serverType };
        if (!string.IsNullOrEmpty(table))
        {
            details["table"] = table;
        }

        if (!string.IsNullOrEmpty(model))
        {
            details["model"] = model;
        }

        return details;
    }
}
