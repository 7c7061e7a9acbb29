using Oxyde.Codec.Ir;

namespace Oxyde.Query;

/// <summary>SELECT: rows, COUNT(*) and EXISTS, with joins, grouping, locking and UNION.</summary>
internal sealed partial class SqlGenerator
{
    private SqlTemplate Select(SqlWriter w, SelectQuery query)
    {
        switch (query.Result)
        {
            case SelectResult.Count:
                w.Append("SELECT COUNT(*) AS ").Identifier("count").Append(" FROM ");
                if (query.Distinct || HasLimitOrOffset(query) || query.GroupBy.Count > 0 || query.Unions.Count > 0)
                {
                    // COUNT over a page, distinct rows, groups or a union needs the rows first.
                    w.Append('(');
                    AppendSelect(w, query, selectOne: !query.Distinct && query.GroupBy.Count == 0 && query.Unions.Count == 0);
                    w.Append(") AS ").Identifier("subquery");
                }
                else
                {
                    AppendFrom(w, query);
                    AppendWhere(w, new Scope(query), query.Filter);
                }

                break;
            case SelectResult.Exists:
                w.Append("SELECT EXISTS(");
                AppendSelect(w, query, selectOne: !query.Distinct && query.Unions.Count == 0);
                w.Append(") AS ").Identifier("exists");
                break;
            default:
                AppendSelect(w, query, selectOne: false);
                break;
        }

        return w.Finish();
    }

    /// <summary>
    /// <c>SELECT [DISTINCT] items FROM t [JOIN ...] [WHERE] [GROUP BY] [HAVING] [UNION ...] [ORDER BY]
    /// [LIMIT/OFFSET] [FOR UPDATE]</c>. Inside COUNT/EXISTS (<paramref name="selectOne"/>) the items
    /// become <c>1</c> and ORDER BY is kept only when a LIMIT/OFFSET makes the order matter.
    /// </summary>
    private void AppendSelect(SqlWriter w, SelectQuery query, bool selectOne)
    {
        var scope = new Scope(query);
        AppendSelectCore(w, query, scope, selectOne);
        foreach (var union in query.Unions)
        {
            w.Append(union.All ? " UNION ALL " : " UNION ");
            var part = union.Query;
            if (part.OrderBy.Count > 0 || HasLimitOrOffset(part) || part.Lock is not null || part.Unions.Count > 0)
            {
                throw dialect.Unsupported("a union branch with its own ordering, slicing, locking or unions");
            }

            AppendSelectCore(w, part, new Scope(part), selectOne);
        }

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
                if (query.Unions.Count > 0)
                {
                    // A union is ordered by its output columns.
                    w.Identifier(term.Expr is ColumnExpr column ? column.Column : throw dialect.Unsupported("ordering a union by an expression"));
                }
                else
                {
                    AppendCompared(w, scope, term.Expr, TypeOf(scope, term.Expr), null);
                }

                w.Append(term.Descending ? " DESC" : " ASC");
            }
        }

        dialect.AppendLimitOffset(w, query.LimitValue, query.OffsetValue, query.Values);
        if (query.Lock is { } lockClause)
        {
            dialect.AppendLock(w, lockClause);
        }
    }

    /// <summary>One SELECT without ORDER BY, LIMIT or locking (a union branch, or the query itself).</summary>
    private void AppendSelectCore(SqlWriter w, SelectQuery query, Scope scope, bool selectOne)
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

            AppendItems(w, query, scope);
        }

        w.Append(" FROM ");
        AppendFrom(w, query);
        AppendWhere(w, scope, query.Filter);
        if (query.GroupBy.Count > 0)
        {
            w.Append(" GROUP BY ");
            for (var i = 0; i < query.GroupBy.Count; i++)
            {
                if (i > 0)
                {
                    w.Append(", ");
                }

                AppendExpr(w, scope, query.GroupBy[i], null, null);
            }
        }

        AppendWhere(w, scope, query.Having, " HAVING ");
    }

    private void AppendItems(SqlWriter w, SelectQuery query, Scope scope)
    {
        for (var i = 0; i < query.Columns.Count; i++)
        {
            if (i > 0)
            {
                w.Append(", ");
            }

            var item = query.Columns[i];
            if (item.IsPlainColumn && !scope.Qualified)
            {
                w.Identifier(item.Name);
                continue;
            }

            AppendExpr(w, scope, item.Expr, item.Type ?? TypeOf(scope, item.Expr), item.Name);
            if (!item.IsPlainColumn)
            {
                w.Append(" AS ").Identifier(item.Name);
            }
        }
    }

    /// <summary>The table and its joins: <c>"posts" LEFT JOIN "authors" AS "author" ON "author"."id" = "posts"."author_id"</c>.</summary>
    private void AppendFrom(SqlWriter w, SelectQuery query)
    {
        w.Identifier(query.Table);
        foreach (var join in query.Joins)
        {
            w.Append(join.Inner ? " INNER JOIN " : " LEFT JOIN ").Identifier(join.Table).Append(" AS ").Identifier(join.Alias).Append(" ON ");
            for (var i = 0; i < join.On.Count; i++)
            {
                if (i > 0)
                {
                    w.Append(" AND ");
                }

                var pair = join.On[i];
                w.Identifier(join.Alias).Append('.').Identifier(pair.Column).Append(" = ").Identifier(join.Parent ?? query.Table).Append('.').Identifier(pair.ParentColumn);
            }
        }
    }

    private static bool HasLimitOrOffset(SelectQuery query) => query.LimitValue >= 0 || query.OffsetValue >= 0;
}
