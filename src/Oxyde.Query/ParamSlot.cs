using Oxyde.Codec.Ir;

namespace Oxyde.Query;

/// <summary>
/// One placeholder of a <see cref="SqlTemplate"/>: where its value lives and how to bind it.
/// </summary>
/// <param name="ValueIndex">Index into <see cref="IrQuery.Values"/>.</param>
/// <param name="Element">-1 for the whole value, else the index into a list value (<c>in</c>, <c>between</c>).</param>
/// <param name="Transform">Rewrite applied to the wire value first (LIKE patterns).</param>
/// <param name="Type">The column spec that drives conversion; null binds by the wire type.</param>
/// <param name="Column">The column (or <c>limit</c>/<c>offset</c>) named in conversion errors.</param>
internal readonly record struct ParamSlot(int ValueIndex, int Element, ParamTransform Transform, ColumnType? Type, string? Column);
