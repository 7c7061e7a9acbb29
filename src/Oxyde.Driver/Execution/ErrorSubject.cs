namespace Oxyde.Driver.Execution;

/// <summary>How a provider's error names what failed: the query's model if known, else its table.</summary>
internal static class ErrorSubject
{
    /// <summary><paramref name="model"/> if known, else <paramref name="table"/>, else null.</summary>
    public static string? Of(string? table, string? model) => string.IsNullOrEmpty(model) ? table : model;

    /// <summary><c>Subject: message</c>, or the message alone when neither is known.</summary>
    public static string Prefix(string? table, string? model, string message) =>
        Of(table, model) is { Length: > 0 } subject ? $"{subject}: {message}" : message;

    /// <summary>Adds the <c>table</c> and <c>model</c> details when known.</summary>
    public static Dictionary<string, string> AddTo(Dictionary<string, string> details, string? table, string? model)
    {
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
