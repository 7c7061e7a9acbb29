using Oxyde.Codec.Errors;
using Oxyde.Codec.Ir;

namespace Oxyde.Query;

/// <summary>
/// The tables an expression can name: the statement's own table and, for a select, its joins. Columns
/// are written qualified (<c>"posts"."title"</c>, <c>"author"."name"</c>) once a select joins anything,
/// and bare otherwise, so the SQL of a one-table query is what it always was.
/// </summary>
internal readonly record struct Scope(IrQuery Query)
{
    private SelectQuery? Select => Query as SelectQuery;

    public bool Qualified => Select is { Joins.Count: > 0 };

    /// <summary>The spec of <paramref name="column"/>; an alias that is not joined is an error.</summary>
    public ColumnType? TypeOf(ColumnExpr column)
    {
        if (column.Table is null)
        {
            return Query.ColumnTypes.TryGetValue(column.Column, out var type) ? type : null;
        }

        if (Select is { } select)
        {
            foreach (var join in select.Joins)
            {
                if (join.Alias == column.Table)
                {
                    return join.ColumnTypes.TryGetValue(column.Column, out var type) ? type : null;
                }
            }
        }

        throw new OxydeException(
            ErrorCode.IrMalformed,
            $"column '{column.Column}' names table '{column.Table}', which the query does not join",
            new Dictionary<string, string> { ["key"] = "table", ["value"] = column.Table });
    }

    public void AppendColumn(SqlWriter w, ColumnExpr column)
    {
        if (column.Table is { } alias)
        {
            _ = TypeOf(column); // checks the alias
            w.Identifier(alias).Append('.');
        }
        else if (Qualified)
        {
            w.Identifier(Query.Table).Append('.');
        }

        w.Identifier(column.Column);
    }
}
