using System.Runtime.InteropServices;

namespace Oxyde.Driver.Providers.Sqlite;

/// <summary>
/// The SQLite entry points on the per-row and per-statement path, called through function pointers
/// on raw <c>sqlite3*</c>/<c>sqlite3_stmt*</c> handles. SQLitePCLRaw's wrappers add a provider
/// interface call and a SafeHandle AddRef/Release around every call (~9% of a primary-key read);
/// the handles stay owned by SQLitePCLRaw objects (prepare, finalize, close still go through it).
/// https://www.sqlite.org/c3ref/funclist.html
/// </summary>
internal static unsafe class SqliteNative
{
    public const int Ok = 0, Row = 100, Done = 101;
    public const int Integer = 1, Float = 2, Text = 3, Blob = 4, Null = 5;

    /// <summary>SQLITE_TRANSIENT: SQLite copies the bound bytes before the call returns.</summary>
    private static readonly nint Transient = -1;

    private static delegate* unmanaged<nint, int> s_step;
    private static delegate* unmanaged<nint, int> s_reset;
    private static delegate* unmanaged<nint, int> s_clearBindings;
    private static delegate* unmanaged<nint, int> s_bindParameterCount;
    private static delegate* unmanaged<nint, int, int> s_bindNull;
    private static delegate* unmanaged<nint, int, long, int> s_bindInt64;
    private static delegate* unmanaged<nint, int, double, int> s_bindDouble;
    private static delegate* unmanaged<nint, int, byte*, int, nint, int> s_bindText;
    private static delegate* unmanaged<nint, int, byte*, int, nint, int> s_bindBlob;
    private static delegate* unmanaged<nint, int, int, int> s_bindZeroBlob;
    private static delegate* unmanaged<nint, int> s_columnCount;
    private static delegate* unmanaged<nint, int, int> s_columnType;
    private static delegate* unmanaged<nint, int, long> s_columnInt64;
    private static delegate* unmanaged<nint, int, double> s_columnDouble;
    private static delegate* unmanaged<nint, int, byte*> s_columnBlob;
    private static delegate* unmanaged<nint, int, int> s_columnBytes;
    private static delegate* unmanaged<nint, int> s_stmtReadonly;
    private static delegate* unmanaged<nint, int> s_changes;
    private static delegate* unmanaged<nint, int> s_totalChanges;
    private static delegate* unmanaged<nint, int> s_getAutocommit;

    /// <summary>Resolves every entry point from the loaded library (<see cref="SqliteNativeLibrary"/>); idempotent.</summary>
    public static void Initialize(nint library)
    {
        s_step = (delegate* unmanaged<nint, int>)NativeLibrary.GetExport(library, "sqlite3_step");
        s_reset = (delegate* unmanaged<nint, int>)NativeLibrary.GetExport(library, "sqlite3_reset");
        s_clearBindings = (delegate* unmanaged<nint, int>)NativeLibrary.GetExport(library, "sqlite3_clear_bindings");
        s_bindParameterCount = (delegate* unmanaged<nint, int>)NativeLibrary.GetExport(library, "sqlite3_bind_parameter_count");
        s_bindNull = (delegate* unmanaged<nint, int, int>)NativeLibrary.GetExport(library, "sqlite3_bind_null");
        s_bindInt64 = (delegate* unmanaged<nint, int, long, int>)NativeLibrary.GetExport(library, "sqlite3_bind_int64");
        s_bindDouble = (delegate* unmanaged<nint, int, double, int>)NativeLibrary.GetExport(library, "sqlite3_bind_double");
        s_bindText = (delegate* unmanaged<nint, int, byte*, int, nint, int>)NativeLibrary.GetExport(library, "sqlite3_bind_text");
        s_bindBlob = (delegate* unmanaged<nint, int, byte*, int, nint, int>)NativeLibrary.GetExport(library, "sqlite3_bind_blob");
        s_bindZeroBlob = (delegate* unmanaged<nint, int, int, int>)NativeLibrary.GetExport(library, "sqlite3_bind_zeroblob");
        s_columnCount = (delegate* unmanaged<nint, int>)NativeLibrary.GetExport(library, "sqlite3_column_count");
        s_columnType = (delegate* unmanaged<nint, int, int>)NativeLibrary.GetExport(library, "sqlite3_column_type");
        s_columnInt64 = (delegate* unmanaged<nint, int, long>)NativeLibrary.GetExport(library, "sqlite3_column_int64");
        s_columnDouble = (delegate* unmanaged<nint, int, double>)NativeLibrary.GetExport(library, "sqlite3_column_double");
        s_columnBlob = (delegate* unmanaged<nint, int, byte*>)NativeLibrary.GetExport(library, "sqlite3_column_blob");
        s_columnBytes = (delegate* unmanaged<nint, int, int>)NativeLibrary.GetExport(library, "sqlite3_column_bytes");
        s_stmtReadonly = (delegate* unmanaged<nint, int>)NativeLibrary.GetExport(library, "sqlite3_stmt_readonly");
        s_changes = (delegate* unmanaged<nint, int>)NativeLibrary.GetExport(library, "sqlite3_changes");
        s_totalChanges = (delegate* unmanaged<nint, int>)NativeLibrary.GetExport(library, "sqlite3_total_changes");
        s_getAutocommit = (delegate* unmanaged<nint, int>)NativeLibrary.GetExport(library, "sqlite3_get_autocommit");
    }

    public static int Step(nint stmt) => s_step(stmt);

    public static int Reset(nint stmt) => s_reset(stmt);

    public static int ClearBindings(nint stmt) => s_clearBindings(stmt);

    public static int BindParameterCount(nint stmt) => s_bindParameterCount(stmt);

    public static int BindNull(nint stmt, int index) => s_bindNull(stmt, index);

    public static int BindInt64(nint stmt, int index, long value) => s_bindInt64(stmt, index, value);

    public static int BindDouble(nint stmt, int index, double value) => s_bindDouble(stmt, index, value);

    /// <summary>Binds UTF-8 text of the given length (NULs inside are kept).</summary>
    public static int BindText(nint stmt, int index, ReadOnlySpan<byte> utf8)
    {
        fixed (byte* bytes = utf8)
        {
            // A null pointer would bind NULL; an empty string needs a non-null one.
            byte empty = 0;
            return s_bindText(stmt, index, bytes == null ? &empty : bytes, utf8.Length, Transient);
        }
    }

    /// <summary>Binds a blob; an empty one stays an empty blob, not NULL.</summary>
    public static int BindBlob(nint stmt, int index, ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            return s_bindZeroBlob(stmt, index, 0);
        }

        fixed (byte* pointer = bytes)
        {
            return s_bindBlob(stmt, index, pointer, bytes.Length, Transient);
        }
    }

    public static int ColumnCount(nint stmt) => s_columnCount(stmt);

    public static int ColumnType(nint stmt, int ordinal) => s_columnType(stmt, ordinal);

    public static long ColumnInt64(nint stmt, int ordinal) => s_columnInt64(stmt, ordinal);

    public static double ColumnDouble(nint stmt, int ordinal) => s_columnDouble(stmt, ordinal);

    /// <summary>The value's bytes (text as UTF-8), valid until the next step/reset of the statement.</summary>
    public static ReadOnlySpan<byte> ColumnBytes(nint stmt, int ordinal)
    {
        var pointer = s_columnBlob(stmt, ordinal); // before _bytes, as SQLite asks
        return pointer == null ? default : new ReadOnlySpan<byte>(pointer, s_columnBytes(stmt, ordinal));
    }

    public static bool StatementReadOnly(nint stmt) => s_stmtReadonly(stmt) != 0;

    public static int Changes(nint db) => s_changes(db);

    public static int TotalChanges(nint db) => s_totalChanges(db);

    /// <summary>False while a transaction is open on <paramref name="db"/>.</summary>
    public static bool Autocommit(nint db) => s_getAutocommit(db) != 0;
}
