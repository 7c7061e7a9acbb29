using Oxyde.Codec.Ir;

namespace Oxyde.Query;

/// <summary>SELECT: rows, COUNT(*) and EXISTS.</summary>
internal sealed partial class SqlGenerator
{
    private SqlTemplate Select(SqlWriter w, SelectQuery query)
    {
        switch (query.Result)
        {
            case SelectResult.Count:
                w.Append("SELECT COUNT(*) AS ").Identifier("count").Append(" FROM ");
                if (query.Distinct || HasLimitOrOffset(query))
                {
                    // COUNT over a page or over distinct rows needs the rows first.
                    w.Append('(');
                    AppendSelect(w, query, selectOne: !query.Distinct);
                    w.Append(") AS ").Identifier("subquery");
                }
                else
                {
                    w.Identifier(query.Table);
                    AppendWhere(w, query, query.Filter);
                }

                break;
            case SelectResult.Exists:
                w.Append("SELECT EXISTS(");
                AppendSelect(w, query, selectOne: !query.Distinct);
                w.Append(") AS ").Identifier("exists");
                break;
            default:
                AppendSelect(w, query, selectOne: false);
                break;
        }

        return w.Finish();
    }

    /// <summary>
    /// <c>SELECT [DISTINCT] cols FROM t [WHERE] [ORDER BY] [LIMIT/OFFSET]</c>. Inside COUNT/EXISTS
    /// (<paramref name="selectOne"/>) the columns become <c>1</c> and ORDER BY is kept only when a
    /// LIMIT/OFFSET makes the order matter.
    /// </summary>
    private void AppendSelect(SqlWriter w, SelectQuery query, bool selectOne)
    {
        w.Append("SELECT ");
        if (selectOne)
        {
            w.Append('1');
        }
        else
        {
            if (query.Distinct)
            {
                w.Append("DISTINCT ");
            }

            if (query.Columns.Count == 0)
            {
                w.Append('*');
            }
            else
            {
                w.Identifiers(query.Columns);
            }
        }

        w.Append(" FROM ").Identifier(query.Table);
        AppendWhere(w, query, query.Filter);
        var orderMatters = query.Result == SelectResult.Rows || HasLimitOrOffset(query);
        if (orderMatters && query.OrderBy.Count > 0)
        {
            w.Append(" ORDER BY ");
            for (var i = 0; i < query.OrderBy.Count; i++)
            {
                if (i > 0)
                {
                    w.Append(", ");
                }

                var term = query.OrderBy[i];
                AppendCompared(w, term.Column, TypeOf(query, term.Column)).Append(term.Descending ? " DESC" : " ASC");
            }
        }

        dialect.AppendLimitOffset(w, query.LimitValue, query.OffsetValue, query.Values);
    }

    private static bool HasLimitOrOffset(SelectQuery query) => query.LimitValue >= 0 || query.OffsetValue >= 0;
}
