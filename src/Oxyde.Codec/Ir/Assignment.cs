namespace Oxyde.Codec.Ir;

/// <summary>One <c>SET column = expression</c> item.</summary>
internal sealed record Assignment(string Column, Expr Value);
