using System.Buffers;
using MessagePack;
using Oxyde.Codec.Errors;

namespace Oxyde.Codec.Tests.Support;

/// <summary>Builds MessagePack test inputs and asserts error codes.</summary>
internal static class Mp
{
    /// <summary>JSON (single quotes allowed for brevity) to MessagePack.</summary>
    public static byte[] Json(string json) => MessagePackSerializer.ConvertFromJson(json.Replace('\'', '"'));

    /// <summary>Writes a document by hand (for bin values, uint64, str32 headers...).</summary>
    public static byte[] Write(Action<MessagePackWriterBox> body)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var box = new MessagePackWriterBox(buffer);
        body(box);
        return box.Finish();
    }

    public static OxydeException Throws(ErrorCode expected, Action action)
    {
        var ex = Assert.Throws<OxydeException>(action);
        Assert.Equal(expected, ex.Code);
        return ex;
    }

    /// <summary>Concatenates byte pieces (raw headers followed by well-formed tails).</summary>
    public static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();
}
