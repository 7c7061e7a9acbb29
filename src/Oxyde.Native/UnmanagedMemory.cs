using System.Buffers;

namespace Oxyde.Native;

/// <summary>Request bytes seen as <see cref="Memory{T}"/> without a copy, for the duration of a synchronous call.</summary>
internal sealed unsafe class UnmanagedMemory(byte* pointer, int length) : MemoryManager<byte>
{
    public override Span<byte> GetSpan() => new(pointer, length);

    public override MemoryHandle Pin(int elementIndex = 0) => new(pointer + elementIndex);

    public override void Unpin()
    {
    }

    protected override void Dispose(bool disposing)
    {
    }
}
