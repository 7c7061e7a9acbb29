using Oxyde.Codec.Ir;

namespace Oxyde.Codec.Reader;

/// <summary>
/// <c>select</c> documents: output columns, joins, WHERE, GROUP BY/HAVING, ORDER BY, LIMIT/OFFSET,
/// locking and UNION branches. Subqueries are select documents too, read by the same code one level
/// deeper (their values join the outer document's value list).
/// </summary>
internal static partial class IrReader
{
    private static SelectQuery ReadSelect(ref WireReader reader, int count, ReadContext ctx, int depth)
    {
        var common = default(CommonFields);
        ValueList<SelectItem>? columns = null;
        bool columnsNeedTypes = false;
        JoinClause[] joins = [];
        FilterNode? filter = null, having = null;
        Expr[] groupBy = [];
        OrderTerm[] orderBy = [];
        int limit = -1, offset = -1;
        bool distinct = false, isCount = false, exists = false;
        LockClause? lockClause = null;
        UnionPart[] unions = [];
        for (int i = 0; i < count; i++)
        {
            ReadOnlySpan<byte> name = ReadKey(ref reader, "ir");
            if (name.SequenceEqual("columns"u8)) columns = ReadSelectItems(ref reader, ctx, depth, common.ColumnTypes, ref columnsNeedTypes);
            else if (name.SequenceEqual("filter_tree"u8)) filter = ReadOptionalFilter(ref reader, "filter_tree", ctx, depth);
            else if (name.SequenceEqual("order_by"u8)) orderBy = ReadOrderBy(ref reader, ctx, depth);
            else if (name.SequenceEqual("limit"u8)) limit = ReadOptionalCount(ref reader, "limit", ctx);
            else if (name.SequenceEqual("offset"u8)) offset = ReadOptionalCount(ref reader, "offset", ctx);
            else if (name.SequenceEqual("distinct"u8)) distinct = ReadFlag(ref reader, "distinct");
            else if (name.SequenceEqual("count"u8)) isCount = ReadFlag(ref reader, "count");
            else if (name.SequenceEqual("exists"u8)) exists = ReadFlag(ref reader, "exists");
            else if (name.SequenceEqual("joins"u8)) joins = ReadJoins(ref reader, ctx);
            else if (name.SequenceEqual("group_by"u8)) groupBy = ReadExprList(ref reader, "group_by", ctx, depth);
            else if (name.SequenceEqual("having"u8)) having = ReadOptionalFilter(ref reader, "having", ctx, depth);
            else if (name.SequenceEqual("lock"u8)) lockClause = ReadLock(ref reader);
            else if (name.SequenceEqual("union"u8)) unions = ReadUnions(ref reader, ctx, depth);
            else ReadCommonKey(ref reader, name, ctx, ref common);
        }

        if (isCount && exists)
        {
            throw Malformed("exists", "count and exists cannot both be true");
        }

        // Plain column names take their spec from column_types, which may come after them on the wire.
        ColumnTypeMap types = common.ColumnTypes ?? ColumnTypeMap.Empty;
        return new SelectQuery
        {
            Table = RequireTable(common),
            Model = common.Model,
            ColumnTypes = types,
            Columns = columnsNeedTypes ? WithTypes(columns!, types, joins) : columns ?? throw Missing("columns"),
            Joins = joins,
            Filter = filter,
            GroupBy = groupBy,
            Having = having,
            OrderBy = orderBy,
            LimitValue = limit,
            Limit = limit < 0 ? -1 : (long)ctx.Values[limit]!,
            OffsetValue = offset,
            Offset = offset < 0 ? -1 : (long)ctx.Values[offset]!,
            Distinct = distinct,
            Result = isCount ? SelectResult.Count : exists ? SelectResult.Exists : SelectResult.Rows,
            Lock = lockClause,
            Unions = unions,
            Values = ctx.Values,
        };
    }

    /// <summary>A nested select document (subquery, union branch): a map whose <c>type</c> is <c>select</c>.</summary>
    private static SelectQuery ReadNestedSelect(ref WireReader reader, string key, ReadContext ctx, int depth)
    {
        if (depth > MaxDepth)
        {
            throw TooDeep(key);
        }

        if (PeekHeader(reader, key, requireProto: false) != QueryKind.Select)
        {
            throw Malformed(key, "a nested query must be a select");
        }

        int count = ReadMapHeader(ref reader, key);
        return ReadSelect(ref reader, count, ctx, depth);
    }

    /// <summary>
    /// <c>columns</c>: names of the table's columns, or <c>{"expr","as","type"}</c> items. When
    /// <paramref name="types"/> came first (Python sends it first) and the names are the table's
    /// columns in their order, the answer is the map's own list (no allocation, and one instance per
    /// model for the cache key to compare); otherwise each name takes its item from the map.
    /// <paramref name="needTypes"/> says that specs must be filled in once the whole document is read
    /// (<c>column_types</c> came later, or a joined column names no spec).
    /// </summary>
    private static ValueList<SelectItem> ReadSelectItems(
        ref WireReader reader, ReadContext ctx, int depth, ColumnTypeMap? types, ref bool needTypes)
    {
        int count = ReadArrayHeader(ref reader, "columns");
        ValueList<SelectItem>? all = types?.PlainItems;
        bool matching = all is not null && all.Count == count;
        SelectItem[]? items = null;
        needTypes = types is null;
        for (int i = 0; i < count; i++)
        {
            SelectItem item;
            if (reader.NextMessagePackType == MessagePack.MessagePackType.String)
            {
                string name = ReadName(ref reader, "columns");
                if (matching && string.Equals(all![i].Name, name, StringComparison.Ordinal))
                {
                    continue;
                }

                item = types?.PlainItem(name) ?? new SelectItem(name, new ColumnExpr(name), null);
            }
            else
            {
                item = ReadExpressionItem(ref reader, ctx, depth);
                needTypes |= item is { Type: null, Expr: ColumnExpr };
            }

            if (items is null)
            {
                items = new SelectItem[count];
                for (int j = 0; matching && j < i; j++)
                {
                    items[j] = all![j];
                }
            }

            matching = false;
            items[i] = item;
        }

        return matching ? all! : items ?? [];
    }

    private static SelectItem ReadExpressionItem(ref WireReader reader, ReadContext ctx, int depth)
    {
        int keys = ReadMapHeader(ref reader, "columns");
        string? alias = null;
        Expr? expr = null;
        ColumnType? type = null;
        for (int k = 0; k < keys; k++)
        {
            ReadOnlySpan<byte> name = ReadKey(ref reader, "columns");
            if (name.SequenceEqual("expr"u8)) expr = ReadExpr(ref reader, ctx, depth + 1);
            else if (name.SequenceEqual("as"u8)) alias = ReadName(ref reader, "as");
            else if (name.SequenceEqual("type"u8)) type = TryReadNil(ref reader, "type") ? null : ReadColumnType(ref reader, "type", ctx, 1);
            else throw UnknownKey("columns", name);
        }

        return new SelectItem(alias ?? throw Missing("as"), expr ?? throw Missing("expr"), type);
    }

    private static JoinClause[] ReadJoins(ref WireReader reader, ReadContext ctx)
    {
        if (TryReadNil(ref reader, "joins"))
        {
            return [];
        }

        var joins = new JoinClause[ReadArrayHeader(ref reader, "joins")];
        var aliases = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < joins.Length; i++)
        {
            int keys = ReadMapHeader(ref reader, "joins");
            string? alias = null, table = null, parent = null;
            JoinPair[]? on = null;
            bool inner = false;
            ColumnTypeMap types = ColumnTypeMap.Empty;
            for (int k = 0; k < keys; k++)
            {
                ReadOnlySpan<byte> name = ReadKey(ref reader, "joins");
                if (name.SequenceEqual("alias"u8)) alias = ReadName(ref reader, "alias");
                else if (name.SequenceEqual("table"u8)) table = ReadName(ref reader, "table");
                else if (name.SequenceEqual("parent"u8)) parent = TryReadNil(ref reader, "parent") ? null : ReadName(ref reader, "parent");
                else if (name.SequenceEqual("on"u8)) on = ReadJoinPairs(ref reader);
                else if (name.SequenceEqual("inner"u8)) inner = ReadFlag(ref reader, "inner");
                else if (name.SequenceEqual("column_types"u8)) types = ReadColumnTypes(ref reader, ctx);
                else if (name.SequenceEqual("model"u8)) Skip(ref reader, "model", 2); // error messages name the query's own model
                else throw UnknownKey("joins", name);
            }

            if (alias is null)
            {
                throw Missing("alias");
            }

            if (!aliases.Add(alias))
            {
                throw Malformed("joins", $"alias '{alias}' is used twice");
            }

            if (parent is not null && !aliases.Contains(parent))
            {
                throw Malformed("parent", $"join '{alias}' names parent '{parent}' before it is joined");
            }

            joins[i] = new JoinClause(alias, table ?? throw Missing("table"), parent, on ?? throw Missing("on"), inner, types);
        }

        return joins;
    }

    private static JoinPair[] ReadJoinPairs(ref WireReader reader)
    {
        var pairs = new JoinPair[ReadArrayHeader(ref reader, "on")];
        if (pairs.Length == 0)
        {
            throw Malformed("on", "a join needs at least one column pair");
        }

        for (int i = 0; i < pairs.Length; i++)
        {
            if (ReadArrayHeader(ref reader, "on") != 2)
            {
                throw Malformed("on", "each pair is [parent_column, column]");
            }

            pairs[i] = new JoinPair(ReadName(ref reader, "on"), ReadName(ref reader, "on"));
        }

        return pairs;
    }

    /// <summary><c>order_by</c>: <c>[column, "asc"|"desc"]</c> or <c>[{expression}, direction]</c> terms.</summary>
    private static OrderTerm[] ReadOrderBy(ref WireReader reader, ReadContext ctx, int depth)
    {
        if (TryReadNil(ref reader, "order_by"))
        {
            return [];
        }

        var terms = new OrderTerm[ReadArrayHeader(ref reader, "order_by")];
        for (int i = 0; i < terms.Length; i++)
        {
            if (ReadArrayHeader(ref reader, "order_by") != 2)
            {
                throw Malformed("order_by", "each term is [column, direction]");
            }

            Expr expr = reader.NextMessagePackType == MessagePack.MessagePackType.Map
                ? ReadExpr(ref reader, ctx, depth + 1)
                : new ColumnExpr(ReadName(ref reader, "order_by"));
            ReadOnlySpan<byte> direction = ReadToken(ref reader, "order_by");
            bool descending = direction.SequenceEqual("desc"u8) || direction.SequenceEqual("DESC"u8);
            if (!descending && !direction.SequenceEqual("asc"u8) && !direction.SequenceEqual("ASC"u8))
            {
                throw Unknown("order_by", direction);
            }

            terms[i] = new OrderTerm(expr, descending);
        }

        return terms;
    }

    private static Expr[] ReadExprList(ref WireReader reader, string key, ReadContext ctx, int depth)
    {
        if (TryReadNil(ref reader, key))
        {
            return [];
        }

        var items = new Expr[ReadArrayHeader(ref reader, key)];
        for (int i = 0; i < items.Length; i++)
        {
            items[i] = reader.NextMessagePackType == MessagePack.MessagePackType.String
                ? new ColumnExpr(ReadName(ref reader, key))
                : ReadExpr(ref reader, ctx, depth + 1);
        }

        return items;
    }

    private static LockClause? ReadLock(ref WireReader reader)
    {
        if (TryReadNil(ref reader, "lock"))
        {
            return null;
        }

        int keys = ReadMapHeader(ref reader, "lock");
        bool? share = null;
        bool noWait = false, skipLocked = false;
        for (int k = 0; k < keys; k++)
        {
            ReadOnlySpan<byte> name = ReadKey(ref reader, "lock");
            if (name.SequenceEqual("mode"u8))
            {
                ReadOnlySpan<byte> mode = ReadToken(ref reader, "mode");
                share = mode.SequenceEqual("share"u8) ? true : mode.SequenceEqual("update"u8) ? false : throw Unknown("mode", mode);
            }
            else if (name.SequenceEqual("nowait"u8)) noWait = ReadFlag(ref reader, "nowait");
            else if (name.SequenceEqual("skip_locked"u8)) skipLocked = ReadFlag(ref reader, "skip_locked");
            else throw UnknownKey("lock", name);
        }

        if (noWait && skipLocked)
        {
            throw Malformed("lock", "nowait and skip_locked cannot both be true");
        }

        return new LockClause(share ?? throw Missing("mode"), noWait, skipLocked);
    }

    private static UnionPart[] ReadUnions(ref WireReader reader, ReadContext ctx, int depth)
    {
        if (TryReadNil(ref reader, "union"))
        {
            return [];
        }

        var parts = new UnionPart[ReadArrayHeader(ref reader, "union")];
        for (int i = 0; i < parts.Length; i++)
        {
            int keys = ReadMapHeader(ref reader, "union");
            SelectQuery? query = null;
            bool all = false;
            for (int k = 0; k < keys; k++)
            {
                ReadOnlySpan<byte> name = ReadKey(ref reader, "union");
                if (name.SequenceEqual("query"u8)) query = ReadNestedSelect(ref reader, "query", ctx, depth + 1);
                else if (name.SequenceEqual("all"u8)) all = ReadFlag(ref reader, "all");
                else throw UnknownKey("union", name);
            }

            parts[i] = new UnionPart(query ?? throw Missing("query"), all);
        }

        return parts;
    }

    /// <summary>
    /// limit/offset: an int or nil (absent, index -1). The number itself is also kept in the query
    /// (part of its cache key): a dialect may write it into the SQL as a literal (SQLite, see
    /// docs/dialects.md), and the reader does not know the dialect.
    /// </summary>
    private static int ReadOptionalCount(ref WireReader reader, string key, ReadContext ctx)
    {
        if (TryReadNil(ref reader, key))
        {
            return -1;
        }

        long value = ReadInt64(ref reader, key);
        if (value < 0)
        {
            throw Malformed(key, "must not be negative");
        }

        return ctx.AddValue(value);
    }

    /// <summary>
    /// The items with their specs, once the whole document is read: a plain name's from
    /// <c>column_types</c>, a column with no spec from its table (the query's or its join's).
    /// </summary>
    private static ValueList<SelectItem> WithTypes(ValueList<SelectItem> columns, ColumnTypeMap types, JoinClause[] joins)
    {
        var items = new SelectItem[columns.Count];
        for (int i = 0; i < items.Length; i++)
        {
            items[i] = columns[i] switch
            {
                { Type: null, Expr: ColumnExpr { Table: { } alias } column } item => item with { Type = JoinedType(joins, alias, column.Column) },
                { Type: null, IsPlainColumn: true } item => types.PlainItem(item.Name) ?? item,
                { Type: null, Expr: ColumnExpr { Table: null } column } item => item with { Type = types.TryGetValue(column.Column, out var type) ? type : null },
                var item => item,
            };
        }

        return items;
    }

    private static ColumnType? JoinedType(JoinClause[] joins, string alias, string column)
    {
        foreach (var join in joins)
        {
            if (join.Alias == alias)
            {
                return join.ColumnTypes.TryGetValue(column, out var type) ? type : null;
            }
        }

        throw Malformed("columns", $"column '{column}' names table '{alias}', which the query does not join");
    }
}
