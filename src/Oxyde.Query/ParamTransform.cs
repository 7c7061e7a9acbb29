namespace Oxyde.Query;

/// <summary>How a bound value is rewritten before it is converted for the provider.</summary>
internal enum ParamTransform
{
    /// <summary>The value as it came on the wire.</summary>
    None,
    /// <summary><c>%</c> + escaped text + <c>%</c>.</summary>
    Contains,
    /// <summary><c>%</c> + escaped lowered text + <c>%</c>.</summary>
    IContains,
    /// <summary>Escaped text + <c>%</c>.</summary>
    StartsWith,
    /// <summary>Escaped lowered text + <c>%</c>.</summary>
    IStartsWith,
    /// <summary><c>%</c> + escaped text.</summary>
    EndsWith,
    /// <summary><c>%</c> + escaped lowered text.</summary>
    IEndsWith,
    /// <summary>Escaped lowered text, no wildcard added.</summary>
    IExact,
    /// <summary>The text lowered (<see cref="string.ToLowerInvariant"/>), no escaping: a literal match, not a pattern.</summary>
    Lower,
    /// <summary>The text with only <c>A-Z</c> lowered, no escaping: how SQLite's LIKE and LOWER() fold case.</summary>
    LowerAscii,
}
