namespace Oxyde.Codec.Ir;

/// <summary><c>{"type":"func","name":"lower","args":[...]}</c>: a scalar function, rendered by the dialect.</summary>
internal sealed record FunctionExpr(SqlFunction Function, ValueList<Expr> Arguments) : Expr;
