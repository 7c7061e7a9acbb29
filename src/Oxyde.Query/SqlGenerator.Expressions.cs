using Oxyde.Codec.Errors;
using Oxyde.Codec.Ir;

namespace Oxyde.Query;

/// <summary>
/// Every expression of every statement (select items, conditions, ORDER BY, GROUP BY, SET values) is
/// written here, asking the dialect only where databases differ (functions, aggregates, exact
/// arithmetic on text-stored kinds).
/// </summary>
internal sealed partial class SqlGenerator
{
    /// <summary>
    /// <paramref name="expr"/> in <paramref name="scope"/>. Values are bound with <paramref name="type"/>
    /// (the spec of what they are compared with or assigned to) and errors name <paramref name="column"/>.
    /// Every binary or negation is parenthesised so the tree's grouping survives operator precedence.
    /// </summary>
    private void AppendExpr(SqlWriter w, Scope scope, Expr expr, ColumnType? type, string? column)
    {
        switch (expr)
        {
            case ValueExpr value:
                w.Parameter(new ParamSlot(value.ValueIndex, -1, ParamTransform.None, type, column));
                break;
            case ColumnExpr col:
                scope.AppendColumn(w, col);
                break;
            case BinaryExpr binary when dialect.ArithmeticFunction(binary.Op, type) is { } function:
                w.Append(function).Append('(');
                AppendExpr(w, scope, binary.Left, type, column);
                w.Append(", ");
                AppendExpr(w, scope, binary.Right, type, column);
                w.Append(')');
                break;
            case BinaryExpr binary:
                w.Append('(');
                AppendExpr(w, scope, binary.Left, type, column);
                w.Append(binary.Op switch
                {
                    ArithmeticOp.Add => " + ",
                    ArithmeticOp.Sub => " - ",
                    ArithmeticOp.Mul => " * ",
                    ArithmeticOp.Div => " / ",
                    _ => throw new OxydeException(ErrorCode.IrMalformed, "unknown operator " + binary.Op),
                });
                AppendExpr(w, scope, binary.Right, type, column);
                w.Append(')');
                break;
            case NegateExpr negate when dialect.NegationFunction(type) is { } function:
                w.Append(function).Append('(');
                AppendExpr(w, scope, negate.Operand, type, column);
                w.Append(')');
                break;
            case NegateExpr negate:
                w.Append("(-");
                AppendExpr(w, scope, negate.Operand, type, column);
                w.Append(')');
                break;
            case FunctionExpr function:
                AppendFunction(w, scope, function, column);
                break;
            case AggregateExpr aggregate:
                AppendAggregate(w, scope, aggregate, column);
                break;
            case CaseExpr @case:
                AppendCase(w, scope, @case, type, column);
                break;
            case RawSqlExpr raw:
                AppendRawSql(w, raw, column);
                break;
            case SubqueryExpr subquery:
                w.Append('(');
                AppendSelect(w, subquery.Query, selectOne: false);
                w.Append(')');
                break;
            default:
                throw new OxydeException(ErrorCode.IrMalformed, "unknown expression " + expr.GetType().Name);
        }
    }

    /// <summary>
    /// The spec an expression's result has, where it has one: a column's, or what arithmetic,
    /// COALESCE, MIN/MAX/SUM/AVG and CASE keep of their operands'. Values compared with or combined
    /// with the expression are bound with it.
    /// </summary>
    private static ColumnType? TypeOf(Scope scope, Expr expr) => expr switch
    {
        ColumnExpr column => scope.TypeOf(column),
        BinaryExpr binary => TypeOf(scope, binary.Left) ?? TypeOf(scope, binary.Right),
        NegateExpr negate => TypeOf(scope, negate.Operand),
        FunctionExpr { Function: SqlFunction.Coalesce or SqlFunction.Abs, Arguments.Count: > 0 } f => TypeOf(scope, f.Arguments[0]),
        FunctionExpr { Function: SqlFunction.Date } => DateType,
        FunctionExpr { Function: SqlFunction.Year or SqlFunction.Month or SqlFunction.Day or SqlFunction.Hour or SqlFunction.Minute or SqlFunction.Second or SqlFunction.Length } => IntegerType,
        AggregateExpr { Function: not AggregateFunction.Count, Argument: { } argument } => TypeOf(scope, argument),
        CaseExpr @case => TypeOf(scope, @case.Whens[0].Result),
        SubqueryExpr { Query.Columns.Count: 1 } subquery => subquery.Query.Columns[0].Type,
        _ => null,
    };

    private static readonly ColumnType IntegerType = new(ColumnTypeKind.Int64);

    private static readonly ColumnType DateType = new(ColumnTypeKind.Date);

    private void AppendFunction(SqlWriter w, Scope scope, FunctionExpr function, string? column)
    {
        var arguments = function.Arguments;
        var type = arguments.Count > 0 ? TypeOf(scope, arguments[0]) : null;
        dialect.AppendFunction(w, function.Function, arguments.Count, i => AppendExpr(w, scope, arguments[i], type, column));
    }

    private void AppendAggregate(SqlWriter w, Scope scope, AggregateExpr aggregate, string? column)
    {
        if (aggregate.Argument is not { } argument)
        {
            if (aggregate.Function != AggregateFunction.Count)
            {
                throw new OxydeException(ErrorCode.IrMalformed, $"{aggregate.Function} needs an argument", new Dictionary<string, string> { ["key"] = "arg" });
            }

            w.Append("COUNT(*)");
            return;
        }

        var type = TypeOf(scope, argument);
        w.Append(dialect.AggregateName(aggregate.Function, type)).Append('(');
        if (aggregate.Distinct)
        {
            w.Append("DISTINCT ");
        }

        if (aggregate.Function is AggregateFunction.Min or AggregateFunction.Max)
        {
            // MIN/MAX order like ORDER BY: with the kind's comparison collation.
            AppendCompared(w, scope, argument, type, column);
        }
        else
        {
            AppendExpr(w, scope, argument, type, column);
        }

        w.Append(')');
    }

    private void AppendCase(SqlWriter w, Scope scope, CaseExpr @case, ColumnType? type, string? column)
    {
        type ??= TypeOf(scope, @case);
        w.Append("CASE");
        foreach (var when in @case.Whens)
        {
            w.Append(" WHEN ");
            AppendFilter(w, scope, when.Condition, nested: false);
            w.Append(" THEN ");
            AppendExpr(w, scope, when.Result, type, column);
        }

        if (@case.Else is { } otherwise)
        {
            w.Append(" ELSE ");
            AppendExpr(w, scope, otherwise, type, column);
        }

        w.Append(" END");
    }

    /// <summary>
    /// <c>RawSQL</c>: the text in parentheses, each <c>?</c> becoming the dialect's placeholder for the
    /// next parameter (so raw fragments number correctly among the query's own placeholders on
    /// PostgreSQL too). A raw fragment without parameters is written exactly as given.
    /// </summary>
    private static void AppendRawSql(SqlWriter w, RawSqlExpr raw, string? column)
    {
        w.Append('(');
        var sql = raw.Sql.AsSpan();
        var next = 0;
        while (raw.Params.Count > 0 && sql.IndexOf('?') is var at && at >= 0)
        {
            if (next >= raw.Params.Count)
            {
                throw new OxydeException(
                    ErrorCode.IrMalformed,
                    $"raw SQL has more '?' placeholders than its {raw.Params.Count} parameters",
                    new Dictionary<string, string> { ["key"] = "params" });
            }

            w.Append(sql[..at].ToString());
            w.Parameter(new ParamSlot(raw.Params[next++], -1, ParamTransform.None, null, column));
            sql = sql[(at + 1)..];
        }

        if (next != raw.Params.Count)
        {
            throw new OxydeException(
                ErrorCode.IrMalformed,
                $"raw SQL has {next} '?' placeholders for {raw.Params.Count} parameters",
                new Dictionary<string, string> { ["key"] = "params" });
        }

        w.Append(sql.ToString()).Append(')');
    }

    /// <summary>
    /// An expression as comparisons, IN, BETWEEN, MIN/MAX and ORDER BY see it: a column of a kind the
    /// dialect compares through a collation gets it (so it governs every operand of IN and BETWEEN too).
    /// </summary>
    private void AppendCompared(SqlWriter w, Scope scope, Expr expr, ColumnType? type, string? column)
    {
        AppendExpr(w, scope, expr, type, column);
        if (expr is ColumnExpr)
        {
            dialect.AppendComparison(w, type);
        }
    }
}
