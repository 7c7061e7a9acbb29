using System.Buffers;
using MessagePack;

namespace Oxyde.Codec.Tests.Support;

/// <summary>
/// A class wrapper over <see cref="MessagePackWriter"/> (a ref struct that lambdas cannot capture):
/// each call writes through a fresh writer and flushes.
/// </summary>
internal sealed class MessagePackWriterBox
{
    private readonly ArrayBufferWriter<byte> _buffer;

    public MessagePackWriterBox(ArrayBufferWriter<byte> buffer) => _buffer = buffer;

    private delegate void WriteAction(ref MessagePackWriter writer);

    private MessagePackWriterBox Do(WriteAction action)
    {
        var writer = new MessagePackWriter(_buffer);
        action(ref writer);
        writer.Flush();
        return this;
    }

    public MessagePackWriterBox Map(int count) =>
        Do((ref MessagePackWriter w) => w.WriteMapHeader(count));

    public MessagePackWriterBox Array(int count) =>
        Do((ref MessagePackWriter w) => w.WriteArrayHeader(count));

    public MessagePackWriterBox Str(string value) =>
        Do((ref MessagePackWriter w) => w.Write(value));

    public MessagePackWriterBox Int(long value) =>
        Do((ref MessagePackWriter w) => w.Write(value));

    public MessagePackWriterBox UInt(ulong value) =>
        Do((ref MessagePackWriter w) => w.Write(value));

    public MessagePackWriterBox Float32(float value) =>
        Do((ref MessagePackWriter w) => w.Write(value));

    public MessagePackWriterBox Bin(byte[] value) =>
        Do((ref MessagePackWriter w) => w.Write(value));

    public MessagePackWriterBox Nil() =>
        Do((ref MessagePackWriter w) => w.WriteNil());

    public MessagePackWriterBox Bool(bool value) =>
        Do((ref MessagePackWriter w) => w.Write(value));

    /// <summary>Key/value pair of strings.</summary>
    public MessagePackWriterBox Kv(string key, string value) => Str(key).Str(value);

    public MessagePackWriterBox Raw(byte[] bytes) =>
        Do((ref MessagePackWriter w) => w.WriteRaw(bytes));

    public byte[] Finish()
    {
        return _buffer.WrittenSpan.ToArray();
    }
}
