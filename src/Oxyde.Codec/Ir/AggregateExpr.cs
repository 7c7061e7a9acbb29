namespace Oxyde.Codec.Ir;

/// <summary>
/// <c>{"type":"agg","func":"count","arg":{...}|nil,"distinct":false}</c>; a nil argument is <c>COUNT(*)</c>.
/// </summary>
internal sealed record AggregateExpr(AggregateFunction Function, Expr? Argument, bool Distinct) : Expr;
