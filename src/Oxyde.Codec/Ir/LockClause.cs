namespace Oxyde.Codec.Ir;

/// <summary><c>{"mode":"update"|"share","nowait":false,"skip_locked":false}</c>: <c>FOR UPDATE</c> / <c>FOR SHARE</c>.</summary>
internal sealed record LockClause(bool Share, bool NoWait, bool SkipLocked);
