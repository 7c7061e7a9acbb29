using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Oxyde.Driver;
using Oxyde.Migrate;

namespace Oxyde.Native;

/// <summary>
/// The C ABI of liboxyde (docs/native-abi.md). No logic: each export resolves the runtime, calls it,
/// hands the bytes over and turns anything thrown into an error envelope.
/// </summary>
internal static unsafe class Exports
{
    private const int AbiVersionNumber = 3;

    [UnmanagedCallersOnly(EntryPoint = "oxyde_abi_version")]
    public static int AbiVersion() => AbiVersionNumber;

    [UnmanagedCallersOnly(EntryPoint = "oxyde_buffer_free")]
    public static void BufferFree(byte* pointer) => NativeMemory.Free(pointer);

    [UnmanagedCallersOnly(EntryPoint = "oxyde_runtime_new")]
    public static int RuntimeNew(nint* outRuntime)
    {
        if (outRuntime == null)
        {
            return RuntimeStatus.BadArguments;
        }

        try
        {
            *outRuntime = RuntimeHandle.New(new OxydeRuntime(LibraryLocation.Directory()));
            return RuntimeStatus.Ok;
        }
        catch (Exception)
        {
            *outRuntime = 0;
            return RuntimeStatus.Error;
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "oxyde_runtime_free")]
    public static int RuntimeFree(nint runtime)
    {
        try
        {
            var target = RuntimeHandle.Free(runtime);
            if (target is null)
            {
                return RuntimeStatus.BadArguments;
            }

            target.Dispose();
            return RuntimeStatus.Ok;
        }
        catch (Exception)
        {
            return RuntimeStatus.Error;
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "oxyde_pool_open")]
    public static int PoolOpen(nint rt, byte* req, nuint len, byte** output, nuint* outputLength) =>
        Call(rt, RuntimeVerb.PoolOpen, req, len, output, outputLength);

    [UnmanagedCallersOnly(EntryPoint = "oxyde_pool_close")]
    public static int PoolClose(nint rt, byte* req, nuint len, byte** output, nuint* outputLength) =>
        Call(rt, RuntimeVerb.PoolClose, req, len, output, outputLength);

    [UnmanagedCallersOnly(EntryPoint = "oxyde_execute")]
    public static int Execute(nint rt, byte* req, nuint len, byte** output, nuint* outputLength) =>
        Call(rt, RuntimeVerb.Execute, req, len, output, outputLength);

    [UnmanagedCallersOnly(EntryPoint = "oxyde_render_sql")]
    public static int RenderSql(nint rt, byte* req, nuint len, byte** output, nuint* outputLength) =>
        Call(rt, RuntimeVerb.RenderSql, req, len, output, outputLength);

    [UnmanagedCallersOnly(EntryPoint = "oxyde_tx_begin")]
    public static int TxBegin(nint rt, byte* req, nuint len, byte** output, nuint* outputLength) =>
        Call(rt, RuntimeVerb.TxBegin, req, len, output, outputLength);

    [UnmanagedCallersOnly(EntryPoint = "oxyde_tx_commit")]
    public static int TxCommit(nint rt, byte* req, nuint len, byte** output, nuint* outputLength) =>
        Call(rt, RuntimeVerb.TxCommit, req, len, output, outputLength);

    [UnmanagedCallersOnly(EntryPoint = "oxyde_tx_rollback")]
    public static int TxRollback(nint rt, byte* req, nuint len, byte** output, nuint* outputLength) =>
        Call(rt, RuntimeVerb.TxRollback, req, len, output, outputLength);

    [UnmanagedCallersOnly(EntryPoint = "oxyde_tx_savepoint")]
    public static int TxSavepoint(nint rt, byte* req, nuint len, byte** output, nuint* outputLength) =>
        Call(rt, RuntimeVerb.TxSavepoint, req, len, output, outputLength);

    [UnmanagedCallersOnly(EntryPoint = "oxyde_tx_release")]
    public static int TxRelease(nint rt, byte* req, nuint len, byte** output, nuint* outputLength) =>
        Call(rt, RuntimeVerb.TxRelease, req, len, output, outputLength);

    [UnmanagedCallersOnly(EntryPoint = "oxyde_tx_rollback_to")]
    public static int TxRollbackTo(nint rt, byte* req, nuint len, byte** output, nuint* outputLength) =>
        Call(rt, RuntimeVerb.TxRollbackTo, req, len, output, outputLength);

    /// <summary>Snapshot diff (docs/native-abi.md, "Migrations"): <c>{"old","new"}</c> → <c>{"ops"}</c>.</summary>
    [UnmanagedCallersOnly(EntryPoint = "oxyde_migration_diff")]
    public static int MigrationDiff(nint rt, byte* req, nuint len, byte** output, nuint* outputLength) =>
        CallStateless(rt, &MigrationCalls.Diff, req, len, output, outputLength);

    /// <summary>Migration DDL (docs/native-abi.md, "Migrations"): <c>{"ops","dialect"}</c> → <c>{"statements"}</c>.</summary>
    [UnmanagedCallersOnly(EntryPoint = "oxyde_migration_sql")]
    public static int MigrationSql(nint rt, byte* req, nuint len, byte** output, nuint* outputLength) =>
        CallStateless(rt, &MigrationCalls.Sql, req, len, output, outputLength);

    [UnmanagedCallersOnly(EntryPoint = "oxyde_cursor_open")]
    public static int CursorOpen(nint rt, byte* req, nuint len, byte** output, nuint* outputLength) =>
        Call(rt, RuntimeVerb.CursorOpen, req, len, output, outputLength);

    [UnmanagedCallersOnly(EntryPoint = "oxyde_cursor_fetch")]
    public static int CursorFetch(nint rt, byte* req, nuint len, byte** output, nuint* outputLength) =>
        Call(rt, RuntimeVerb.CursorFetch, req, len, output, outputLength);

    [UnmanagedCallersOnly(EntryPoint = "oxyde_cursor_close")]
    public static int CursorClose(nint rt, byte* req, nuint len, byte** output, nuint* outputLength) =>
        Call(rt, RuntimeVerb.CursorClose, req, len, output, outputLength);

    [UnmanagedCallersOnly(EntryPoint = "oxyde_submit")]
    public static int Submit(nint rt, int verb, byte* req, nuint len, ulong* outTicket)
    {
        try
        {
            var runtime = RuntimeHandle.Resolve(rt);
            if (runtime is null || outTicket == null || (req == null && len != 0) || len > int.MaxValue)
            {
                return RuntimeStatus.BadArguments;
            }

            *outTicket = runtime.Submit(verb, new ReadOnlySpan<byte>(req, (int)len).ToArray());
            return RuntimeStatus.Ok;
        }
        catch (Exception)
        {
            return RuntimeStatus.Error;
        }
    }

    /// <summary>
    /// The async execute: done on the caller's thread when it can finish at once (<c>*output</c> set,
    /// <c>*outTicket</c> 0), else submitted (<c>*output</c> null, <c>*outTicket</c> its ticket).
    /// </summary>
    [UnmanagedCallersOnly(EntryPoint = "oxyde_execute_or_submit")]
    public static int ExecuteOrSubmit(nint rt, byte* req, nuint len, byte** output, nuint* outputLength, ulong* outTicket)
    {
        try
        {
            var runtime = RuntimeHandle.Resolve(rt);
            if (runtime is null || output == null || outputLength == null || outTicket == null || (req == null && len != 0) || len > int.MaxValue)
            {
                return NativeBuffers.BadArguments("unknown runtime handle, or a null request, output or ticket pointer", output, outputLength);
            }

            *output = null;
            *outputLength = 0;
            *outTicket = 0;

            // Parsed before this returns; a submitted ticket keeps the parsed request, not these bytes.
            using var request = new UnmanagedMemory(req, (int)len);
            using var result = runtime.ExecuteOrSubmit(request.Memory, out var ticket);
            if (result is null)
            {
                *outTicket = ticket;
                return RuntimeStatus.Ok;
            }

            return NativeBuffers.Hand(result, output, outputLength);
        }
        catch (Exception e)
        {
            return NativeBuffers.Fail(e, output, outputLength);
        }
    }

    /// <summary>
    /// Cancels a submitted <c>execute</c> or <c>tx_begin</c> (docs/native-abi.md): status 0 when the
    /// ticket was still running or waiting (it completes soon, cancelled or with its result), 3 when
    /// it is unknown or already finished, 2 for a bad runtime.
    /// </summary>
    [UnmanagedCallersOnly(EntryPoint = "oxyde_cancel")]
    public static int Cancel(nint rt, ulong ticket)
    {
        try
        {
            var runtime = RuntimeHandle.Resolve(rt);
            if (runtime is null)
            {
                return RuntimeStatus.BadArguments;
            }

            return runtime.Cancel(ticket) ? RuntimeStatus.Ok : RuntimeStatus.NotFound;
        }
        catch (Exception)
        {
            return RuntimeStatus.Error;
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "oxyde_completion_fd")]
    public static int CompletionFd(nint rt)
    {
        try
        {
            return RuntimeHandle.Resolve(rt)?.CompletionFd ?? -1;
        }
        catch (Exception)
        {
            return -1;
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "oxyde_completion_drain")]
    public static int CompletionDrain(nint rt, byte** output, nuint* outputLength)
    {
        try
        {
            var runtime = RuntimeHandle.Resolve(rt);
            if (runtime is null || output == null || outputLength == null)
            {
                return NativeBuffers.BadArguments("unknown runtime handle, or a null output pointer", output, outputLength);
            }

            NativeBuffers.Hand(runtime.DrainCompletions(), output, outputLength);
            return RuntimeStatus.Ok;
        }
        catch (Exception e)
        {
            return NativeBuffers.Fail(e, output, outputLength);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Call(nint rt, RuntimeVerb verb, byte* req, nuint len, byte** output, nuint* outputLength)
    {
        try
        {
            var runtime = RuntimeHandle.Resolve(rt);
            if (runtime is null || output == null || outputLength == null || (req == null && len != 0) || len > int.MaxValue)
            {
                return NativeBuffers.BadArguments("unknown runtime handle, or a null request or output pointer", output, outputLength);
            }

            using var request = new UnmanagedMemory(req, (int)len);
            using var result = runtime.Dispatch((int)verb, request.Memory);
            return NativeBuffers.Hand(result, output, outputLength);
        }
        catch (Exception e)
        {
            return NativeBuffers.Fail(e, output, outputLength);
        }
    }

    /// <summary>A verb that needs no runtime state (the handle is still checked, as for every call): bytes in, bytes out.</summary>
    private static int CallStateless(nint rt, delegate*<ReadOnlyMemory<byte>, byte[]> verb, byte* req, nuint len, byte** output, nuint* outputLength)
    {
        try
        {
            if (RuntimeHandle.Resolve(rt) is null || output == null || outputLength == null || (req == null && len != 0) || len > int.MaxValue)
            {
                return NativeBuffers.BadArguments("unknown runtime handle, or a null request or output pointer", output, outputLength);
            }

            using var request = new UnmanagedMemory(req, (int)len);
            NativeBuffers.Hand(verb(request.Memory), output, outputLength);
            return RuntimeStatus.Ok;
        }
        catch (Exception e)
        {
            return NativeBuffers.Fail(e, output, outputLength);
        }
    }
}
