namespace Oxyde.Codec.Ir;

/// <summary>One <c>WHEN condition THEN result</c> of a <see cref="CaseExpr"/>.</summary>
internal sealed record WhenClause(FilterNode Condition, Expr Result);
