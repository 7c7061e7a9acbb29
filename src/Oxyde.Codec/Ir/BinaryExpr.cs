namespace Oxyde.Codec.Ir;

/// <summary><c>{"type":"binary","op":"add","left":...,"right":...}</c>.</summary>
internal sealed record BinaryExpr(ArithmeticOp Op, Expr Left, Expr Right) : Expr;
