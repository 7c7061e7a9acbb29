using System.Collections;
using System.Globalization;
using System.Text;

namespace Oxyde.Query.Tests;

/// <summary>
/// Renders bound provider values for golden files: JSON for null/bool/long/string, and
/// <c>Type(value)</c> for everything else so the CLR type is visible in review.
/// </summary>
internal static class ParamFormatter
{
    public static string Format(object?[] parameters)
    {
        var sb = new StringBuilder("[");
        for (var i = 0; i < parameters.Length; i++)
        {
            sb.Append(i > 0 ? ", " : string.Empty);
            Append(sb, parameters[i]);
        }

        return sb.Append(']').ToString();
    }

    private static void Append(StringBuilder sb, object? value)
    {
        switch (value)
        {
            case null:
                sb.Append("null");
                break;
            case bool b:
                sb.Append(b ? "true" : "false");
                break;
            case long l:
                sb.Append(l.ToString(CultureInfo.InvariantCulture));
                break;
            case string s:
                AppendString(sb, s);
                break;
            case double d:
                sb.Append("Double(").Append(d.ToString("R", CultureInfo.InvariantCulture)).Append(')');
                break;
            case decimal m:
                sb.Append("Decimal(").Append(m.ToString(CultureInfo.InvariantCulture)).Append(')');
                break;
            case DateTime dt:
                sb.Append("DateTime(").Append(dt.ToString("yyyy-MM-ddTHH:mm:ss.ffffff", CultureInfo.InvariantCulture))
                    .Append(", ").Append(dt.Kind).Append(')');
                break;
            case DateOnly date:
                sb.Append("DateOnly(").Append(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append(')');
                break;
            case TimeOnly time:
                sb.Append("TimeOnly(").Append(time.ToString("HH:mm:ss.ffffff", CultureInfo.InvariantCulture)).Append(')');
                break;
            case Guid g:
                sb.Append("Guid(").Append(g.ToString("D")).Append(')');
                break;
            case byte[] bytes:
                sb.Append("Bytes(").Append(Convert.ToHexString(bytes)).Append(')');
                break;
            case IEnumerable items:
                sb.Append(value.GetType().Name).Append('[');
                var first = true;
                foreach (var item in items)
                {
                    sb.Append(first ? string.Empty : ", ");
                    Append(sb, item);
                    first = false;
                }

                sb.Append(']');
                break;
            default:
                sb.Append(value.GetType().Name).Append('(').Append(Convert.ToString(value, CultureInfo.InvariantCulture)).Append(')');
                break;
        }
    }

    private static void AppendString(StringBuilder sb, string s)
    {
        sb.Append('"');
        foreach (var c in s)
        {
            switch (c)
            {
                case '"':
                    sb.Append("\\\"");
                    break;
                case '\\':
                    sb.Append("\\\\");
                    break;
                case '\n':
                    sb.Append("\\n");
                    break;
                default:
                    if (c < ' ')
                    {
                        sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        sb.Append('"');
    }
}
