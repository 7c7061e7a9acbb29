using System.Runtime.InteropServices;

namespace Oxyde.Native;

/// <summary>The directory liboxyde was loaded from (dladdr on one of its own exports).</summary>
internal static unsafe partial class LibraryLocation
{
    public static string? Directory()
    {
        delegate* unmanaged<int> self = &Exports.AbiVersion;
        DlInfo info;
        if (NativeDladdr(self, &info) == 0 || info.FileName == null)
        {
            return null;
        }

        var path = Marshal.PtrToStringUTF8((nint)info.FileName);
        return path is null ? null : System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path));
    }

    [LibraryImport("libc", EntryPoint = "dladdr")]
    private static partial int NativeDladdr(void* address, DlInfo* info);

    [StructLayout(LayoutKind.Sequential)]
    private struct DlInfo
    {
        public byte* FileName;
        public void* BaseAddress;
        public byte* SymbolName;
        public void* SymbolAddress;
    }
}
