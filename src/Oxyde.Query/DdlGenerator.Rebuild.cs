using System.Text;
using Oxyde.Codec.Ir;

namespace Oxyde.Query;

/// <summary>
/// A table rebuilt to a new definition, for what a database cannot change in place (SQLite: alter a
/// column, add or drop a foreign key or CHECK, drop a key column), in the order SQLite documents
/// (https://www.sqlite.org/lang_altertable.html#otheralter): create the new table under a temporary
/// name, copy the rows, drop the old table, rename the new one, create its indexes, check the foreign
/// keys. The statements belong in one transaction with foreign key enforcement off (dropping the old
/// table would otherwise run its ON DELETE actions on the rows referencing it); the final check lists
/// any row left pointing nowhere, and the runner fails the migration if there is one.
/// </summary>
internal sealed partial class DdlGenerator
{
    /// <summary>Prefix of the temporary table of a rebuild.</summary>
    public const string RebuildPrefix = "_oxyde_new_";

    /// <param name="table">The new definition, under its final name (self-references keep it).</param>
    /// <param name="copied">The columns whose rows are copied: those of the new table that the old one has.</param>
    public IReadOnlyList<string> RebuildTable(CreateTableQuery table, IReadOnlyList<string> copied)
    {
        var temporary = RebuildPrefix + table.Table;
        var statements = new List<string>(6 + table.Indexes.Count);
        foreach (var template in CreateTable(table with { Table = temporary, Indexes = [], IfNotExists = false }, withTypes: false))
        {
            statements.Add(template.Sql);
        }

        if (copied.Count > 0)
        {
            var sql = new StringBuilder(128);
            sql.Append("INSERT INTO ");
            dialect.AppendIdentifier(sql, temporary);
            sql.Append(" (");
            dialect.AppendIdentifiers(sql, copied);
            sql.Append(") SELECT ");
            dialect.AppendIdentifiers(sql, copied);
            sql.Append(" FROM ");
            dialect.AppendIdentifier(sql, table.Table);
            statements.Add(sql.ToString());
        }

        statements.Add(DropTableStatement(table.Table));
        statements.Add(Alter("ALTER TABLE ", temporary, sql =>
        {
            sql.Append(" RENAME TO ");
            dialect.AppendIdentifier(sql, table.Table);
        }));
        foreach (var index in table.Indexes)
        {
            statements.Add(CreateIndex(table.Table, index, ifNotExists: false));
        }

        if (dialect.ForeignKeyCheckSql is { } check)
        {
            statements.Add(check);
        }

        return statements;
    }
}
