using System.Text;
using System.Text.Json;

namespace Oxyde.Driver.Providers.Postgres;

/// <summary>
/// Turns PostgreSQL's text form of an array (<c>{1,2,NULL}</c>, <c>{"a b","c\"d"}</c>,
/// <c>{{1,2},{3,4}}</c>, <c>[0:1]={1,2}</c>) into the JSON text arrays travel as
/// (docs/ir-protocol.md, "Values by kind"). https://www.postgresql.org/docs/current/arrays.html#ARRAYS-IO
/// </summary>
internal static class PostgresArrayText
{
    public static string ToJson(string literal, ArrayElement element)
    {
        var start = 0;
        if (literal.StartsWith('['))
        {
            // Explicit bounds: "[lo:hi]={...}".
            start = literal.IndexOf('=', StringComparison.Ordinal) + 1;
        }

        var buffer = new System.Buffers.ArrayBufferWriter<byte>(literal.Length + 16);
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            var i = start;
            ReadArray(literal, ref i, element, json);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void ReadArray(string text, ref int i, ArrayElement element, Utf8JsonWriter json)
    {
        Expect(text, ref i, '{');
        json.WriteStartArray();
        if (Peek(text, i) == '}')
        {
            i++;
            json.WriteEndArray();
            return;
        }

        while (true)
        {
            switch (Peek(text, i))
            {
                case '{':
                    ReadArray(text, ref i, element, json);
                    break;
                case '"':
                    WriteElement(json, element, Quoted(text, ref i));
                    break;
                default:
                    var begin = i;
                    while (i < text.Length && text[i] is not (',' or '}'))
                    {
                        i++;
                    }

                    var raw = text[begin..i];
                    if (raw.Equals("NULL", StringComparison.OrdinalIgnoreCase))
                    {
                        json.WriteNullValue();
                    }
                    else
                    {
                        WriteElement(json, element, raw);
                    }

                    break;
            }

            var separator = Peek(text, i);
            i++;
            if (separator == '}')
            {
                json.WriteEndArray();
                return;
            }

            if (separator != ',')
            {
                throw new FormatException("malformed PostgreSQL array text");
            }
        }
    }

    private static void WriteElement(Utf8JsonWriter json, ArrayElement element, string value)
    {
        switch (element)
        {
            case ArrayElement.Number:
                json.WriteRawValue(value, skipInputValidation: true);
                break;
            case ArrayElement.Bool:
                json.WriteBooleanValue(value is "t" or "true");
                break;
            case ArrayElement.Json:
                json.WriteRawValue(value, skipInputValidation: true);
                break;
            case ArrayElement.Instant:
                json.WriteStringValue(PostgresRowWriter.WithFullOffset(value));
                break;
            default:
                json.WriteStringValue(value);
                break;
        }
    }

    private static string Quoted(string text, ref int i)
    {
        i++;
        var sb = new StringBuilder();
        while (i < text.Length)
        {
            var c = text[i++];
            if (c == '\\' && i < text.Length)
            {
                sb.Append(text[i++]);
            }
            else if (c == '"')
            {
                return sb.ToString();
            }
            else
            {
                sb.Append(c);
            }
        }

        throw new FormatException("unterminated quoted element in PostgreSQL array text");
    }

    private static void Expect(string text, ref int i, char c)
    {
        if (Peek(text, i) != c)
        {
            throw new FormatException("malformed PostgreSQL array text");
        }

        i++;
    }

    private static char Peek(string text, int i) => i < text.Length ? text[i] : '\0';
}
