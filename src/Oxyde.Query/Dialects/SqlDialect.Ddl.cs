using System.Text;
using Oxyde.Codec.Ir;

namespace Oxyde.Query.Dialects;

/// <summary>The ALTER side of DDL (migrations): what each database changes in place and how it spells it.</summary>
internal abstract partial class SqlDialect
{
    /// <summary>
    /// Whether ALTER TABLE can change a column, and add or drop a foreign key or CHECK, in place. SQLite
    /// cannot (https://www.sqlite.org/lang_altertable.html): such a change rebuilds the table.
    /// </summary>
    public virtual bool SupportsAlterConstraints => true;

    /// <summary>
    /// Whether <c>ALTER TABLE ... ADD COLUMN</c> can add <paramref name="column"/>: SQLite refuses a PRIMARY
    /// KEY or UNIQUE column (https://www.sqlite.org/lang_altertable.html#altertabaddcol).
    /// </summary>
    public virtual bool CanAddColumn(ColumnDef column) => true;

    /// <summary>
    /// Whether <c>ALTER TABLE ... DROP COLUMN</c> can drop a column that is a primary key or UNIQUE:
    /// SQLite refuses (https://www.sqlite.org/lang_altertable.html#altertabdropcol).
    /// </summary>
    public virtual bool CanDropKeyColumn => true;

    /// <summary>
    /// Whether <c>DROP COLUMN</c> also drops the table's foreign keys on that column, as PostgreSQL does
    /// (https://www.postgresql.org/docs/current/sql-altertable.html#SQL-ALTERTABLE-DESC-DROP-COLUMN);
    /// where not (MySQL), they are dropped first.
    /// </summary>
    public virtual bool DropColumnDropsForeignKeys => true;

    /// <summary>Where enum values live (<see cref="EnumStorage"/>): plain text by default.</summary>
    public virtual EnumStorage EnumStorage => EnumStorage.Text;

    /// <summary>
    /// The clauses after <c>ALTER TABLE t</c> that turn column <paramref name="before"/> into
    /// <paramref name="after"/> (type, nullability, default; uniqueness is separate), one statement each.
    /// By default one attribute at a time, as the SQL standard and PostgreSQL spell it
    /// (https://www.postgresql.org/docs/current/sql-altertable.html): <c>ALTER COLUMN c TYPE t</c>,
    /// <c>SET NOT NULL</c>/<c>DROP NOT NULL</c>, <c>SET DEFAULT x</c>/<c>DROP DEFAULT</c>.
    /// A type change drops the old default first: the database would have to cast it to the new type
    /// (PostgreSQL refuses when it cannot, e.g. <c>'0'</c> of a VARCHAR to BIGINT), and the new default
    /// is set after.
    /// </summary>
    public virtual IEnumerable<string> AlterColumnClauses(ColumnDef before, ColumnDef after)
    {
        var name = QuoteIdentifier(after.Name);
        var type = ColumnTypeSql(after.Type);
        var typeChanged = ColumnTypeSql(before.Type) != type;
        if (typeChanged)
        {
            if (before.Default is not null)
            {
                yield return $"ALTER COLUMN {name} DROP DEFAULT";
            }

            var sql = new StringBuilder("ALTER COLUMN ").Append(name).Append(" TYPE ").Append(type);
            AppendTypeChangeUsing(sql, after.Name, type);
            yield return sql.ToString();
        }

        var notNull = !after.Nullable || after.PrimaryKey;
        if ((!before.Nullable || before.PrimaryKey) != notNull)
        {
            yield return $"ALTER COLUMN {name} {(notNull ? "SET NOT NULL" : "DROP NOT NULL")}";
        }

        var defaultDropped = typeChanged && before.Default is not null;
        if (after.Default is { } expression && (before.Default != expression || defaultDropped))
        {
            yield return $"ALTER COLUMN {name} SET DEFAULT {expression}";
        }
        else if (after.Default is null && before.Default is not null && !defaultDropped)
        {
            yield return $"ALTER COLUMN {name} DROP DEFAULT";
        }
    }

    /// <summary>Appends how stored values convert when a column's type changes: nothing by default (the database's own cast).</summary>
    protected virtual void AppendTypeChangeUsing(StringBuilder sql, string column, string type)
    {
    }

    /// <summary>
    /// The name of the constraint an inline <c>UNIQUE</c> column gets, so altering uniqueness can drop
    /// it: PostgreSQL's <c>{table}_{column}_key</c> (https://www.postgresql.org/docs/current/ddl-constraints.html).
    /// </summary>
    public virtual string UniqueConstraintName(string table, string column) => $"{table}_{column}_key";

    /// <summary>Appends the clause dropping a UNIQUE constraint: <c>DROP CONSTRAINT name</c>.</summary>
    public virtual void AppendDropUnique(StringBuilder sql, string name)
    {
        sql.Append("DROP CONSTRAINT ");
        AppendIdentifier(sql, name);
    }

    /// <summary>Appends the clause dropping a foreign key: <c>DROP CONSTRAINT name</c>.</summary>
    public virtual void AppendDropForeignKey(StringBuilder sql, string name)
    {
        sql.Append("DROP CONSTRAINT ");
        AppendIdentifier(sql, name);
    }

    /// <summary>
    /// A statement listing rows whose foreign keys point nowhere, run at the end of a table rebuild, or
    /// null where rebuilds do not happen. The migration runner fails the migration when it returns a row.
    /// </summary>
    public virtual string? ForeignKeyCheckSql => null;
}
