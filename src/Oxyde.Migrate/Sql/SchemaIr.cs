using Oxyde.Codec.Ir;
using Oxyde.Migrate.Json;
using Oxyde.Migrate.Schema;

namespace Oxyde.Migrate.Sql;

/// <summary>
/// Snapshot definitions as the IR records <see cref="Query.DdlGenerator"/> renders, so a migration
/// creates columns exactly as <c>create_tables()</c> does (docs/dialects.md, "Storage types per kind").
/// </summary>
internal static class SchemaIr
{
    public static CreateTableQuery Table(SchemaTable table) => new()
    {
        Table = table.Name,
        Columns = [.. table.Fields.Select(f => Column(f, SinglePrimaryKey(table.Fields)))],
        ForeignKeys = [.. table.ForeignKeys.Select(ForeignKey)],
        Indexes = [.. table.Indexes.Select(Index)],
        Checks = [.. table.Checks.Select(Check)],
        Values = [],
    };

    /// <summary>
    /// A column. A single integer primary key auto-increments (BIGSERIAL, INTEGER PRIMARY KEY
    /// AUTOINCREMENT, AUTO_INCREMENT), as Oxyde's DDL and <c>create_tables()</c> make it, whatever the
    /// snapshot's <c>auto_increment</c> says (Oxyde sets it only in MySQL snapshots).
    /// </summary>
    public static ColumnDef Column(SchemaField field, bool singlePrimaryKey) => new(field.Name, Type(field))
    {
        Nullable = field.Nullable,
        PrimaryKey = field.PrimaryKey,
        AutoIncrement = field.AutoIncrement || (field.PrimaryKey && singlePrimaryKey && field.ColumnType.Kind == ColumnSpecKind.BigInteger),
        Unique = field.Unique,
        Default = field.Default,
    };

    public static bool SinglePrimaryKey(IReadOnlyList<SchemaField> fields) => fields.Count(f => f.PrimaryKey) == 1;

    /// <summary>The IR column type; <c>db_type</c> wins verbatim, the legacy size keys fill a spec without sizes.</summary>
    public static ColumnType Type(SchemaField field) => Spec(field.ColumnType, field) with { DbType = field.DbType };

    private static ColumnType Spec(ColumnSpec spec, SchemaField field) => spec.Kind switch
    {
        ColumnSpecKind.BigInteger => new ColumnType(ColumnTypeKind.Int64),
        ColumnSpecKind.Double => new ColumnType(ColumnTypeKind.Float64),
        ColumnSpecKind.Boolean => new ColumnType(ColumnTypeKind.Bool),
        ColumnSpecKind.String => new ColumnType(ColumnTypeKind.String) { Length = spec.Length ?? field.MaxLength },
        ColumnSpecKind.Blob => new ColumnType(ColumnTypeKind.Bytes),
        ColumnSpecKind.DateTime => new ColumnType(ColumnTypeKind.DateTime),
        ColumnSpecKind.DateTimeUtc => new ColumnType(ColumnTypeKind.DateTimeTz),
        ColumnSpecKind.Date => new ColumnType(ColumnTypeKind.Date),
        ColumnSpecKind.Time => new ColumnType(ColumnTypeKind.Time),
        ColumnSpecKind.Timedelta => new ColumnType(ColumnTypeKind.Timedelta),
        ColumnSpecKind.Uuid => new ColumnType(ColumnTypeKind.Uuid),
        ColumnSpecKind.Decimal => new ColumnType(ColumnTypeKind.Decimal)
        {
            Precision = spec.Precision ?? field.MaxDigits,
            Scale = spec.Scale ?? field.DecimalPlaces,
        },
        ColumnSpecKind.Json or ColumnSpecKind.JsonBinary => new ColumnType(ColumnTypeKind.Json),
        ColumnSpecKind.Enum => new ColumnType(ColumnTypeKind.Enum) { EnumName = spec.EnumName, EnumValues = spec.EnumValues is null ? null : [.. spec.EnumValues] },
        ColumnSpecKind.Array => new ColumnType(ColumnTypeKind.Array) { Item = spec.Item is { } item ? Spec(item, field) : null },

        // Text, and unknown (Oxyde's TEXT for a type it cannot classify).
        _ => new ColumnType(ColumnTypeKind.Text),
    };

    public static IndexDef Index(SchemaIndex index) => new(index.Name, [.. index.Fields], index.Unique)
    {
        Method = WireNames.ParseMethod(index.Method, "index " + index.Name),
        Where = index.Where,
    };

    public static ForeignKeyDef ForeignKey(SchemaForeignKey fk) => new(fk.Name, [.. fk.Columns], fk.RefTable, [.. fk.RefColumns], fk.OnDelete, fk.OnUpdate);

    public static CheckDef Check(SchemaCheck check) => new(check.Name, check.Expression);
}
