namespace Oxyde.Codec.Ir;

/// <summary><c>{"type":"value","value":...}</c>, or a plain entry of update <c>values</c>.</summary>
internal sealed record ValueExpr(int ValueIndex) : Expr;
