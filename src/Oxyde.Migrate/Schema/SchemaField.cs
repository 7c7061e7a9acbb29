namespace Oxyde.Migrate.Schema;

/// <summary>
/// A column of a snapshot table (Oxyde's <c>FieldDef</c>): <c>name</c>, <c>column_type</c>,
/// <c>db_type</c> (verbatim DDL type, wins), <c>nullable</c>, <c>primary_key</c>, <c>unique</c>,
/// <c>default</c> (a SQL expression), <c>auto_increment</c>, and the legacy size keys
/// <c>max_length</c>, <c>max_digits</c>, <c>decimal_places</c> (kept for the round trip; the spec holds
/// the same numbers).
/// </summary>
internal sealed record SchemaField(string Name, ColumnSpec ColumnType)
{
    public string? DbType { get; init; }

    public bool Nullable { get; init; }

    public bool PrimaryKey { get; init; }

    public bool Unique { get; init; }

    public string? Default { get; init; }

    public bool AutoIncrement { get; init; }

    public int? MaxLength { get; init; }

    public int? MaxDigits { get; init; }

    public int? DecimalPlaces { get; init; }
}
