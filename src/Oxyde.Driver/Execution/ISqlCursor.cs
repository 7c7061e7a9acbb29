using MessagePack;
using Oxyde.Codec.Ir;

namespace Oxyde.Driver.Execution;

/// <summary>
/// One executed statement whose rows are read forward once: the part of a backend the shared
/// executor (<see cref="SqlExecutor"/>) reads results through. The provider converts its own column
/// values to MessagePack (docs/ir-protocol.md, "Values by kind"); the executor writes the result map
/// around them.
/// </summary>
internal interface ISqlCursor : IDisposable
{
    int ColumnCount { get; }

    string ColumnName(int ordinal);

    /// <summary>
    /// Writes every remaining row as an array of <see cref="ColumnCount"/> values, each as its kind
    /// (<paramref name="kinds"/>[i], or by the database's own type where null or past the end);
    /// returns how many rows. A stored value its kind cannot hold exactly throws
    /// <see cref="ProviderException"/> before any of it is written.
    /// </summary>
    int WriteRows(ref MessagePackWriter writer, scoped ReadOnlySpan<ColumnTypeKind?> kinds);

    /// <summary>
    /// Like the overload above, but stops after <paramref name="limit"/> rows, leaving the rest
    /// for the next call (a streaming cursor's chunk); fewer than <paramref name="limit"/> means the rows ran out.
    /// </summary>
    int WriteRows(ref MessagePackWriter writer, scoped ReadOnlySpan<ColumnTypeKind?> kinds, int limit);

    /// <summary>The first column of the next row as an integer (COUNT, EXISTS), or null when there is no row.</summary>
    long? ReadInt64();

    /// <summary>
    /// Reads past any remaining rows and returns the rows the statement changed: 0 for a statement
    /// that reads or changes nothing (DDL). Called at most once, last.
    /// </summary>
    long Complete();
}
