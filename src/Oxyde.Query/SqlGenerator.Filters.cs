using Oxyde.Codec.Errors;
using Oxyde.Codec.Ir;

namespace Oxyde.Query;

/// <summary>WHERE and HAVING: filter trees and the lookups of docs/ir-protocol.md (<see cref="LookupRule"/>).</summary>
internal sealed partial class SqlGenerator
{
    private void AppendWhere(SqlWriter w, Scope scope, FilterNode? filter, string keyword = " WHERE ")
    {
        if (filter is null)
        {
            return;
        }

        w.Append(keyword);
        AppendFilter(w, scope, filter, nested: false);
    }

    private void AppendFilter(SqlWriter w, Scope scope, FilterNode node, bool nested)
    {
        switch (node)
        {
            case ConditionNode condition:
                AppendCondition(w, scope, condition);
                break;
            case AndNode and:
                AppendGroup(w, scope, and.Children, " AND ", "1 = 1", nested);
                break;
            case OrNode or:
                AppendGroup(w, scope, or.Children, " OR ", "1 = 0", nested);
                break;
            case NotNode not:
                w.Append("NOT (");
                AppendFilter(w, scope, not.Child, nested: false);
                w.Append(')');
                break;
            case ExistsNode exists:
                w.Append("EXISTS (");
                AppendSelect(w, exists.Query, selectOne: true);
                w.Append(')');
                break;
            default:
                throw new OxydeException(ErrorCode.IrMalformed, "unknown filter node " + node.GetType().Name);
        }
    }

    /// <summary>Children joined by AND/OR; empty is the portable constant, one child stands alone.</summary>
    private void AppendGroup(SqlWriter w, Scope scope, IReadOnlyList<FilterNode> children, string op, string empty, bool nested)
    {
        if (children.Count == 0)
        {
            w.Append(empty);
            return;
        }

        if (children.Count == 1)
        {
            AppendFilter(w, scope, children[0], nested);
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

            AppendFilter(w, scope, children[i], nested: true);
        }

        if (nested)
        {
            w.Append(')');
        }
    }

    private void AppendCondition(SqlWriter w, Scope scope, ConditionNode c)
    {
        var type = TypeOf(scope, c.Subject);
        var name = (c.Subject as ColumnExpr)?.Column;
        var slot = new ParamSlot(c.ValueIndex, -1, ParamTransform.None, type, name);
        var rule = LookupRule.For(c.Lookup);
        switch (rule.Form)
        {
            case LookupForm.Comparison when c.Shape == ValueShape.Null:
                if (c.Lookup is not (LookupKind.Eq or LookupKind.Ne))
                {
                    throw Dialects.WireValues.Fail(type, name, $"{c.Lookup} cannot compare with None");
                }

                AppendExpr(w, scope, c.Subject, type, name);
                w.Append(c.Lookup == LookupKind.Eq ? " IS NULL" : " IS NOT NULL");
                break;
            case LookupForm.Comparison:
                AppendCompared(w, scope, c.Subject, type, name);
                w.Append(rule.Operator);
                AppendOperand(w, scope, c, slot, type, name);
                break;
            case LookupForm.In when c.Right is SubqueryExpr { Query: var inner } && scope.Query is UpdateQuery or DeleteQuery && dialect.NeedsDerivedTableInWrites:
                // MySQL refuses a subquery on the table an UPDATE/DELETE changes (error 1093), not a derived table of it.
                AppendCompared(w, scope, c.Subject, type, name);
                w.Append(" IN (SELECT * FROM (");
                AppendSelect(w, inner, selectOne: false);
                w.Append(") AS ").Identifier("subquery").Append(')');
                break;
            case LookupForm.In when c.Right is { } subquery:
                AppendCompared(w, scope, c.Subject, type, name);
                w.Append(rule.Operator);
                AppendExpr(w, scope, subquery, type, name);
                break;
            case LookupForm.In when c.ListLength == 0:
                w.Append("1 = 0");
                break;
            case LookupForm.In:
                AppendCompared(w, scope, c.Subject, type, name);
                w.Append(" IN (");
                for (var i = 0; i < c.ListLength; i++)
                {
                    if (i > 0)
                    {
                        w.Append(", ");
                    }

                    w.Parameter(slot with { Element = i });
                }

                w.Append(')');
                break;
            case LookupForm.Between:
                AppendCompared(w, scope, c.Subject, type, name);
                w.Append(rule.Operator).Parameter(slot with { Element = 0 }).Append(" AND ").Parameter(slot with { Element = 1 });
                break;
            case LookupForm.IsNull:
                AppendExpr(w, scope, c.Subject, type, name);
                w.Append(c.Shape == ValueShape.True ? " IS NULL" : " IS NOT NULL");
                break;
            case LookupForm.Pattern:
                dialect.AppendPatternMatch(w, () => AppendExpr(w, scope, c.Subject, type, name), c.ValueIndex, rule.Pattern, name);
                break;
            case LookupForm.Regex:
                dialect.AppendRegexMatch(w, () => AppendExpr(w, scope, c.Subject, type, name), slot with { Type = null }, caseInsensitive: rule.Operator == "i");
                break;
            default:
                throw new OxydeException(ErrorCode.IrMalformed, "unknown lookup " + c.Lookup);
        }
    }

    /// <summary>The right side of a comparison: the bound value, or an expression (<c>F("likes") * 2</c>).</summary>
    private void AppendOperand(SqlWriter w, Scope scope, ConditionNode c, in ParamSlot slot, ColumnType? type, string? name)
    {
        if (c.Right is { } right)
        {
            AppendExpr(w, scope, right, type, name);
        }
        else
        {
            w.Parameter(slot);
        }
    }
}
