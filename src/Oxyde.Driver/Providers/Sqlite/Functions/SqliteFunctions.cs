using System.Buffers;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Data.Sqlite;
using Oxyde.Query.Dialects;

namespace Oxyde.Driver.Providers.Sqlite.Functions;

/// <summary>
/// The collations and SQL functions <see cref="SqliteDialect"/> renders, registered on every
/// connection: <c>oxyde_decimal</c> and <c>oxyde_instant</c> compare decimal and datetime text by
/// value and by instant, working on SQLite's UTF-8 bytes without allocating; <c>oxyde_dec_*</c>
/// compute decimal text exactly. Called through the C entry points (SQLitePCLRaw's wrappers would
/// marshal every call through a delegate and .NET strings). None of them changes what is stored:
/// a database stays readable by any SQLite tool, which compares the same text as text.
/// https://www.sqlite.org/c3ref/create_collation.html https://www.sqlite.org/c3ref/create_function.html
/// </summary>
internal static unsafe class SqliteFunctions
{
    private const int Utf8 = 1, Deterministic = 0x800, Innocuous = 0x200000;
    private const int NullType = 5;

    /// <summary>SQLITE_TRANSIENT: SQLite copies the result before the call returns.</summary>
    private static readonly nint Transient = -1;

    private static delegate* unmanaged<nint, byte*, int, nint, delegate* unmanaged<nint, int, byte*, int, byte*, int>, nint, int> s_createCollation;
    private static delegate* unmanaged<nint, byte*, int, int, nint, delegate* unmanaged<nint, int, nint*, void>, nint, nint, nint, int> s_createFunction;
    private static delegate* unmanaged<nint, int> s_valueType;
    private static delegate* unmanaged<nint, byte*> s_valueText;
    private static delegate* unmanaged<nint, int> s_valueBytes;
    private static delegate* unmanaged<nint, int> s_valueInt;
    private static delegate* unmanaged<nint, nint> s_userData;
    private static delegate* unmanaged<nint, byte*, int, nint, void> s_resultText;
    private static delegate* unmanaged<nint, void> s_resultNull;
    private static delegate* unmanaged<nint, byte*, int, void> s_resultError;

    /// <summary>Resolves the entry points from the loaded library (<see cref="SqliteNativeLibrary"/>); idempotent.</summary>
    public static void Initialize(nint library)
    {
        s_createCollation = (delegate* unmanaged<nint, byte*, int, nint, delegate* unmanaged<nint, int, byte*, int, byte*, int>, nint, int>)
            NativeLibrary.GetExport(library, "sqlite3_create_collation_v2");
        s_createFunction = (delegate* unmanaged<nint, byte*, int, int, nint, delegate* unmanaged<nint, int, nint*, void>, nint, nint, nint, int>)
            NativeLibrary.GetExport(library, "sqlite3_create_function_v2");
        s_valueType = (delegate* unmanaged<nint, int>)NativeLibrary.GetExport(library, "sqlite3_value_type");
        s_valueText = (delegate* unmanaged<nint, byte*>)NativeLibrary.GetExport(library, "sqlite3_value_text");
        s_valueBytes = (delegate* unmanaged<nint, int>)NativeLibrary.GetExport(library, "sqlite3_value_bytes");
        s_valueInt = (delegate* unmanaged<nint, int>)NativeLibrary.GetExport(library, "sqlite3_value_int");
        s_userData = (delegate* unmanaged<nint, nint>)NativeLibrary.GetExport(library, "sqlite3_user_data");
        s_resultText = (delegate* unmanaged<nint, byte*, int, nint, void>)NativeLibrary.GetExport(library, "sqlite3_result_text");
        s_resultNull = (delegate* unmanaged<nint, void>)NativeLibrary.GetExport(library, "sqlite3_result_null");
        s_resultError = (delegate* unmanaged<nint, byte*, int, void>)NativeLibrary.GetExport(library, "sqlite3_result_error");
    }

    /// <summary>Registers everything on <paramref name="db"/> (a <c>sqlite3*</c>); a failure is a <see cref="SqliteException"/>.</summary>
    public static void Register(nint db)
    {
        Check(CreateCollation(db, SqliteDialect.DecimalCollation, &CompareDecimals), SqliteDialect.DecimalCollation);
        Check(CreateCollation(db, SqliteDialect.InstantCollation, &CompareInstants), SqliteDialect.InstantCollation);
        foreach (var op in Enum.GetValues<DecimalOp>())
        {
            var arguments = op == DecimalOp.Negate ? 1 : 2;
            Check(CreateFunction(db, FunctionName(op), arguments, (nint)op, &Compute), FunctionName(op));
        }
    }

    /// <summary>The SQL name of <paramref name="op"/> (the constants of <see cref="SqliteDialect"/>).</summary>
    public static string FunctionName(DecimalOp op) => op switch
    {
        DecimalOp.Add => SqliteDialect.DecimalAdd,
        DecimalOp.Subtract => SqliteDialect.DecimalSub,
        DecimalOp.Multiply => SqliteDialect.DecimalMul,
        DecimalOp.Divide => SqliteDialect.DecimalDiv,
        DecimalOp.Negate => SqliteDialect.DecimalNeg,
        DecimalOp.Round => SqliteDialect.DecimalRound,
        _ => throw new ArgumentOutOfRangeException(nameof(op)),
    };

    private static int CreateCollation(nint db, string name, delegate* unmanaged<nint, int, byte*, int, byte*, int> compare)
    {
        var utf8 = Encoding.UTF8.GetBytes(name + "\0");
        fixed (byte* pointer = utf8)
        {
            return s_createCollation(db, pointer, Utf8, 0, compare, 0);
        }
    }

    private static int CreateFunction(nint db, string name, int arguments, nint state, delegate* unmanaged<nint, int, nint*, void> function)
    {
        var utf8 = Encoding.UTF8.GetBytes(name + "\0");
        fixed (byte* pointer = utf8)
        {
            return s_createFunction(db, pointer, arguments, Utf8 | Deterministic | Innocuous, state, function, 0, 0, 0);
        }
    }

    private static void Check(int rc, string name)
    {
        if (rc != SqliteNative.Ok)
        {
            throw new SqliteException($"cannot register {name} on the SQLite connection (code {rc})", rc);
        }
    }

    [UnmanagedCallersOnly]
    private static int CompareDecimals(nint state, int leftLength, byte* left, int rightLength, byte* right) =>
        CompareGuarded(new ReadOnlySpan<byte>(left, leftLength), new ReadOnlySpan<byte>(right, rightLength), &DecimalText.Compare);

    [UnmanagedCallersOnly]
    private static int CompareInstants(nint state, int leftLength, byte* left, int rightLength, byte* right) =>
        CompareGuarded(new ReadOnlySpan<byte>(left, leftLength), new ReadOnlySpan<byte>(right, rightLength), &InstantText.Compare);

    /// <summary>A collation's comparison; an exception must not leave a callback, so it falls back to byte order.</summary>
    private static int CompareGuarded(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, delegate*<ReadOnlySpan<byte>, ReadOnlySpan<byte>, int> compare)
    {
        try
        {
            return compare(a, b);
        }
        catch (Exception)
        {
            // Never reached (the parsers only index within their spans).
            return a.SequenceCompareTo(b);
        }
    }

    /// <summary>Every <c>oxyde_dec_*</c> function: the operation is the function's user data. NULL in, NULL out.</summary>
    [UnmanagedCallersOnly]
    private static void Compute(nint context, int count, nint* arguments)
    {
        var op = (DecimalOp)s_userData(context);
        try
        {
            for (var i = 0; i < count; i++)
            {
                if (s_valueType(arguments[i]) == NullType)
                {
                    s_resultNull(context);
                    return;
                }
            }

            if (TryComputeSmall(op, context, arguments))
            {
                return;
            }

            if (!TryParse(arguments[0], out var left, out var error))
            {
                Fail(context, op, error);
                return;
            }

            ExactDecimal result;
            switch (op)
            {
                case DecimalOp.Negate:
                    result = -left;
                    break;
                case DecimalOp.Round:
                    result = left.RoundedTo(Math.Clamp(s_valueInt(arguments[1]), 0, ExactDecimal.MaxScale));
                    break;
                default:
                    if (!TryParse(arguments[1], out var right, out error))
                    {
                        Fail(context, op, error);
                        return;
                    }

                    if (!TryBinary(op, left, right, out result))
                    {
                        Fail(context, op, "division by zero");
                        return;
                    }

                    break;
            }

            if (!result.InRange)
            {
                Fail(context, op, "result out of range");
                return;
            }

            ResultText(context, result.ToString());
        }
        catch (Exception)
        {
            Fail(context, op, "internal error");
        }
    }

    /// <summary>
    /// The allocation-free path (<see cref="SmallDecimal"/>) for everything but division; false when an
    /// operand or the result does not fit it, and <see cref="ExactDecimal"/> computes the same text.
    /// </summary>
    private static bool TryComputeSmall(DecimalOp op, nint context, nint* arguments)
    {
        if (op == DecimalOp.Divide || !SmallDecimal.TryParse(Text(arguments[0]), out var left))
        {
            return false;
        }

        SmallDecimal result;
        switch (op)
        {
            case DecimalOp.Negate:
                result = left.Negated();
                break;
            case DecimalOp.Round:
                if (!left.TryRoundTo(Math.Clamp(s_valueInt(arguments[1]), 0, ExactDecimal.MaxScale), out result))
                {
                    return false;
                }

                break;
            default:
                if (!SmallDecimal.TryParse(Text(arguments[1]), out var right))
                {
                    return false;
                }

                var computed = op switch
                {
                    DecimalOp.Add => SmallDecimal.TryAdd(left, right, out result),
                    DecimalOp.Subtract => SmallDecimal.TryAdd(left, right.Negated(), out result),
                    _ => SmallDecimal.TryMultiply(left, right, out result),
                };
                if (!computed)
                {
                    return false;
                }

                break;
        }

        Span<byte> text = stackalloc byte[SmallDecimal.MaxTextLength];
        var length = result.Format(text);
        fixed (byte* pointer = text)
        {
            s_resultText(context, pointer, length, Transient);
        }

        return true;
    }

    /// <summary>The argument's text as UTF-8 (numbers converted by SQLite), valid until the function returns.</summary>
    private static ReadOnlySpan<byte> Text(nint value)
    {
        var text = s_valueText(value); // before _bytes, as SQLite asks
        return text == null ? default : new ReadOnlySpan<byte>(text, s_valueBytes(value));
    }

    private static bool TryBinary(DecimalOp op, ExactDecimal left, ExactDecimal right, out ExactDecimal result)
    {
        switch (op)
        {
            case DecimalOp.Add:
                result = left + right;
                return true;
            case DecimalOp.Subtract:
                result = left - right;
                return true;
            case DecimalOp.Multiply:
                result = left * right;
                return true;
            default:
                return ExactDecimal.TryDivide(left, right, out result);
        }
    }

    private static bool TryParse(nint value, out ExactDecimal parsed, out string error)
    {
        var span = Text(value);
        if (ExactDecimal.TryParse(span, out parsed, out var why))
        {
            error = string.Empty;
            return true;
        }

        var shown = Encoding.UTF8.GetString(span[..Math.Min(span.Length, 40)]);
        error = $"'{shown}' {why}";
        return false;
    }

    private static void ResultText(nint context, string text)
    {
        var length = Encoding.UTF8.GetByteCount(text);
        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var written = Encoding.UTF8.GetBytes(text, rented);
            fixed (byte* pointer = rented)
            {
                s_resultText(context, pointer, written, Transient);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static void Fail(nint context, DecimalOp op, string why)
    {
        var message = Encoding.UTF8.GetBytes(FunctionName(op) + ": " + why);
        fixed (byte* pointer = message)
        {
            s_resultError(context, pointer, message.Length);
        }
    }
}
