using MessagePack;
using Oxyde.Codec.Ir;

namespace Oxyde.Codec.Reader;

/// <summary>Column specs: <c>column_types</c> maps and the <c>type</c> of DDL columns.</summary>
internal static partial class IrReader
{
    private static IReadOnlyDictionary<string, ColumnType> ReadColumnTypes(ref MessagePackReader reader, ReadContext ctx)
    {
        if (TryReadNil(ref reader, "column_types"))
        {
            return ColumnTypeMap.Empty;
        }

        int count = ReadMapHeader(ref reader, "column_types");
        var types = new Dictionary<string, ColumnType>(count, StringComparer.Ordinal);
        ctx.Tag('K');
        ctx.Number(count);
        for (int i = 0; i < count; i++)
        {
            string column = ReadString(ref reader, "column_types");
            ctx.Name(column);
            types[column] = ReadColumnType(ref reader, "column_types", ctx, 1);
        }

        return types;
    }

    /// <summary><c>{"kind":K, "length", "precision", "scale", "name", "values", "item", "db_type"}</c>.</summary>
    private static ColumnType ReadColumnType(ref MessagePackReader reader, string key, ReadContext ctx, int depth)
    {
        if (depth > MaxDepth)
        {
            throw TooDeep(key);
        }

        int count = ReadMapHeader(ref reader, key);
        ColumnTypeKind? kind = null;
        int? length = null, precision = null, scale = null;
        string? enumName = null, dbType = null;
        string[]? enumValues = null;
        ColumnType? item = null;
        Span<char> buffer = stackalloc char[TokenBufferLength];
        ctx.Tag('<');
        for (int i = 0; i < count; i++)
        {
            ReadOnlySpan<char> name = buffer[..ReadKey(ref reader, key, buffer)];
            switch (name)
            {
                case "kind":
                    kind = ParseColumnTypeKind(buffer[..ReadToken(ref reader, "kind", buffer)]);
                    ctx.Tag('k');
                    ctx.Number((int)kind.Value);
                    break;
                case "length":
                    length = ReadOptionalInt32(ref reader, "length", ctx, 'l');
                    break;
                case "precision":
                    precision = ReadOptionalInt32(ref reader, "precision", ctx, 'p');
                    break;
                case "scale":
                    scale = ReadOptionalInt32(ref reader, "scale", ctx, 's');
                    break;
                case "name":
                    enumName = ReadNullableString(ref reader, "name");
                    if (enumName is not null)
                    {
                        ctx.Tag('n');
                        ctx.Name(enumName);
                    }

                    break;
                case "values":
                    enumValues = TryReadNil(ref reader, "values") ? null : ReadNames(ref reader, "values", ctx, 'v');
                    break;
                case "item":
                    if (!TryReadNil(ref reader, "item"))
                    {
                        ctx.Tag('i');
                        item = ReadColumnType(ref reader, "item", ctx, depth + 1);
                    }

                    break;
                case "db_type":
                    dbType = ReadNullableString(ref reader, "db_type");
                    if (dbType is not null)
                    {
                        ctx.Tag('t');
                        ctx.Name(dbType);
                    }

                    break;
                default:
                    Skip(ref reader, key, depth + 1);
                    break;
            }
        }

        ctx.Tag('>');
        return new ColumnType(kind ?? throw Missing("kind"))
        {
            Length = length,
            Precision = precision,
            Scale = scale,
            EnumName = enumName,
            EnumValues = enumValues,
            Item = item,
            DbType = dbType,
        };
    }

    private static int? ReadOptionalInt32(ref MessagePackReader reader, string key, ReadContext ctx, char tag)
    {
        if (TryReadNil(ref reader, key))
        {
            return null;
        }

        int value = ReadInt32(ref reader, key);
        ctx.Tag(tag);
        ctx.Number(value);
        return value;
    }

    private static ColumnTypeKind ParseColumnTypeKind(ReadOnlySpan<char> token) => token switch
    {
        "int64" => ColumnTypeKind.Int64,
        "float64" => ColumnTypeKind.Float64,
        "bool" => ColumnTypeKind.Bool,
        "string" => ColumnTypeKind.String,
        "text" => ColumnTypeKind.Text,
        "bytes" => ColumnTypeKind.Bytes,
        "datetime" => ColumnTypeKind.DateTime,
        "datetime_tz" => ColumnTypeKind.DateTimeTz,
        "date" => ColumnTypeKind.Date,
        "time" => ColumnTypeKind.Time,
        "timedelta" => ColumnTypeKind.Timedelta,
        "uuid" => ColumnTypeKind.Uuid,
        "decimal" => ColumnTypeKind.Decimal,
        "json" => ColumnTypeKind.Json,
        "enum" => ColumnTypeKind.Enum,
        "array" => ColumnTypeKind.Array,
        _ => throw Unknown("kind", token),
    };
}
