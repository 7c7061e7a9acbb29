namespace Oxyde.Codec.Ir;

/// <summary>
/// <c>on_conflict</c> of an insert (an upsert): a row whose <see cref="Columns"/> collide with a stored
/// row's unique key updates that row's <see cref="Update"/> columns to the new row's values instead of
/// failing; with no <see cref="Update"/> columns the stored row is left as it is (DO NOTHING).
/// </summary>
internal sealed record OnConflict(ValueList<string> Columns, ValueList<string> Update);
