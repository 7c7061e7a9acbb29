using System.Buffers.Binary;
using MessagePack;
using Oxyde.Driver.Buffers;

namespace Oxyde.Driver.Results;

/// <summary>
/// An array header written before its length is known: the fixed five-byte <c>array32</c> form
/// (valid MessagePack for any count), patched once the rows are read. Saves buffering rows twice.
/// </summary>
internal readonly struct ReservedArrayHeader
{
    private const byte Array32 = 0xdd;

    private readonly int _offset;

    private ReservedArrayHeader(int offset) => _offset = offset;

    public static ReservedArrayHeader Write(ref MessagePackWriter writer, PooledBufferWriter buffer)
    {
        writer.Flush();
        var header = new ReservedArrayHeader(buffer.WrittenCount);
        ReadOnlySpan<byte> placeholder = [Array32, 0, 0, 0, 0];
        writer.WriteRaw(placeholder);
        return header;
    }

    public void Complete(ref MessagePackWriter writer, PooledBufferWriter buffer, int count)
    {
        writer.Flush();
        BinaryPrimitives.WriteUInt32BigEndian(buffer.WrittenSpanForPatch.Slice(_offset + 1, 4), (uint)count);
    }
}
