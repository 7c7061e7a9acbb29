namespace Oxyde.Codec.Ir;

/// <summary>
/// <c>{"type":"column","name":"views"}</c>, or <c>{"type":"column","table":"author","name":"age"}</c> for
/// a column of a joined table (<see cref="Table"/> is the join's alias; null is the query's own table).
/// </summary>
internal sealed record ColumnExpr(string Column, string? Table = null) : Expr;
