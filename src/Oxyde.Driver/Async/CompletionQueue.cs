using System.Collections.Concurrent;
using MessagePack;
using Oxyde.Driver.Buffers;

namespace Oxyde.Driver.Async;

/// <summary>
/// Finished tickets waiting for Python. Each completion is queued, then the eventfd is signalled;
/// Python drains everything in one call, which also resets the fd (docs/native-abi.md, "Async path").
/// </summary>
internal sealed class CompletionQueue : IDisposable
{
    private readonly ConcurrentQueue<Completion> _queue = new();
    private readonly EventFd _eventFd = new();

    public int Fd => _eventFd.Handle;

    public void Complete(Completion completion)
    {
        _queue.Enqueue(completion);
        _eventFd.Signal();
    }

    /// <summary>
    /// Resets the eventfd, then takes every queued completion as <c>[[ticket, status, result], ...]</c>,
    /// each result embedded as a MessagePack value. Reset comes first: a completion queued after it
    /// signals again, so none is left behind an unreadable fd (at worst the next wake-up finds nothing).
    /// </summary>
    public byte[] Drain()
    {
        _eventFd.Reset();
        var drained = new List<Completion>();
        while (_queue.TryDequeue(out var completion))
        {
            drained.Add(completion);
        }

        using var buffer = new PooledBufferWriter();
        var writer = new MessagePackWriter(buffer);
        writer.WriteArrayHeader(drained.Count);
        foreach (var completion in drained)
        {
            writer.WriteArrayHeader(3);
            writer.Write(completion.Ticket);
            writer.Write(completion.Status);
            writer.WriteRaw(completion.Result);
        }

        writer.Flush();
        return buffer.ToArray();
    }

    public void Dispose() => _eventFd.Dispose();
}
