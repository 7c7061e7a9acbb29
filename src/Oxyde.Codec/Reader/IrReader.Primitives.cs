using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using MessagePack;

namespace Oxyde.Codec.Reader;

/// <summary>Headers, scalars and keys, each checked against the protocol limits.</summary>
internal static partial class IrReader
{
    /// <summary>Longest key or enum token compared without allocating; longer ones are unknown.</summary>
    private const int TokenBufferLength = 32;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static readonly object BoxedTrue = true;

    private static readonly object BoxedFalse = false;

    private static MessagePackType NextType(ref MessagePackReader reader, string key)
    {
        if (reader.End)
        {
            throw Malformed(key, "unexpected end of input");
        }

        return reader.NextMessagePackType;
    }

    private static int ReadMapHeader(ref MessagePackReader reader, string key)
    {
        if (NextType(ref reader, key) != MessagePackType.Map)
        {
            throw WrongType(key, "a map");
        }

        int count;
        try
        {
            if (!reader.TryReadMapHeader(out count))
            {
                throw Malformed(key, "unexpected end of input");
            }
        }
        catch (OverflowException)
        {
            throw TooLarge(key, $"map longer than {MaxItems}");
        }

        CheckItemCount(ref reader, key, count, "map");
        return count;
    }

    private static int ReadArrayHeader(ref MessagePackReader reader, string key)
    {
        if (NextType(ref reader, key) != MessagePackType.Array)
        {
            throw WrongType(key, "an array");
        }

        int count;
        try
        {
            if (!reader.TryReadArrayHeader(out count))
            {
                throw Malformed(key, "unexpected end of input");
            }
        }
        catch (OverflowException)
        {
            throw TooLarge(key, $"array longer than {MaxItems}");
        }

        CheckItemCount(ref reader, key, count, "array");
        return count;
    }

    private static void CheckItemCount(ref MessagePackReader reader, string key, int count, string what)
    {
        if (count < 0 || count > MaxItems)
        {
            throw TooLarge(key, $"{what} longer than {MaxItems}");
        }

        // Every item takes at least one byte, so a longer header is a lie (and would over-allocate).
        if (count > reader.Sequence.Length - reader.Consumed)
        {
            throw TooLarge(key, $"{what} declares {count} items but fewer bytes remain");
        }
    }

    /// <summary>Rejects str32/bin32 headers above <see cref="MaxBlobBytes"/> before anything is read.</summary>
    private static void CheckBlobHeader(ref MessagePackReader reader, string key)
    {
        byte code = reader.NextCode;
        if (code != MessagePackCode.Str32 && code != MessagePackCode.Bin32)
        {
            return; // str8/16 and bin8/16 cannot exceed 65535 bytes
        }

        ReadOnlySequence<byte> rest = reader.Sequence.Slice(reader.Position);
        if (rest.Length < 5)
        {
            return; // truncated: the read itself reports it
        }

        Span<byte> header = stackalloc byte[5];
        rest.Slice(0, 5).CopyTo(header);
        uint length = BinaryPrimitives.ReadUInt32BigEndian(header[1..]);
        if (length > MaxBlobBytes)
        {
            throw TooLarge(key, $"string or binary longer than {MaxBlobBytes} bytes");
        }
    }

    private static string ReadString(ref MessagePackReader reader, string key)
    {
        if (NextType(ref reader, key) != MessagePackType.String)
        {
            throw WrongType(key, "a string");
        }

        CheckBlobHeader(ref reader, key);
        try
        {
            // The request is one contiguous buffer, so the span read (no sequence slicing) is the rule.
            if (reader.TryReadStringSpan(out ReadOnlySpan<byte> span))
            {
                return StrictUtf8.GetString(span);
            }

            ReadOnlySequence<byte> bytes = reader.ReadStringSequence() ?? default;
            return bytes.IsSingleSegment ? StrictUtf8.GetString(bytes.FirstSpan) : StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw Malformed(key, "invalid UTF-8");
        }
    }

    private static string? ReadNullableString(ref MessagePackReader reader, string key) =>
        TryReadNil(ref reader, key) ? null : ReadString(ref reader, key);

    private static bool TryReadNil(ref MessagePackReader reader, string key)
    {
        if (NextType(ref reader, key) != MessagePackType.Nil)
        {
            return false;
        }

        reader.ReadNil();
        return true;
    }

    private static long ReadInt64(ref MessagePackReader reader, string key)
    {
        if (NextType(ref reader, key) != MessagePackType.Integer)
        {
            throw WrongType(key, "an integer");
        }

        try
        {
            return reader.ReadInt64();
        }
        catch (OverflowException)
        {
            throw Malformed(key, "integer out of range");
        }
    }

    private static int ReadInt32(ref MessagePackReader reader, string key)
    {
        long value = ReadInt64(ref reader, key);
        if (value is < int.MinValue or > int.MaxValue)
        {
            throw Malformed(key, "integer out of range");
        }

        return (int)value;
    }

    private static double ReadNumber(ref MessagePackReader reader, string key)
    {
        MessagePackType type = NextType(ref reader, key);
        if (type == MessagePackType.Integer)
        {
            return ReadInt64(ref reader, key);
        }

        if (type != MessagePackType.Float)
        {
            throw WrongType(key, "a number");
        }

        return reader.ReadDouble();
    }

    private static bool ReadBool(ref MessagePackReader reader, string key)
    {
        if (NextType(ref reader, key) != MessagePackType.Boolean)
        {
            throw WrongType(key, "a bool");
        }

        return reader.ReadBoolean();
    }

    /// <summary>A bool where <c>nil</c> means false.</summary>
    private static bool ReadFlag(ref MessagePackReader reader, string key) =>
        !TryReadNil(ref reader, key) && ReadBool(ref reader, key);

    /// <summary>
    /// Reads a map key or enum token into <paramref name="buffer"/> without allocating and returns its
    /// length in chars. Tokens longer than the buffer come back empty, which matches no known key or value.
    /// </summary>
    private static int ReadToken(ref MessagePackReader reader, string key, scoped Span<char> buffer)
    {
        if (NextType(ref reader, key) != MessagePackType.String)
        {
            throw WrongType(key, "a string");
        }

        CheckBlobHeader(ref reader, key);
        if (reader.TryReadStringSpan(out ReadOnlySpan<byte> span))
        {
            return span.Length <= buffer.Length && Encoding.UTF8.TryGetChars(span, buffer, out int spanChars) ? spanChars : 0;
        }

        ReadOnlySequence<byte> bytes = reader.ReadStringSequence() ?? default;
        if (bytes.Length > buffer.Length)
        {
            return 0;
        }

        Span<byte> utf8 = stackalloc byte[TokenBufferLength];
        bytes.CopyTo(utf8);
        Span<byte> used = utf8[..(int)bytes.Length];
        return Encoding.UTF8.TryGetChars(used, buffer, out int written) ? written : 0;
    }

    /// <summary>Reads a map key (map keys must be strings).</summary>
    private static int ReadKey(ref MessagePackReader reader, string map, scoped Span<char> buffer)
    {
        if (NextType(ref reader, map) != MessagePackType.String)
        {
            throw Malformed(map, "map keys must be strings");
        }

        return ReadToken(ref reader, map, buffer);
    }

    /// <summary>Skips any value, with the same limits as reading it (MessagePack's own Skip recurses unbounded).</summary>
    private static void Skip(ref MessagePackReader reader, string key, int depth)
    {
        if (depth > MaxDepth)
        {
            throw TooDeep(key);
        }

        switch (NextType(ref reader, key))
        {
            case MessagePackType.Array:
                for (int i = ReadArrayHeader(ref reader, key); i > 0; i--)
                {
                    Skip(ref reader, key, depth + 1);
                }

                break;
            case MessagePackType.Map:
                for (int i = ReadMapHeader(ref reader, key); i > 0; i--)
                {
                    Skip(ref reader, key, depth + 1);
                    Skip(ref reader, key, depth + 1);
                }

                break;
            case MessagePackType.String or MessagePackType.Binary:
                CheckBlobHeader(ref reader, key);
                reader.Skip();
                break;
            default:
                reader.Skip();
                break;
        }
    }

    /// <summary>
    /// Decodes a value position: nil, bool, long (ulong above <see cref="long.MaxValue"/>), double,
    /// string, byte[] or <c>object?[]</c>. Maps are rejected (JSON travels as text).
    /// </summary>
    private static object? ReadValue(ref MessagePackReader reader, string key, int depth)
    {
        if (depth > MaxDepth)
        {
            throw TooDeep(key);
        }

        switch (NextType(ref reader, key))
        {
            case MessagePackType.Nil:
                reader.ReadNil();
                return null;
            case MessagePackType.Boolean:
                return reader.ReadBoolean() ? BoxedTrue : BoxedFalse;
            case MessagePackType.Integer:
                if (reader.NextCode == MessagePackCode.UInt64)
                {
                    ulong unsigned = reader.ReadUInt64();
                    return unsigned > long.MaxValue ? unsigned : (long)unsigned;
                }

                return reader.ReadInt64();
            case MessagePackType.Float:
                return reader.ReadDouble();
            case MessagePackType.String:
                return ReadString(ref reader, key);
            case MessagePackType.Binary:
                CheckBlobHeader(ref reader, key);
                return (reader.ReadBytes() ?? default).ToArray();
            case MessagePackType.Array:
                var items = new object?[ReadArrayHeader(ref reader, key)];
                for (int i = 0; i < items.Length; i++)
                {
                    items[i] = ReadValue(ref reader, key, depth + 1);
                }

                return items;
            default:
                throw WrongType(key, "a value (nil, bool, int, float, str, bin or array)");
        }
    }

    /// <summary>Reads a value into the context's value list; the shape records only that a value sits here.</summary>
    private static int ReadValueSlot(ref MessagePackReader reader, string key, ReadContext ctx)
    {
        ctx.Tag('?');
        return ctx.AddValue(ReadValue(ref reader, key, 1));
    }

    /// <summary>An array of names; the shape gets <paramref name="tag"/>, the count and each name.</summary>
    private static string[] ReadNames(ref MessagePackReader reader, string key, ReadContext ctx, char tag)
    {
        var names = new string[ReadArrayHeader(ref reader, key)];
        ctx.Tag(tag);
        ctx.Number(names.Length);
        for (int i = 0; i < names.Length; i++)
        {
            names[i] = ReadString(ref reader, key);
            ctx.Name(names[i]);
        }

        return names;
    }

    /// <summary>Like <see cref="ReadNames"/>, with <c>nil</c> read as no names.</summary>
    private static string[] ReadOptionalNames(ref MessagePackReader reader, string key, ReadContext ctx, char tag) =>
        TryReadNil(ref reader, key) ? [] : ReadNames(ref reader, key, ctx, tag);
}
