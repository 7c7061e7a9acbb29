namespace Oxyde.Codec.Ir;

/// <summary>
/// <c>{"type":"condition","field":"age","op":"gte","value":18}</c>; <c>"table"</c> names a joined table's
/// alias, <c>"lhs"</c> an expression in place of the column, <c>"rhs"</c> an expression in place of the
/// value (<c>F("likes") * 2</c>, a subquery for <c>in</c>). <see cref="ValueIndex"/> points into
/// <see cref="IrQuery.Values"/> (-1 with a <see cref="Right"/>); <see cref="Shape"/> and
/// <see cref="ListLength"/> are what of the value changes the SQL.
/// </summary>
internal sealed record ConditionNode(Expr Subject, LookupKind Lookup, int ValueIndex, ValueShape Shape, int ListLength, Expr? Right) : FilterNode;
