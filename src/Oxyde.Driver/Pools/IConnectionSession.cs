using Oxyde.Codec.Ir;
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

    void Begin();

    void Commit();

    void Rollback();

    void Savepoint(string name);

    void ReleaseSavepoint(string name);

    void RollbackToSavepoint(string name);
}
