using Oxyde.Codec.Errors;
using Oxyde.Driver.Execution;

namespace Oxyde.Driver.Providers.MySql;

/// <summary>
/// A stored value the row writer cannot hand over as its column's kind (text that is not UTF-8, a
/// DECIMAL with a fraction in an int64 column, ...); the session adds the table and model
/// (<see cref="WithSubject"/>) and the caller gets <see cref="ErrorCode.ValueConversion"/>.
/// </summary>
internal sealed class MySqlValueException(string column, string expected, string value)
    : ProviderException(ErrorCode.ValueConversion, Describe(null, column, expected, value), DetailsOf(null, null, column, expected, value))
{
    public string Column { get; } = column;

    /// <summary>What the column should hold: a column kind (<c>int64</c>) or <c>utf-8 text</c>.</summary>
    public string Expected { get; } = expected;

    /// <summary>The stored value as its storage class and a short rendering: <c>DECIMAL 1.7</c>, <c>VARCHAR abc</c>.</summary>
    public string Value { get; } = value;

    public override OxydeException WithSubject(string? table, string? model) => new(
        ErrorCode.ValueConversion,
        Describe(string.IsNullOrEmpty(model) ? table : model, Column, Expected, Value),
        DetailsOf(table, model, Column, Expected, Value),
        this);

    private static string Describe(string? subject, string column, string expected, string value) =>
        $"{(string.IsNullOrEmpty(subject) ? column : subject + "." + column)}: stored {value} cannot be read as {expected}";

    private static Dictionary<string, string> DetailsOf(string? table, string? model, string column, string expected, string value)
    {
        var details = new Dictionary<string, string> { ["column"] = column, ["expected"] = expected, ["value"] = value };
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
