using Oxyde.Codec.Reader;
using Oxyde.Codec.Requests;
using Oxyde.Driver.Async;
using Oxyde.Driver.Buffers;

namespace Oxyde.Driver;

/// <summary>The async path: tickets run on the runtime's worker threads; completions wait in a queue behind an eventfd.</summary>
public sealed partial class OxydeRuntime
{
    /// <summary>The eventfd that becomes readable when completions wait.</summary>
    public int CompletionFd => _completions.Fd;

    /// <summary>Starts <paramref name="verb"/> on a worker thread and returns its ticket at once. <paramref name="request"/> is kept (the caller hands over a copy).</summary>
    /// <remarks>
    /// <c>execute</c> and <c>tx_begin</c> first wait for their permits without a thread
    /// (<see cref="RunningTicket"/>) and can be cancelled (<see cref="Cancel"/>); a transaction's
    /// commit, rollback and savepoint calls, and an open cursor's fetches and close (it holds its
    /// connection as a transaction does), run as urgent work, since they let waiting work go on: a
    /// <c>cursor_open</c> waiting on a worker for a connection never starves the fetches that free one.
    /// </remarks>
    public ulong Submit(int verb, byte[] request)
    {
        var ticket = (ulong)Interlocked.Increment(ref _lastTicket);
        switch (verb)
        {
            case (int)RuntimeVerb.Execute:
                ExecuteRequest parsed;
                try
                {
                    ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
                    parsed = IrReader.ReadExecute(request);
                }
                catch (Exception e)
                {
                    _completions.Complete(new Completion(ticket, RuntimeStatus.Error, EnvelopeOf(e)));
                    break;
                }

                StartExecute(ticket, parsed);
                break;
            case (int)RuntimeVerb.TxBegin:
                StartBegin(ticket, request);
                break;
            case (int)RuntimeVerb.TxCommit or (int)RuntimeVerb.TxRollback or (int)RuntimeVerb.TxSavepoint
                or (int)RuntimeVerb.TxRelease or (int)RuntimeVerb.TxRollbackTo
                or (int)RuntimeVerb.CursorFetch or (int)RuntimeVerb.CursorClose:
                _workers.Post(() => RunTicket(ticket, () => Dispatch(verb, request)), urgent: true);
                break;
            default:
                _workers.Post(() => RunTicket(ticket, () => Dispatch(verb, request)));
                break;
        }

        return ticket;
    }

    /// <summary>
    /// The async <c>execute</c>: runs the request on the caller's thread when it can finish at once (a
    /// free connection, no lock to wait for, within the provider's inline budget) and returns its
    /// result; otherwise submits it and returns null with the ticket in <paramref name="ticket"/>.
    /// A request that fails to parse is answered at once, like a failed statement. Never throws.
    /// <paramref name="request"/> is only read during the call: the parsed request holds none of it.
    /// </summary>
    public DispatchResult? ExecuteOrSubmit(ReadOnlyMemory<byte> request, out ulong ticket)
    {
        ticket = 0;
        ExecuteRequest parsed;
        var output = new PooledBufferWriter();
        try
        {
            ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
            parsed = IrReader.ReadExecute(request);
            if (TryExecuteInline(parsed, output))
            {
                return new DispatchResult(RuntimeStatus.Ok, output);
            }
        }
        catch (Exception e)
        {
            output.Dispose();
            return new DispatchResult(RuntimeStatus.Error, EnvelopeOf(e));
        }

        output.Dispose();
        ticket = (ulong)Interlocked.Increment(ref _lastTicket);
        StartExecute(ticket, parsed);
        return null;
    }

    /// <summary>Every finished ticket as <c>[[ticket, status, result], ...]</c>.</summary>
    public byte[] DrainCompletions() => _completions.Drain();

    /// <summary>Runs <paramref name="work"/> (which never throws) and queues its completion.</summary>
    private void RunTicket(ulong ticket, Func<DispatchResult> work)
    {
        byte[] bytes;
        int status;
        try
        {
            using var result = work();
            status = result.Status;
            bytes = result.ToArray();
        }
        catch (Exception e)
        {
            status = RuntimeStatus.Error;
            bytes = EnvelopeOf(e);
        }

        _completions.Complete(new Completion(ticket, status, bytes));
    }

    private bool TryExecuteInline(ExecuteRequest request, PooledBufferWriter output)
    {
        if (request.Tx is { } tx)
        {
            return _transactions.TryRun(tx, session => session.TryExecuteInline(request.Query, output));
        }

        var pool = _pools.Get(request.Pool);
        var writers = Writes(request.Query) ? pool.Writers : null;
        if (writers is not null && !writers.TryTake())
        {
            return false;
        }

        try
        {
            if (pool.TryAcquireInline() is not { } session)
            {
                return false;
            }

            try
            {
                return session.TryExecuteInline(request.Query, output);
            }
            finally
            {
                pool.Release(session);
            }
        }
        finally
        {
            writers?.Release();
        }
    }
}
