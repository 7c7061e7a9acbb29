namespace Oxyde.Driver.Providers.Sqlite.Functions;

/// <summary>
/// The allocation-free fast path of <see cref="ExactDecimal"/> for values below 10^36 in units of
/// their scale (every NUMERIC(36, s) value): add, subtract, multiply, negate and round give the same
/// text as <see cref="ExactDecimal"/>; an operation whose result would not fit says so, and the
/// caller falls back to <see cref="ExactDecimal"/>.
/// </summary>
internal readonly record struct SmallDecimal(Int128 Unscaled, int Scale)
{
    /// <summary>Digits kept: results stay below 10^36, far from Int128's 1.7 × 10^38.</summary>
    private const int MaxDigits = 36;

    /// <summary>Longest text <see cref="Format"/> writes: sign, 36 digits, point, leading zero.</summary>
    public const int MaxTextLength = MaxDigits + 3;

    private static readonly Int128 Limit = Pow10(MaxDigits);
    private static readonly Int128 HalfLimit = Pow10(MaxDigits / 2);

    /// <summary>A finite value with at most 36 digits in units of its scale (0 ≤ scale ≤ 36).</summary>
    public static bool TryParse(ReadOnlySpan<byte> text, out SmallDecimal value)
    {
        value = default;
        var parsed = DecimalText.Parse(text);
        if (!parsed.IsFinite)
        {
            return false;
        }

        var scale = Math.Max(parsed.FractionDigits - parsed.WrittenExponent, 0);
        if (scale > MaxDigits)
        {
            return false;
        }

        if (parsed.Rank == DecimalRank.Zero)
        {
            value = new SmallDecimal(Int128.Zero, (int)scale);
            return true;
        }

        // value = D × 10^(exponent - (n - 1)); in units of 10^-scale that is D × 10^shift.
        Int128 digits = 0;
        var count = 0;
        foreach (var c in parsed.Digits)
        {
            if (c != '.')
            {
                if (++count > MaxDigits)
                {
                    return false;
                }

                digits = (digits * 10) + (c - '0');
            }
        }

        var shift = parsed.Exponent - (count - 1) + scale;
        if (shift + count > MaxDigits)
        {
            return false;
        }

        var unscaled = digits * Pow10((int)shift);
        value = new SmallDecimal(parsed.Rank == DecimalRank.NegativeFinite ? -unscaled : unscaled, (int)scale);
        return true;
    }

    public static bool TryAdd(SmallDecimal a, SmallDecimal b, out SmallDecimal sum)
    {
        sum = default;
        var scale = Math.Max(a.Scale, b.Scale);
        if (!a.TryRescale(scale, out var x) || !b.TryRescale(scale, out var y))
        {
            return false;
        }

        return Fits(x + y, scale, out sum);
    }

    public static bool TryMultiply(SmallDecimal a, SmallDecimal b, out SmallDecimal product)
    {
        product = default;
        if (Int128.Abs(a.Unscaled) >= HalfLimit || Int128.Abs(b.Unscaled) >= HalfLimit || a.Scale + b.Scale > MaxDigits)
        {
            return false;
        }

        return Fits(a.Unscaled * b.Unscaled, a.Scale + b.Scale, out product);
    }

    public SmallDecimal Negated() => new(-Unscaled, Scale);

    /// <summary>Exactly <paramref name="scale"/> fraction digits, half away from zero (as <see cref="ExactDecimal.RoundedTo"/>).</summary>
    public bool TryRoundTo(int scale, out SmallDecimal rounded)
    {
        if (scale > MaxDigits)
        {
            rounded = default;
            return false;
        }

        if (scale >= Scale)
        {
            rounded = default;
            return TryRescale(scale, out var wider) && Fits(wider, scale, out rounded);
        }

        var divisor = Pow10(Scale - scale);
        var (q, r) = Int128.DivRem(Unscaled, divisor);
        if (Int128.Abs(r) * 2 >= divisor)
        {
            q += Int128.Sign(Unscaled);
        }

        rounded = new SmallDecimal(q, scale);
        return true;
    }

    /// <summary>Writes the text <see cref="ExactDecimal.ToString"/> writes and returns its length; <paramref name="destination"/> holds <see cref="MaxTextLength"/> bytes.</summary>
    public int Format(Span<byte> destination)
    {
        Span<byte> digits = stackalloc byte[MaxDigits + 1];
        var magnitude = (UInt128)Int128.Abs(Unscaled);
        var start = digits.Length;
        do
        {
            var (q, r) = UInt128.DivRem(magnitude, 10);
            digits[--start] = (byte)('0' + (int)r);
            magnitude = q;
        }
        while (magnitude != 0);

        var written = 0;
        if (Unscaled < 0)
        {
            destination[written++] = (byte)'-';
        }

        var count = digits.Length - start;
        if (Scale == 0)
        {
            digits[start..].CopyTo(destination[written..]);
            return written + count;
        }

        if (count <= Scale)
        {
            destination[written++] = (byte)'0';
            destination[written++] = (byte)'.';
            destination.Slice(written, Scale - count).Fill((byte)'0');
            written += Scale - count;
            digits[start..].CopyTo(destination[written..]);
            return written + count;
        }

        var whole = count - Scale;
        digits.Slice(start, whole).CopyTo(destination[written..]);
        written += whole;
        destination[written++] = (byte)'.';
        digits[(start + whole)..].CopyTo(destination[written..]);
        return written + Scale;
    }

    private bool TryRescale(int scale, out Int128 unscaled)
    {
        unscaled = Unscaled;
        if (scale == Scale)
        {
            return true;
        }

        var factor = Pow10(scale - Scale);
        if (Int128.Abs(Unscaled) >= Limit / factor)
        {
            return false;
        }

        unscaled = Unscaled * factor;
        return true;
    }

    private static bool Fits(Int128 unscaled, int scale, out SmallDecimal value)
    {
        value = new SmallDecimal(unscaled, scale);
        return Int128.Abs(unscaled) < Limit;
    }

    private static Int128 Pow10(int exponent)
    {
        Int128 result = 1;
        for (var i = 0; i < exponent; i++)
        {
            result *= 10;
        }

        return result;
    }
}
