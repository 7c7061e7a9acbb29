namespace Oxyde.Codec.Ir;

/// <summary>
/// An insert's <c>rows</c>: <see cref="Count"/> rows of <see cref="Width"/> values each, stored one
/// after the other in <see cref="IrQuery.Values"/> from <see cref="FirstValue"/> on (the reader appends
/// them in wire order). The row count changes the SQL (one VALUES tuple per row); the cells do not.
/// </summary>
internal sealed record InsertRows(int Count, int Width, int FirstValue)
{
    /// <summary>Index into <see cref="IrQuery.Values"/> of row <paramref name="row"/>'s <paramref name="column"/>-th value.</summary>
    public int ValueIndex(int row, int column) => FirstValue + (row * Width) + column;
}
