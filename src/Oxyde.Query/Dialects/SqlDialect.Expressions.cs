using Oxyde.Codec.Ir;

namespace Oxyde.Query.Dialects;

/// <summary>
/// How values of a kind compare, order and compute: by default the database's own operators, which
/// are right wherever the kind has a native type. A dialect that stores a kind as text overrides
/// these so comparisons follow the value, not the spelling (SQLite: decimals, aware datetimes).
/// </summary>
internal abstract partial class SqlDialect
{
    /// <summary>
    /// The collation that compares stored values of <paramref name="type"/> by value, or null for the
    /// column's own (https://www.sqlite.org/datatype3.html#collation).
    /// </summary>
    protected virtual string? ComparisonCollation(ColumnType type) => null;

    /// <summary>
    /// The SQL function computing <paramref name="op"/> exactly for a value assigned to a column of
    /// <paramref name="type"/>, called as <c>f(left, right)</c>, or null for the plain operator.
    /// </summary>
    public virtual string? ArithmeticFunction(ArithmeticOp op, ColumnType? type) => null;

    /// <summary>The SQL function negating a value of <paramref name="type"/> exactly, or null for <c>-x</c>.</summary>
    public virtual string? NegationFunction(ColumnType? type) => null;

    /// <summary>
    /// The SQL function <c>f(value, scale)</c> that rounds a computed value to the scale of a column of
    /// <paramref name="type"/> before it is stored, or null where the column type rounds by itself.
    /// </summary>
    public virtual string? RoundToScaleFunction(ColumnType? type) => null;

    /// <summary>
    /// After a column, as a comparison, IN, BETWEEN, MIN/MAX or ORDER BY term sees it: <c> COLLATE name</c>
    /// where <see cref="ComparisonCollation"/> names one for its kind, else nothing.
    /// </summary>
    public void AppendComparison(SqlWriter writer, ColumnType? type)
    {
        if (type is not null && ComparisonCollation(type) is { } collation)
        {
            writer.Append(" COLLATE ").Append(collation);
        }
    }
}
