using System.Text;
using Oxyde.Codec.Ir;

namespace Oxyde.Query;

/// <summary>
/// The statements of schema migrations: one table or column change each, in place. What a dialect
/// cannot change in place (<see cref="Dialects.SqlDialect.SupportsAlterConstraints"/>) is a rebuild
/// (DdlGenerator.Rebuild.cs), which the caller chooses.
/// </summary>
internal sealed partial class DdlGenerator
{
    /// <summary><c>DROP TABLE "t"</c>.</summary>
    public string DropTableStatement(string table) => Alter("DROP TABLE ", table, sql => { });

    /// <summary><c>ALTER TABLE "a" RENAME TO "b"</c> (PostgreSQL, SQLite, MySQL and MariaDB alike).</summary>
    public string RenameTable(string from, string to) => AlterTable(from, sql =>
    {
        sql.Append("RENAME TO ");
        dialect.AppendIdentifier(sql, to);
    });

    /// <summary><c>ALTER TABLE "t" ADD COLUMN &lt;column&gt;</c>; the caller checks <see cref="Dialects.SqlDialect.CanAddColumn"/>.</summary>
    public string AddColumn(string table, ColumnDef column) => AlterTable(table, sql =>
    {
        sql.Append("ADD COLUMN ");
        AppendColumn(sql, column, inlinePrimaryKey: true);
    });

    /// <summary><c>ALTER TABLE "t" DROP COLUMN "c"</c>.</summary>
    public string DropColumn(string table, string column) => AlterTable(table, sql =>
    {
        sql.Append("DROP COLUMN ");
        dialect.AppendIdentifier(sql, column);
    });

    /// <summary><c>ALTER TABLE "t" RENAME COLUMN "a" TO "b"</c> (PostgreSQL, SQLite 3.25+, MySQL 8, MariaDB 10.5.2+).</summary>
    public string RenameColumn(string table, string from, string to) => AlterTable(table, sql =>
    {
        sql.Append("RENAME COLUMN ");
        dialect.AppendIdentifier(sql, from);
        sql.Append(" TO ");
        dialect.AppendIdentifier(sql, to);
    });

    /// <summary>
    /// The statements turning column <paramref name="before"/> into <paramref name="after"/> in place:
    /// the dialect's clauses for type, nullability and default, then the UNIQUE constraint added or dropped.
    /// </summary>
    public IReadOnlyList<string> AlterColumn(string table, ColumnDef before, ColumnDef after)
    {
        if (!dialect.SupportsAlterConstraints)
        {
            throw dialect.Unsupported("alter column in place");
        }

        var statements = new List<string>();
        foreach (var clause in dialect.AlterColumnClauses(before, after))
        {
            statements.Add(AlterTable(table, sql => sql.Append(clause)));
        }

        var unique = after.Unique && !after.PrimaryKey;
        if ((before.Unique && !before.PrimaryKey) != unique)
        {
            var name = dialect.UniqueConstraintName(table, after.Name);
            statements.Add(AlterTable(table, sql =>
            {
                if (unique)
                {
                    sql.Append("ADD CONSTRAINT ");
                    dialect.AppendIdentifier(sql, name);
                    sql.Append(" UNIQUE (");
                    dialect.AppendIdentifier(sql, after.Name);
                    sql.Append(')');
                }
                else
                {
                    dialect.AppendDropUnique(sql, name);
                }
            }));
        }

        return statements;
    }

    /// <summary><c>CREATE [UNIQUE] INDEX "name" ON "t" (cols)</c> with the dialect's method and predicate.</summary>
    public string CreateIndexStatement(string table, IndexDef index) => CreateIndex(table, index, ifNotExists: false);

    /// <summary>The dialect's <c>DROP INDEX</c> (MySQL names the table).</summary>
    public string DropIndexStatement(string table, string name)
    {
        var sql = new StringBuilder(64);
        dialect.AppendDropIndex(sql, name, table, ifExists: false);
        return sql.ToString();
    }

    /// <summary><c>ALTER TABLE "t" ADD CONSTRAINT "fk" FOREIGN KEY (...) REFERENCES ...</c>.</summary>
    public string AddForeignKey(string table, ForeignKeyDef fk) => AlterConstraint(table, sql =>
    {
        sql.Append("ADD CONSTRAINT ");
        AppendForeignKey(sql, fk);
    });

    /// <summary><c>ALTER TABLE "t" DROP CONSTRAINT "fk"</c> (MySQL: <c>DROP FOREIGN KEY</c>).</summary>
    public string DropForeignKey(string table, string name) => AlterConstraint(table, sql => dialect.AppendDropForeignKey(sql, name));

    /// <summary><c>ALTER TABLE "t" ADD CONSTRAINT "name" CHECK (expr)</c>, named as create_table names it.</summary>
    public string AddCheck(string table, CheckDef check) => AlterConstraint(table, sql =>
    {
        sql.Append("ADD ");
        AppendCheck(sql, table, check);
    });

    /// <summary>
    /// <c>ALTER TABLE "t" DROP CONSTRAINT "name"</c> (PostgreSQL, MariaDB 10.2+, MySQL 8.0.19+), the name
    /// as create_table gave it.
    /// </summary>
    public string DropCheck(string table, string name) => AlterConstraint(table, sql =>
    {
        sql.Append("DROP CONSTRAINT ");
        dialect.AppendIdentifier(sql, dialect.CheckConstraintName(table, name));
    });

    private string AlterConstraint(string table, Action<StringBuilder> clause) =>
        dialect.SupportsAlterConstraints ? AlterTable(table, clause) : throw dialect.Unsupported("alter table constraint in place");

    private string AlterTable(string table, Action<StringBuilder> clause) => Alter("ALTER TABLE ", table, sql =>
    {
        sql.Append(' ');
        clause(sql);
    });

    private string Alter(string verb, string table, Action<StringBuilder> rest)
    {
        var sql = new StringBuilder(96);
        sql.Append(verb);
        dialect.AppendIdentifier(sql, table);
        rest(sql);
        return sql.ToString();
    }
}
