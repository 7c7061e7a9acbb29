using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using MessagePack;

namespace Oxyde.Codec.Reader;

/// <summary>
/// MessagePack primitives over one contiguous request buffer: a span and a position, no sequence
/// bookkeeping. Mirrors the subset of <see cref="MessagePackReader"/> the IR reader uses, including
/// its failures: a truncated token throws <see cref="EndOfStreamException"/> and a code the call does
/// not accept throws <see cref="InvalidDataException"/>, both reported by <see cref="IrReader"/> as
/// malformed MessagePack. Callers check <see cref="End"/> before peeking at the next code. The
/// <c>TryRead…</c> fast paths take the one-byte-header forms and leave anything else to the general reads.
/// </summary>
internal ref struct WireReader(ReadOnlySpan<byte> buffer)
{
    private readonly ReadOnlySpan<byte> _buffer = buffer;
    private int _position;

    public readonly bool End
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => _position >= _buffer.Length;
    }

    /// <summary>Bytes not yet read.</summary>
    public readonly int Remaining
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => _buffer.Length - _position;
    }

    /// <summary>Offset of the next token; with <see cref="Rewind"/> and <see cref="Slice"/> for cached sub-documents.</summary>
    public readonly int Position => _position;

    public readonly byte NextCode
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => _buffer[_position];
    }

    public readonly MessagePackType NextMessagePackType
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => TypeOf(NextCode);
    }

    /// <summary>The bytes between two offsets.</summary>
    public readonly ReadOnlySpan<byte> Slice(int start, int end) => _buffer[start..end];

    public void Rewind(int position) => _position = position;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static MessagePackType TypeOf(byte code) => code switch
    {
        <= MessagePackCode.MaxFixInt or >= MessagePackCode.MinNegativeFixInt => MessagePackType.Integer,
        <= MessagePackCode.MaxFixMap => MessagePackType.Map,
        <= MessagePackCode.MaxFixArray => MessagePackType.Array,
        <= MessagePackCode.MaxFixStr => MessagePackType.String,
        MessagePackCode.Nil => MessagePackType.Nil,
        MessagePackCode.False or MessagePackCode.True => MessagePackType.Boolean,
        MessagePackCode.Bin8 or MessagePackCode.Bin16 or MessagePackCode.Bin32 => MessagePackType.Binary,
        MessagePackCode.Float32 or MessagePackCode.Float64 => MessagePackType.Float,
        >= MessagePackCode.UInt8 and <= MessagePackCode.Int64 => MessagePackType.Integer,
        MessagePackCode.Str8 or MessagePackCode.Str16 or MessagePackCode.Str32 => MessagePackType.String,
        MessagePackCode.Array16 or MessagePackCode.Array32 => MessagePackType.Array,
        MessagePackCode.Map16 or MessagePackCode.Map32 => MessagePackType.Map,
        (>= MessagePackCode.Ext8 and <= MessagePackCode.Ext32) or (>= MessagePackCode.FixExt1 and <= MessagePackCode.FixExt16) => MessagePackType.Extension,
        _ => MessagePackType.Unknown,
    };

    /// <summary>A fixstr (up to 31 bytes) that fits the buffer; false, with nothing consumed, for anything else.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryReadFixStr(out ReadOnlySpan<byte> utf8)
    {
        ReadOnlySpan<byte> rest = _buffer[_position..];
        if (!rest.IsEmpty)
        {
            int length = rest[0] - MessagePackCode.MinFixStr;
            if ((uint)length <= MessagePackCode.MaxFixStr - MessagePackCode.MinFixStr && length < rest.Length)
            {
                utf8 = rest.Slice(1, length);
                _position += length + 1;
                return true;
            }
        }

        utf8 = default;
        return false;
    }

    /// <summary>A fixmap header; false, with nothing consumed, for anything else.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryReadFixMapHeader(out uint count) => TryReadFixHeader(MessagePackCode.MinFixMap, out count);

    /// <summary>A fixarray header; false, with nothing consumed, for anything else.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryReadFixArrayHeader(out uint count) => TryReadFixHeader(MessagePackCode.MinFixArray, out count);

    /// <summary>Consumes a nil; false, with nothing consumed, for anything else (also at the end).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryReadNil()
    {
        if (_position < _buffer.Length && _buffer[_position] == MessagePackCode.Nil)
        {
            _position++;
            return true;
        }

        return false;
    }

    /// <summary>A map header; false (nothing consumed) when the header itself is cut off.</summary>
    public bool TryReadMapHeader(out uint count) =>
        TryReadLength(MessagePackCode.MinFixMap, MessagePackCode.MaxFixMap, MessagePackCode.Map16, MessagePackCode.Map32, out count);

    /// <summary>An array header; false (nothing consumed) when the header itself is cut off.</summary>
    public bool TryReadArrayHeader(out uint count) =>
        TryReadLength(MessagePackCode.MinFixArray, MessagePackCode.MaxFixArray, MessagePackCode.Array16, MessagePackCode.Array32, out count);

    /// <summary>The UTF-8 bytes of a string token, as a slice of the buffer.</summary>
    public ReadOnlySpan<byte> ReadStringSpan()
    {
        byte code = Take(1)[0];
        int length = code switch
        {
            >= MessagePackCode.MinFixStr and <= MessagePackCode.MaxFixStr => code & 0x1f,
            MessagePackCode.Str8 => Take(1)[0],
            MessagePackCode.Str16 => BinaryPrimitives.ReadUInt16BigEndian(Take(2)),
            MessagePackCode.Str32 => Length32(Take(4)),
            _ => throw InvalidCode(code),
        };
        return Take(length);
    }

    /// <summary>The bytes of a bin token, as a slice of the buffer.</summary>
    public ReadOnlySpan<byte> ReadBinarySpan()
    {
        byte code = Take(1)[0];
        int length = code switch
        {
            MessagePackCode.Bin8 => Take(1)[0],
            MessagePackCode.Bin16 => BinaryPrimitives.ReadUInt16BigEndian(Take(2)),
            MessagePackCode.Bin32 => Length32(Take(4)),
            _ => throw InvalidCode(code),
        };
        return Take(length);
    }

    public bool ReadBoolean() => Take(1)[0] switch
    {
        MessagePackCode.True => true,
        MessagePackCode.False => false,
        var code => throw InvalidCode(code),
    };

    /// <summary>Any integer token; a uint64 above <see cref="long.MaxValue"/> throws <see cref="OverflowException"/>.</summary>
    public long ReadInt64()
    {
        byte code = Take(1)[0];
        return code switch
        {
            <= MessagePackCode.MaxFixInt => code,
            >= MessagePackCode.MinNegativeFixInt => (sbyte)code,
            MessagePackCode.UInt8 => Take(1)[0],
            MessagePackCode.UInt16 => BinaryPrimitives.ReadUInt16BigEndian(Take(2)),
            MessagePackCode.UInt32 => BinaryPrimitives.ReadUInt32BigEndian(Take(4)),
            MessagePackCode.UInt64 => checked((long)BinaryPrimitives.ReadUInt64BigEndian(Take(8))),
            MessagePackCode.Int8 => (sbyte)Take(1)[0],
            MessagePackCode.Int16 => BinaryPrimitives.ReadInt16BigEndian(Take(2)),
            MessagePackCode.Int32 => BinaryPrimitives.ReadInt32BigEndian(Take(4)),
            MessagePackCode.Int64 => BinaryPrimitives.ReadInt64BigEndian(Take(8)),
            _ => throw InvalidCode(code),
        };
    }

    /// <summary>A uint64 token (the one integer that may not fit a long).</summary>
    public ulong ReadUInt64()
    {
        byte code = Take(1)[0];
        return code == MessagePackCode.UInt64 ? BinaryPrimitives.ReadUInt64BigEndian(Take(8)) : throw InvalidCode(code);
    }

    /// <summary>A float32 (widened) or float64 token.</summary>
    public double ReadDouble()
    {
        byte code = Take(1)[0];
        return code switch
        {
            MessagePackCode.Float32 => BinaryPrimitives.ReadSingleBigEndian(Take(4)),
            MessagePackCode.Float64 => BinaryPrimitives.ReadDoubleBigEndian(Take(8)),
            _ => throw InvalidCode(code),
        };
    }

    /// <summary>
    /// Skips a token that holds no nested items (nil, bool, int, float, str, bin, ext); arrays and maps
    /// are walked by the caller, which bounds their depth.
    /// </summary>
    public void SkipScalar()
    {
        if (End || !TrySkipScalar())
        {
            throw new InvalidDataException("a truncated or invalid MessagePack token");
        }
    }

    /// <summary>
    /// Moves past one whole value. Never throws: false (with the position anywhere) when the bytes are not
    /// one complete value. Iterative, so nesting costs no stack; every step consumes at least one byte,
    /// so the walk ends within the buffer whatever the headers claim.
    /// </summary>
    public bool TrySkip()
    {
        long pending = 1;
        while (pending-- > 0)
        {
            if (End)
            {
                return false;
            }

            byte code = NextCode;
            if (code is >= MessagePackCode.MinFixStr and <= MessagePackCode.MaxFixStr)
            {
                int end = _position + 1 + (code & 0x1f);
                if (end > _buffer.Length)
                {
                    return false;
                }

                _position = end;
            }
            else if (code is <= MessagePackCode.MaxFixInt or >= MessagePackCode.MinNegativeFixInt)
            {
                _position++;
            }
            else if (code is >= MessagePackCode.MinFixMap and <= MessagePackCode.MaxFixArray)
            {
                pending += code <= MessagePackCode.MaxFixMap ? 2 * (code & 0x0f) : code & 0x0f;
                _position++;
            }
            else if (code is MessagePackCode.Map16 or MessagePackCode.Map32 or MessagePackCode.Array16 or MessagePackCode.Array32)
            {
                bool map = code is MessagePackCode.Map16 or MessagePackCode.Map32;
                if (!(map ? TryReadMapHeader(out uint count) : TryReadArrayHeader(out count)))
                {
                    return false;
                }

                pending += map ? 2L * count : count;
            }
            else if (!TrySkipScalar())
            {
                return false;
            }
        }

        return true;
    }

    private bool TrySkipScalar()
    {
        byte code = NextCode;
        (int header, long length) = code switch
        {
            <= MessagePackCode.MaxFixInt or >= MessagePackCode.MinNegativeFixInt => (1, 0),
            >= MessagePackCode.MinFixStr and <= MessagePackCode.MaxFixStr => (1, code & 0x1f),
            MessagePackCode.Nil or MessagePackCode.False or MessagePackCode.True => (1, 0),
            MessagePackCode.UInt8 or MessagePackCode.Int8 => (1, 1),
            MessagePackCode.UInt16 or MessagePackCode.Int16 => (1, 2),
            MessagePackCode.UInt32 or MessagePackCode.Int32 or MessagePackCode.Float32 => (1, 4),
            MessagePackCode.UInt64 or MessagePackCode.Int64 or MessagePackCode.Float64 => (1, 8),
            MessagePackCode.FixExt1 => (1, 2),
            MessagePackCode.FixExt2 => (1, 3),
            MessagePackCode.FixExt4 => (1, 5),
            MessagePackCode.FixExt8 => (1, 9),
            MessagePackCode.FixExt16 => (1, 17),
            MessagePackCode.Str8 or MessagePackCode.Bin8 => (2, PeekLength(1)),
            MessagePackCode.Str16 or MessagePackCode.Bin16 => (3, PeekLength(2)),
            MessagePackCode.Str32 or MessagePackCode.Bin32 => (5, PeekLength(4)),
            MessagePackCode.Ext8 => (2, PeekLength(1) + 1),
            MessagePackCode.Ext16 => (3, PeekLength(2) + 1),
            MessagePackCode.Ext32 => (5, PeekLength(4) + 1),
            _ => (0, -1),
        };
        if (length < 0 || header + length > Remaining)
        {
            return false;
        }

        _position += header + (int)length;
        return true;
    }

    /// <summary>The big-endian length after the code byte, or -1 when the buffer ends first.</summary>
    private readonly long PeekLength(int bytes)
    {
        if (Remaining < 1 + bytes)
        {
            return -1;
        }

        ReadOnlySpan<byte> field = _buffer.Slice(_position + 1, bytes);
        return bytes switch
        {
            1 => field[0],
            2 => BinaryPrimitives.ReadUInt16BigEndian(field),
            _ => BinaryPrimitives.ReadUInt32BigEndian(field),
        };
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool TryReadFixHeader(byte minFix, out uint count)
    {
        if (_position < _buffer.Length)
        {
            uint value = (uint)_buffer[_position] - minFix;
            if (value <= 0x0f)
            {
                _position++;
                count = value;
                return true;
            }
        }

        count = 0;
        return false;
    }

    private bool TryReadLength(byte minFix, byte maxFix, byte code16, byte code32, out uint count)
    {
        byte code = _buffer[_position];
        int header = code == code16 ? 3 : code == code32 ? 5 : code >= minFix && code <= maxFix ? 1 : throw InvalidCode(code);
        if (Remaining < header)
        {
            count = 0;
            return false;
        }

        ReadOnlySpan<byte> bytes = _buffer.Slice(_position + 1, header - 1);
        count = header switch
        {
            1 => (uint)(code & 0x0f),
            3 => BinaryPrimitives.ReadUInt16BigEndian(bytes),
            _ => BinaryPrimitives.ReadUInt32BigEndian(bytes),
        };
        _position += header;
        return true;
    }

    /// <summary>The next <paramref name="count"/> bytes, consumed.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ReadOnlySpan<byte> Take(int count)
    {
        int position = _position;
        if ((uint)count > (uint)(_buffer.Length - position))
        {
            ThrowTruncated();
        }

        _position = position + count;
        return _buffer.Slice(position, count);
    }

    /// <summary>A 32-bit length; above <see cref="int.MaxValue"/> it cannot fit any buffer.</summary>
    private static int Length32(ReadOnlySpan<byte> bytes)
    {
        uint length = BinaryPrimitives.ReadUInt32BigEndian(bytes);
        if (length > int.MaxValue)
        {
            ThrowTruncated();
        }

        return (int)length;
    }

    [DoesNotReturn]
    private static void ThrowTruncated() => throw new EndOfStreamException("not enough bytes for the MessagePack token");

    private static InvalidDataException InvalidCode(byte code) => new($"unexpected MessagePack code 0x{code:x2}");
}
