using Oxyde.Codec.Ir;

namespace Oxyde.Codec.Reader;

/// <summary>Filter nodes (<c>filter_tree</c>, <c>having</c>, CASE conditions) and expressions.</summary>
internal static partial class IrReader
{
    private static FilterNode? ReadOptionalFilter(ref WireReader reader, string key, ReadContext ctx, int depth) =>
        TryReadNil(ref reader, key) ? null : ReadFilter(ref reader, ctx, depth);

    /// <summary>
    /// One node. Keys may come in any order, so every node key is read and the node is built from
    /// what was seen once the map ends.
    /// </summary>
    private static FilterNode ReadFilter(ref WireReader reader, ReadContext ctx, int depth)
    {
        if (depth > MaxDepth)
        {
            throw TooDeep("filter_tree");
        }

        int count = ReadMapHeader(ref reader, "filter_tree");
        char type = '\0';
        List<FilterNode>? children = null;
        FilterNode? child = null;
        string? field = null, table = null;
        Expr? lhs = null, rhs = null;
        SelectQuery? query = null;
        LookupKind? lookup = null;
        int valueIndex = -1;
        for (int i = 0; i < count; i++)
        {
            ReadOnlySpan<byte> name = ReadKey(ref reader, "filter_tree");
            if (name.SequenceEqual("type"u8))
            {
                ReadOnlySpan<byte> token = ReadToken(ref reader, "type");
                type = token.SequenceEqual("condition"u8) ? 'c'
                    : token.SequenceEqual("and"u8) ? 'a'
                    : token.SequenceEqual("or"u8) ? 'o'
                    : token.SequenceEqual("not"u8) ? 'n'
                    : token.SequenceEqual("exists"u8) ? 'e'
                    : throw Unknown("type", token);
            }
            else if (name.SequenceEqual("field"u8)) field = ReadName(ref reader, "field");
            else if (name.SequenceEqual("op"u8)) lookup = ParseLookup(ReadToken(ref reader, "op"));
            else if (name.SequenceEqual("value"u8)) valueIndex = ReadValueSlot(ref reader, "value", ctx);
            else if (name.SequenceEqual("children"u8)) children = ReadChildren(ref reader, ctx, depth);
            else if (name.SequenceEqual("child"u8)) child = ReadFilter(ref reader, ctx, depth + 1);
            else if (name.SequenceEqual("table"u8)) table = TryReadNil(ref reader, "table") ? null : ReadName(ref reader, "table");
            else if (name.SequenceEqual("lhs"u8)) lhs = ReadExpr(ref reader, ctx, depth + 1);
            else if (name.SequenceEqual("rhs"u8)) rhs = ReadExpr(ref reader, ctx, depth + 1);
            else if (name.SequenceEqual("query"u8)) query = ReadNestedSelect(ref reader, "query", ctx, depth + 1);
            else throw UnknownKey("filter_tree", name);
        }

        return type switch
        {
            'c' => BuildCondition(ctx, field, table, lhs, lookup, valueIndex, rhs),
            'a' => new AndNode(children ?? throw Missing("children")),
            'o' => new OrNode(children ?? throw Missing("children")),
            'n' => new NotNode(child ?? throw Missing("child")),
            'e' => new ExistsNode(query ?? throw Missing("query")),
            _ => throw Missing("type"),
        };
    }

    private static List<FilterNode> ReadChildren(ref WireReader reader, ReadContext ctx, int depth)
    {
        int count = ReadArrayHeader(ref reader, "children");
        var children = new List<FilterNode>(count);
        for (int i = 0; i < count; i++)
        {
            children.Add(ReadFilter(ref reader, ctx, depth + 1));
        }

        return children;
    }

    /// <summary>
    /// A condition: its subject (<c>field</c> with an optional join <c>table</c>, or an <c>lhs</c>
    /// expression), its lookup and either a <c>value</c> or an <c>rhs</c> expression. What of the value
    /// changes the SQL is recorded in the node (<see cref="ValueShape"/>).
    /// </summary>
    private static ConditionNode BuildCondition(
        ReadContext ctx, string? field, string? table, Expr? lhs, LookupKind? lookup, int valueIndex, Expr? rhs)
    {
        if (field is not null && lhs is not null)
        {
            throw Malformed("lhs", "a condition has a field or an lhs, not both");
        }

        Expr subject = lhs ?? new ColumnExpr(field ?? throw Missing("field"), table);
        if (lookup is not { } kind)
        {
            throw Missing("op");
        }

        if (rhs is not null)
        {
            if (valueIndex >= 0)
            {
                throw Malformed("rhs", "a condition has a value or an rhs, not both");
            }

            return kind switch
            {
                LookupKind.Eq or LookupKind.Ne or LookupKind.Gt or LookupKind.Gte or LookupKind.Lt or LookupKind.Lte => new ConditionNode(subject, kind, -1, ValueShape.Expression, 0, rhs),
                LookupKind.In when rhs is SubqueryExpr => new ConditionNode(subject, kind, -1, ValueShape.Expression, 0, rhs),
                _ => throw Malformed("rhs", $"lookup '{kind}' takes a value, not an expression"),
            };
        }

        if (valueIndex < 0)
        {
            throw Missing("value");
        }

        object? value = ctx.Values[valueIndex];
        switch (kind)
        {
            case LookupKind.In when value is not object[]:
                throw WrongType("value", "an array for 'in'");
            case LookupKind.Between when value is not object[] { Length: 2 }:
                throw WrongType("value", "a two-item array [low, high] for 'between'");
            case LookupKind.IsNull when value is not bool:
                throw WrongType("value", "a bool for 'isnull'");
        }

        return value switch
        {
            null => new ConditionNode(subject, kind, valueIndex, ValueShape.Null, 0, null),
            object[] items => new ConditionNode(subject, kind, valueIndex, ValueShape.List, items.Length, null),
            bool flag => new ConditionNode(subject, kind, valueIndex, flag ? ValueShape.True : ValueShape.False, 0, null),
            _ => new ConditionNode(subject, kind, valueIndex, ValueShape.Scalar, 0, null),
        };
    }

    private static LookupKind ParseLookup(ReadOnlySpan<byte> token) =>
        token.SequenceEqual("eq"u8) ? LookupKind.Eq
        : token.SequenceEqual("ne"u8) ? LookupKind.Ne
        : token.SequenceEqual("gt"u8) ? LookupKind.Gt
        : token.SequenceEqual("gte"u8) ? LookupKind.Gte
        : token.SequenceEqual("lt"u8) ? LookupKind.Lt
        : token.SequenceEqual("lte"u8) ? LookupKind.Lte
        : token.SequenceEqual("in"u8) ? LookupKind.In
        : token.SequenceEqual("between"u8) ? LookupKind.Between
        : token.SequenceEqual("isnull"u8) ? LookupKind.IsNull
        : token.SequenceEqual("contains"u8) ? LookupKind.Contains
        : token.SequenceEqual("icontains"u8) ? LookupKind.IContains
        : token.SequenceEqual("startswith"u8) ? LookupKind.StartsWith
        : token.SequenceEqual("istartswith"u8) ? LookupKind.IStartsWith
        : token.SequenceEqual("endswith"u8) ? LookupKind.EndsWith
        : token.SequenceEqual("iendswith"u8) ? LookupKind.IEndsWith
        : token.SequenceEqual("iexact"u8) ? LookupKind.IExact
        : token.SequenceEqual("regex"u8) ? LookupKind.Regex
        : token.SequenceEqual("iregex"u8) ? LookupKind.IRegex
        : throw Unknown("op", token);

    /// <summary>
    /// <c>{"type":"value"|"column"|"binary"|"neg"|"func"|"agg"|"case"|"raw"|"subquery", ...}</c>; like
    /// filter nodes, keys may come in any order.
    /// </summary>
    private static Expr ReadExpr(ref WireReader reader, ReadContext ctx, int depth)
    {
        if (depth > MaxDepth)
        {
            throw TooDeep("expressions");
        }

        int count = ReadMapHeader(ref reader, "expressions");
        char type = '\0';
        int valueIndex = -1;
        string? column = null, table = null, sql = null;
        ArithmeticOp? op = null;
        SqlFunction? function = null;
        AggregateFunction? aggregate = null;
        bool distinct = false, sawArg = false;
        Expr? left = null, right = null, operand = null, arg = null, otherwise = null;
        List<Expr>? args = null;
        List<WhenClause>? whens = null;
        int[]? parameters = null;
        SelectQuery? query = null;
        for (int i = 0; i < count; i++)
        {
            ReadOnlySpan<byte> name = ReadKey(ref reader, "expressions");
            if (name.SequenceEqual("type"u8))
            {
                ReadOnlySpan<byte> token = ReadToken(ref reader, "type");
                type = token.SequenceEqual("column"u8) ? 'c'
                    : token.SequenceEqual("value"u8) ? 'v'
                    : token.SequenceEqual("binary"u8) ? 'b'
                    : token.SequenceEqual("neg"u8) ? 'n'
                    : token.SequenceEqual("func"u8) ? 'f'
                    : token.SequenceEqual("agg"u8) ? 'g'
                    : token.SequenceEqual("case"u8) ? 'w'
                    : token.SequenceEqual("raw"u8) ? 'r'
                    : token.SequenceEqual("subquery"u8) ? 's'
                    : throw Unknown("type", token);
            }
            else if (name.SequenceEqual("name"u8))
            {
                // A column's name, or a function's.
                column = ReadName(ref reader, "name");
                function = ParseFunction(column);
            }
            else if (name.SequenceEqual("table"u8)) table = TryReadNil(ref reader, "table") ? null : ReadName(ref reader, "table");
            else if (name.SequenceEqual("value"u8)) valueIndex = ReadValueSlot(ref reader, "value", ctx);
            else if (name.SequenceEqual("op"u8)) op = ParseArithmetic(ReadToken(ref reader, "op"));
            else if (name.SequenceEqual("left"u8)) left = ReadExpr(ref reader, ctx, depth + 1);
            else if (name.SequenceEqual("right"u8)) right = ReadExpr(ref reader, ctx, depth + 1);
            else if (name.SequenceEqual("operand"u8)) operand = ReadExpr(ref reader, ctx, depth + 1);
            else if (name.SequenceEqual("args"u8)) args = ReadExprArray(ref reader, "args", ctx, depth);
            else if (name.SequenceEqual("func"u8)) aggregate = ParseAggregate(ReadToken(ref reader, "func"));
            else if (name.SequenceEqual("arg"u8))
            {
                sawArg = true;
                arg = TryReadNil(ref reader, "arg") ? null : ReadExpr(ref reader, ctx, depth + 1);
            }
            else if (name.SequenceEqual("distinct"u8)) distinct = ReadFlag(ref reader, "distinct");
            else if (name.SequenceEqual("whens"u8)) whens = ReadWhens(ref reader, ctx, depth);
            else if (name.SequenceEqual("else"u8)) otherwise = TryReadNil(ref reader, "else") ? null : ReadExpr(ref reader, ctx, depth + 1);
            else if (name.SequenceEqual("sql"u8)) sql = ReadString(ref reader, "sql");
            else if (name.SequenceEqual("params"u8)) parameters = ReadParams(ref reader, ctx);
            else if (name.SequenceEqual("query"u8)) query = ReadNestedSelect(ref reader, "query", ctx, depth + 1);
            else throw UnknownKey("expressions", name);
        }

        return type switch
        {
            'c' => new ColumnExpr(column ?? throw Missing("name"), table),
            'v' => valueIndex >= 0 ? new ValueExpr(valueIndex) : throw Missing("value"),
            'b' => new BinaryExpr(op ?? throw Missing("op"), left ?? throw Missing("left"), right ?? throw Missing("right")),
            'n' => new NegateExpr(operand ?? throw Missing("operand")),
            'f' => new FunctionExpr(function ?? throw (column is null ? Missing("name") : Unknown("name", column)), args ?? []),
            'g' => sawArg ? new AggregateExpr(aggregate ?? throw Missing("func"), arg, distinct) : throw Missing("arg"),
            'w' => whens is { Count: > 0 } ? new CaseExpr(whens, otherwise) : throw Missing("whens"),
            'r' => new RawSqlExpr(sql ?? throw Missing("sql"), parameters ?? []),
            's' => new SubqueryExpr(query ?? throw Missing("query")),
            _ => throw Missing("type"),
        };
    }

    private static List<Expr> ReadExprArray(ref WireReader reader, string key, ReadContext ctx, int depth)
    {
        int count = ReadArrayHeader(ref reader, key);
        var items = new List<Expr>(count);
        for (int i = 0; i < count; i++)
        {
            items.Add(ReadExpr(ref reader, ctx, depth + 1));
        }

        return items;
    }

    private static List<WhenClause> ReadWhens(ref WireReader reader, ReadContext ctx, int depth)
    {
        int count = ReadArrayHeader(ref reader, "whens");
        var whens = new List<WhenClause>(count);
        for (int i = 0; i < count; i++)
        {
            int keys = ReadMapHeader(ref reader, "whens");
            FilterNode? when = null;
            Expr? then = null;
            for (int k = 0; k < keys; k++)
            {
                ReadOnlySpan<byte> name = ReadKey(ref reader, "whens");
                if (name.SequenceEqual("when"u8)) when = ReadFilter(ref reader, ctx, depth + 1);
                else if (name.SequenceEqual("then"u8)) then = ReadExpr(ref reader, ctx, depth + 1);
                else throw UnknownKey("whens", name);
            }

            whens.Add(new WhenClause(when ?? throw Missing("when"), then ?? throw Missing("then")));
        }

        return whens;
    }

    private static ArithmeticOp ParseArithmetic(ReadOnlySpan<byte> token) =>
        token.SequenceEqual("add"u8) ? ArithmeticOp.Add
        : token.SequenceEqual("sub"u8) ? ArithmeticOp.Sub
        : token.SequenceEqual("mul"u8) ? ArithmeticOp.Mul
        : token.SequenceEqual("div"u8) ? ArithmeticOp.Div
        : throw Unknown("op", token);

    private static AggregateFunction ParseAggregate(ReadOnlySpan<byte> token) =>
        token.SequenceEqual("count"u8) ? AggregateFunction.Count
        : token.SequenceEqual("sum"u8) ? AggregateFunction.Sum
        : token.SequenceEqual("avg"u8) ? AggregateFunction.Avg
        : token.SequenceEqual("min"u8) ? AggregateFunction.Min
        : token.SequenceEqual("max"u8) ? AggregateFunction.Max
        : throw Unknown("func", token);

    /// <summary>A function name, or null when <paramref name="name"/> names none (it may be a column).</summary>
    private static SqlFunction? ParseFunction(string name) => name switch
    {
        "lower" => SqlFunction.Lower,
        "upper" => SqlFunction.Upper,
        "length" => SqlFunction.Length,
        "trim" => SqlFunction.Trim,
        "abs" => SqlFunction.Abs,
        "coalesce" => SqlFunction.Coalesce,
        "concat" => SqlFunction.Concat,
        "concat_ws" => SqlFunction.ConcatWs,
        "now" => SqlFunction.Now,
        "random" => SqlFunction.Random,
        "year" => SqlFunction.Year,
        "month" => SqlFunction.Month,
        "day" => SqlFunction.Day,
        "hour" => SqlFunction.Hour,
        "minute" => SqlFunction.Minute,
        "second" => SqlFunction.Second,
        "date" => SqlFunction.Date,
        _ => null,
    };
}
