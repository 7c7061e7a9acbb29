namespace Oxyde.Codec.Ir;

/// <summary><c>{"type":"case","whens":[{"when":&lt;node&gt;,"then":&lt;expr&gt;}],"else":&lt;expr&gt;|nil}</c>.</summary>
internal sealed record CaseExpr(ValueList<WhenClause> Whens, Expr? Else) : Expr;
