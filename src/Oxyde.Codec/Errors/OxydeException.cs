namespace Oxyde.Codec.Errors;

/// <summary>
/// The one exception type the engine throws on purpose. The native layer turns it into the error
/// envelope; anything else that escapes becomes <see cref="ErrorCode.Internal"/>.
/// </summary>
public class OxydeException : Exception
{
    public OxydeException(ErrorCode code, string message, IReadOnlyDictionary<string, string>? details = null, Exception? inner = null)
        : base(message, inner)
    {
        Code = code;
        Details = details ?? EmptyDetails;
    }

    private static readonly IReadOnlyDictionary<string, string> EmptyDetails = new Dictionary<string, string>();

    public ErrorCode Code { get; }

    /// <summary>Structured context: <c>table</c>, <c>column</c>, <c>constraint</c>, <c>dialect</c>, <c>feature</c>, <c>path</c>...</summary>
    public IReadOnlyDictionary<string, string> Details { get; }
}
