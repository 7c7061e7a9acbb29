using System.Buffers;
using System.Text;
using MessagePack;

namespace Oxyde.Codec.Errors;

/// <summary>
/// Writes the error envelope <c>{"code": int, "name": "snake_case", "message": str, "details": {str: str}}</c>
/// (docs/ir-protocol.md, "Errors") with <see cref="MessagePackWriter"/> only.
/// </summary>
internal static class ErrorEnvelope
{
    public static byte[] Write(OxydeException exception) =>
        Write(exception.Code, exception.Message, exception.Details);

    public static byte[] Write(ErrorCode code, string message, IReadOnlyDictionary<string, string> details)
    {
        var buffer = new ArrayBufferWriter<byte>(64 + (message.Length * 2));
        var writer = new MessagePackWriter(buffer);
        writer.WriteMapHeader(4);
        writer.Write("code");
        writer.Write((int)code);
        writer.Write("name");
        writer.Write(NameOf(code));
        writer.Write("message");
        writer.Write(message);
        writer.Write("details");
        writer.WriteMapHeader(details.Count);
        foreach (KeyValuePair<string, string> item in details)
        {
            writer.Write(item.Key);
            writer.Write(item.Value);
        }

        writer.Flush();
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The wire name: snake_case of the member (<c>UniqueViolation</c> → <c>unique_violation</c>).</summary>
    public static string NameOf(ErrorCode code)
    {
        string member = code.ToString();
        var name = new StringBuilder(member.Length + 4);
        for (int i = 0; i < member.Length; i++)
        {
            char c = member[i];
            if (char.IsUpper(c))
            {
                if (i > 0)
                {
                    name.Append('_');
                }

                name.Append(char.ToLowerInvariant(c));
            }
            else
            {
                name.Append(c);
            }
        }

        return name.ToString();
    }
}
