using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Data.Sqlite;
using Oxyde.Query.Dialects;

namespace Oxyde.Driver.Providers.Sqlite.Functions;

/// <summary>
/// The collations <see cref="SqliteDialect"/> renders, registered on every connection:
/// <c>oxyde_decimal</c> and <c>oxyde_instant</c> compare decimal and datetime text by value and by
/// instant, working on SQLite's UTF-8 bytes without allocating. Called through the C entry points
/// (SQLitePCLRaw's wrappers would marshal every call through a delegate and .NET strings). Nothing
/// here changes what is stored: a database stays readable by any SQLite tool, which compares the
/// same text as text. https://www.sqlite.org/c3ref/create_collation.html
/// </summary>
internal static unsafe class SqliteFunctions
{
    private const int Utf8 = 1;

    private static delegate* unmanaged<nint, byte*, int, nint, delegate* unmanaged<nint, int, byte*, int, byte*, int>, nint, int> s_createCollation;

    /// <summary>Resolves the entry points from the loaded library (<see cref="SqliteNativeLibrary"/>); idempotent.</summary>
    public static void Initialize(nint library)
    {
        s_createCollation = (delegate* unmanaged<nint, byte*, int, nint, delegate* unmanaged<nint, int, byte*, int, byte*, int>, nint, int>)
            NativeLibrary.GetExport(library, "sqlite3_create_collation_v2");
    }

    /// <summary>Registers everything on <paramref name="db"/> (a <c>sqlite3*</c>); a failure is a <see cref="SqliteException"/>.</summary>
    public static void Register(nint db)
    {
        Check(CreateCollation(db, SqliteDialect.DecimalCollation, &CompareDecimals), SqliteDialect.DecimalCollation);
        Check(CreateCollation(db, SqliteDialect.InstantCollation, &CompareInstants), SqliteDialect.InstantCollation);
    }

    private static int CreateCollation(nint db, string name, delegate* unmanaged<nint, int, byte*, int, byte*, int> compare)
    {
        var utf8 = Encoding.UTF8.GetBytes(name + "\0");
        fixed (byte* pointer = utf8)
        {
            return s_createCollation(db, pointer, Utf8, 0, compare, 0);
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
    private static int CompareDecimals(nint state, int leftLength, byte* left, int rightLength, byte* right)
    {
        var a = new ReadOnlySpan<byte>(left, leftLength);
        var b = new ReadOnlySpan<byte>(right, rightLength);
        try
        {
            return DecimalText.Compare(a, b);
        }
        catch (Exception)
        {
            // Never reached (the parser only indexes within its spans); an exception must not leave a callback.
            return a.SequenceCompareTo(b);
        }
    }

    [UnmanagedCallersOnly]
    private static int CompareInstants(nint state, int leftLength, byte* left, int rightLength, byte* right)
    {
        var a = new ReadOnlySpan<byte>(left, leftLength);
        var b = new ReadOnlySpan<byte>(right, rightLength);
        try
        {
            return InstantText.Compare(a, b);
        }
        catch (Exception)
        {
            return a.SequenceCompareTo(b);
        }
    }
}
