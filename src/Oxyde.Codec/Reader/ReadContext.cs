using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Oxyde.Codec.Reader;

/// <summary>
/// State of one parse: the value list every value position appends to, and the shape key being built
/// (everything but the values, in wire order). One instance per document; the shape is written into a
/// char buffer the thread reuses, and becomes a string only through <see cref="ShapeKeys"/>, so a
/// repeated shape allocates nothing.
/// </summary>
internal sealed class ReadContext
{
    /// <summary>Distinct shape keys kept (bounded memory for ad-hoc shapes).</summary>
    public const int ShapeKeyCapacity = 1024;

    /// <summary>Shape keys longer than this (in chars) are not kept; a raw SQL text can make a long one.</summary>
    public const int MaxKeptShapeChars = 8192;

    private const int InitialShapeChars = 256;

    /// <summary>Shape keys by their chars: equal shapes share one string instance.</summary>
    internal static readonly ByteKeyCache<string> ShapeKeys = new(ShapeKeyCapacity, MaxKeptShapeChars * sizeof(char));

    [ThreadStatic]
    private static char[]? t_spareShape;

    private char[] _shape;
    private int _length;

    public ReadContext()
    {
        _shape = t_spareShape ?? new char[InitialShapeChars];
        t_spareShape = null;
    }

    public List<object?> Values { get; } = new(8);

    /// <summary>Chars of shape written so far; with <see cref="ShapeSince"/> a part of the key can be kept.</summary>
    public int ShapeLength => _length;

    /// <summary>Appends a decoded value and returns its index in <see cref="Values"/>.</summary>
    public int AddValue(object? value)
    {
        Values.Add(value);
        return Values.Count - 1;
    }

    /// <summary>A one-character tag (which key or node the following shape text belongs to).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Tag(char tag)
    {
        if (_length == _shape.Length)
        {
            Grow(1);
        }

        _shape[_length++] = tag;
    }

    /// <summary>A length-prefixed name, so no name can be confused with the separators around it.</summary>
    public void Name(string name)
    {
        Digits(name.Length);
        Tag(':');
        Append(name);
    }

    /// <summary>A number terminated by <c>;</c>.</summary>
    public void Number(long number)
    {
        Digits(number);
        Tag(';');
    }

    /// <summary>Shape text taken verbatim (a part recorded earlier with <see cref="ShapeSince"/>).</summary>
    public void Append(ReadOnlySpan<char> text)
    {
        if (text.Length > _shape.Length - _length)
        {
            Grow(text.Length);
        }

        text.CopyTo(_shape.AsSpan(_length));
        _length += text.Length;
    }

    /// <summary>The shape text written since <paramref name="start"/> (a <see cref="ShapeLength"/>).</summary>
    public string ShapeSince(int start) => new(_shape, start, _length - start);

    /// <summary>The key; the buffer goes back to the thread for the next document.</summary>
    public string BuildShapeKey()
    {
        ReadOnlySpan<char> shape = _shape.AsSpan(0, _length);
        ReadOnlySpan<byte> bytes = MemoryMarshal.AsBytes(shape);
        string? key = ShapeKeys.Find(bytes);
        if (key is null)
        {
            key = new string(shape);
            ShapeKeys.Add(bytes, key);
        }

        if (_shape.Length <= MaxKeptShapeChars)
        {
            t_spareShape = _shape;
        }

        _shape = [];
        _length = 0;
        return key;
    }

    private void Digits(long number)
    {
        if (_shape.Length - _length < 20)
        {
            Grow(20);
        }

        if ((ulong)number < 100)
        {
            if (number >= 10)
            {
                _shape[_length++] = (char)('0' + (number / 10));
            }

            _shape[_length++] = (char)('0' + (number % 10));
            return;
        }

        number.TryFormat(_shape.AsSpan(_length), out int written, provider: CultureInfo.InvariantCulture);
        _length += written;
    }

    private void Grow(int needed)
    {
        char[] larger = new char[Math.Max(_shape.Length * 2, _length + needed)];
        _shape.AsSpan(0, _length).CopyTo(larger);
        _shape = larger;
    }
}
