namespace Oxyde.Driver.Providers.Sqlite.Functions;

/// <summary>
/// A decimal number read from its UTF-8 text without allocating: what Python's <c>str(Decimal)</c>
/// and the binder's accepted spellings produce (<c>-5.00</c>, <c>2</c>, <c>007.5</c>, <c>.5</c>,
/// <c>1E+2</c>, <c>-0</c>, <c>Infinity</c>, <c>NaN</c>), surrounding ASCII white space allowed, any
/// number of digits. <see cref="Compare"/> is the total order of the <c>oxyde_decimal</c> collation.
/// </summary>
internal readonly ref struct DecimalText
{
    /// <summary>Exponents with more digits than this (after leading zeros) are not read as numbers.</summary>
    private const int MaxExponentDigits = 15;

    private DecimalText(DecimalRank rank, ReadOnlySpan<byte> digits, long exponent, int fractionDigits, long writtenExponent)
    {
        Rank = rank;
        Digits = digits;
        Exponent = exponent;
        FractionDigits = fractionDigits;
        WrittenExponent = writtenExponent;
    }

    /// <summary>Where the value sorts among the classes of values.</summary>
    public DecimalRank Rank { get; }

    /// <summary>
    /// Finite non-zero values: the significant digits, from the first non-zero digit to the last
    /// (a <c>.</c> may sit between them); for <see cref="DecimalRank.Text"/> the whole text.
    /// </summary>
    public ReadOnlySpan<byte> Digits { get; }

    /// <summary>Finite non-zero values: the power of ten of the first significant digit (<c>123.4</c> → 2).</summary>
    public long Exponent { get; }

    /// <summary>Finite values: digits written after the point (<c>1.50</c> → 2), for the scale of a result.</summary>
    public int FractionDigits { get; }

    /// <summary>Finite values: the written exponent (<c>1.5E+3</c> → 3).</summary>
    public long WrittenExponent { get; }

    /// <summary>A finite value (zero included).</summary>
    public bool IsFinite => Rank is DecimalRank.NegativeFinite or DecimalRank.Zero or DecimalRank.PositiveFinite;

    /// <summary>
    /// Orders two texts: −∞ &lt; negatives &lt; zero &lt; positives &lt; +∞ &lt; NaN &lt; anything not a
    /// number (by bytes). Equal values compare equal whatever their spelling (<c>2</c> = <c>2.00</c> = <c>0.2E1</c>).
    /// </summary>
    public static int Compare(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        var a = Parse(left);
        var b = Parse(right);
        if (a.Rank != b.Rank)
        {
            return a.Rank < b.Rank ? -1 : 1;
        }

        return a.Rank switch
        {
            DecimalRank.PositiveFinite => CompareMagnitude(a, b),
            DecimalRank.NegativeFinite => CompareMagnitude(b, a),
            DecimalRank.Text => Math.Sign(left.SequenceCompareTo(right)),
            _ => 0,
        };
    }

    /// <summary>Reads <paramref name="text"/>; anything that is not a decimal is <see cref="DecimalRank.Text"/>.</summary>
    public static DecimalText Parse(ReadOnlySpan<byte> text)
    {
        var s = Trim(text);
        var pos = 0;
        var negative = false;
        if (pos < s.Length && (s[pos] == '+' || s[pos] == '-'))
        {
            negative = s[pos] == '-';
            pos++;
        }

        if (pos < s.Length && IsLetter(s[pos]))
        {
            return ParseSpecial(s[pos..], negative, text);
        }

        // Mantissa: digits [. digits]; remember the first and last non-zero digit.
        int intDigits = 0, fractionDigits = 0, first = -1, last = -1, firstOrdinal = 0;
        var seenPoint = false;
        for (; pos < s.Length; pos++)
        {
            var c = s[pos];
            if (c == '.' && !seenPoint)
            {
                seenPoint = true;
                continue;
            }

            if (!IsDigit(c))
            {
                break;
            }

            if (c != '0')
            {
                if (first < 0)
                {
                    first = pos;
                    firstOrdinal = intDigits + fractionDigits;
                }

                last = pos;
            }

            if (seenPoint)
            {
                fractionDigits++;
            }
            else
            {
                intDigits++;
            }
        }

        if (intDigits + fractionDigits == 0)
        {
            return NotANumber(text);
        }

        long exponent = 0;
        if (pos < s.Length && (s[pos] == 'e' || s[pos] == 'E'))
        {
            if (!TryParseExponent(s[(pos + 1)..], out exponent))
            {
                return NotANumber(text);
            }

            pos = s.Length;
        }

        if (pos != s.Length)
        {
            return NotANumber(text);
        }

        if (first < 0)
        {
            return new DecimalText(DecimalRank.Zero, default, 0, fractionDigits, exponent);
        }

        return new DecimalText(
            negative ? DecimalRank.NegativeFinite : DecimalRank.PositiveFinite,
            s[first..(last + 1)],
            intDigits - 1 - firstOrdinal + exponent,
            fractionDigits,
            exponent);
    }

    /// <summary>Compares |a| and |b|, both finite and non-zero.</summary>
    private static int CompareMagnitude(in DecimalText a, in DecimalText b)
    {
        if (a.Exponent != b.Exponent)
        {
            return a.Exponent < b.Exponent ? -1 : 1;
        }

        ReadOnlySpan<byte> x = a.Digits, y = b.Digits;
        int i = 0, j = 0;
        while (true)
        {
            if (i < x.Length && x[i] == '.')
            {
                i++;
            }

            if (j < y.Length && y[j] == '.')
            {
                j++;
            }

            if (i == x.Length || j == y.Length)
            {
                // The digits run to a non-zero last digit, so the longer one is larger.
                return (i == x.Length ? 0 : 1) - (j == y.Length ? 0 : 1);
            }

            if (x[i] != y[j])
            {
                return x[i] < y[j] ? -1 : 1;
            }

            i++;
            j++;
        }
    }

    /// <summary><c>inf</c>, <c>infinity</c>, <c>nan</c>, <c>snan</c> in any case; NaN may carry payload digits (Python's <c>NaN123</c>).</summary>
    private static DecimalText ParseSpecial(ReadOnlySpan<byte> s, bool negative, ReadOnlySpan<byte> text)
    {
        if (EqualsIgnoreCase(s, "inf"u8) || EqualsIgnoreCase(s, "infinity"u8))
        {
            return new DecimalText(negative ? DecimalRank.NegativeInfinity : DecimalRank.PositiveInfinity, default, 0, 0, 0);
        }

        var start = s.Length >= 4 && EqualsIgnoreCase(s[..4], "snan"u8) ? 4 : s.Length >= 3 && EqualsIgnoreCase(s[..3], "nan"u8) ? 3 : -1;
        if (start < 0)
        {
            return NotANumber(text);
        }

        foreach (var c in s[start..])
        {
            if (!IsDigit(c))
            {
                return NotANumber(text);
            }
        }

        return new DecimalText(DecimalRank.NaN, default, 0, 0, 0);
    }

    /// <summary><c>[+-]digits</c>, at most <see cref="MaxExponentDigits"/> significant digits.</summary>
    private static bool TryParseExponent(ReadOnlySpan<byte> s, out long exponent)
    {
        exponent = 0;
        var pos = 0;
        var negative = false;
        if (pos < s.Length && (s[pos] == '+' || s[pos] == '-'))
        {
            negative = s[pos] == '-';
            pos++;
        }

        if (pos == s.Length)
        {
            return false;
        }

        var significant = 0;
        for (; pos < s.Length; pos++)
        {
            if (!IsDigit(s[pos]))
            {
                return false;
            }

            if (exponent != 0 || s[pos] != '0')
            {
                if (++significant > MaxExponentDigits)
                {
                    return false;
                }

                exponent = (exponent * 10) + (s[pos] - '0');
            }
        }

        if (negative)
        {
            exponent = -exponent;
        }

        return true;
    }

    private static DecimalText NotANumber(ReadOnlySpan<byte> text) => new(DecimalRank.Text, text, 0, 0, 0);

    /// <summary>Without the white space <c>decimal.Parse</c> and Python's <c>Decimal()</c> ignore.</summary>
    private static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> s)
    {
        int start = 0, end = s.Length;
        while (start < end && IsSpace(s[start]))
        {
            start++;
        }

        while (end > start && IsSpace(s[end - 1]))
        {
            end--;
        }

        return s[start..end];
    }

    private static bool IsDigit(byte c) => (uint)(c - '0') <= 9;

    private static bool IsLetter(byte c) => (uint)((c | 0x20) - 'a') <= 'z' - 'a';

    private static bool IsSpace(byte c) => c == ' ' || (uint)(c - '\t') <= '\r' - '\t';

    private static bool EqualsIgnoreCase(ReadOnlySpan<byte> s, ReadOnlySpan<byte> lower)
    {
        if (s.Length != lower.Length)
        {
            return false;
        }

        for (var i = 0; i < s.Length; i++)
        {
            if ((s[i] | 0x20) != lower[i])
            {
                return false;
            }
        }

        return true;
    }
}
