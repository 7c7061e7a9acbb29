using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Oxyde.Driver.Providers.Sqlite;

/// <summary>
/// Bounds a statement run on the caller's thread (the event loop's, for the async API): while armed,
/// SQLite's progress handler interrupts the statement once it has run past the deadline, so the
/// caller can hand the work to a worker instead. Called through the C entry point rather than
/// SQLitePCLRaw: its delegate marshalling allocates per install, and this is installed per call.
/// https://www.sqlite.org/c3ref/progress_handler.html
/// </summary>
internal sealed unsafe class SqliteInlineGuard : IDisposable
{
    /// <summary>VM instructions between two deadline checks (each check is one clock read).</summary>
    private const int CheckInterval = 500;

    /// <summary><c>sqlite3_progress_handler</c>, resolved once the library is loaded (by the first guard).</summary>
    private static delegate* unmanaged<nint, int, delegate* unmanaged<nint, int>, nint, void> s_progressHandler;

    /// <summary>Native memory the callback reads: [0] the deadline in Stopwatch ticks, [1] 1 once it fired.</summary>
    private readonly long* _state = (long*)NativeMemory.AllocZeroed(2, sizeof(long));

    public SqliteInlineGuard()
    {
        if (s_progressHandler == null)
        {
            s_progressHandler = (delegate* unmanaged<nint, int, delegate* unmanaged<nint, int>, nint, void>)NativeLibrary.GetExport(
                SqliteNativeLibrary.Handle, "sqlite3_progress_handler");
        }
    }

    /// <summary>Whether the last armed run was interrupted by the deadline.</summary>
    public bool Tripped => _state[1] != 0;

    /// <summary>Installs the deadline check on <paramref name="db"/> (a <c>sqlite3*</c>) until <see cref="Disarm"/>.</summary>
    public void Arm(nint db, TimeSpan budget)
    {
        _state[0] = Stopwatch.GetTimestamp() + (long)(budget.TotalSeconds * Stopwatch.Frequency);
        _state[1] = 0;
        s_progressHandler(db, CheckInterval, &OnProgress, (nint)_state);
    }

    public void Disarm(nint db) => s_progressHandler(db, 0, null, 0);

    public void Dispose() => NativeMemory.Free(_state);

    [UnmanagedCallersOnly]
    private static int OnProgress(nint state)
    {
        var fields = (long*)state;
        if (Stopwatch.GetTimestamp() < fields[0])
        {
            return 0;
        }

        fields[1] = 1;
        return 1; // SQLITE_INTERRUPT for the running statement
    }
}
