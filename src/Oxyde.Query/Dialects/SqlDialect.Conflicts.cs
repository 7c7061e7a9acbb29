using Oxyde.Codec.Ir;

namespace Oxyde.Query.Dialects;

/// <summary>
/// Upserts: what an INSERT does with a row that collides with a stored unique key. The standard
/// spelling here is PostgreSQL's and SQLite's <c>ON CONFLICT</c>; MySQL writes <c>ON DUPLICATE KEY UPDATE</c>.
/// </summary>
internal abstract partial class SqlDialect
{
    /// <summary>
    /// Appends the conflict clause after an INSERT's VALUES: <c> ON CONFLICT (cols) DO UPDATE SET a =
    /// excluded.a</c>, or <c> DO NOTHING</c> with no update columns
    /// (https://www.postgresql.org/docs/current/sql-insert.html#SQL-ON-CONFLICT,
    /// https://www.sqlite.org/lang_upsert.html).
    /// </summary>
    public virtual void AppendOnConflict(SqlWriter writer, OnConflict onConflict)
    {
        writer.Append(" ON CONFLICT (").Identifiers(onConflict.Columns).Append(')');
        if (onConflict.Update.Count == 0)
        {
            writer.Append(" DO NOTHING");
            return;
        }

        writer.Append(" DO UPDATE SET ");
        for (var i = 0; i < onConflict.Update.Count; i++)
        {
            if (i > 0)
            {
                writer.Append(", ");
            }

            var column = onConflict.Update[i];
            writer.Identifier(column).Append(" = excluded.").Identifier(column);
        }
    }
}
