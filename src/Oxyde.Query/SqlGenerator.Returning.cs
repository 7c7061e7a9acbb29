using Oxyde.Codec.Ir;

namespace Oxyde.Query;

/// <summary>
/// RETURNING where the dialect lacks it (MySQL 8; updates on MariaDB), emulated by primary keys with
/// extra statements, each with its <see cref="ResultPlan"/> (docs/dialects.md, "RETURNING by keys"):
/// <list type="bullet">
/// <item>insert: each chunk (<see cref="ResultPlan.InsertKeys"/>), followed, when the key is generated,
/// by <c>SELECT LAST_INSERT_ID(), @@auto_increment_increment</c> (<see cref="ResultPlan.GeneratedKeys"/>);
/// then the rows selected by key (<see cref="ResultPlan.ReturningByKeys"/>). An upsert goes by its one
/// conflict column instead (an updated row keeps its key), and reads the rows back with a locking read
/// (<see cref="ResultPlan.ReturningByKeysLocked"/>).</item>
/// <item>update: the matched keys locked (<c>SELECT pk ... FOR UPDATE</c>, <see cref="ResultPlan.LockKeys"/>),
/// those rows updated (<see cref="ResultPlan.UpdateByKeys"/>) and selected by key.</item>
/// </list>
/// The executor runs them in the caller's transaction or an implicit one, so no other writer can
/// change the rows between the statements.
/// </summary>
internal sealed partial class SqlGenerator
{
    private bool EmulatesReturning(IrQuery query) => query switch
    {
        InsertQuery { Returning.Count: > 0 } => !dialect.SupportsInsertReturning,
        UpdateQuery { Returning.Count: > 0 } => !dialect.SupportsReturning,
        _ => false,
    };

    private SqlTemplate[] EmulatedReturning(IrQuery query)
    {
        var writer = new SqlWriter(dialect);
        try
        {
            return query switch
            {
                InsertQuery insert => EmulatedInsert(writer, insert),
                UpdateQuery update => EmulatedUpdate(writer, update),
                _ => throw dialect.Unsupported(query.Kind + " returning"),
            };
        }
        finally
        {
            writer.Release();
        }
    }

    private SqlTemplate[] EmulatedInsert(SqlWriter w, InsertQuery query)
    {
        var key = query.ReadBackKey ?? throw dialect.Unsupported(
            query.OnConflict is null ? "insert returning without a primary key" : "upsert returning with several conflict columns");
        var generated = !query.Columns.Contains(key);
        var inserts = Insert(w, query);
        var templates = new List<SqlTemplate>(inserts.Length * 2 + 1);
        foreach (var insert in inserts)
        {
            templates.Add(insert with { Plan = ResultPlan.InsertKeys });
            if (generated)
            {
                w.Append("SELECT LAST_INSERT_ID(), @@auto_increment_increment");
                templates.Add(w.Finish() with { Plan = ResultPlan.GeneratedKeys });
            }
        }

        var select = SelectByKeys(w, query.Table, query.Returning, key);

        // An upsert's rows may have been committed by another transaction after this one's snapshot
        // (REPEATABLE READ); a locking read sees their latest version, which the upsert has locked.
        templates.Add(query.OnConflict is null ? select : select with { Plan = ResultPlan.ReturningByKeysLocked });
        return [.. templates];
    }

    private SqlTemplate[] EmulatedUpdate(SqlWriter w, UpdateQuery query)
    {
        var key = query.PrimaryKey ?? throw dialect.Unsupported("update returning without a primary key");
        w.Append("SELECT ").Identifier(key).Append(" FROM ").Identifier(query.Table);
        AppendWhere(w, new Scope(query), query.Filter);
        w.Append(dialect.LockingReadSuffix);
        var lockKeys = w.Finish() with { Plan = ResultPlan.LockKeys };

        AppendUpdateSet(w, query);
        w.Append(" WHERE ").Identifier(key).Append(" IN ");
        var update = w.Finish() with { Plan = ResultPlan.UpdateByKeys };
        return [lockKeys, update, SelectByKeys(w, query.Table, query.Returning, key)];
    }

    /// <summary><c>SELECT cols FROM t WHERE pk IN </c>: the executor appends the key list.</summary>
    private static SqlTemplate SelectByKeys(SqlWriter w, string table, IReadOnlyList<string> columns, string key)
    {
        w.Append("SELECT ").Identifiers(columns).Append(" FROM ").Identifier(table).Append(" WHERE ").Identifier(key).Append(" IN ");
        return w.Finish() with { Plan = ResultPlan.ReturningByKeys };
    }
}
