using Oxyde.Driver.Async;

namespace Oxyde.Driver;

/// <summary>The async path: tickets run on the runtime's worker threads; completions wait in a queue behind an eventfd.</summary>
public sealed partial class OxydeRuntime
{
    /// <summary>The eventfd that becomes readable when completions wait.</summary>
    public int CompletionFd => _completions.Fd;

    /// <summary>Starts <paramref name="verb"/> on a worker thread and returns its ticket at once. <paramref name="request"/> is kept (the caller hands over a copy).</summary>
    public ulong Submit(int verb, byte[] request)
    {
        var ticket = (ulong)Interlocked.Increment(ref _lastTicket);
        _workers.Post(() => RunTicket(ticket, verb, request));
        return ticket;
    }

    /// <summary>Every finished ticket as <c>[[ticket, status, result], ...]</c>.</summary>
    public byte[] DrainCompletions() => _completions.Drain();

    private void RunTicket(ulong ticket, int verb, byte[] request)
    {
        byte[] bytes;
        int status;
        try
        {
            using var result = Dispatch(verb, request);
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
}
