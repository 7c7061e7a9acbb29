using Oxyde.Driver.Buffers;

namespace Oxyde.Driver;

/// <summary>
/// What one call produced: a status and the bytes of its result map or error envelope. Dispose it
/// once the bytes are copied (it holds a pooled buffer).
/// </summary>
public sealed class DispatchResult : IDisposable
{
    private readonly PooledBufferWriter? _buffer;
    private readonly byte[]? _bytes;

    internal DispatchResult(int status, PooledBufferWriter buffer)
    {
        Status = status;
        _buffer = buffer;
    }

    internal DispatchResult(int status, byte[] bytes)
    {
        Status = status;
        _bytes = bytes;
    }

    public int Status { get; }

    public ReadOnlySpan<byte> Bytes => _buffer is not null ? _buffer.WrittenSpan : _bytes;

    public byte[] ToArray() => Bytes.ToArray();

    public void Dispose() => _buffer?.Dispose();
}
