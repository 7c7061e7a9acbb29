using System.Text;
using Oxyde.Codec.Errors;
using Oxyde.Codec.Ir;
using Oxyde.Codec.Requests;

namespace Oxyde.Query.Dialects;

/// <summary>
/// Everything the generators ask a database about: lexical rules, capabilities, clause hooks, DDL type
/// names and value binding. Generators never test for a concrete dialect (DESIGN §4); each override
/// handles its special case and the base class holds the common path. Dialects are stateless.
/// </summary>
internal abstract partial class SqlDialect
{
    /// <summary>Which database this is (the wire name of the render verb).</summary>
    public abstract DialectName Name { get; }

    /// <summary>Lower-case name used in error details and golden directories: <c>postgres sqlite mysql</c>.</summary>
    public abstract string WireName { get; }

    /// <summary>Identifier quote: <c>"</c> (SQL standard) or <c>`</c> (MySQL, https://dev.mysql.com/doc/refman/8.0/en/identifiers.html).</summary>
    protected abstract char IdentifierQuote { get; }

    /// <summary>Most placeholders one statement may carry (SQLite SQLITE_MAX_VARIABLE_NUMBER, PG/MySQL protocol Int16 count).</summary>
    public abstract int MaxBindParameters { get; }

    /// <summary>Whether INSERT/UPDATE/DELETE take a RETURNING clause (PG, SQLite ≥ 3.35; not MySQL).</summary>
    public abstract bool SupportsReturning { get; }

    /// <summary>Whether INSERT takes RETURNING (also MariaDB 10.5+, which has no UPDATE ... RETURNING).</summary>
    public virtual bool SupportsInsertReturning => SupportsReturning;

    /// <summary>The clause after a SELECT that locks the rows it reads until the transaction ends.</summary>
    public virtual string LockingReadSuffix => " FOR UPDATE";

    /// <summary>
    /// The name a CHECK constraint gets in DDL: as given by default; databases where constraint names
    /// are unique per schema rather than per table (MySQL) make it unique with the table's name.
    /// </summary>
    public virtual string CheckConstraintName(string table, string name) => name;

    /// <summary>
    /// Appends one index inside CREATE TABLE (<c>, INDEX name (cols)</c>), used when the table is
    /// created IF NOT EXISTS and the database has no <c>CREATE INDEX IF NOT EXISTS</c>.
    /// </summary>
    public virtual void AppendInlineIndex(StringBuilder sql, IndexDef index) =>
        throw Unsupported("create index if not exists");

    /// <summary>Whether <c>CREATE INDEX IF NOT EXISTS</c> parses (PG ≥ 9.5, SQLite, MariaDB ≥ 10.1.4; not MySQL 8).</summary>
    public virtual bool SupportsCreateIndexIfNotExists => true;

    /// <summary>Whether <c>CREATE INDEX ... WHERE predicate</c> (a partial index) parses (PG, SQLite ≥ 3.8; not MySQL/MariaDB).</summary>
    public virtual bool SupportsPartialIndexes => true;

    /// <summary>
    /// Whether the database's <c>LOWER()</c> folds only ASCII letters, so case-insensitive lookups
    /// must lower their bound pattern the same way (or <c>icontains("É")</c> would miss a stored "É").
    /// </summary>
    public virtual bool LowerFoldsAsciiOnly => false;

    /// <summary>
    /// The LIMIT literal written when only OFFSET is given, or null when OFFSET may stand alone (PG).
    /// </summary>
    protected virtual string? UnboundedLimit => null;

    /// <summary>The <c> ESCAPE '\'</c> clause of LIKE, spelled so the string literal holds one backslash.</summary>
    public virtual string LikeEscapeClause => " ESCAPE '\\'";

    /// <summary>
    /// Whether LIMIT/OFFSET numbers are bound parameters (true) or integer literals in the SQL. They are
    /// reader-checked non-negative integers, never text, and the reader keeps them in the query (its cache key).
    /// </summary>
    protected virtual bool BindsLimitOffset => true;

    /// <summary>Appends <paramref name="name"/> quoted, doubling embedded quote characters.</summary>
    public void AppendIdentifier(StringBuilder sql, string name)
    {
        var quote = IdentifierQuote;
        sql.Append(quote);
        foreach (var c in name)
        {
            if (c == quote)
            {
                sql.Append(quote);
            }

            sql.Append(c);
        }

        sql.Append(quote);
    }

    /// <summary>Returns <paramref name="name"/> quoted (see <see cref="AppendIdentifier"/>).</summary>
    public string QuoteIdentifier(string name)
    {
        var sb = new StringBuilder(name.Length + 2);
        AppendIdentifier(sb, name);
        return sb.ToString();
    }

    /// <summary>Appends the placeholder of the 1-based <paramref name="ordinal"/>: <c>?</c> by default.</summary>
    public virtual void AppendParameter(StringBuilder sql, int ordinal) => sql.Append('?');

    /// <summary>Appends what follows a placeholder bound for <paramref name="type"/>: nothing by default (PG casts text to JSONB).</summary>
    public virtual void AppendParameterSuffix(StringBuilder sql, ColumnType? type)
    {
    }

    /// <summary>
    /// Appends <c> LIMIT ? OFFSET ?</c> for the given value indexes (-1 = absent), or the numbers themselves
    /// where <see cref="BindsLimitOffset"/> is false; an OFFSET without a LIMIT gets
    /// <see cref="UnboundedLimit"/> first where the grammar requires a LIMIT.
    /// </summary>
    public virtual void AppendLimitOffset(SqlWriter writer, int limitValue, int offsetValue, IReadOnlyList<object?> values)
    {
        if (limitValue >= 0)
        {
            AppendCount(writer.Append(" LIMIT "), limitValue, values, "limit");
        }
        else if (offsetValue >= 0 && UnboundedLimit is { } unbounded)
        {
            writer.Append(" LIMIT ").Append(unbounded);
        }

        if (offsetValue >= 0)
        {
            AppendCount(writer.Append(" OFFSET "), offsetValue, values, "offset");
        }
    }

    /// <summary>
    /// Appends the pattern test of a LIKE lookup: <c>col LIKE ? ESCAPE '\'</c>, or
    /// <c>LOWER(col) LIKE ?</c> with a lowered pattern for the case-insensitive forms.
    /// </summary>
    public virtual void AppendPatternMatch(SqlWriter writer, Action subject, int valueIndex, ParamTransform pattern, string? column)
    {
        if (LikePatterns.IsCaseInsensitive(pattern))
        {
            writer.Append("LOWER(");
            subject();
            writer.Append(')');
        }
        else
        {
            subject();
        }

        writer.Append(" LIKE ").Parameter(new ParamSlot(valueIndex, -1, pattern, null, column)).Append(LikeEscapeClause);
    }

    /// <summary>Appends <c> RETURNING cols</c>; callers check <see cref="SupportsReturning"/> first.</summary>
    public virtual void AppendReturning(SqlWriter writer, IReadOnlyList<string> columns)
    {
        writer.Append(" RETURNING ").Identifiers(columns);
    }

    /// <summary>Appends the tail of an INSERT of one row with no columns: <c> DEFAULT VALUES</c> (SQL standard).</summary>
    public virtual void AppendInsertDefaultValues(SqlWriter writer) => writer.Append(" DEFAULT VALUES");

    /// <summary>
    /// Appends the column list of CREATE INDEX with the index's access method, if any. By default only
    /// <c> (cols)</c>: the method is ignored, which is right for SQLite, whose indexes are always B-trees
    /// (https://www.sqlite.org/lang_createindex.html).
    /// </summary>
    public virtual void AppendIndexColumns(StringBuilder sql, IReadOnlyList<string> columns, IndexMethod? method)
    {
        sql.Append(" (");
        AppendIdentifiers(sql, columns);
        sql.Append(')');
    }

    /// <summary>Appends <paramref name="names"/> quoted, separated by <c>, </c>.</summary>
    public void AppendIdentifiers(StringBuilder sql, IReadOnlyList<string> names)
    {
        for (var i = 0; i < names.Count; i++)
        {
            if (i > 0)
            {
                sql.Append(", ");
            }

            AppendIdentifier(sql, names[i]);
        }
    }

    /// <summary>Appends <c>DROP INDEX</c>; the standard form names no table.</summary>
    public virtual void AppendDropIndex(StringBuilder sql, string name, string table, bool ifExists)
    {
        sql.Append(ifExists ? "DROP INDEX IF EXISTS " : "DROP INDEX ");
        AppendIdentifier(sql, name);
    }

    /// <summary>
    /// The statements that open a transaction at <paramref name="isolation"/> (null: the database's
    /// default): <c>BEGIN [ISOLATION LEVEL ...]</c> by default (PostgreSQL,
    /// https://www.postgresql.org/docs/current/sql-begin.html).
    /// </summary>
    public virtual IReadOnlyList<string> BeginStatements(TransactionIsolation? isolation) => isolation switch
    {
        null => DefaultBegin,
        { } level => BeginAt[(int)level],
    };

    /// <summary>Ends the open transaction, keeping its work.</summary>
    public virtual string CommitSql => "COMMIT";

    /// <summary>Ends the open transaction, undoing its work.</summary>
    public virtual string RollbackSql => "ROLLBACK";

    /// <summary>The SQL spelling of an isolation level: <c>READ COMMITTED</c>.</summary>
    protected static string IsolationSql(TransactionIsolation level) => level switch
    {
        TransactionIsolation.ReadUncommitted => "READ UNCOMMITTED",
        TransactionIsolation.ReadCommitted => "READ COMMITTED",
        TransactionIsolation.RepeatableRead => "REPEATABLE READ",
        _ => "SERIALIZABLE",
    };

    private static readonly string[] DefaultBegin = ["BEGIN"];

    private static readonly string[][] BeginAt = Enum.GetValues<TransactionIsolation>()
        .Select(level => new[] { "BEGIN ISOLATION LEVEL " + IsolationSql(level) })
        .ToArray();

    /// <summary>Creates a savepoint (same SQL on all three: SAVEPOINT name).</summary>
    public virtual string SavepointSql(string name) => "SAVEPOINT " + QuoteIdentifier(name);

    /// <summary>Releases a savepoint: RELEASE SAVEPOINT name.</summary>
    public virtual string ReleaseSavepointSql(string name) => "RELEASE SAVEPOINT " + QuoteIdentifier(name);

    /// <summary>Rolls back to a savepoint: ROLLBACK TO SAVEPOINT name.</summary>
    public virtual string RollbackToSavepointSql(string name) => "ROLLBACK TO SAVEPOINT " + QuoteIdentifier(name);

    /// <summary>The storage type of <paramref name="type"/>; <c>db_type</c> wins verbatim.</summary>
    public string ColumnTypeSql(ColumnType type) => type.DbType ?? StorageType(type);

    /// <summary>The dialect's own storage type for a spec without <c>db_type</c> (table in docs/dialects.md).</summary>
    protected abstract string StorageType(ColumnType type);

    /// <summary>
    /// A statement creating the database type a column of <paramref name="type"/> needs, run before
    /// its table (and a no-op when the type exists), or null: no such type (the default).
    /// </summary>
    public virtual string? CreateTypeSql(ColumnType type) => null;

    /// <summary>Appends type and key of an auto-increment primary key column (the whole column tail).</summary>
    public abstract void AppendAutoIncrementPrimaryKey(StringBuilder sql, ColumnType type);

    /// <summary>Appends a DDL string literal (enum values); standard SQL doubles single quotes.</summary>
    public virtual void AppendStringLiteral(StringBuilder sql, string text)
    {
        sql.Append('\'').Append(text.Replace("'", "''", StringComparison.Ordinal)).Append('\'');
    }

    /// <summary>Throws the exception the golden tests record as <c>.error</c>.</summary>
    public UnsupportedFeatureException Unsupported(string feature) => new(WireName, feature);

    /// <summary>The wire (and PostgreSQL) spelling of an index method: <c>btree hash gin gist</c>.</summary>
    protected static string IndexMethodName(IndexMethod method) => method switch
    {
        IndexMethod.BTree => "btree",
        IndexMethod.Hash => "hash",
        IndexMethod.Gin => "gin",
        IndexMethod.Gist => "gist",
        _ => throw new OxydeException(ErrorCode.IrMalformed, "unknown index method " + method),
    };

    /// <summary>Spec of LIMIT/OFFSET values.</summary>
    protected static readonly ColumnType CountType = new(ColumnTypeKind.Int64);

    private void AppendCount(SqlWriter writer, int valueIndex, IReadOnlyList<object?> values, string name)
    {
        if (BindsLimitOffset)
        {
            writer.Parameter(new ParamSlot(valueIndex, -1, ParamTransform.None, CountType, name));
            return;
        }

        // The reader accepts only non-negative integers here (docs/ir-protocol.md, "Reader rules").
        var count = values[valueIndex] as long? ?? throw WireValues.Fail(CountType, name, "expected a non-negative integer");
        writer.Append(count.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}
