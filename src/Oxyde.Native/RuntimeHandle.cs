using System.Runtime.InteropServices;
using Oxyde.Driver;

namespace Oxyde.Native;

/// <summary>A runtime travels to the host as a GCHandle turned into an intptr.</summary>
internal static class RuntimeHandle
{
    public static nint New(OxydeRuntime runtime) => GCHandle.ToIntPtr(GCHandle.Alloc(runtime));

    public static OxydeRuntime? Resolve(nint handle) =>
        handle == 0 ? null : GCHandle.FromIntPtr(handle).Target as OxydeRuntime;

    public static OxydeRuntime? Free(nint handle)
    {
        if (handle == 0)
        {
            return null;
        }

        var gcHandle = GCHandle.FromIntPtr(handle);
        var runtime = gcHandle.Target as OxydeRuntime;
        gcHandle.Free();
        return runtime;
    }
}
