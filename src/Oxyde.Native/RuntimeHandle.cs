using System.Security.Cryptography;
using Oxyde.Driver;

namespace Oxyde.Native;

/// <summary>
/// A runtime travels to the host as an opaque handle: a random 32-bit tag over its slot in a table of
/// live runtimes (<c>tag &lt;&lt; 32 | slot</c>). Every call looks the handle up and gets null for
/// anything the library did not hand out or already freed: zero, a stale handle, a forged value or a
/// pointer. The lookup is one array read and one compare, without a lock: a slot holds one immutable
/// entry (a single reference write), and the table is copied, not changed in place, when it grows.
/// </summary>
internal static class RuntimeHandle
{
    private const int InitialSlots = 4;

    private static readonly Lock Gate = new();
    private static Entry?[] s_slots = new Entry?[InitialSlots];

    public static nint New(OxydeRuntime runtime)
    {
        lock (Gate)
        {
            var slots = s_slots;
            var index = Array.IndexOf(slots, null);
            if (index < 0)
            {
                index = slots.Length;
                Array.Resize(ref slots, slots.Length * 2);
            }

            // A nonzero tag keeps every handle nonzero; a new one per use of the slot keeps a freed
            // handle from resolving to the runtime that took its slot.
            uint tag;
            do
            {
                tag = BitConverter.ToUInt32(RandomNumberGenerator.GetBytes(sizeof(uint)));
            }
            while (tag == 0);

            var handle = (nint)(((ulong)tag << 32) | (uint)index);
            slots[index] = new Entry(handle, runtime);
            Volatile.Write(ref s_slots, slots);
            return handle;
        }
    }

    public static OxydeRuntime? Resolve(nint handle)
    {
        var slots = Volatile.Read(ref s_slots);
        var index = (uint)handle;
        return index < (uint)slots.Length && slots[index] is { } entry && entry.Handle == handle ? entry.Runtime : null;
    }

    /// <summary>Takes the runtime out of the table; null when <paramref name="handle"/> is not a live one.</summary>
    public static OxydeRuntime? Free(nint handle)
    {
        lock (Gate)
        {
            var slots = s_slots;
            var index = (uint)handle;
            if (index >= (uint)slots.Length || slots[index] is not { } entry || entry.Handle != handle)
            {
                return null;
            }

            slots[index] = null;
            return entry.Runtime;
        }
    }

    private sealed record Entry(nint Handle, OxydeRuntime Runtime);
}
