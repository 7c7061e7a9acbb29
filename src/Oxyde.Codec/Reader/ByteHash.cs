using System.Buffers.Binary;
using System.Numerics;

namespace Oxyde.Codec.Reader;

/// <summary>
/// A fast, non-cryptographic hash of a byte string for <see cref="ByteKeyCache{TValue}"/>: multiply-rotate
/// rounds over 8-byte words, four independent lanes for long keys (a <c>column_types</c> map runs to a few hundred
/// bytes). Not randomized: a collision only costs a cache miss.
/// </summary>
internal static class ByteHash
{
    private const ulong Prime1 = 0x9E3779B185EBCA87;

    private const ulong Prime2 = 0xC2B2AE3D27D4EB4F;

    public static int Of(ReadOnlySpan<byte> bytes)
    {
        ulong hash = Prime1 + (ulong)bytes.Length;
        if (bytes.Length >= 32)
        {
            ulong a = hash, b = hash ^ Prime2, c = hash + Prime2, d = hash - Prime1;
            do
            {
                a = Round(a, BinaryPrimitives.ReadUInt64LittleEndian(bytes));
                b = Round(b, BinaryPrimitives.ReadUInt64LittleEndian(bytes[8..]));
                c = Round(c, BinaryPrimitives.ReadUInt64LittleEndian(bytes[16..]));
                d = Round(d, BinaryPrimitives.ReadUInt64LittleEndian(bytes[24..]));
                bytes = bytes[32..];
            }
            while (bytes.Length >= 32);
            hash = BitOperations.RotateLeft(a, 1) + BitOperations.RotateLeft(b, 7) + BitOperations.RotateLeft(c, 12) + BitOperations.RotateLeft(d, 18);
        }

        for (; bytes.Length >= 8; bytes = bytes[8..])
        {
            hash = Round(hash, BinaryPrimitives.ReadUInt64LittleEndian(bytes));
        }

        ulong tail = 0;
        for (int i = 0; i < bytes.Length; i++)
        {
            tail |= (ulong)bytes[i] << (8 * i);
        }

        hash = Round(hash, tail);
        hash ^= hash >> 29;
        return (int)(hash ^ (hash >> 32));
    }

    private static ulong Round(ulong accumulator, ulong word) =>
        BitOperations.RotateLeft(accumulator + (word * Prime2), 31) * Prime1;
}
