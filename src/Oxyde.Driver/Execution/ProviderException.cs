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

    /// <summary><c>model</c> if known, else <c>table</c>, else null: how messages name what failed.</summary>
    protected static string? Subject(string? table, string? model) => string.IsNullOrEmpty(model) ? table : model;

    /// <summary>Adds the <c>table</c> and <c>model</c> details when known.</summary>
    protected static Dictionary<string, string> WithSubjectDetails(IReadOnlyDictionary<string, string> details, string? table, string? model)
    {
        var copy = new Dictionary<string, string>(details);
        if (!string.IsNullOrEmpty(table))
        {
            copy["table"] = table;
        }

        if (!string.IsNullOrEmpty(model))
        {
            copy["model"] = model;
        }

        return copy;
    }
}
