namespace Oxyde.Codec.Ir;

/// <summary>Binary operators of F expressions: <c>add sub mul div</c>.</summary>
internal enum ArithmeticOp
{
    Add,
    Sub,
    Mul,
    Div,
}
