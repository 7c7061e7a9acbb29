namespace Oxyde.Codec.Requests;

/// <summary>
/// The SQL standard isolation levels a transaction may ask for (<c>"isolation"</c> of <c>tx_begin</c>:
/// <c>read_uncommitted read_committed repeatable_read serializable</c>). A database may run a level
/// stricter than asked, as the standard allows; docs/dialects.md says which does what.
/// </summary>
internal enum TransactionIsolation
{
    ReadUncommitted,
    ReadCommitted,
    RepeatableRead,
    Serializable,
}
