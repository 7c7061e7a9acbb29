using System.Runtime.InteropServices;
using Oxyde.Driver;

namespace Oxyde.Native;

/// <summary>Hands result bytes to the caller in a buffer it frees with <c>oxyde_buffer_free</c>.</summary>
internal static unsafe class NativeBuffers
{
    public static int Hand(DispatchResult result, byte** output, nuint* outputLength)
    {
        Hand(result.Bytes, output, outputLength);
        return result.Status;
    }

    public static void Hand(ReadOnlySpan<byte> bytes, byte** output, nuint* outputLength)
    {
        if (output == null)
        {
            return;
        }

        var buffer = (byte*)NativeMemory.Alloc((nuint)Math.Max(bytes.Length, 1));
        bytes.CopyTo(new Span<byte>(buffer, bytes.Length));
        *output = buffer;
        if (outputLength != null)
        {
            *outputLength = (nuint)bytes.Length;
        }
    }

    /// <summary>Status 1 with an error envelope for an exception caught at the boundary.</summary>
    public static int Fail(Exception exception, byte** output, nuint* outputLength)
    {
        try
        {
            Hand(OxydeRuntime.EnvelopeOf(exception), output, outputLength);
        }
        catch
        {
            // Nothing may cross into the host process; the status still says it failed.
        }

        return RuntimeStatus.Error;
    }

    /// <summary>Status 2 (bad arguments) with an error envelope when <paramref name="output"/> is usable.</summary>
    public static int BadArguments(string message, byte** output, nuint* outputLength)
    {
        Hand(OxydeRuntime.EnvelopeOf(new ArgumentException(message)), output, outputLength);
        return RuntimeStatus.BadArguments;
    }
}
