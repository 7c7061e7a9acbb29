using System.Globalization;
using MessagePack;

namespace Oxyde.Driver.Results;

/// <summary>
/// Writes a provider parameter value (what the renderer bound) as MessagePack, for <c>render</c>:
/// temporal values as ISO text (Python's <c>fromisoformat</c> reads them), other values by type.
/// </summary>
internal static class ValueWriter
{
    public static void Write(ref MessagePackWriter writer, object? value)
    {
        switch (value)
        {
            case null or DBNull:
                writer.WriteNil();
                break;
            case bool b:
                writer.Write(b);
                break;
            case long l:
                writer.Write(l);
                break;
            case int i:
                writer.Write(i);
                break;
            case short s:
                writer.Write(s);
                break;
            case ulong ul:
                writer.Write(ul);
                break;
            case double d:
                writer.Write(d);
                break;
            case float f:
                writer.Write(f);
                break;
            case string str:
                writer.Write(str);
                break;
            case Oxyde.Query.Dialects.UntypedText text:
                writer.Write(text.Value);
                break;
            case byte[] bytes:
                writer.Write(bytes);
                break;
            case DateTime dateTime:
                writer.Write(dateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFF", CultureInfo.InvariantCulture) + (dateTime.Kind == DateTimeKind.Utc ? "+00:00" : string.Empty));
                break;
            case DateTimeOffset offset:
                writer.Write(offset.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFzzz", CultureInfo.InvariantCulture));
                break;
            case DateOnly date:
                writer.Write(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                break;
            case TimeOnly time:
                writer.Write(time.ToString("HH:mm:ss.FFFFFF", CultureInfo.InvariantCulture));
                break;
            case Guid guid:
                writer.Write(guid.ToString("D"));
                break;
            case IFormattable formattable:
                writer.Write(formattable.ToString(null, CultureInfo.InvariantCulture));
                break;
            default:
                writer.Write(value.ToString());
                break;
        }
    }
}
