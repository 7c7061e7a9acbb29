namespace Oxyde.Codec.Ir;

/// <summary><c>{"type":"neg","operand":...}</c>: unary minus.</summary>
internal sealed record NegateExpr(Expr Operand) : Expr;
