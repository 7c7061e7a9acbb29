using System.Globalization;
using System.Numerics;
using System.Text;

namespace Oxyde.Driver.Providers.Sqlite.Functions;

/// <summary>
/// An exact decimal, <c>Unscaled × 10^-Scale</c>, for the <c>oxyde_dec_*</c> SQL functions: add,
/// subtract, multiply and negate are exact; division keeps at least <see cref="DivisionDigits"/>
/// significant digits; rounding is half away from zero, as NUMERIC(p, s) rounds on PostgreSQL and
/// MySQL. Values come from and go back to decimal text (<see cref="DecimalText"/>).
/// </summary>
internal readonly record struct ExactDecimal(BigInteger Unscaled, int Scale)
{
    /// <summary>Largest scale kept (PostgreSQL's NUMERIC display limit); a result past it is out of range.</summary>
    public const int MaxScale = 16383;

    /// <summary>Bits of 10^(131072 + 16383): the unscaled size of the largest value in range.</summary>
    private const long MaxBits = 489_840;

    /// <summary>Significant digits a quotient keeps at least (PostgreSQL keeps 16 to 20).</summary>
    public const int DivisionDigits = 20;

    /// <summary>Reads decimal text; false (with why) for text that is not a finite decimal or is out of range.</summary>
    public static bool TryParse(ReadOnlySpan<byte> text, out ExactDecimal value, out string? error)
    {
        value = default;
        error = null;
        var parsed = DecimalText.Parse(text);
        if (!parsed.IsFinite)
        {
            error = parsed.Rank == DecimalRank.Text ? "is not a decimal" : "is not a finite decimal";
            return false;
        }

        var scale = parsed.FractionDigits - parsed.WrittenExponent;
        if (scale > MaxScale || (parsed.Rank != DecimalRank.Zero && parsed.Exponent > MaxScale))
        {
            error = "is out of range";
            return false;
        }

        var keptScale = (int)Math.Max(scale, 0);
        if (parsed.Rank == DecimalRank.Zero)
        {
            value = new ExactDecimal(BigInteger.Zero, keptScale);
            return true;
        }

        // value = D × 10^(lastDigitPower); D holds the significant digits.
        var significant = SignificantDigits(parsed.Digits, out var count);
        var lastDigitPower = parsed.Exponent - (count - 1);
        var unscaled = significant * BigInteger.Pow(10, (int)(lastDigitPower + keptScale));
        value = new ExactDecimal(parsed.Rank == DecimalRank.NegativeFinite ? -unscaled : unscaled, keptScale);
        return true;
    }

    public static ExactDecimal operator +(ExactDecimal a, ExactDecimal b)
    {
        var scale = Math.Max(a.Scale, b.Scale);
        return new ExactDecimal(a.Rescaled(scale) + b.Rescaled(scale), scale);
    }

    public static ExactDecimal operator -(ExactDecimal a, ExactDecimal b) => a + (-b);

    public static ExactDecimal operator -(ExactDecimal a) => new(-a.Unscaled, a.Scale);

    public static ExactDecimal operator *(ExactDecimal a, ExactDecimal b) => new(a.Unscaled * b.Unscaled, a.Scale + b.Scale);

    /// <summary>
    /// <paramref name="a"/> / <paramref name="b"/> (false when <paramref name="b"/> is zero) with at least
    /// <see cref="DivisionDigits"/> significant digits, rounded half away from zero, and trailing zeros
    /// dropped down to the larger scale of the operands (<c>10.00 / 4</c> is <c>2.50</c>).
    /// </summary>
    public static bool TryDivide(ExactDecimal a, ExactDecimal b, out ExactDecimal quotient)
    {
        quotient = default;
        if (b.Unscaled.IsZero)
        {
            return false;
        }

        var minScale = Math.Max(a.Scale, b.Scale);
        var leading = a.LeadingPower() - b.LeadingPower(); // the quotient's first digit is at 10^leading or 10^(leading-1)
        var scale = (int)Math.Clamp(Math.Max(minScale, DivisionDigits - leading), 0, MaxScale);

        // a/b = (Ua / Ub) × 10^(Sb - Sa); scaled by 10^scale that is Ua × 10^(scale + Sb - Sa) / Ub.
        var shift = scale + b.Scale - a.Scale;
        var numerator = shift >= 0 ? a.Unscaled * BigInteger.Pow(10, shift) : a.Unscaled;
        var denominator = shift >= 0 ? b.Unscaled : b.Unscaled * BigInteger.Pow(10, -shift);
        quotient = new ExactDecimal(RoundedDivide(numerator, denominator), scale).TrimmedTo(minScale);
        return true;
    }

    /// <summary>This value with exactly <paramref name="scale"/> fraction digits (half away from zero, or zero-padded).</summary>
    public ExactDecimal RoundedTo(int scale)
    {
        if (scale >= Scale)
        {
            return new ExactDecimal(Rescaled(scale), scale);
        }

        return new ExactDecimal(RoundedDivide(Unscaled, BigInteger.Pow(10, Scale - scale)), scale);
    }

    /// <summary>
    /// Whether the value is within NUMERIC-like limits: at most <see cref="MaxScale"/> fraction digits
    /// and about 147,455 digits in all (PostgreSQL's 131,072 integer plus 16,383 fraction digits); a
    /// product or a quotient may exceed them.
    /// </summary>
    public bool InRange => Scale <= MaxScale && Unscaled.GetBitLength() <= MaxBits;

    /// <summary>The text: <c>-12.50</c>, <c>0.001</c>, <c>0</c>; exactly <see cref="Scale"/> fraction digits.</summary>
    public override string ToString()
    {
        var digits = BigInteger.Abs(Unscaled).ToString(CultureInfo.InvariantCulture);
        var text = new StringBuilder(digits.Length + 3);
        if (Unscaled.Sign < 0)
        {
            text.Append('-');
        }

        if (Scale == 0)
        {
            return text.Append(digits).ToString();
        }

        if (digits.Length <= Scale)
        {
            text.Append("0.").Append('0', Scale - digits.Length).Append(digits);
        }
        else
        {
            text.Append(digits, 0, digits.Length - Scale).Append('.').Append(digits, digits.Length - Scale, Scale);
        }

        return text.ToString();
    }

    /// <summary>The power of ten of the first significant digit (0 for zero).</summary>
    private long LeadingPower()
    {
        if (Unscaled.IsZero)
        {
            return 0;
        }

        // log10|U| lies in [(bits - 1)·log10 2, bits·log10 2): its floor is p or p + 1.
        var abs = BigInteger.Abs(Unscaled);
        var p = (int)((abs.GetBitLength() - 1) * 0.30102999566398120);
        if (abs >= BigInteger.Pow(10, p + 1))
        {
            p++;
        }

        return p - (long)Scale;
    }

    private BigInteger Rescaled(int scale) => scale == Scale ? Unscaled : Unscaled * BigInteger.Pow(10, scale - Scale);

    /// <summary>Drops trailing zero fraction digits while the scale stays at least <paramref name="minScale"/>.</summary>
    private ExactDecimal TrimmedTo(int minScale)
    {
        if (Unscaled.IsZero)
        {
            return new ExactDecimal(Unscaled, minScale);
        }

        var unscaled = Unscaled;
        var scale = Scale;
        while (scale > minScale && (unscaled % 10).IsZero)
        {
            unscaled /= 10;
            scale--;
        }

        return new ExactDecimal(unscaled, scale);
    }

    /// <summary><paramref name="n"/> / <paramref name="d"/> rounded half away from zero.</summary>
    private static BigInteger RoundedDivide(BigInteger n, BigInteger d)
    {
        var q = BigInteger.DivRem(n, d, out var r);
        if (BigInteger.Abs(r) * 2 >= BigInteger.Abs(d))
        {
            q += n.Sign * d.Sign;
        }

        return q;
    }

    /// <summary>The digits of <paramref name="digits"/> (a <c>.</c> skipped) as an integer, read 18 at a time.</summary>
    private static BigInteger SignificantDigits(ReadOnlySpan<byte> digits, out int count)
    {
        var value = BigInteger.Zero;
        long chunk = 0;
        int inChunk = 0;
        count = 0;
        foreach (var c in digits)
        {
            if (c == '.')
            {
                continue;
            }

            chunk = (chunk * 10) + (c - '0');
            count++;
            if (++inChunk == 18)
            {
                value = (value * 1_000_000_000_000_000_000L) + chunk;
                chunk = 0;
                inChunk = 0;
            }
        }

        return inChunk == 0 ? value : (value * BigInteger.Pow(10, inChunk)) + chunk;
    }
}
