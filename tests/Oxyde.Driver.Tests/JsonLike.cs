using System.Text;

namespace Oxyde.Driver.Tests;

/// <summary>A canonical text of unpacked values, so nested maps/lists/bytes compare by content.</summary>
internal static class JsonLike
{
    public static string ToJsonLike(this object? value)
    {
        var text = new StringBuilder();
        Append(text, value);
        return text.ToString();
    }

    private static void Append(StringBuilder text, object? value)
    {
        switch (value)
        {
            case null:
                text.Append("nil");
                break;
            case string s:
                text.Append('"').Append(s).Append('"');
                break;
            case bool b:
                text.Append(b ? "true" : "false");
                break;
            case byte[] bytes:
                text.Append("bin:").Append(Convert.ToHexString(bytes));
                break;
            case IDictionary<string, object?> map:
                text.Append('{');
                foreach (var key in map.Keys.Order(StringComparer.Ordinal))
                {
                    text.Append(key).Append(':');
                    Append(text, map[key]);
                    text.Append(',');
                }

                text.Append('}');
                break;
            case System.Collections.IEnumerable list:
                text.Append('[');
                foreach (var item in list)
                {
                    Append(text, item);
                    text.Append(',');
                }

                text.Append(']');
                break;
            case IFormattable formattable:
                text.Append(value.GetType().Name).Append(':').Append(formattable.ToString(null, System.Globalization.CultureInfo.InvariantCulture));
                break;
            default:
                text.Append(value);
                break;
        }
    }
}
