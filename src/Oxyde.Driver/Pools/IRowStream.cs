using MessagePack;
using Oxyde.Driver.Buffers;

namespace Oxyde.Driver.Pools;

/// <summary>
/// A select's rows read in chunks, over many calls, from a statement left open on its session
/// (<see cref="IConnectionSession.OpenStream"/>): what a streaming cursor reads from. Not thread-safe;
/// its owner runs one call at a time.
/// </summary>
internal interface IRowStream : IDisposable
{
    /// <summary>The result's column names, as a select's result map has them.</summary>
    IReadOnlyList<string> Columns { get; }

    /// <summary>Whether the rows ran out (the last chunk held fewer than asked for).</summary>
    bool Done { get; }

    /// <summary>Whether it was closed, by its owner or by its session (its transaction ended).</summary>
    bool Closed { get; }

    /// <summary>Writes up to <paramref name="limit"/> more rows as one array; returns how many.</summary>
    int WriteChunk(ref MessagePackWriter writer, PooledBufferWriter output, int limit);
}
