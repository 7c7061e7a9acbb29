using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Text;
using MessagePack;
using Oxyde.Codec.Errors;

namespace Oxyde.Codec.Reader;

/// <summary>
/// Headers, scalars and keys, each checked against the protocol limits. Keys and enum tokens stay UTF-8
/// (compared with <c>u8</c> literals); names are interned by their bytes (<see cref="Names"/>).
/// </summary>
internal static partial class IrReader
{
    /// <summary>Longest unknown token reported as sent; a longer one is reported as empty.</summary>
    private const int MaxReportedTokenBytes = 32;

    /// <summary>Distinct names (tables, columns, models, pools) kept as strings.</summary>
    public const int NameCapacity = 4096;

    /// <summary>Longer names are decoded every time instead of kept.</summary>
    public const int MaxKeptNameBytes = 256;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static readonly object BoxedTrue = true;

    private static readonly object BoxedFalse = false;

    /// <summary>Names by their UTF-8 bytes: the same table or column name is one string for every request.</summary>
    internal static readonly ByteKeyCache<string> Names = new(NameCapacity, MaxKeptNameBytes);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static MessagePackType NextType(ref WireReader reader, string key)
    {
        if (reader.End)
        {
            throw Malformed(key, "unexpected end of input");
        }

        return reader.NextMessagePackType;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int ReadMapHeader(ref WireReader reader, string key)
    {
        if (!reader.TryReadFixMapHeader(out uint count))
        {
            if (NextType(ref reader, key) != MessagePackType.Map)
            {
                throw WrongType(key, "a map");
            }

            if (!reader.TryReadMapHeader(out count))
            {
                throw Malformed(key, "unexpected end of input");
            }
        }

        return CheckItemCount(ref reader, key, count, "map");
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int ReadArrayHeader(ref WireReader reader, string key)
    {
        if (!reader.TryReadFixArrayHeader(out uint count))
        {
            if (NextType(ref reader, key) != MessagePackType.Array)
            {
                throw WrongType(key, "an array");
            }

            if (!reader.TryReadArrayHeader(out count))
            {
                throw Malformed(key, "unexpected end of input");
            }
        }

        return CheckItemCount(ref reader, key, count, "array");
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int CheckItemCount(ref WireReader reader, string key, uint count, string what)
    {
        // Every item takes at least one byte, so a longer header is a lie (and would over-allocate).
        if (count > MaxItems || count > reader.Remaining)
        {
            throw ItemCountTooLarge(key, count, what);
        }

        return (int)count;
    }

    private static OxydeException ItemCountTooLarge(string key, uint count, string what) =>
        count > MaxItems
            ? TooLarge(key, $"{what} longer than {MaxItems}")
            : TooLarge(key, $"{what} declares {count} items but fewer bytes remain");

    /// <summary>Rejects str32/bin32 headers above <see cref="MaxBlobBytes"/> before anything is read.</summary>
    private static void CheckBlobHeader(ref WireReader reader, string key)
    {
        byte code = reader.NextCode;
        if (code != MessagePackCode.Str32 && code != MessagePackCode.Bin32)
        {
            return; // str8/16 and bin8/16 cannot exceed 65535 bytes
        }

        if (reader.Remaining < 5)
        {
            return; // truncated: the read itself reports it
        }

        uint length = BinaryPrimitives.ReadUInt32BigEndian(reader.Slice(reader.Position + 1, reader.Position + 5));
        if (length > MaxBlobBytes)
        {
            throw TooLarge(key, $"string or binary longer than {MaxBlobBytes} bytes");
        }
    }

    /// <summary>A string's UTF-8 bytes, not yet validated: a slice of the request.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ReadOnlySpan<byte> ReadUtf8(ref WireReader reader, string key) =>
        reader.TryReadFixStr(out ReadOnlySpan<byte> utf8) ? utf8 : ReadLongUtf8(ref reader, key);

    private static ReadOnlySpan<byte> ReadLongUtf8(ref WireReader reader, string key)
    {
        if (NextType(ref reader, key) != MessagePackType.String)
        {
            throw WrongType(key, "a string");
        }

        CheckBlobHeader(ref reader, key);
        return reader.ReadStringSpan();
    }

    private static string ReadString(ref WireReader reader, string key) => Decode(ReadUtf8(ref reader, key), key);

    /// <summary>
    /// A name (table, column, model, pool): the same bytes give the same string instance, decoded and
    /// validated once.
    /// </summary>
    private static string ReadName(ref WireReader reader, string key)
    {
        ReadOnlySpan<byte> utf8 = ReadUtf8(ref reader, key);
        string? name = Names.Find(utf8);
        if (name is null)
        {
            name = Decode(utf8, key);
            Names.Add(utf8, name);
        }

        return name;
    }

    /// <summary>Strict UTF-8 to a new string; invalid bytes are <c>ir_malformed</c> naming <paramref name="key"/>.</summary>
    private static string Decode(ReadOnlySpan<byte> utf8, string key)
    {
        try
        {
            return StrictUtf8.GetString(utf8);
        }
        catch (DecoderFallbackException)
        {
            throw Malformed(key, "invalid UTF-8");
        }
    }

    private static string? ReadNullableString(ref WireReader reader, string key) =>
        TryReadNil(ref reader, key) ? null : ReadString(ref reader, key);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryReadNil(ref WireReader reader, string key)
    {
        if (reader.TryReadNil())
        {
            return true;
        }

        if (reader.End)
        {
            throw Malformed(key, "unexpected end of input");
        }

        return false;
    }

    private static long ReadInt64(ref WireReader reader, string key)
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

    private static int ReadInt32(ref WireReader reader, string key)
    {
        long value = ReadInt64(ref reader, key);
        if (value is < int.MinValue or > int.MaxValue)
        {
            throw Malformed(key, "integer out of range");
        }

        return (int)value;
    }

    private static double ReadNumber(ref WireReader reader, string key)
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

    private static bool ReadBool(ref WireReader reader, string key)
    {
        if (NextType(ref reader, key) != MessagePackType.Boolean)
        {
            throw WrongType(key, "a bool");
        }

        return reader.ReadBoolean();
    }

    /// <summary>A bool where <c>nil</c> means false.</summary>
    private static bool ReadFlag(ref WireReader reader, string key) =>
        !TryReadNil(ref reader, key) && ReadBool(ref reader, key);

    /// <summary>A map key (map keys must be strings), as the UTF-8 bytes of the request.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ReadOnlySpan<byte> ReadKey(ref WireReader reader, string map) =>
        reader.TryReadFixStr(out ReadOnlySpan<byte> key) ? key : ReadLongKey(ref reader, map);

    private static ReadOnlySpan<byte> ReadLongKey(ref WireReader reader, string map)
    {
        if (NextType(ref reader, map) != MessagePackType.String)
        {
            throw Malformed(map, "map keys must be strings");
        }

        return ReadLongUtf8(ref reader, map);
    }

    /// <summary>An enum token (compared as UTF-8 with the protocol's <c>u8</c> spellings).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ReadOnlySpan<byte> ReadToken(ref WireReader reader, string key) => ReadUtf8(ref reader, key);

    /// <summary>
    /// A token's chars for a case-insensitive comparison, in <paramref name="buffer"/>; tokens longer
    /// than <see cref="MaxReportedTokenBytes"/> come back empty, which matches no known value.
    /// </summary>
    private static ReadOnlySpan<char> TokenChars(ReadOnlySpan<byte> utf8, Span<char> buffer) =>
        utf8.Length <= MaxReportedTokenBytes && Encoding.UTF8.TryGetChars(utf8, buffer, out int written) ? buffer[..written] : [];

    /// <summary>Skips any value, with the same limits as reading it (MessagePack's own Skip recurses unbounded).</summary>
    private static void Skip(ref WireReader reader, string key, int depth)
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
                reader.SkipScalar();
                break;
            default:
                reader.SkipScalar();
                break;
        }
    }

    /// <summary>
    /// Decodes a value position: nil, bool, long (ulong above <see cref="long.MaxValue"/>), double,
    /// string, byte[] or <c>object?[]</c>. Maps are rejected (JSON travels as text).
    /// </summary>
    private static object? ReadValue(ref WireReader reader, string key, int depth)
    {
        if (depth > MaxDepth)
        {
            throw TooDeep(key);
        }

        switch (NextType(ref reader, key))
        {
            case MessagePackType.Nil:
                reader.TryReadNil();
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
                return reader.ReadBinarySpan().ToArray();
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
    private static int ReadValueSlot(ref WireReader reader, string key, ReadContext ctx)
    {
        return ctx.AddValue(ReadValue(ref reader, key, 1));
    }

    /// <summary>An array of names; the shape gets <paramref name="tag"/>, the count and each name.</summary>
    private static string[] ReadNames(ref WireReader reader, string key)
    {
        var names = new string[ReadArrayHeader(ref reader, key)];
        for (int i = 0; i < names.Length; i++)
        {
            names[i] = ReadName(ref reader, key);
        }

        return names;
    }

    /// <summary>Like <see cref="ReadNames"/>, with <c>nil</c> read as no names.</summary>
    private static string[] ReadOptionalNames(ref WireReader reader, string key) =>
        TryReadNil(ref reader, key) ? [] : ReadNames(ref reader, key);
}
