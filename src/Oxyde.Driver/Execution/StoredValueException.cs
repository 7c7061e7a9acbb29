using Oxyde.Codec.Errors;

namespace Oxyde.Driver.Execution;

/// <summary>
/// A stored value a provider's row writer cannot hand over as its column's kind (SQLite text that is
/// not UTF-8, a REAL or DECIMAL with a fraction in an int64 column, a PostgreSQL timestamp past
/// .NET's year 9999, ...); the executor adds the table and model (<see cref="WithSubject"/>) and the
/// caller gets <see cref="ErrorCode.ValueConversion"/>. Raised before any of the value is written.
/// </summary>
internal sealed class StoredValueException(string column, string expected, string value, Exception? inner = null)
    : ProviderException(ErrorCode.ValueConversion, Describe(null, column, expected, value), DetailsOf(null, null, column, expected, value), inner)
{
    public string Column { get; } = column;

    /// <summary>What the column should hold: a column kind (<c>int64</c>) or <c>utf-8 text</c>.</summary>
    public string Expected { get; } = expected;

    /// <summary>The stored value as its database type and, where it is shown, a short rendering: <c>REAL 1.7</c>, <c>TEXT X'FF41'</c>, <c>PostgreSQL timestamp</c>.</summary>
    public string Value { get; } = value;

    public override OxydeException WithSubject(string? table, string? model) => new(
        ErrorCode.ValueConversion,
        Describe(ErrorSubject.Of(table, model), Column, Expected, Value),
        DetailsOf(table, model, Column, Expected, Value),
        this);

    private static string Describe(string? subject, string column, string expected, string value) =>
        $"{(string.IsNullOrEmpty(subject) ? column : subject + "." + column)}: stored {value} cannot be read as {expected}";

    private static Dictionary<string, string> DetailsOf(string? table, string? model, string column, string expected, string value) =>
        ErrorSubject.AddTo(new Dictionary<string, string> { ["column"] = column, ["expected"] = expected, ["value"] = value }, table, model);
}
