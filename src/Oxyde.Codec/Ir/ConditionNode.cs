namespace Oxyde.Codec.Ir;

/// <summary>
/// <c>{"type":"condition","field":"age","op":"gte","value":18}</c>. <see cref="Field"/> is the column
/// name; <see cref="ValueIndex"/> points into <see cref="IrQuery.Values"/> (for <c>in</c> the value is a
/// list, for <c>between</c> a two-item list, for <c>isnull</c> a bool).
/// </summary>
internal sealed record ConditionNode(string Field, LookupKind Lookup, int ValueIndex) : FilterNode;
