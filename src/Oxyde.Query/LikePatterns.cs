using System.Text;

namespace Oxyde.Query;

/// <summary>
/// Builds the text of pattern lookups: LIKE patterns (<c>\ % _</c> escaped with a backslash, lowered
/// for the i-forms, <c>%</c> added) and the lowered literals of the NUL-safe forms.
/// </summary>
internal static class LikePatterns
{
    /// <summary>Whether <paramref name="transform"/> is one of the case-insensitive lookups (<c>icontains</c>, ...).</summary>
    public static bool IsCaseInsensitive(ParamTransform transform) =>
        transform is ParamTransform.IContains or ParamTransform.IStartsWith or ParamTransform.IEndsWith or ParamTransform.IExact;

    /// <summary>
    /// The bound text for <paramref name="transform"/> (not <see cref="ParamTransform.None"/>).
    /// <paramref name="asciiOnly"/>: lower as a database whose LOWER() folds only A-Z does.
    /// </summary>
    public static string Apply(string text, ParamTransform transform, bool asciiOnly) => transform switch
    {
        ParamTransform.Lower => Lower(text, asciiOnly),
        ParamTransform.LowerAscii => LowerAscii(text),
        _ => Build(text, transform, asciiOnly),
    };

    public static string Build(string text, ParamTransform transform, bool asciiOnly)
    {
        var lower = IsCaseInsensitive(transform);
        var leading = transform is ParamTransform.Contains or ParamTransform.IContains or ParamTransform.EndsWith or ParamTransform.IEndsWith;
        var trailing = transform is ParamTransform.Contains or ParamTransform.IContains or ParamTransform.StartsWith or ParamTransform.IStartsWith;
        var source = lower ? Lower(text, asciiOnly) : text;
        var sb = new StringBuilder(source.Length + 4);
        if (leading)
        {
            sb.Append('%');
        }

        foreach (var c in source)
        {
            if (c is '\\' or '%' or '_')
            {
                sb.Append('\\');
            }

            sb.Append(c);
        }

        if (trailing)
        {
            sb.Append('%');
        }

        return sb.ToString();
    }

    private static string Lower(string text, bool asciiOnly) => asciiOnly ? LowerAscii(text) : text.ToLowerInvariant();

    private static string LowerAscii(string text) => string.Create(text.Length, text, static (span, source) =>
    {
        for (var i = 0; i < source.Length; i++)
        {
            var c = source[i];
            span[i] = c is >= 'A' and <= 'Z' ? (char)(c + ('a' - 'A')) : c;
        }
    });
}
