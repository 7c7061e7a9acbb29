namespace Oxyde.Codec.Ir;

/// <summary><c>{"type":"column","name":"views"}</c>: <c>F("views")</c>.</summary>
internal sealed record ColumnExpr(string Column) : Expr;
