using System.Text;

namespace Oxyde.Query;

/// <summary>Builds LIKE patterns: escapes <c>\ % _</c> with a backslash, lowers for the i-forms, adds <c>%</c>.</summary>
internal static class LikePatterns
{
    public static string Build(string text, ParamTransform transform)
    {
        var lower = transform is ParamTransform.IContains or ParamTransform.IStartsWith or ParamTransform.IEndsWith or ParamTransform.IExact;
        var leading = transform is ParamTransform.Contains or ParamTransform.IContains or ParamTransform.EndsWith or ParamTransform.IEndsWith;
        var trailing = transform is ParamTransform.Contains or ParamTransform.IContains or ParamTransform.StartsWith or ParamTransform.IStartsWith;
        var source = lower ? text.ToLowerInvariant() : text;
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
}
