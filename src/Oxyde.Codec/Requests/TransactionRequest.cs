namespace Oxyde.Codec.Requests;

/// <summary>
/// <c>{"pool":"default"}</c> for begin (optionally <c>"timeout"</c>: the transaction's deadline in seconds, and
/// <c>"isolation"</c>: a <see cref="TransactionIsolation"/> name); <c>{"tx":7}</c> for commit/rollback;
/// <c>{"tx":7,"savepoint":"sp_1"}</c> for savepoint/release/rollback_to.
/// </summary>
internal sealed record TransactionRequest(string? Pool, long? Tx, string? Savepoint, TimeSpan? Timeout = null, TransactionIsolation? Isolation = null);
