using System.Text;
using Oxyde.Codec.Ir;
using Oxyde.Codec.Requests;

namespace Oxyde.Query.Dialects;

/// <summary>
/// MySQL 8 (MySqlConnector): backticks, <c>?</c> placeholders, no RETURNING (the executor emulates it
/// by keys, docs/dialects.md), no <c>CREATE INDEX IF NOT EXISTS</c>. What every MariaDB also accepts;
/// <see cref="MariaDbDialect"/> adds what MariaDB 10.5+ has on top.
/// </summary>
internal class MySqlDialect : SqlDialect
{
    /// <summary>The shared instance (dialects are stateless).</summary>
    public static readonly MySqlDialect Instance = new();

    /// <summary>Longest identifier (https://dev.mysql.com/doc/refman/8.0/en/identifier-length.html).</summary>
    private const int MaxIdentifierLength = 64;

    protected MySqlDialect()
    {
    }

    /// <inheritdoc/>
    public override DialectName Name => DialectName.MySql;

    /// <inheritdoc/>
    public override string WireName => "mysql";

    /// <summary>Backticks (https://dev.mysql.com/doc/refman/8.0/en/identifiers.html).</summary>
    protected override char IdentifierQuote => '`';

    /// <summary>65535 placeholders per prepared statement (https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_com_stmt_prepare.html).</summary>
    public override int MaxBindParameters => 65535;

    /// <summary>
    /// No RETURNING in MySQL: inserts read their keys back (bound, or LAST_INSERT_ID,
    /// https://dev.mysql.com/doc/refman/8.0/en/information-functions.html#function_last-insert-id) and
    /// updates lock the matched keys first; the executor then selects the rows by key.
    /// </summary>
    public override bool SupportsReturning => false;

    /// <summary>MySQL 8 rejects <c>CREATE INDEX IF NOT EXISTS</c> (https://dev.mysql.com/doc/refman/8.0/en/create-index.html); create_table puts its indexes inside CREATE TABLE instead.</summary>
    public override bool SupportsCreateIndexIfNotExists => false;

    /// <summary>
    /// CHECK names are unique per schema, not per table (https://dev.mysql.com/doc/refman/8.0/en/create-table-check-constraints.html):
    /// a name that does not already hold the table's is prefixed with it (<c>users_age_positive</c>),
    /// cut to 64 characters with a hash of the full name when longer.
    /// </summary>
    public override string CheckConstraintName(string table, string name)
    {
        var unique = name.Contains(table, StringComparison.Ordinal) ? name : table + "_" + name;
        if (unique.Length <= MaxIdentifierLength)
        {
            return unique;
        }

        // FNV-1a over the UTF-8 bytes: stable across runs and processes (string.GetHashCode is not).
        var fnv = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(unique))
        {
            fnv = (fnv ^ b) * 16777619u;
        }

        var hash = fnv.ToString("x8", System.Globalization.CultureInfo.InvariantCulture);
        return string.Concat(unique.AsSpan(0, MaxIdentifierLength - hash.Length - 1), "_", hash);
    }

    /// <summary>
    /// An index inside CREATE TABLE: <c>[UNIQUE] INDEX `name` (cols) [USING ...]</c>
    /// (https://dev.mysql.com/doc/refman/8.0/en/create-table.html), so <c>CREATE TABLE IF NOT EXISTS</c>
    /// creates a table and its indexes together, or neither.
    /// </summary>
    public override void AppendInlineIndex(StringBuilder sql, IndexDef index)
    {
        if (index.Where is not null)
        {
            throw Unsupported("partial index");
        }

        sql.Append(index.Unique ? ", UNIQUE INDEX " : ", INDEX ");
        AppendIdentifier(sql, index.Name);
        AppendIndexColumns(sql, index.Columns, index.Method);
    }

    /// <summary>
    /// <c>SET TRANSACTION ISOLATION LEVEL</c> applies to the next transaction only, then
    /// <c>START TRANSACTION</c> (https://dev.mysql.com/doc/refman/8.0/en/set-transaction.html).
    /// </summary>
    public override IReadOnlyList<string> BeginStatements(TransactionIsolation? isolation) => isolation switch
    {
        null => StartTransaction,
        { } level => ["SET TRANSACTION ISOLATION LEVEL " + IsolationSql(level), "START TRANSACTION"],
    };

    private static readonly string[] StartTransaction = ["START TRANSACTION"];

    /// <summary>OFFSET needs a LIMIT; the manual's idiom is the largest BIGINT UNSIGNED (https://dev.mysql.com/doc/refman/8.0/en/select.html).</summary>
    protected override string? UnboundedLimit => "18446744073709551615";

    /// <summary>Backslash escapes in string literals, so the one-backslash literal is written <c>'\\'</c> (https://dev.mysql.com/doc/refman/8.0/en/string-literals.html).</summary>
    public override string LikeEscapeClause => " ESCAPE '\\\\'";

    /// <summary>No partial indexes in MySQL or MariaDB (https://dev.mysql.com/doc/refman/8.0/en/create-index.html).</summary>
    public override bool SupportsPartialIndexes => false;

    /// <summary>
    /// <c> (cols) USING BTREE|HASH</c>; MySQL has no GIN or GiST indexes, so those are unsupported
    /// (https://dev.mysql.com/doc/refman/8.0/en/create-index.html, https://mariadb.com/kb/en/create-index/).
    /// </summary>
    public override void AppendIndexColumns(StringBuilder sql, IReadOnlyList<string> columns, IndexMethod? method)
    {
        var type = method switch
        {
            null => null,
            IndexMethod.BTree => " USING BTREE",
            IndexMethod.Hash => " USING HASH",
            _ => throw Unsupported("index method " + IndexMethodName(method.Value)),
        };
        base.AppendIndexColumns(sql, columns, method);
        sql.Append(type);
    }

    /// <summary>
    /// MySQL spells the date parts as functions and RAND(); CONCAT is NULL when any argument is, so
    /// Concat is CONCAT_WS with an empty separator, which skips NULLs as the other databases' CONCAT does.
    /// </summary>
    public override void AppendFunction(SqlWriter writer, SqlFunction function, int count, Action<int> argument)
    {
        switch (function)
        {
            case SqlFunction.Random:
                writer.Append("RAND()");
                return;
            case SqlFunction.Now:
                writer.Append("CURRENT_TIMESTAMP(6)");
                return;
            case SqlFunction.Year or SqlFunction.Month or SqlFunction.Day or SqlFunction.Hour or SqlFunction.Minute or SqlFunction.Second or SqlFunction.Date:
                AppendCall(writer, function == SqlFunction.Date ? "DATE" : DatePart(function), count, argument);
                return;
            case SqlFunction.Concat:
                writer.Append("CONCAT_WS(''");
                for (var i = 0; i < count; i++)
                {
                    writer.Append(", ");
                    argument(i);
                }

                writer.Append(')');
                return;
            default:
                base.AppendFunction(writer, function, count, argument);
                return;
        }
    }

    /// <summary>MySQL 8 refuses a subquery on the table being changed (error 1093); MariaDB 10.3+ accepts both forms.</summary>
    public override bool NeedsDerivedTableInWrites => true;

    /// <summary>LENGTH counts bytes here; CHAR_LENGTH counts characters, as LENGTH does elsewhere.</summary>
    protected override string FunctionName(SqlFunction function) =>
        function == SqlFunction.Length ? "CHAR_LENGTH" : base.FunctionName(function);

    /// <summary>
    /// <c>REGEXP</c> with the case made explicit by an inline flag (PCRE on MariaDB, ICU on MySQL 8 read
    /// <c>(?i)</c>/<c>(?-i)</c> alike): otherwise the column's collation would decide.
    /// </summary>
    public override void AppendRegexMatch(SqlWriter writer, Action subject, in ParamSlot pattern, bool caseInsensitive)
    {
        subject();
        writer.Append(caseInsensitive ? " REGEXP CONCAT('(?i)', " : " REGEXP CONCAT('(?-i)', ").Parameter(pattern).Append(')');
    }

    /// <summary>
    /// <c> ON DUPLICATE KEY UPDATE a = VALUES(a)</c> (https://dev.mysql.com/doc/refman/8.0/en/insert-on-duplicate.html).
    /// VALUES(col) is what MariaDB parses and MySQL 8 still runs (deprecated there since 8.0.20 in
    /// favour of a new-row alias, which MariaDB rejects), so the test server runs this exact SQL. MySQL
    /// cannot name the conflict target: a collision on any unique key of the table updates that row
    /// (docs/dialects.md, "Upserts"). With no update columns the first conflict column is set to
    /// itself, which leaves the row as it is (INSERT IGNORE would also turn other errors into warnings).
    /// </summary>
    public override void AppendOnConflict(SqlWriter writer, OnConflict onConflict)
    {
        writer.Append(" ON DUPLICATE KEY UPDATE ");
        if (onConflict.Update.Count == 0)
        {
            var column = onConflict.Columns[0];
            writer.Identifier(column).Append(" = ").Identifier(column);
            return;
        }

        for (var i = 0; i < onConflict.Update.Count; i++)
        {
            if (i > 0)
            {
                writer.Append(", ");
            }

            var column = onConflict.Update[i];
            writer.Identifier(column).Append(" = VALUES(").Identifier(column).Append(')');
        }
    }

    /// <summary>No DEFAULT VALUES: <c>() VALUES ()</c> (https://dev.mysql.com/doc/refman/8.0/en/insert.html).</summary>
    public override void AppendInsertDefaultValues(SqlWriter writer) => writer.Append(" () VALUES ()");

    /// <summary>Index names are per table: <c>DROP INDEX name ON table</c>; IF EXISTS is MariaDB 10.1.4+ (https://mariadb.com/kb/en/drop-index/).</summary>
    public override void AppendDropIndex(StringBuilder sql, string name, string table, bool ifExists)
    {
        sql.Append(ifExists ? "DROP INDEX IF EXISTS " : "DROP INDEX ");
        AppendIdentifier(sql, name);
        sql.Append(" ON ");
        AppendIdentifier(sql, table);
    }

    /// <summary>ENUM('a', 'b') is each column's own type (https://dev.mysql.com/doc/refman/8.0/en/enum.html).</summary>
    public override EnumStorage EnumStorage => EnumStorage.ColumnType;

    /// <summary>
    /// One <c>MODIFY COLUMN</c> restating the whole column (type, AUTO_INCREMENT, NOT NULL, DEFAULT;
    /// https://dev.mysql.com/doc/refman/8.0/en/alter-table.html): MySQL has no per-attribute form for the
    /// type or nullability. PRIMARY KEY and UNIQUE stay out: restating them would add a second key.
    /// </summary>
    public override IEnumerable<string> AlterColumnClauses(ColumnDef before, ColumnDef after)
    {
        var restated = RestatedColumn(after);
        return RestatedColumn(before with { Name = after.Name }) == restated ? [] : ["MODIFY COLUMN " + restated];
    }

    private string RestatedColumn(ColumnDef column)
    {
        var sql = new StringBuilder(64);
        AppendIdentifier(sql, column.Name);
        sql.Append(' ').Append(ColumnTypeSql(column.Type));
        sql.Append(column.AutoIncrement ? " AUTO_INCREMENT" : string.Empty);
        sql.Append(!column.Nullable || column.PrimaryKey ? " NOT NULL" : string.Empty);
        if (column.Default is { } expression)
        {
            sql.Append(" DEFAULT ").Append(expression);
        }

        return sql.ToString();
    }

    /// <summary>
    /// DROP COLUMN refuses a column a foreign key uses ("needed in a foreign key constraint",
    /// https://dev.mysql.com/doc/refman/8.0/en/create-table-foreign-keys.html): the key is dropped first.
    /// </summary>
    public override bool DropColumnDropsForeignKeys => false;

    /// <summary>An inline UNIQUE column's index is named after the column (https://dev.mysql.com/doc/refman/8.0/en/create-table.html#create-table-indexes-keys).</summary>
    public override string UniqueConstraintName(string table, string column) => column;

    /// <summary>A UNIQUE constraint is an index: <c>DROP INDEX name</c>.</summary>
    public override void AppendDropUnique(StringBuilder sql, string name)
    {
        sql.Append("DROP INDEX ");
        AppendIdentifier(sql, name);
    }

    /// <summary><c>DROP FOREIGN KEY name</c> (https://dev.mysql.com/doc/refman/8.0/en/create-table-foreign-keys.html#foreign-key-dropping).</summary>
    public override void AppendDropForeignKey(StringBuilder sql, string name)
    {
        sql.Append("DROP FOREIGN KEY ");
        AppendIdentifier(sql, name);
    }

    /// <summary>String literals also escape backslashes (https://dev.mysql.com/doc/refman/8.0/en/string-literals.html).</summary>
    public override void AppendStringLiteral(StringBuilder sql, string text) =>
        base.AppendStringLiteral(sql, text.Replace("\\", "\\\\", StringComparison.Ordinal));

    /// <summary><c>BIGINT AUTO_INCREMENT PRIMARY KEY</c> (https://dev.mysql.com/doc/refman/8.0/en/example-auto-increment.html).</summary>
    public override void AppendAutoIncrementPrimaryKey(StringBuilder sql, ColumnType type) =>
        sql.Append(type.DbType ?? "BIGINT").Append(" AUTO_INCREMENT PRIMARY KEY");

    /// <summary>UUIDs live in CHAR(36) as canonical lower-case text.</summary>
    protected override object ConvertUuid(Guid value) => value.ToString("D");

    /// <summary>DATETIME has no zone: the UTC instant is stored (read back as +00:00).</summary>
    protected override object ConvertDateTimeTz(DateTimeOffset value) => value.UtcDateTime;

    /// <summary>An untyped (raw SQL) double must be finite too: the text protocol would send <c>Infinity</c> as a column name.</summary>
    protected override object FromUntyped(object wire, string? column) =>
        wire is double d && !double.IsFinite(d)
            ? throw WireValues.Fail(null, column, $"MySQL cannot store {d.ToString(System.Globalization.CultureInfo.InvariantCulture)}")
            : base.FromUntyped(wire, column);

    /// <summary>DOUBLE has no infinity or NaN (https://dev.mysql.com/doc/refman/8.0/en/floating-point-types.html): refused before the server sees it.</summary>
    protected override object ConvertDouble(double value, ColumnType type, string? column) =>
        double.IsFinite(value) ? value : throw WireValues.Fail(type, column, $"MySQL DOUBLE cannot store {value.ToString(System.Globalization.CultureInfo.InvariantCulture)}");

    /// <summary>
    /// Exact at any precision: a System.Decimal when the value has at most 28 significant digits and
    /// fits it (then the server compares it as DECIMAL), else the text itself, which MySQL converts to
    /// DECIMAL exactly (DECIMAL(65, 30) holds more than System.Decimal). NaN and infinity have no
    /// DECIMAL form and fail here.
    /// </summary>
    protected override object ConvertDecimal(object wire, ColumnType type, string? column)
    {
        if (wire is not string text)
        {
            return base.ConvertDecimal(wire, type, column);
        }

        if (FitsSystemDecimal(text)
            && decimal.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var exact))
        {
            return exact;
        }

        var spelled = WireValues.ToDecimalText(wire, type, column);
        return double.IsFinite(double.Parse(spelled, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture))
            ? spelled.Trim()
            : throw WireValues.Fail(type, column, "MySQL DECIMAL has no NaN or infinity");
    }

    /// <summary>
    /// Whether System.Decimal holds the text's value exactly (it rounds silently otherwise): at most
    /// 28 digits from the first non-zero one through the last fraction digit, scale 0 to 28.
    /// </summary>
    private static bool FitsSystemDecimal(string text)
    {
        int significant = 0, fraction = 0, exponent = 0;
        var inFraction = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is 'e' or 'E')
            {
                if (!int.TryParse(text.AsSpan(i + 1), System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out exponent))
                {
                    return false;
                }

                break;
            }

            if (c == '.')
            {
                inFraction = true;
            }
            else if (char.IsAsciiDigit(c))
            {
                significant += significant > 0 || c != '0' || inFraction ? 1 : 0;
                fraction += inFraction ? 1 : 0;
            }
        }

        var scale = (long)fraction - exponent;
        return scale <= 28 && significant + Math.Max(0, -scale) <= 28;
    }

    /// <inheritdoc/>
    protected override string StorageType(ColumnType type) => type.Kind switch
    {
        ColumnTypeKind.Int64 or ColumnTypeKind.Timedelta => "BIGINT",
        ColumnTypeKind.Float64 => "DOUBLE",
        ColumnTypeKind.Bool => "TINYINT(1)",
        ColumnTypeKind.String => $"VARCHAR({type.Length ?? 255})",
        ColumnTypeKind.Text => "LONGTEXT",
        ColumnTypeKind.Enum => EnumType(type),
        ColumnTypeKind.Bytes => "LONGBLOB",
        ColumnTypeKind.DateTime or ColumnTypeKind.DateTimeTz => "DATETIME(6)",
        ColumnTypeKind.Date => "DATE",
        ColumnTypeKind.Time => "TIME(6)",
        ColumnTypeKind.Uuid => "CHAR(36)",
        ColumnTypeKind.Decimal => type.Precision is { } p ? $"DECIMAL({p}, {type.Scale ?? 0})" : "DECIMAL(65, 30)",
        ColumnTypeKind.Json or ColumnTypeKind.Array => "JSON",
        _ => throw Unsupported("column kind " + WireValues.KindName(type.Kind)),
    };

    private string EnumType(ColumnType type)
    {
        if (type.EnumValues is not { Count: > 0 } values)
        {
            return "VARCHAR(255)";
        }

        var sb = new StringBuilder("ENUM(");
        for (var i = 0; i < values.Count; i++)
        {
            if (i > 0)
            {
                sb.Append(", ");
            }

            AppendStringLiteral(sb, values[i]);
        }

        return sb.Append(')').ToString();
    }
}
