using Oxyde.Codec.Ir;

namespace Oxyde.Codec.Reader;

/// <summary><c>filter_tree</c> nodes and F expressions.</summary>
internal static partial class IrReader
{
    private static FilterNode? ReadOptionalFilter(ref WireReader reader, ReadContext ctx)
    {
        if (TryReadNil(ref reader, "filter_tree"))
        {
            return null;
        }

        ctx.Tag('F');
        return ReadFilter(ref reader, ctx, 1);
    }

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
        string? field = null;
        LookupKind? lookup = null;
        int valueIndex = -1;
        ctx.Tag('(');
        for (int i = 0; i < count; i++)
        {
            ReadOnlySpan<byte> name = ReadKey(ref reader, "filter_tree");
            if (name.SequenceEqual("type"u8))
            {
                ReadOnlySpan<byte> token = ReadToken(ref reader, "type");
                type = token.SequenceEqual("and"u8) ? 'a'
                    : token.SequenceEqual("or"u8) ? 'o'
                    : token.SequenceEqual("not"u8) ? 'n'
                    : token.SequenceEqual("condition"u8) ? 'c'
                    : throw Unknown("type", token);
                ctx.Tag(type);
            }
            else if (name.SequenceEqual("children"u8))
            {
                children = ReadChildren(ref reader, ctx, depth);
            }
            else if (name.SequenceEqual("child"u8))
            {
                ctx.Tag('N');
                child = ReadFilter(ref reader, ctx, depth + 1);
            }
            else if (name.SequenceEqual("field"u8))
            {
                field = ReadName(ref reader, "field");
                ctx.Tag('f');
                ctx.Name(field);
            }
            else if (name.SequenceEqual("op"u8))
            {
                lookup = ParseLookup(ReadToken(ref reader, "op"));
                ctx.Tag('=');
                ctx.Number((int)lookup.Value);
            }
            else if (name.SequenceEqual("value"u8))
            {
                valueIndex = ReadConditionValue(ref reader, ctx);
            }
            else
            {
                Skip(ref reader, "filter_tree", depth + 1);
            }
        }

        ctx.Tag(')');
        return type switch
        {
            'a' => new AndNode(children ?? throw Missing("children")),
            'o' => new OrNode(children ?? throw Missing("children")),
            'n' => new NotNode(child ?? throw Missing("child")),
            'c' => BuildCondition(ctx, field, lookup, valueIndex),
            _ => throw Missing("type"),
        };
    }

    private static List<FilterNode> ReadChildren(ref WireReader reader, ReadContext ctx, int depth)
    {
        int count = ReadArrayHeader(ref reader, "children");
        var children = new List<FilterNode>(count);
        ctx.Tag('[');
        for (int i = 0; i < count; i++)
        {
            children.Add(ReadFilter(ref reader, ctx, depth + 1));
        }

        ctx.Tag(']');
        return children;
    }

    /// <summary>
    /// A condition's value. Its shape marker keeps what changes the SQL: nil (<c>IS NULL</c>), array
    /// length (<c>in</c>, <c>between</c>) and bools (<c>isnull</c> renders IS NULL or IS NOT NULL).
    /// </summary>
    private static int ReadConditionValue(ref WireReader reader, ReadContext ctx)
    {
        object? value = ReadValue(ref reader, "value", 1);
        switch (value)
        {
            case null:
                ctx.Tag('0');
                break;
            case long or double:
                ctx.Tag('?'); // the common case, ahead of the (costlier) array type test
                break;
            case object[] items:
                ctx.Tag('#');
                ctx.Number(items.Length);
                break;
            case bool flag:
                ctx.Tag(flag ? 't' : 'u');
                break;
            default:
                ctx.Tag('?');
                break;
        }

        return ctx.AddValue(value);
    }

    private static ConditionNode BuildCondition(ReadContext ctx, string? field, LookupKind? lookup, int valueIndex)
    {
        if (field is null)
        {
            throw Missing("field");
        }

        if (lookup is not { } kind)
        {
            throw Missing("op");
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

        return new ConditionNode(field, kind, valueIndex);
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
        : throw Unknown("op", token);

    /// <summary>
    /// <c>{"type":"value"|"column"|"binary"|"neg", ...}</c>; like filter nodes, keys may come in any order.
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
        string? column = null;
        ArithmeticOp? op = null;
        Expr? left = null, right = null, operand = null;
        ctx.Tag('(');
        for (int i = 0; i < count; i++)
        {
            ReadOnlySpan<byte> name = ReadKey(ref reader, "expressions");
            if (name.SequenceEqual("type"u8))
            {
                ReadOnlySpan<byte> token = ReadToken(ref reader, "type");
                type = token.SequenceEqual("value"u8) ? 'v'
                    : token.SequenceEqual("column"u8) ? 'c'
                    : token.SequenceEqual("binary"u8) ? 'b'
                    : token.SequenceEqual("neg"u8) ? 'n'
                    : throw Unknown("type", token);
                ctx.Tag(type);
            }
            else if (name.SequenceEqual("value"u8))
            {
                valueIndex = ReadValueSlot(ref reader, "value", ctx);
            }
            else if (name.SequenceEqual("name"u8))
            {
                column = ReadName(ref reader, "name");
                ctx.Tag('f');
                ctx.Name(column);
            }
            else if (name.SequenceEqual("op"u8))
            {
                ReadOnlySpan<byte> token = ReadToken(ref reader, "op");
                op = token.SequenceEqual("add"u8) ? ArithmeticOp.Add
                    : token.SequenceEqual("sub"u8) ? ArithmeticOp.Sub
                    : token.SequenceEqual("mul"u8) ? ArithmeticOp.Mul
                    : token.SequenceEqual("div"u8) ? ArithmeticOp.Div
                    : throw Unknown("op", token);
                ctx.Tag('=');
                ctx.Number((int)op.Value);
            }
            else if (name.SequenceEqual("left"u8))
            {
                ctx.Tag('L');
                left = ReadExpr(ref reader, ctx, depth + 1);
            }
            else if (name.SequenceEqual("right"u8))
            {
                ctx.Tag('R');
                right = ReadExpr(ref reader, ctx, depth + 1);
            }
            else if (name.SequenceEqual("operand"u8))
            {
                ctx.Tag('N');
                operand = ReadExpr(ref reader, ctx, depth + 1);
            }
            else
            {
                Skip(ref reader, "expressions", depth + 1);
            }
        }

        ctx.Tag(')');
        return type switch
        {
            'v' => valueIndex >= 0 ? new ValueExpr(valueIndex) : throw Missing("value"),
            'c' => new ColumnExpr(column ?? throw Missing("name")),
            'b' => new BinaryExpr(op ?? throw Missing("op"), left ?? throw Missing("left"), right ?? throw Missing("right")),
            'n' => new NegateExpr(operand ?? throw Missing("operand")),
            _ => throw Missing("type"),
        };
    }
}
