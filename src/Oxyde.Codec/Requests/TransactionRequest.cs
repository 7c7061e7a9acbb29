namespace Oxyde.Codec.Requests;

/// <summary>
/// <c>{"pool":"default"}</c> for begin; <c>{"tx":7}</c> for commit/rollback;
/// <c>{"tx":7,"savepoint":"sp_1"}</c> for savepoint/release/rollback_to.
/// </summary>
internal sealed record TransactionRequest(string? Pool, long? Tx, string? Savepoint);
