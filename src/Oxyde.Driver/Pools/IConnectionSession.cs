using Oxyde.Codec.Ir;
using Oxyde.Codec.Requests;
using Oxyde.Driver.Buffers;

namespace Oxyde.Driver.Pools;

/// <summary>
/// One connection, as the executor sees it: it takes parsed IR, not SQL. SQL providers render through
/// Oxyde.Query; a document-database provider translates the same IR its own way (DESIGN §5).
/// </summary>
internal interface IConnectionSession : IDisposable
{
    bool InTransaction { get; }

    /// <summary>Runs <paramref name="query"/> and writes its result map to <paramref name="output"/>.</summary>
    void Execute(IrQuery query, PooledBufferWriter output);

    /// <summary>
    /// Runs <paramref name="query"/> on the caller's thread only if it can finish at once: no lock to
    /// wait for and within the provider's short time budget. False means it did not run (anything it
    /// began was rolled back, <paramref name="output"/> must be discarded) and belongs on a worker.
    /// </summary>
    bool TryExecuteInline(IrQuery query, PooledBufferWriter output);

    /// <summary>
    /// Runs <paramref name="query"/> (a select) and leaves it open: its rows are read in chunks
    /// (<see cref="IRowStream.WriteChunk"/>) until the stream is disposed. The session closes its
    /// streams before a commit or rollback, and before it goes back to the pool.
    /// </summary>
    IRowStream OpenStream(IrQuery query);

    /// <summary>
    /// Stops the statement running on this session, called from another thread (a cancelled ticket,
    /// a transaction past its deadline); the statement fails. A no-op when nothing runs.
    /// </summary>
    void Interrupt();

    /// <summary>Opens a transaction at <paramref name="isolation"/> (null: the database's default level).</summary>
    void Begin(TransactionIsolation? isolation);

    void Commit();

    void Rollback();

    void Savepoint(string name);

    void ReleaseSavepoint(string name);

    void RollbackToSavepoint(string name);
}
