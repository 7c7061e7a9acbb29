namespace Oxyde.Codec.Ir;

/// <summary>One ORDER BY key: <c>["created_at", "desc"]</c>, or <c>[{expression}, "asc"]</c> on the wire.</summary>
internal sealed record OrderTerm(Expr Expr, bool Descending);
