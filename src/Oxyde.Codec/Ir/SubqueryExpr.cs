namespace Oxyde.Codec.Ir;

/// <summary><c>{"type":"subquery","query":{select document}}</c>: a nested SELECT (for <c>in</c>, or one scalar value).</summary>
internal sealed record SubqueryExpr(SelectQuery Query) : Expr;
