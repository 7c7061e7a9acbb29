using Oxyde.Codec.Errors;
using Oxyde.Codec.Ir;

namespace Oxyde.Query;

/// <summary>UPDATE: SET items from values and F expressions, WHERE, RETURNING.</summary>
internal sealed partial class SqlGenerator
{
    private SqlTemplate Update(SqlWriter w, UpdateQuery query)
    {
        if (query.Assignments.Count == 0)
        {
            throw new OxydeException(ErrorCode.IrMalformed, "update without values or expressions");
        }

        AppendUpdateSet(w, query);
        AppendWhere(w, query, query.Filter);
        if (query.Returning.Count > 0)
        {
            dialect.AppendReturning(w, query.Returning);
        }

        return w.Finish();
    }

    /// <summary><c>UPDATE t SET a = ?, b = (`b` + ?)</c>.</summary>
    private void AppendUpdateSet(SqlWriter w, UpdateQuery query)
    {
        if (query.Assignments.Count == 0)
        {
            throw new OxydeException(ErrorCode.IrMalformed, "update without values or expressions");
        }

        w.Append("UPDATE ").Identifier(query.Table).Append(" SET ");
        for (var i = 0; i < query.Assignments.Count; i++)
        {
            if (i > 0)
            {
                w.Append(", ");
            }

            var assignment = query.Assignments[i];
            w.Identifier(assignment.Column).Append(" = ");
            AppendAssigned(w, assignment.Value, TypeOf(query, assignment.Column), assignment.Column);
        }
    }

    /// <summary>
    /// The value of one SET item. A computed value (arithmetic) goes through the dialect's
    /// round-to-scale function where the column has a scale its storage does not enforce.
    /// </summary>
    private void AppendAssigned(SqlWriter w, Expr expr, ColumnType? type, string column)
    {
        if (expr is BinaryExpr or NegateExpr && type is { Scale: int scale } && scale >= 0 && dialect.RoundToScaleFunction(type) is { } round)
        {
            w.Append(round).Append('(');
            AppendExpr(w, expr, type, column);
            w.Append(", ").Append(scale.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append(')');
            return;
        }

        AppendExpr(w, expr, type, column);
    }

    /// <summary>
    /// An F expression. Values are bound with the assigned column's spec; every binary or negation is
    /// parenthesised so the tree's grouping survives operator precedence, or becomes a call of the
    /// dialect's exact function for the column's kind (SQLite decimals).
    /// </summary>
    private void AppendExpr(SqlWriter w, Expr expr, ColumnType? type, string column)
    {
        switch (expr)
        {
            case ValueExpr value:
                w.Parameter(new ParamSlot(value.ValueIndex, -1, ParamTransform.None, type, column));
                break;
            case ColumnExpr col:
                w.Identifier(col.Column);
                break;
            case BinaryExpr binary when dialect.ArithmeticFunction(binary.Op, type) is { } function:
                w.Append(function).Append('(');
                AppendExpr(w, binary.Left, type, column);
                w.Append(", ");
                AppendExpr(w, binary.Right, type, column);
                w.Append(')');
                break;
            case BinaryExpr binary:
                w.Append('(');
                AppendExpr(w, binary.Left, type, column);
                w.Append(binary.Op switch
                {
                    ArithmeticOp.Add => " + ",
                    ArithmeticOp.Sub => " - ",
                    ArithmeticOp.Mul => " * ",
                    ArithmeticOp.Div => " / ",
                    _ => throw new OxydeException(ErrorCode.IrMalformed, "unknown operator " + binary.Op),
                });
                AppendExpr(w, binary.Right, type, column);
                w.Append(')');
                break;
            case NegateExpr negate when dialect.NegationFunction(type) is { } function:
                w.Append(function).Append('(');
                AppendExpr(w, negate.Operand, type, column);
                w.Append(')');
                break;
            case NegateExpr negate:
                w.Append("(-");
                AppendExpr(w, negate.Operand, type, column);
                w.Append(')');
                break;
            default:
                throw new OxydeException(ErrorCode.IrMalformed, "unknown expression " + expr.GetType().Name);
        }
    }
}
