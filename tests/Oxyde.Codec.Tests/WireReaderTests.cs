using System.Buffers;
using MessagePack;
using Oxyde.Codec.Reader;
using Oxyde.Codec.Tests.Support;

namespace Oxyde.Codec.Tests;

/// <summary>The span reader against MessagePack's own reader and writer, token by token.</summary>
public sealed class WireReaderTests
{
    private delegate void Write(ref MessagePackWriter writer);

    private static byte[] Pack(Write write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new MessagePackWriter(buffer);
        write(ref writer);
        writer.Flush();
        return buffer.WrittenSpan.ToArray();
    }

    [Fact]
    public void Every_code_has_the_type_MessagePack_gives_it()
    {
        for (int code = 0; code <= 255; code++)
        {
            Assert.Equal(MessagePackCode.ToMessagePackType((byte)code), WireReader.TypeOf((byte)code));
        }
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(127L)]
    [InlineData(128L)]
    [InlineData(255L)]
    [InlineData(256L)]
    [InlineData(65535L)]
    [InlineData(65536L)]
    [InlineData(4294967295L)]
    [InlineData(4294967296L)]
    [InlineData(long.MaxValue)]
    [InlineData(-1L)]
    [InlineData(-32L)]
    [InlineData(-33L)]
    [InlineData(-128L)]
    [InlineData(-129L)]
    [InlineData(-32768L)]
    [InlineData(-32769L)]
    [InlineData(int.MinValue)]
    [InlineData(long.MinValue)]
    public void Integers_read_in_every_width(long value)
    {
        byte[] bytes = Pack((ref MessagePackWriter w) => w.Write(value));
        var reader = new WireReader(bytes);
        Assert.Equal(value, reader.ReadInt64());
        Assert.True(reader.End);

        byte[] unsigned = Pack((ref MessagePackWriter w) => w.WriteUInt64((ulong)value));
        reader = new WireReader(unsigned);
        Assert.Equal((ulong)value, reader.ReadUInt64());
        Assert.True(reader.End);
    }

    [Fact]
    public void A_uint64_above_long_max_overflows_as_a_long()
    {
        byte[] bytes = Pack((ref MessagePackWriter w) => w.Write(ulong.MaxValue));
        Assert.Throws<OverflowException>(() => new WireReader(bytes).ReadInt64());
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.5)]
    [InlineData(double.MaxValue)]
    [InlineData(double.NaN)]
    public void Floats_read_widened_from_32_bits(double value)
    {
        var reader = new WireReader(Pack((ref MessagePackWriter w) => w.Write(value)));
        Assert.Equal(value, reader.ReadDouble());

        reader = new WireReader(Pack((ref MessagePackWriter w) => w.Write((float)value)));
        Assert.Equal((double)(float)value, reader.ReadDouble());
        Assert.True(reader.End);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(31)]
    [InlineData(32)]
    [InlineData(255)]
    [InlineData(256)]
    [InlineData(65535)]
    [InlineData(65536)]
    public void Strings_and_binaries_read_in_every_header_width(int length)
    {
        string text = new('x', length);
        byte[] blob = Enumerable.Range(0, length).Select(i => (byte)i).ToArray();
        byte[] bytes = Pack((ref MessagePackWriter w) =>
        {
            w.Write(text);
            w.Write(blob);
        });

        var reader = new WireReader(bytes);
        Assert.Equal(length < 32, new WireReader(bytes).TryReadFixStr(out _));
        Assert.Equal(text, System.Text.Encoding.UTF8.GetString(reader.ReadStringSpan()));
        Assert.Equal(blob, reader.ReadBinarySpan().ToArray());
        Assert.True(reader.End);
    }

    [Fact]
    public void Every_proper_prefix_of_a_token_throws_and_a_fast_path_consumes_nothing()
    {
        byte[] bytes = Pack((ref MessagePackWriter w) => w.Write("twelve bytes"));
        for (int n = 0; n < bytes.Length; n++)
        {
            byte[] prefix = bytes[..n];
            Assert.Throws<EndOfStreamException>(() => new WireReader(prefix).ReadStringSpan());
            var reader = new WireReader(prefix);
            Assert.False(reader.TryReadFixStr(out _));
            Assert.Equal(0, reader.Position);
        }
    }

    [Fact]
    public void TrySkip_ends_where_MessagePack_skip_ends_and_never_throws()
    {
        byte[] document = Mp.Concat(
            Mp.Json("{'a':[1,-2,3.5,null,true,'x',{'b':[[],{}]}],'c':'" + new string('y', 300) + "'}"),
            Pack((ref MessagePackWriter w) =>
            {
                w.Write(new byte[70_000]);
                w.WriteExtensionFormat(new ExtensionResult(5, new byte[3]));
                w.WriteExtensionFormat(new ExtensionResult(6, new byte[16]));
                w.Write(uint.MaxValue);
                w.Write(-1000L);
            }),
            [0xc0]);

        var expected = new MessagePackReader(document);
        var reader = new WireReader(document);
        while (!expected.End)
        {
            expected.Skip();
            Assert.True(reader.TrySkip());
            Assert.Equal(expected.Consumed, reader.Position);
        }

        Assert.False(reader.TrySkip());
        for (int n = 0; n < document.Length; n++)
        {
            var prefix = new WireReader(document.AsSpan(0, n));
            while (prefix.TrySkip())
            {
            }
        }

        Assert.False(new WireReader([0xc1]).TrySkip());
        Assert.False(new WireReader([0x91, 0xc1]).TrySkip());
        Assert.False(new WireReader([0xdd, 0x7f, 0xff, 0xff, 0xff]).TrySkip());
        Assert.False(new WireReader([0xdf, 0xff, 0xff, 0xff, 0xff, 0x00]).TrySkip());
        Assert.True(new WireReader(Enumerable.Repeat((byte)0x91, 100_000).Append((byte)0xc0).ToArray()).TrySkip());
    }
}
