namespace Oxyde.Codec.Ir;

/// <summary>
/// <c>{"alias":"author","table":"authors","parent":null,"on":[["author_id","id"]],"inner":false,
/// "column_types":{...},"model":"app.Author"}</c>: <c>LEFT JOIN</c> (or <c>INNER</c>) of <see cref="Table"/>
/// as <see cref="Alias"/>, on each pair's parent column (of <see cref="Parent"/>, another join's alias,
/// or the query's table when null) equal to the pair's column of this table.
/// </summary>
internal sealed record JoinClause(string Alias, string Table, string? Parent, ValueList<JoinPair> On, bool Inner, ColumnTypeMap ColumnTypes);
