using Oxyde.Codec.Errors;

namespace Oxyde.Driver.Execution;

/// <summary>
/// An error raised by a provider while a statement runs (a database error classified by its code, a
/// stored value that cannot be read as its kind). The executor knows the query's table and model;
/// <see cref="WithSubject"/> gives the caller the error naming them.
/// </summary>
internal abstract class ProviderException(ErrorCode code, string message, IReadOnlyDictionary<string, string> details, Exception? inner = null)
    : OxydeException(code, message, details, inner)
{
    public abstract OxydeException WithSubject(string? table, string? model);
}
