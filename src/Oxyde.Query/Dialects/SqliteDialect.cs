using System.Text;
using Oxyde.Codec.Ir;
using Oxyde.Codec.Requests;

namespace Oxyde.Query.Dialects;

/// <summary>SQLite (Microsoft.Data.Sqlite): <c>?</c> placeholders, RETURNING (3.35+), text storage for rich kinds.</summary>
internal sealed class SqliteDialect : SqlDialect
{
    /// <summary>The shared instance (dialects are stateless).</summary>
    public static readonly SqliteDialect Instance = new();

    /// <summary>Collation comparing decimal text by value (registered on every connection by the driver).</summary>
    public const string DecimalCollation = "oxyde_decimal";

    /// <summary>Collation comparing ISO datetime text by instant (an offset-less value counts as UTC).</summary>
    public const string InstantCollation = "oxyde_instant";

    /// <summary>Exact decimal-text functions <c>oxyde_dec_add|sub|mul|div(a, b)</c>, <c>oxyde_dec_neg(a)</c>, <c>oxyde_dec_round(a, scale)</c>.</summary>
    public const string DecimalAdd = "oxyde_dec_add", DecimalSub = "oxyde_dec_sub", DecimalMul = "oxyde_dec_mul",
        DecimalDiv = "oxyde_dec_div", DecimalNeg = "oxyde_dec_neg", DecimalRound = "oxyde_dec_round";

    /// <inheritdoc/>
    public override DialectName Name => DialectName.Sqlite;

    /// <inheritdoc/>
    public override string WireName => "sqlite";

    /// <summary>Double quotes (https://www.sqlite.org/lang_keywords.html).</summary>
    protected override char IdentifierQuote => '"';

    /// <summary>SQLITE_MAX_VARIABLE_NUMBER defaults to 32766 since 3.32 (https://www.sqlite.org/limits.html#max_variable_number).</summary>
    public override int MaxBindParameters => 32766;

    /// <summary>RETURNING since 3.35 (https://www.sqlite.org/lang_returning.html).</summary>
    public override bool SupportsReturning => true;

    /// <summary>SQLite's LOWER() folds ASCII only (https://www.sqlite.org/lang_corefunc.html#lower).</summary>
    public override bool LowerFoldsAsciiOnly => true;

    /// <summary>OFFSET needs a LIMIT; a negative LIMIT means none (https://www.sqlite.org/lang_select.html#limitoffset).</summary>
    protected override string? UnboundedLimit => "-1";

    /// <summary>
    /// <c>BEGIN IMMEDIATE</c> at every level: the write lock is taken up front, so a transaction that
    /// reads then writes waits on <c>busy_timeout</c> instead of failing with SQLITE_BUSY on the lock
    /// upgrade. SQLite transactions are serializable, which satisfies any level asked for
    /// (https://www.sqlite.org/isolation.html).
    /// </summary>
    public override IReadOnlyList<string> BeginStatements(TransactionIsolation? isolation) => BeginImmediate;

    private static readonly string[] BeginImmediate = ["BEGIN IMMEDIATE"];

    /// <summary>
    /// Literals: with <c>LIMIT ?</c> SQLite re-prepares the statement at every execution (the LIMIT
    /// value is planner input, so rebinding it expires the statement; measured with e_sqlite3 3.53.3),
    /// nearly doubling the cost of a cached select. https://www.sqlite.org/c3ref/stmt_status.html
    /// </summary>
    protected override bool BindsLimitOffset => false;

    /// <summary>
    /// Not LIKE: SQLite's LIKE reads both the pattern and the column value only up to their first NUL
    /// (https://www.sqlite.org/lang_expr.html#like), so <c>contains "b"</c> would miss a stored
    /// <c>"a\0b"</c>. INSTR, = and a BLOB suffix compare all bytes. LOWER() on both sides keeps LIKE's
    /// case folding (ASCII only, https://www.sqlite.org/lang_corefunc.html#lower): the case-sensitive
    /// forms bind the value ASCII-lowered, the i-forms lowered as for LIKE. Nothing is lost to indexes:
    /// our TEXT columns are BINARY-collated, which LIKE cannot use either.
    /// </summary>
    public override void AppendPatternMatch(SqlWriter writer, Action subject, int valueIndex, ParamTransform pattern, string? column)
    {
        var text = new ParamSlot(valueIndex, -1, LikePatterns.IsCaseInsensitive(pattern) ? ParamTransform.Lower : ParamTransform.LowerAscii, null, column);
        switch (pattern)
        {
            case ParamTransform.Contains or ParamTransform.IContains:
                writer.Append("INSTR(LOWER(");
                subject();
                writer.Append("), ").Parameter(text).Append(") > 0");
                break;
            case ParamTransform.StartsWith or ParamTransform.IStartsWith:
                // The first occurrence is at 1 exactly when the value is a prefix.
                writer.Append("INSTR(LOWER(");
                subject();
                writer.Append("), ").Parameter(text).Append(") = 1");
                break;
            case ParamTransform.EndsWith or ParamTransform.IEndsWith:
                // SUBSTR and LENGTH stop at a NUL on TEXT but count bytes on a BLOB.
                writer.Append("SUBSTR(CAST(LOWER(");
                subject();
                writer.Append(") AS BLOB), -LENGTH(CAST(")
                    .Parameter(text).Append(" AS BLOB))) = CAST(").Parameter(text).Append(" AS BLOB)");
                break;
            default:
                writer.Append("LOWER(");
                subject();
                writer.Append(") = ").Parameter(text);
                break;
        }
    }

    /// <summary>
    /// Decimals and aware datetimes are TEXT (exact, and the format Oxyde databases hold), which the
    /// BINARY collation would compare by spelling ("10.00" &lt; "9"); the driver's collations compare
    /// by value and by instant. https://www.sqlite.org/c3ref/create_collation.html
    /// </summary>
    protected override string? ComparisonCollation(ColumnType type) => type.Kind switch
    {
        ColumnTypeKind.Decimal => DecimalCollation,
        ColumnTypeKind.DateTimeTz => InstantCollation,
        _ => null,
    };

    /// <summary>SQLite's operators compute decimal text in REAL (https://www.sqlite.org/datatype3.html); the driver's functions compute exactly.</summary>
    public override string? ArithmeticFunction(ArithmeticOp op, ColumnType? type) => type is { Kind: ColumnTypeKind.Decimal }
        ? op switch
        {
            ArithmeticOp.Add => DecimalAdd,
            ArithmeticOp.Sub => DecimalSub,
            ArithmeticOp.Mul => DecimalMul,
            ArithmeticOp.Div => DecimalDiv,
            _ => null,
        }
        : null;

    /// <summary>Exact negation of decimal text.</summary>
    public override string? NegationFunction(ColumnType? type) => type is { Kind: ColumnTypeKind.Decimal } ? DecimalNeg : null;

    /// <summary>TEXT enforces no scale, so a computed decimal is rounded to it (half away from zero, as NUMERIC(p, s) does).</summary>
    public override string? RoundToScaleFunction(ColumnType? type) => type is { Kind: ColumnTypeKind.Decimal } ? DecimalRound : null;

    /// <summary>
    /// Date parts through <c>strftime</c> over the stored text (https://www.sqlite.org/lang_datefunc.html);
    /// <c>__date</c> is <c>DATE(x)</c>, text like a date column holds.
    /// </summary>
    public override void AppendFunction(SqlWriter writer, SqlFunction function, int count, Action<int> argument)
    {
        switch (function)
        {
            case SqlFunction.Year or SqlFunction.Month or SqlFunction.Day or SqlFunction.Hour or SqlFunction.Minute or SqlFunction.Second:
                writer.Append("CAST(STRFTIME('").Append(function switch
                {
                    SqlFunction.Year => "%Y",
                    SqlFunction.Month => "%m",
                    SqlFunction.Day => "%d",
                    SqlFunction.Hour => "%H",
                    SqlFunction.Minute => "%M",
                    _ => "%S",
                }).Append("', ");
                argument(0);
                writer.Append(") AS INTEGER)");
                return;
            case SqlFunction.Date:
                AppendCall(writer, "DATE", count, argument);
                return;
            default:
                base.AppendFunction(writer, function, count, argument);
                return;
        }
    }

    /// <summary>
    /// SUM and AVG of decimal text would compute in REAL (inexact), so they are refused rather than
    /// answered approximately; MIN and MAX compare through the decimal collation and stay exact.
    /// </summary>
    public override string AggregateName(AggregateFunction function, ColumnType? type) =>
        function is AggregateFunction.Sum or AggregateFunction.Avg && type is { Kind: ColumnTypeKind.Decimal }
            ? throw Unsupported($"{function.ToString().ToUpperInvariant()} of a decimal column (SQLite would compute it in floating point)")
            : base.AggregateName(function, type);

    /// <summary>SQLite has no REGEXP function of its own (https://www.sqlite.org/lang_expr.html#regexp).</summary>
    public override void AppendRegexMatch(SqlWriter writer, Action subject, in ParamSlot pattern, bool caseInsensitive) =>
        throw Unsupported(caseInsensitive ? "iregex lookup" : "regex lookup");

    /// <summary>
    /// No row locks: a transaction here already holds the database's write lock from its BEGIN IMMEDIATE
    /// (decision 0003), which is what FOR UPDATE would ask for, so the clause is left out.
    /// </summary>
    public override void AppendLock(SqlWriter writer, LockClause lockClause)
    {
    }

    /// <summary>No ALTER COLUMN, ADD/DROP CONSTRAINT (https://www.sqlite.org/lang_altertable.html#otheralter): a rebuild instead.</summary>
    public override bool SupportsAlterConstraints => false;

    /// <summary>ADD COLUMN takes no PRIMARY KEY or UNIQUE column (https://www.sqlite.org/lang_altertable.html#altertabaddcol).</summary>
    public override bool CanAddColumn(ColumnDef column) => !column.PrimaryKey && !column.Unique;

    /// <summary>DROP COLUMN refuses a PRIMARY KEY or UNIQUE column (https://www.sqlite.org/lang_altertable.html#altertabdropcol).</summary>
    public override bool CanDropKeyColumn => false;

    /// <summary>Every row whose foreign key has no parent (https://www.sqlite.org/pragma.html#pragma_foreign_key_check).</summary>
    public override string? ForeignKeyCheckSql => "PRAGMA foreign_key_check";

    /// <summary>Only INTEGER PRIMARY KEY aliases the rowid (https://www.sqlite.org/autoinc.html).</summary>
    public override void AppendAutoIncrementPrimaryKey(StringBuilder sql, ColumnType type) =>
        sql.Append("INTEGER PRIMARY KEY AUTOINCREMENT");

    /// <summary>
    /// Refused: SQLite integers are signed 64-bit, and a value above int64 max bound as anything else
    /// lands as a REAL or text and reads back changed (https://www.sqlite.org/datatype3.html).
    /// </summary>
    protected override object ConvertUnsigned(ulong value, string? column) =>
        throw WireValues.Fail(null, column, $"{value} is above the largest SQLite integer, {long.MaxValue}");

    /// <summary>No boolean type: 0/1 integers (https://www.sqlite.org/datatype3.html#boolean_datatype).</summary>
    protected override object ConvertBool(bool value) => value ? 1L : 0L;

    /// <summary>Text <c>YYYY-MM-DD HH:MM:SS[.ffffff]</c>, the form SQLite's date functions read (https://www.sqlite.org/lang_datefunc.html).</summary>
    protected override object ConvertDateTime(DateTime value)
    {
        var sb = new StringBuilder(26);
        IsoText.AppendDateTime(sb, value);
        return sb.ToString();
    }

    /// <summary>As <see cref="ConvertDateTime"/> plus the sender's <c>+HH:MM</c>.</summary>
    protected override object ConvertDateTimeTz(DateTimeOffset value)
    {
        var sb = new StringBuilder(32);
        IsoText.AppendDateTime(sb, value.DateTime);
        IsoText.AppendOffset(sb, value.Offset);
        return sb.ToString();
    }

    /// <summary>Text <c>YYYY-MM-DD</c>.</summary>
    protected override object ConvertDate(DateOnly value) => value.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Text <c>HH:MM:SS[.ffffff]</c>.</summary>
    protected override object ConvertTime(TimeOnly value)
    {
        var sb = new StringBuilder(15);
        IsoText.AppendTime(sb, value);
        return sb.ToString();
    }

    /// <summary>Canonical lower-case text.</summary>
    protected override object ConvertUuid(Guid value) => value.ToString("D");

    /// <summary>Exact text: no REAL rounding (https://www.sqlite.org/datatype3.html).</summary>
    protected override object ConvertDecimal(object wire, ColumnType type, string? column) =>
        WireValues.ToDecimalText(wire, type, column);

    /// <inheritdoc/>
    protected override string StorageType(ColumnType type) => type.Kind switch
    {
        ColumnTypeKind.Int64 or ColumnTypeKind.Timedelta or ColumnTypeKind.Bool => "INTEGER",
        ColumnTypeKind.Float64 => "REAL",
        ColumnTypeKind.Bytes => "BLOB",
        _ => "TEXT",
    };
}
