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
        AppendWhere(w, new Scope(query), query.Filter);
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
            AppendAssigned(w, query, assignment.Value, TypeOf(query, assignment.Column), assignment.Column);
        }
    }

    /// <summary>
    /// The value of one SET item. A computed value (arithmetic) goes through the dialect's
    /// round-to-scale function where the column has a scale its storage does not enforce.
    /// </summary>
    private void AppendAssigned(SqlWriter w, UpdateQuery query, Expr expr, ColumnType? type, string column)
    {
        if (expr is BinaryExpr or NegateExpr && type is { Scale: int scale } && scale >= 0 && dialect.RoundToScaleFunction(type) is { } round)
        {
            w.Append(round).Append('(');
            AppendExpr(w, new Scope(query), expr, type, column);
            w.Append(", ").Append(scale.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append(')');
            return;
        }

        AppendExpr(w, new Scope(query), expr, type, column);
    }
}
