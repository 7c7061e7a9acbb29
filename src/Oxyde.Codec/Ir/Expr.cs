namespace Oxyde.Codec.Ir;

/// <summary>A value expression (the right side of an UPDATE's SET item).</summary>
internal abstract record Expr;
