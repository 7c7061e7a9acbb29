using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Oxyde.Migrate.Ops;
using Oxyde.Migrate.Schema;

namespace Oxyde.Migrate.Json;

/// <summary>
/// Ops written as Oxyde writes them (serde, <c>type</c> first): every field key present (null when
/// unset), optional op keys (<c>table</c> of drop_table, <c>field_def</c>, <c>index_def</c>,
/// <c>fk_def</c>, <c>check_def</c>, the table state) left out when absent.
/// </summary>
internal static partial class MigrationJson
{
    /// <summary>Only what JSON requires is escaped, so SQL in defaults and checks stays readable (<c>age >= 0</c>, not <c>age \u003E= 0</c>).</summary>
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string WriteOps(IReadOnlyList<MigrationOp> ops)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartArray();
            foreach (var op in ops)
            {
                WriteOp(writer, op);
            }

            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void WriteOp(Utf8JsonWriter w, MigrationOp op)
    {
        w.WriteStartObject();
        w.WriteString("type", op.Type);
        switch (op)
        {
            case CreateTableOp o:
                w.WritePropertyName("table");
                WriteTable(w, o.Table);
                break;
            case DropTableOp o:
                w.WriteString("name", o.Name);
                if (o.Table is { } table)
                {
                    w.WritePropertyName("table");
                    WriteTable(w, table);
                }

                break;
            case RenameTableOp o:
                w.WriteString("old_name", o.OldName);
                w.WriteString("new_name", o.NewName);
                break;
            case AddColumnOp o:
                w.WriteString("table", o.Table);
                w.WritePropertyName("field");
                WriteField(w, o.Field);
                WriteState(w, o.State);
                break;
            case DropColumnOp o:
                w.WriteString("table", o.Table);
                w.WriteString("field", o.Field);
                WriteOptional(w, "field_def", o.FieldDef, WriteField);
                WriteState(w, o.State);
                break;
            case RenameColumnOp o:
                w.WriteString("table", o.Table);
                w.WriteString("old_name", o.OldName);
                w.WriteString("new_name", o.NewName);
                WriteOptional(w, "field_def", o.FieldDef, WriteField);
                break;
            case AlterColumnOp o:
                w.WriteString("table", o.Table);
                w.WritePropertyName("old_field");
                WriteField(w, o.OldField);
                w.WritePropertyName("new_field");
                WriteField(w, o.NewField);
                WriteState(w, o.State);
                break;
            case CreateIndexOp o:
                w.WriteString("table", o.Table);
                w.WritePropertyName("index");
                WriteIndex(w, o.Index);
                break;
            case DropIndexOp o:
                w.WriteString("table", o.Table);
                w.WriteString("name", o.Name);
                WriteOptional(w, "index_def", o.IndexDef, WriteIndex);
                break;
            case AddForeignKeyOp o:
                w.WriteString("table", o.Table);
                w.WritePropertyName("fk");
                WriteForeignKey(w, o.Fk);
                WriteState(w, o.State);
                break;
            case DropForeignKeyOp o:
                w.WriteString("table", o.Table);
                w.WriteString("name", o.Name);
                WriteOptional(w, "fk_def", o.FkDef, WriteForeignKey);
                WriteState(w, o.State);
                break;
            case AddCheckOp o:
                w.WriteString("table", o.Table);
                w.WritePropertyName("check");
                WriteCheck(w, o.Check);
                WriteState(w, o.State);
                break;
            case DropCheckOp o:
                w.WriteString("table", o.Table);
                w.WriteString("name", o.Name);
                WriteOptional(w, "check_def", o.CheckDef, WriteCheck);
                WriteState(w, o.State);
                break;
            case CreateEnumTypeOp o:
                w.WriteString("name", o.Name);
                WriteStrings(w, "values", o.Values);
                break;
            case DropEnumTypeOp o:
                w.WriteString("name", o.Name);
                if (o.Values is { } values)
                {
                    WriteStrings(w, "values", values);
                }

                break;
            case AddEnumValueOp o:
                w.WriteString("name", o.Name);
                w.WriteString("value", o.Value);
                if (o.Fields.Count > 0)
                {
                    w.WriteStartArray("fields");
                    foreach (var field in o.Fields)
                    {
                        w.WriteStartObject();
                        w.WriteString("table", field.Table);
                        w.WritePropertyName("field");
                        WriteField(w, field.Field);
                        w.WriteEndObject();
                    }

                    w.WriteEndArray();
                }

                break;
            case AlterEnumTypeOp o:
                w.WriteString("name", o.Name);
                WriteStrings(w, "old_values", o.OldValues);
                WriteStrings(w, "new_values", o.NewValues);
                break;
            default:
                throw new InvalidOperationException("no JSON form for " + op.GetType().Name);
        }

        w.WriteEndObject();
    }

    private static void WriteOptional<T>(Utf8JsonWriter w, string key, T? value, Action<Utf8JsonWriter, T> write)
        where T : class
    {
        if (value is not null)
        {
            w.WritePropertyName(key);
            write(w, value);
        }
    }

    private static void WriteState(Utf8JsonWriter w, TableState? state)
    {
        if (state is null)
        {
            return;
        }

        WriteList(w, "table_fields", state.Fields, WriteField);
        WriteList(w, "table_indexes", state.Indexes, WriteIndex);
        WriteList(w, "table_foreign_keys", state.ForeignKeys, WriteForeignKey);
        WriteList(w, "table_checks", state.Checks, WriteCheck);
    }

    private static void WriteTable(Utf8JsonWriter w, SchemaTable table)
    {
        w.WriteStartObject();
        w.WriteString("name", table.Name);
        WriteList(w, "fields", table.Fields, WriteField);
        WriteList(w, "indexes", table.Indexes, WriteIndex);
        WriteList(w, "foreign_keys", table.ForeignKeys, WriteForeignKey);
        WriteList(w, "checks", table.Checks, WriteCheck);
        WriteNullable(w, "comment", table.Comment);
        w.WriteEndObject();
    }

    private static void WriteField(Utf8JsonWriter w, SchemaField field)
    {
        w.WriteStartObject();
        w.WriteString("name", field.Name);
        w.WritePropertyName("column_type");
        WriteSpec(w, field.ColumnType);
        WriteNullable(w, "db_type", field.DbType);
        w.WriteBoolean("nullable", field.Nullable);
        w.WriteBoolean("primary_key", field.PrimaryKey);
        w.WriteBoolean("unique", field.Unique);
        WriteNullable(w, "default", field.Default);
        w.WriteBoolean("auto_increment", field.AutoIncrement);
        WriteNullable(w, "max_length", field.MaxLength);
        WriteNullable(w, "max_digits", field.MaxDigits);
        WriteNullable(w, "decimal_places", field.DecimalPlaces);
        w.WriteEndObject();
    }

    private static void WriteSpec(Utf8JsonWriter w, ColumnSpec spec)
    {
        w.WriteStartObject();
        w.WriteString("kind", WireNames.KindName(spec.Kind));
        switch (spec.Kind)
        {
            case ColumnSpecKind.String when spec.Length is { } length:
                w.WriteNumber("length", length);
                break;
            case ColumnSpecKind.Decimal:
                if (spec.Precision is { } precision)
                {
                    w.WriteNumber("precision", precision);
                }

                if (spec.Scale is { } scale)
                {
                    w.WriteNumber("scale", scale);
                }

                break;
            case ColumnSpecKind.Enum:
                w.WriteString("name", spec.EnumName);
                WriteStrings(w, "values", spec.EnumValues ?? []);
                break;
            case ColumnSpecKind.Array when spec.Item is { } item:
                w.WritePropertyName("item");
                WriteSpec(w, item);
                break;
        }

        w.WriteEndObject();
    }

    private static void WriteIndex(Utf8JsonWriter w, SchemaIndex index)
    {
        w.WriteStartObject();
        w.WriteString("name", index.Name);
        WriteStrings(w, "fields", index.Fields);
        w.WriteBoolean("unique", index.Unique);
        WriteNullable(w, "method", index.Method);
        if (index.Where is { } where)
        {
            w.WriteString("where", where);
        }

        w.WriteEndObject();
    }

    private static void WriteForeignKey(Utf8JsonWriter w, SchemaForeignKey fk)
    {
        w.WriteStartObject();
        w.WriteString("name", fk.Name);
        WriteStrings(w, "columns", fk.Columns);
        w.WriteString("ref_table", fk.RefTable);
        WriteStrings(w, "ref_columns", fk.RefColumns);
        w.WriteString("on_delete", WireNames.ActionName(fk.OnDelete));
        w.WriteString("on_update", WireNames.ActionName(fk.OnUpdate));
        w.WriteEndObject();
    }

    private static void WriteCheck(Utf8JsonWriter w, SchemaCheck check)
    {
        w.WriteStartObject();
        w.WriteString("name", check.Name);
        w.WriteString("expression", check.Expression);
        w.WriteEndObject();
    }

    private static void WriteList<T>(Utf8JsonWriter w, string key, IReadOnlyList<T> items, Action<Utf8JsonWriter, T> write)
    {
        w.WriteStartArray(key);
        foreach (var item in items)
        {
            write(w, item);
        }

        w.WriteEndArray();
    }

    private static void WriteStrings(Utf8JsonWriter w, string key, IReadOnlyList<string> values)
    {
        w.WriteStartArray(key);
        foreach (var value in values)
        {
            w.WriteStringValue(value);
        }

        w.WriteEndArray();
    }

    private static void WriteNullable(Utf8JsonWriter w, string key, string? value)
    {
        if (value is null)
        {
            w.WriteNull(key);
        }
        else
        {
            w.WriteString(key, value);
        }
    }

    private static void WriteNullable(Utf8JsonWriter w, string key, int? value)
    {
        if (value is { } number)
        {
            w.WriteNumber(key, number);
        }
        else
        {
            w.WriteNull(key);
        }
    }
}
