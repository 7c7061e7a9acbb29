namespace Oxyde.Driver;

/// <summary>Verb numbers of <c>oxyde_submit</c> (docs/native-abi.md); contiguous, so <see cref="OxydeRuntime.Dispatch"/> range-checks them.</summary>
public enum RuntimeVerb
{
    PoolOpen = 1,
    PoolClose = 2,
    Execute = 3,
    RenderSql = 4,
    TxBegin = 5,
    TxCommit = 6,
    TxRollback = 7,
    TxSavepoint = 8,
    TxRelease = 9,
    TxRollbackTo = 10,
    CursorOpen = 11,
    CursorFetch = 12,
    CursorClose = 13,
}
