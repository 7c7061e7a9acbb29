using System.Text;
using Oxyde.Codec.Errors;
using Oxyde.Codec.Ir;
using Oxyde.Query.Dialects;

namespace Oxyde.Query;

/// <summary>
/// Renders DDL: create_table (the column types it needs first, where the dialect has such types; then
/// columns, keys, defaults, FKs, CHECKs; then its indexes as separate statements),
/// drop_table, create_index (access method and partial-index predicate per dialect), drop_index; and the
/// ALTER statements of migrations (DdlGenerator.Alter.cs, DdlGenerator.Rebuild.cs). DDL carries
/// no parameters; defaults are SQL literals.
/// </summary>
internal sealed partial class DdlGenerator(SqlDialect dialect)
{
    public SqlTemplate[] Generate(IrQuery query) => query switch
    {
        CreateTableQuery create => CreateTable(create),
        DropTableQuery drop => [Template(DropTable(drop))],
        CreateIndexQuery index => [Template(CreateIndex(index.Table, index.Index, index.IfNotExists))],
        DropIndexQuery drop => [Template(DropIndex(drop))],
        _ => throw new OxydeException(ErrorCode.IrMalformed, "not a DDL statement: " + query.Kind),
    };

    /// <summary>
    /// The statements of a table, as <see cref="Generate"/> renders <c>create_table</c>;
    /// <paramref name="withTypes"/> false leaves out the types the columns need (a migration creates
    /// them with its own <c>create_enum_type</c> ops).
    /// </summary>
    public IReadOnlyList<string> CreateTableStatements(CreateTableQuery query, bool withTypes) =>
        [.. CreateTable(query, withTypes).Select(t => t.Sql)];

    private SqlTemplate[] CreateTable(CreateTableQuery query, bool withTypes = true)
    {
        var sql = new StringBuilder(256);
        sql.Append(query.IfNotExists ? "CREATE TABLE IF NOT EXISTS " : "CREATE TABLE ");
        dialect.AppendIdentifier(sql, query.Table);
        sql.Append(" (");

        var keyCount = 0;
        foreach (var column in query.Columns)
        {
            keyCount += column.PrimaryKey ? 1 : 0;
        }

        for (var i = 0; i < query.Columns.Count; i++)
        {
            if (i > 0)
            {
                sql.Append(", ");
            }

            AppendColumn(sql, query.Columns[i], inlinePrimaryKey: keyCount == 1);
        }

        if (keyCount > 1)
        {
            sql.Append(", PRIMARY KEY (");
            var first = true;
            foreach (var column in query.Columns)
            {
                if (column.PrimaryKey)
                {
                    sql.Append(first ? string.Empty : ", ");
                    dialect.AppendIdentifier(sql, column.Name);
                    first = false;
                }
            }

            sql.Append(')');
        }

        foreach (var fk in query.ForeignKeys)
        {
            sql.Append(", CONSTRAINT ");
            AppendForeignKey(sql, fk);
        }

        foreach (var check in query.Checks)
        {
            sql.Append(", ");
            AppendCheck(sql, query.Table, check);
        }

        // IF NOT EXISTS where CREATE INDEX has no IF NOT EXISTS (MySQL 8): the indexes go inside the
        // CREATE TABLE, so an existing table keeps its indexes and a new one gets them.
        var inlineIndexes = query.IfNotExists && !dialect.SupportsCreateIndexIfNotExists;
        if (inlineIndexes)
        {
            foreach (var index in query.Indexes)
            {
                dialect.AppendInlineIndex(sql, index);
            }
        }

        sql.Append(')');
        var templates = new List<SqlTemplate>(1 + query.Indexes.Count);
        foreach (var column in withTypes ? query.Columns : [])
        {
            if (dialect.CreateTypeSql(column.Type) is { } type && !templates.Exists(t => t.Sql == type))
            {
                templates.Add(Template(type));
            }
        }

        templates.Add(Template(sql.ToString()));
        if (!inlineIndexes)
        {
            foreach (var index in query.Indexes)
            {
                templates.Add(Template(CreateIndex(query.Table, index, query.IfNotExists)));
            }
        }

        return [.. templates];
    }

    /// <summary><c>"name" TYPE [NOT NULL] [DEFAULT expr] [PRIMARY KEY | UNIQUE]</c>.</summary>
    private void AppendColumn(StringBuilder sql, ColumnDef column, bool inlinePrimaryKey)
    {
        dialect.AppendIdentifier(sql, column.Name);
        sql.Append(' ');
        if (column.AutoIncrement)
        {
            if (!column.PrimaryKey || !inlinePrimaryKey)
            {
                throw dialect.Unsupported("auto_increment on a column that is not the single primary key");
            }

            dialect.AppendAutoIncrementPrimaryKey(sql, column.Type);
            return;
        }

        sql.Append(dialect.ColumnTypeSql(column.Type));
        if (!column.Nullable || column.PrimaryKey)
        {
            sql.Append(" NOT NULL");
        }

        if (column.Default is { } expression)
        {
            sql.Append(" DEFAULT ").Append(expression);
        }

        if (column.PrimaryKey && inlinePrimaryKey)
        {
            sql.Append(" PRIMARY KEY");
        }
        else if (column.Unique)
        {
            sql.Append(" UNIQUE");
        }
    }

    /// <summary><c>"name" FOREIGN KEY (cols) REFERENCES "table" (cols) ON DELETE ... ON UPDATE ...</c> (after <c>CONSTRAINT </c>).</summary>
    private void AppendForeignKey(StringBuilder sql, ForeignKeyDef fk)
    {
        dialect.AppendIdentifier(sql, fk.Name);
        sql.Append(" FOREIGN KEY (");
        dialect.AppendIdentifiers(sql, fk.Columns);
        sql.Append(") REFERENCES ");
        dialect.AppendIdentifier(sql, fk.RefTable);
        sql.Append(" (");
        dialect.AppendIdentifiers(sql, fk.RefColumns);
        sql.Append(") ON DELETE ").Append(ActionSql(fk.OnDelete)).Append(" ON UPDATE ").Append(ActionSql(fk.OnUpdate));
    }

    /// <summary>
    /// <c>CONSTRAINT "name" CHECK (expression)</c>. The expression is developer-authored DDL
    /// (<c>Meta.constraints</c>), written as given, like a column default. The name is the dialect's
    /// (<see cref="SqlDialect.CheckConstraintName"/>: unique per schema on MySQL).
    /// </summary>
    private void AppendCheck(StringBuilder sql, string table, CheckDef check)
    {
        sql.Append("CONSTRAINT ");
        dialect.AppendIdentifier(sql, dialect.CheckConstraintName(table, check.Name));
        sql.Append(" CHECK (").Append(check.Expression).Append(')');
    }

    private string CreateIndex(string table, IndexDef index, bool ifNotExists)
    {
        var sql = new StringBuilder(128);
        sql.Append(index.Unique ? "CREATE UNIQUE INDEX " : "CREATE INDEX ");
        if (ifNotExists)
        {
            sql.Append("IF NOT EXISTS ");
        }

        dialect.AppendIdentifier(sql, index.Name);
        sql.Append(" ON ");
        dialect.AppendIdentifier(sql, table);
        dialect.AppendIndexColumns(sql, index.Columns, index.Method);
        if (index.Where is { } predicate)
        {
            if (!dialect.SupportsPartialIndexes)
            {
                throw dialect.Unsupported("partial index");
            }

            // Developer-authored DDL (Index(where=...)), written as given, like a CHECK expression.
            sql.Append(" WHERE ").Append(predicate);
        }

        if (ifNotExists && !dialect.SupportsCreateIndexIfNotExists)
        {
            throw dialect.Unsupported("create index if not exists");
        }

        return sql.ToString();
    }

    private string DropTable(DropTableQuery query)
    {
        var sql = new StringBuilder(64);
        sql.Append(query.IfExists ? "DROP TABLE IF EXISTS " : "DROP TABLE ");
        dialect.AppendIdentifier(sql, query.Table);
        return sql.ToString();
    }

    private string DropIndex(DropIndexQuery query)
    {
        var sql = new StringBuilder(64);
        dialect.AppendDropIndex(sql, query.Name, query.Table, query.IfExists);
        return sql.ToString();
    }

    private static string ActionSql(ReferentialAction action) => action switch
    {
        ReferentialAction.Cascade => "CASCADE",
        ReferentialAction.SetNull => "SET NULL",
        ReferentialAction.Restrict => "RESTRICT",
        ReferentialAction.NoAction => "NO ACTION",
        ReferentialAction.SetDefault => "SET DEFAULT",
        _ => throw new OxydeException(ErrorCode.IrMalformed, "unknown referential action " + action),
    };

    private static SqlTemplate Template(string sql) => new(sql, []);
}
