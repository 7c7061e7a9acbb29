using MessagePack;
using Oxyde.Codec.Ir;

namespace Oxyde.Codec.Reader;

/// <summary><c>filter_tree</c> nodes and F expressions.</summary>
internal static partial class IrReader
{
    private static FilterNode? ReadOptionalFilter(ref MessagePackReader reader, ReadContext ctx)
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
    private static FilterNode ReadFilter(ref MessagePackReader reader, ReadContext ctx, int depth)
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
        Span<char> buffer = stackalloc char[TokenBufferLength];
        ctx.Tag('(');
        for (int i = 0; i < count; i++)
        {
            ReadOnlySpan<char> name = buffer[..ReadKey(ref reader, "filter_tree", buffer)];
            switch (name)
            {
                case "type":
                    ReadOnlySpan<char> token = buffer[..ReadToken(ref reader, "type", buffer)];
                    type = token switch
                    {
                        "and" => 'a',
                        "or" => 'o',
                        "not" => 'n',
                        "condition" => 'c',
                        _ => throw Unknown("type", token),
                    };
                    ctx.Tag(type);
                    break;
                case "children":
                    children = ReadChildren(ref reader, ctx, depth);
                    break;
                case "child":
                    ctx.Tag('N');
                    child = ReadFilter(ref reader, ctx, depth + 1);
                    break;
                case "field":
                    field = ReadString(ref reader, "field");
                    ctx.Tag('f');
                    ctx.Name(field);
                    break;
                case "op":
                    lookup = ParseLookup(buffer[..ReadToken(ref reader, "op", buffer)]);
                    ctx.Tag('=');
                    ctx.Number((int)lookup.Value);
                    break;
                case "value":
                    valueIndex = ReadConditionValue(ref reader, ctx);
                    break;
                default:
                    Skip(ref reader, "filter_tree", depth + 1);
                    break;
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

    private static List<FilterNode> ReadChildren(ref MessagePackReader reader, ReadContext ctx, int depth)
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
    /// length (<c>in</c>, <c>between</c>), bools (<c>isnull</c> renders IS NULL or IS NOT NULL) and
    /// strings holding a NUL character (pattern lookups cannot use LIKE for them on SQLite).
    /// </summary>
    private static int ReadConditionValue(ref MessagePackReader reader, ReadContext ctx)
    {
        object? value = ReadValue(ref reader, "value", 1);
        switch (value)
        {
            case null:
                ctx.Tag('0');
                break;
            case object[] items:
                ctx.Tag('#');
                ctx.Number(items.Length);
                break;
            case bool flag:
                ctx.Tag(flag ? 't' : 'u');
                break;
            case string text when text.Contains('\0', StringComparison.Ordinal):
                ctx.Tag('z');
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

    private static LookupKind ParseLookup(ReadOnlySpan<char> token) => token switch
    {
        "eq" => LookupKind.Eq,
        "ne" => LookupKind.Ne,
        "gt" => LookupKind.Gt,
        "gte" => LookupKind.Gte,
        "lt" => LookupKind.Lt,
        "lte" => LookupKind.Lte,
        "in" => LookupKind.In,
        "between" => LookupKind.Between,
        "isnull" => LookupKind.IsNull,
        "contains" => LookupKind.Contains,
        "icontains" => LookupKind.IContains,
        "startswith" => LookupKind.StartsWith,
        "istartswith" => LookupKind.IStartsWith,
        "endswith" => LookupKind.EndsWith,
        "iendswith" => LookupKind.IEndsWith,
        "iexact" => LookupKind.IExact,
        _ => throw Unknown("op", token),
    };

    /// <summary>
    /// <c>{"type":"value"|"column"|"binary"|"neg", ...}</c>; like filter nodes, keys may come in any order.
    /// </summary>
    private static Expr ReadExpr(ref MessagePackReader reader, ReadContext ctx, int depth)
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
        Span<char> buffer = stackalloc char[TokenBufferLength];
        ctx.Tag('(');
        for (int i = 0; i < count; i++)
        {
            ReadOnlySpan<char> name = buffer[..ReadKey(ref reader, "expressions", buffer)];
            switch (name)
            {
                case "type":
                    ReadOnlySpan<char> token = buffer[..ReadToken(ref reader, "type", buffer)];
                    type = token switch
                    {
                        "value" => 'v',
                        "column" => 'c',
                        "binary" => 'b',
                        "neg" => 'n',
                        _ => throw Unknown("type", token),
                    };
                    ctx.Tag(type);
                    break;
                case "value":
                    valueIndex = ReadValueSlot(ref reader, "value", ctx);
                    break;
                case "name":
                    column = ReadString(ref reader, "name");
                    ctx.Tag('f');
                    ctx.Name(column);
                    break;
                case "op":
                    ReadOnlySpan<char> opToken = buffer[..ReadToken(ref reader, "op", buffer)];
                    op = opToken switch
                    {
                        "add" => ArithmeticOp.Add,
                        "sub" => ArithmeticOp.Sub,
                        "mul" => ArithmeticOp.Mul,
                        "div" => ArithmeticOp.Div,
                        _ => throw Unknown("op", opToken),
                    };
                    ctx.Tag('=');
                    ctx.Number((int)op.Value);
                    break;
                case "left":
                    ctx.Tag('L');
                    left = ReadExpr(ref reader, ctx, depth + 1);
                    break;
                case "right":
                    ctx.Tag('R');
                    right = ReadExpr(ref reader, ctx, depth + 1);
                    break;
                case "operand":
                    ctx.Tag('N');
                    operand = ReadExpr(ref reader, ctx, depth + 1);
                    break;
                default:
                    Skip(ref reader, "expressions", depth + 1);
                    break;
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
