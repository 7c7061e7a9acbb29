using System.Runtime.InteropServices;

namespace Oxyde.Driver.Async;

/// <summary>A Linux eventfd (non-blocking, close-on-exec) that the Python event loop watches.</summary>
internal sealed partial class EventFd : IDisposable
{
    private const int EfdNonBlock = 0x800;
    private const int EfdCloexec = 0x80000;

    private readonly Lock _gate = new();
    private int _fd;

    public EventFd()
    {
        _fd = NativeEventFd(0, EfdNonBlock | EfdCloexec);
        if (_fd < 0)
        {
            throw new InvalidOperationException($"eventfd failed (errno {Marshal.GetLastPInvokeError()})");
        }
    }

    public int Handle => _fd;

    /// <summary>Adds 1 to the counter, making the fd readable. A no-op once disposed.</summary>
    public void Signal()
    {
        lock (_gate)
        {
            if (_fd < 0)
            {
                return;
            }

            ulong one = 1;
            // EAGAIN only when the counter is at its maximum, in which case the fd is readable anyway.
            _ = NativeWrite(_fd, ref one, sizeof(ulong));
        }
    }

    /// <summary>Zeroes the counter, making the fd unreadable until the next <see cref="Signal"/>.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            if (_fd < 0)
            {
                return;
            }

            ulong value = 0;
            // EAGAIN when the counter is already zero.
            _ = NativeRead(_fd, ref value, sizeof(ulong));
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_fd >= 0)
            {
                _ = NativeClose(_fd);
                _fd = -1;
            }
        }
    }

    [LibraryImport("libc", EntryPoint = "eventfd", SetLastError = true)]
    private static partial int NativeEventFd(uint initval, int flags);

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    private static partial nint NativeWrite(int fd, ref ulong value, nuint count);

    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    private static partial nint NativeRead(int fd, ref ulong value, nuint count);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int NativeClose(int fd);
}
