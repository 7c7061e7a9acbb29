using System.Runtime.InteropServices;

namespace Oxyde.Driver.Providers.Sqlite;

/// <summary>
/// Makes the bundled <c>libe_sqlite3.so</c> loadable when liboxyde runs inside another process
/// (Python): NativeAOT would search the host's directory, so a DllImport resolver points
/// SQLitePCLRaw's <c>e_sqlite3</c> at the copy beside liboxyde (or in <c>OXYDE_NATIVE_DIR</c>).
/// Resolvers are per process, so this one-time setup is the only process-wide state.
/// </summary>
internal static class SqliteNativeLibrary
{
    private const string LibraryFile = "libe_sqlite3.so";

    private static readonly Lock Gate = new();
    private static bool s_initialized;
    private static nint s_handle;

    /// <summary>The loaded SQLite library, for the few entry points called without SQLitePCLRaw (<see cref="SqliteInlineGuard"/>).</summary>
    public static nint Handle => Volatile.Read(ref s_handle);

    public static void Initialize(string? nativeDirectory)
    {
        lock (Gate)
        {
            if (s_initialized)
            {
                return;
            }

            var path = FindLibrary(Environment.GetEnvironmentVariable("OXYDE_NATIVE_DIR"))
                ?? FindLibrary(nativeDirectory);
            var providerAssembly = typeof(SQLitePCL.SQLite3Provider_e_sqlite3).Assembly;
            nint handle = 0;
            if (path is not null)
            {
                handle = NativeLibrary.Load(path);
                NativeLibrary.SetDllImportResolver(
                    providerAssembly,
                    (name, _, _) => name.Contains("e_sqlite3", StringComparison.Ordinal) ? handle : IntPtr.Zero);
            }

            SQLitePCL.Batteries_V2.Init();
            if (handle == 0)
            {
                // Not beside liboxyde (the test host): the copy SQLitePCLRaw resolved for itself.
                handle = NativeLibrary.Load("e_sqlite3", providerAssembly, null);
            }

            SqliteNative.Initialize(handle);
            Functions.SqliteFunctions.Initialize(handle);
            Volatile.Write(ref s_handle, handle);
            s_initialized = true;
        }
    }

    private static string? FindLibrary(string? directory)
    {
        if (string.IsNullOrEmpty(directory))
        {
            return null;
        }

        var path = Path.Combine(directory, LibraryFile);
        return File.Exists(path) ? path : null;
    }
}
