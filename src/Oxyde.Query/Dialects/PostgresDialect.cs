using System.Globalization;
using System.Text;
using Oxyde.Codec.Ir;
using Oxyde.Codec.Requests;

namespace Oxyde.Query.Dialects;

/// <summary>PostgreSQL (Npgsql): <c>$n</c> placeholders, RETURNING, native UUID/JSONB/arrays.</summary>
internal sealed class PostgresDialect : SqlDialect
{
    /// <summary>The shared instance (dialects are stateless).</summary>
    public static readonly PostgresDialect Instance = new();

    /// <inheritdoc/>
    public override DialectName Name => DialectName.Postgres;

    /// <inheritdoc/>
    public override string WireName => "postgres";

    /// <summary>Double quotes (https://www.postgresql.org/docs/current/sql-syntax-lexical.html#SQL-SYNTAX-IDENTIFIERS).</summary>
    protected override char IdentifierQuote => '"';

    /// <summary>65535: the wire protocol's Bind message counts parameters in an Int16 (https://www.postgresql.org/docs/current/protocol-message-formats.html).</summary>
    public override int MaxBindParameters => 65535;

    /// <summary>INSERT/UPDATE/DELETE ... RETURNING (https://www.postgresql.org/docs/current/dml-returning.html).</summary>
    public override bool SupportsReturning => true;

    /// <summary>Positional <c>$1, $2</c> (https://www.postgresql.org/docs/current/sql-expressions.html#SQL-EXPRESSIONS-PARAMETERS-POSITIONAL).</summary>
    public override void AppendParameter(StringBuilder sql, int ordinal) =>
        sql.Append('$').Append(ordinal.ToString(CultureInfo.InvariantCulture));

    /// <summary>
    /// JSON travels as text, and text is not assignable to JSONB, so the placeholder gets a cast
    /// (https://www.postgresql.org/docs/current/sql-expressions.html#SQL-SYNTAX-TYPE-CASTS).
    /// </summary>
    public override void AppendParameterSuffix(StringBuilder sql, ColumnType? type)
    {
        if (type is { Kind: ColumnTypeKind.Json } || (type is { Kind: ColumnTypeKind.Array, DbType: { } db } && KeptAsJson(type) && db.TrimStart().StartsWith("JSON", StringComparison.OrdinalIgnoreCase)))
        {
            sql.Append("::").Append(ColumnTypeSql(type));
        }
        else if (type is not null && NativeEnum(type) is { } name)
        {
            // Text is not assignable (nor comparable) to an enum type: the value is cast to it.
            sql.Append("::");
            AppendIdentifier(sql, name);
        }
        else if (type is { Kind: ColumnTypeKind.Array, DbType: null, Item: { } item } && NativeEnum(item) is { } itemName)
        {
            sql.Append("::");
            AppendIdentifier(sql, itemName);
            sql.Append("[]");
        }
    }

    /// <summary>
    /// A str-Enum column is a native enum type named <c>&lt;snake_class&gt;_enum</c> (Oxyde's storage),
    /// created before its table, kept when it already exists (a type shared by two tables, or a
    /// second <c>create_tables</c>): https://www.postgresql.org/docs/current/datatype-enum.html.
    /// </summary>
    public override string? CreateTypeSql(ColumnType type)
    {
        var enumType = type.Kind == ColumnTypeKind.Array && type.DbType is null ? type.Item : type;
        if (enumType is null || NativeEnum(enumType) is not { } name)
        {
            return null;
        }

        var sql = new StringBuilder(128);
        sql.Append("DO $oxyde$ BEGIN CREATE TYPE ");
        AppendIdentifier(sql, name);
        sql.Append(" AS ENUM (");
        for (var i = 0; i < enumType.EnumValues!.Count; i++)
        {
            var value = enumType.EnumValues[i];
            if (value.Contains("$oxyde$", StringComparison.Ordinal))
            {
                throw Unsupported("enum value containing $oxyde$");
            }

            sql.Append(i > 0 ? ", " : string.Empty);
            AppendStringLiteral(sql, value);
        }

        return sql.Append("); EXCEPTION WHEN duplicate_object THEN NULL; END $oxyde$").ToString();
    }

    /// <summary>The native enum type of <paramref name="type"/>, or null (no name or values, or a <c>db_type</c>: TEXT).</summary>
    private static string? NativeEnum(ColumnType type) =>
        type is { Kind: ColumnTypeKind.Enum, DbType: null, EnumName: { Length: > 0 } name, EnumValues.Count: > 0 } ? name : null;

    /// <summary>
    /// Decimal text is bound untyped (<see cref="UntypedText"/>) so the server parses it as the
    /// column's NUMERIC with every digit; integers and floats as System.Decimal.
    /// </summary>
    protected override object ConvertDecimal(object wire, ColumnType type, string? column) => wire is string s
        ? new UntypedText(WireValues.IsFiniteDecimalText(s) ? s.Trim() : throw WireValues.Fail(type, column, "expected a finite decimal string"))
        : WireValues.ToDecimal(wire, type, column);

    /// <summary>
    /// <c> USING method (cols)</c> for a method other than the default btree, which is written as
    /// nothing (https://www.postgresql.org/docs/current/sql-createindex.html).
    /// </summary>
    public override void AppendIndexColumns(StringBuilder sql, IReadOnlyList<string> columns, IndexMethod? method)
    {
        if (method is { } m and not IndexMethod.BTree)
        {
            sql.Append(" USING ").Append(IndexMethodName(m));
        }

        base.AppendIndexColumns(sql, columns, method);
    }

    /// <summary>Enums are named types (https://www.postgresql.org/docs/current/datatype-enum.html).</summary>
    public override EnumStorage EnumStorage => EnumStorage.NativeType;

    /// <summary>
    /// <c> USING "c"::text::type</c>: through text, the one cast every type has, since PostgreSQL has no
    /// implicit cast to many targets (text to an enum, integer to boolean)
    /// (https://www.postgresql.org/docs/current/sql-altertable.html#SQL-ALTERTABLE-DESC-SET-DATA-TYPE).
    /// </summary>
    protected override void AppendTypeChangeUsing(StringBuilder sql, string column, string type)
    {
        sql.Append(" USING ");
        AppendIdentifier(sql, column);
        sql.Append("::text::").Append(type);
    }

    /// <summary>Longest identifier in bytes (NAMEDATALEN - 1, https://www.postgresql.org/docs/current/sql-syntax-lexical.html#SQL-SYNTAX-IDENTIFIERS).</summary>
    private const int MaxIdentifierBytes = 63;

    /// <summary>
    /// <c>{table}_{column}_key</c>, cut as PostgreSQL cuts the names it makes (makeObjectName in
    /// src/backend/commands/indexcmds.c): while too long, the longer of table and column loses its last
    /// character, so a long name still matches the constraint the server created.
    /// </summary>
    public override string UniqueConstraintName(string table, string column)
    {
        const string Label = "key";
        var available = MaxIdentifierBytes - Label.Length - 2;
        var first = Encoding.UTF8.GetByteCount(table);
        var second = Encoding.UTF8.GetByteCount(column);
        while (first + second > available)
        {
            if (first > second)
            {
                first--;
            }
            else
            {
                second--;
            }
        }

        return $"{ClipUtf8(table, first)}_{ClipUtf8(column, second)}_{Label}";
    }

    /// <summary>The longest prefix of <paramref name="text"/> of at most <paramref name="bytes"/> UTF-8 bytes that ends on a character.</summary>
    private static string ClipUtf8(string text, int bytes)
    {
        var length = 0;
        var used = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            if (used + rune.Utf8SequenceLength > bytes)
            {
                break;
            }

            used += rune.Utf8SequenceLength;
            length += rune.Utf16SequenceLength;
        }

        return text[..length];
    }

    /// <summary>BIGSERIAL (an owned sequence, so pg_get_serial_sequence works); db_type replaces BIGSERIAL.</summary>
    public override void AppendAutoIncrementPrimaryKey(StringBuilder sql, ColumnType type) =>
        sql.Append(type.DbType ?? "BIGSERIAL").Append(" PRIMARY KEY");

    /// <summary>
    /// Arrays are native: the JSON text becomes a typed CLR array (https://www.npgsql.org/doc/types/basic.html);
    /// a list whose <c>db_type</c> is not an array type (JSONB, TEXT) keeps its JSON text.
    /// </summary>
    protected override object ConvertArray(string json, ColumnType type, string? column) =>
        KeptAsJson(type) ? json : PgArrayValues.FromJson(json, type, column);

    /// <summary>An array column whose <c>db_type</c> is not an array type (no trailing <c>[]</c>): stored as JSON text.</summary>
    private static bool KeptAsJson(ColumnType type) => type.DbType is { } db && !db.TrimEnd().EndsWith(']');

    /// <inheritdoc/>
    protected override string StorageType(ColumnType type) => type.Kind switch
    {
        ColumnTypeKind.Int64 or ColumnTypeKind.Timedelta => "BIGINT",
        ColumnTypeKind.Float64 => "DOUBLE PRECISION",
        ColumnTypeKind.Bool => "BOOLEAN",
        ColumnTypeKind.String => type.Length is { } n ? $"VARCHAR({n})" : "TEXT",
        ColumnTypeKind.Text => "TEXT",
        ColumnTypeKind.Enum => NativeEnum(type) is { } name ? QuoteIdentifier(name) : "TEXT",
        ColumnTypeKind.Bytes => "BYTEA",
        ColumnTypeKind.DateTime => "TIMESTAMP",
        ColumnTypeKind.DateTimeTz => "TIMESTAMPTZ",
        ColumnTypeKind.Date => "DATE",
        ColumnTypeKind.Time => "TIME",
        ColumnTypeKind.Uuid => "UUID",
        ColumnTypeKind.Decimal => type.Precision is { } p ? $"NUMERIC({p}, {type.Scale ?? 0})" : "NUMERIC",
        ColumnTypeKind.Json => "JSONB",
        ColumnTypeKind.Array => ColumnTypeSql(type.Item ?? new ColumnType(ColumnTypeKind.Text)) + "[]",
        _ => throw Unsupported("column kind " + WireValues.KindName(type.Kind)),
    };
}
