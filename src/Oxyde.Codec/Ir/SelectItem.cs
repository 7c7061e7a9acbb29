namespace Oxyde.Codec.Ir;

/// <summary>
/// One output column: a name (the result's column name and the SQL alias), what it computes, and its
/// spec (null: decoded by the value's storage type). <c>"title"</c> on the wire is the table's column
/// with its spec; <c>{"expr":{...},"as":"author__name","type":{spec}}</c> anything else.
/// </summary>
internal sealed record SelectItem(string Name, Expr Expr, ColumnType? Type)
{
    /// <summary>Whether this is the query table's column under its own name (written without an alias).</summary>
    public bool IsPlainColumn => Expr is ColumnExpr { Table: null } column && column.Column == Name;
}
