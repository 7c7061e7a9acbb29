using Oxyde.Codec.Errors;
using Oxyde.Codec.Ir;
using Oxyde.Query.Dialects;

namespace Oxyde.Query;

/// <summary>
/// Renders DML (select/insert/update/delete/raw) into value-independent <see cref="SqlTemplate"/>s,
/// asking the <see cref="SqlDialect"/> only where databases differ; DDL goes to <see cref="DdlGenerator"/>.
/// The output depends on the query's nodes only, never on <see cref="IrQuery.Values"/> (where a value
/// changes the SQL, its node records how: <see cref="ValueShape"/>, the LIMIT/OFFSET numbers), so it
/// can be cached with the query as its key.
/// </summary>
internal sealed partial class SqlGenerator(SqlDialect dialect)
{
    private readonly DdlGenerator _ddl = new(dialect);

    public SqlDialect Dialect => dialect;

    public SqlTemplate[] Generate(IrQuery query)
    {
        if (EmulatesReturning(query))
        {
            return EmulatedReturning(query);
        }

        var templates = GenerateSql(query);
        var plan = PlanOf(query);
        for (var i = 0; i < templates.Length; i++)
        {
            templates[i] = templates[i] with { Plan = plan };
        }

        return templates;
    }

    /// <summary>The plan of every statement a query renders to (one plan per query until a dialect emulates a missing feature).</summary>
    private static ResultPlan PlanOf(IrQuery query) => query switch
    {
        SelectQuery { Result: SelectResult.Count } => ResultPlan.Count,
        SelectQuery { Result: SelectResult.Exists } => ResultPlan.Exists,
        SelectQuery => ResultPlan.Rows,
        InsertQuery { Returning.Count: > 0 } or UpdateQuery { Returning.Count: > 0 } => ResultPlan.Returning,
        InsertQuery or UpdateQuery or DeleteQuery => ResultPlan.Affected,
        RawQuery { Script: true } => ResultPlan.Script,
        RawQuery => ResultPlan.RawRows,
        _ => ResultPlan.Effect,
    };

    private SqlTemplate[] GenerateSql(IrQuery query)
    {
        switch (query.Kind)
        {
            case QueryKind.CreateTable:
            case QueryKind.DropTable:
            case QueryKind.CreateIndex:
            case QueryKind.DropIndex:
                return _ddl.Generate(query);
        }

        var writer = new SqlWriter(dialect);
        try
        {
            return query switch
            {
                SelectQuery select => [Select(writer, select)],
                InsertQuery insert => Insert(writer, insert),
                UpdateQuery update => [Update(writer, update)],
                DeleteQuery delete => [Delete(writer, delete)],
                RawQuery raw => [Raw(writer, raw)],
                _ => throw new OxydeException(ErrorCode.IrMalformed, "unknown query type " + query.Kind),
            };
        }
        finally
        {
            writer.Release();
        }
    }

    private SqlTemplate Delete(SqlWriter w, DeleteQuery query)
    {
        w.Append("DELETE FROM ").Identifier(query.Table);
        AppendWhere(w, new Scope(query), query.Filter);
        return w.Finish();
    }

    private static SqlTemplate Raw(SqlWriter w, RawQuery query)
    {
        w.Append(query.Sql);
        for (var i = 0; i < query.Params.Count; i++)
        {
            w.AddSlot(new ParamSlot(query.Params[i], -1, ParamTransform.None, null, null));
        }

        return w.Finish();
    }

    private static ColumnType? TypeOf(IrQuery query, string column) =>
        query.ColumnTypes.TryGetValue(column, out var type) ? type : null;
}
