using Oxyde.Codec.Errors;
using Oxyde.Codec.Ir;

namespace Oxyde.Query;

/// <summary>WHERE: the filter tree and the lookups of docs/ir-protocol.md.</summary>
internal sealed partial class SqlGenerator
{
    private void AppendWhere(SqlWriter w, IrQuery query, FilterNode? filter)
    {
        if (filter is null)
        {
            return;
        }

        w.Append(" WHERE ");
        AppendFilter(w, query, filter, nested: false);
    }

    private void AppendFilter(SqlWriter w, IrQuery query, FilterNode node, bool nested)
    {
        switch (node)
        {
            case AndNode and:
                AppendGroup(w, query, and.Children, " AND ", "1 = 1", nested);
                break;
            case OrNode or:
                AppendGroup(w, query, or.Children, " OR ", "1 = 0", nested);
                break;
            case NotNode not:
                w.Append("NOT (");
                AppendFilter(w, query, not.Child, nested: false);
                w.Append(')');
                break;
            case ConditionNode condition:
                AppendCondition(w, query, condition);
                break;
            default:
                throw new OxydeException(ErrorCode.IrMalformed, "unknown filter node " + node.GetType().Name);
        }
    }

    /// <summary>Children joined by AND/OR; empty is the portable constant, one child stands alone.</summary>
    private void AppendGroup(SqlWriter w, IrQuery query, IReadOnlyList<FilterNode> children, string op, string empty, bool nested)
    {
        if (children.Count == 0)
        {
            w.Append(empty);
            return;
        }

        if (children.Count == 1)
        {
            AppendFilter(w, query, children[0], nested);
            return;
        }

        if (nested)
        {
            w.Append('(');
        }

        for (var i = 0; i < children.Count; i++)
        {
            if (i > 0)
            {
                w.Append(op);
            }

            AppendFilter(w, query, children[i], nested: true);
        }

        if (nested)
        {
            w.Append(')');
        }
    }

    private void AppendCondition(SqlWriter w, IrQuery query, ConditionNode c)
    {
        var type = TypeOf(query, c.Field);
        var value = query.Values[c.ValueIndex];
        var slot = new ParamSlot(c.ValueIndex, -1, ParamTransform.None, type, c.Field);
        switch (c.Lookup)
        {
            case LookupKind.Eq when value is null:
                w.Identifier(c.Field).Append(" IS NULL");
                break;
            case LookupKind.Ne when value is null:
                w.Identifier(c.Field).Append(" IS NOT NULL");
                break;
            case LookupKind.Eq:
                AppendCompared(w, c.Field, type).Append(" = ").Parameter(slot);
                break;
            case LookupKind.Ne:
                AppendCompared(w, c.Field, type).Append(" <> ").Parameter(slot);
                break;
            case LookupKind.Gt:
                AppendCompared(w, c.Field, type).Append(" > ").Parameter(slot);
                break;
            case LookupKind.Gte:
                AppendCompared(w, c.Field, type).Append(" >= ").Parameter(slot);
                break;
            case LookupKind.Lt:
                AppendCompared(w, c.Field, type).Append(" < ").Parameter(slot);
                break;
            case LookupKind.Lte:
                AppendCompared(w, c.Field, type).Append(" <= ").Parameter(slot);
                break;
            case LookupKind.In:
                AppendIn(w, c, ListValue(value, c, type), type);
                break;
            case LookupKind.Between:
                if (ListValue(value, c, type).Count != 2)
                {
                    throw Dialects.WireValues.Fail(type, c.Field, "between takes [low, high]");
                }

                AppendCompared(w, c.Field, type).Append(" BETWEEN ").Parameter(slot with { Element = 0 })
                    .Append(" AND ").Parameter(slot with { Element = 1 });
                break;
            case LookupKind.IsNull:
                var isNull = value as bool? ?? throw Dialects.WireValues.Fail(type, c.Field, "isnull takes a bool");
                w.Identifier(c.Field).Append(isNull ? " IS NULL" : " IS NOT NULL");
                break;
            case LookupKind.Contains:
                AppendPattern(w, c, ParamTransform.Contains);
                break;
            case LookupKind.IContains:
                AppendPattern(w, c, ParamTransform.IContains);
                break;
            case LookupKind.StartsWith:
                AppendPattern(w, c, ParamTransform.StartsWith);
                break;
            case LookupKind.IStartsWith:
                AppendPattern(w, c, ParamTransform.IStartsWith);
                break;
            case LookupKind.EndsWith:
                AppendPattern(w, c, ParamTransform.EndsWith);
                break;
            case LookupKind.IEndsWith:
                AppendPattern(w, c, ParamTransform.IEndsWith);
                break;
            case LookupKind.IExact:
                AppendPattern(w, c, ParamTransform.IExact);
                break;
            default:
                throw new OxydeException(ErrorCode.IrMalformed, "unknown lookup " + c.Lookup);
        }
    }

    private void AppendIn(SqlWriter w, ConditionNode c, IReadOnlyList<object?> items, ColumnType? type)
    {
        if (items.Count == 0)
        {
            w.Append("1 = 0");
            return;
        }

        AppendCompared(w, c.Field, type).Append(" IN (");
        for (var i = 0; i < items.Count; i++)
        {
            if (i > 0)
            {
                w.Append(", ");
            }

            w.Parameter(new ParamSlot(c.ValueIndex, i, ParamTransform.None, type, c.Field));
        }

        w.Append(')');
    }

    /// <summary>A column as comparisons and ORDER BY see it (a dialect may add a collation).</summary>
    private SqlWriter AppendCompared(SqlWriter w, string column, ColumnType? type)
    {
        dialect.AppendComparedColumn(w, column, type);
        return w;
    }

    /// <summary>A LIKE lookup, rendered by the dialect.</summary>
    private void AppendPattern(SqlWriter w, ConditionNode c, ParamTransform pattern) =>
        dialect.AppendPatternMatch(w, c.Field, c.ValueIndex, pattern);

    private static IReadOnlyList<object?> ListValue(object? value, ConditionNode c, ColumnType? type) =>
        value as IReadOnlyList<object?> ?? throw Dialects.WireValues.Fail(type, c.Field, c.Lookup + " takes a list");
}
