using System.Collections.ObjectModel;
using Oxyde.Codec.Ir;

namespace Oxyde.Codec.Reader;

/// <summary>Column specs: <c>column_types</c> maps and the <c>type</c> of DDL columns.</summary>
internal static partial class IrReader
{
    /// <summary>Distinct <c>column_types</c> maps kept parsed (one per model in practice).</summary>
    public const int ColumnTypesCapacity = 256;

    /// <summary>Longer <c>column_types</c> maps are parsed every time instead of kept.</summary>
    public const int MaxKeptColumnTypesBytes = 16 * 1024;

    /// <summary>
    /// Parsed <c>column_types</c> maps by their exact bytes. A model sends the same map with every
    /// request, so a repeat costs a skip and a compare; what is kept is immutable.
    /// </summary>
    internal static readonly ByteKeyCache<ParsedColumnTypes> ColumnTypesCache = new(ColumnTypesCapacity, MaxKeptColumnTypesBytes);

    /// <summary>
    /// <c>column_types</c>. Its result and shape text depend on its bytes only, so both are looked up by
    /// those bytes first; a miss (or bytes that are not one whole value) parses, and a parse that
    /// succeeds is kept.
    /// </summary>
    private static IReadOnlyDictionary<string, ColumnType> ReadColumnTypes(ref WireReader reader, ReadContext ctx)
    {
        if (TryReadNil(ref reader, "column_types"))
        {
            return ColumnTypeMap.Empty;
        }

        int start = reader.Position;
        if (!reader.TrySkip())
        {
            reader.Rewind(start);
            return ParseColumnTypes(ref reader, ctx);
        }

        ReadOnlySpan<byte> bytes = reader.Slice(start, reader.Position);
        if (ColumnTypesCache.Find(bytes) is { } cached)
        {
            ctx.Append(cached.Shape);
            return cached.Types;
        }

        reader.Rewind(start);
        int shapeStart = ctx.ShapeLength;
        IReadOnlyDictionary<string, ColumnType> types = ParseColumnTypes(ref reader, ctx);
        ColumnTypesCache.Add(bytes, new ParsedColumnTypes(types, ctx.ShapeSince(shapeStart)));
        return types;
    }

    private static ReadOnlyDictionary<string, ColumnType> ParseColumnTypes(ref WireReader reader, ReadContext ctx)
    {
        int count = ReadMapHeader(ref reader, "column_types");
        var types = new Dictionary<string, ColumnType>(count, StringComparer.Ordinal);
        ctx.Tag('K');
        ctx.Number(count);
        for (int i = 0; i < count; i++)
        {
            string column = ReadName(ref reader, "column_types");
            ctx.Name(column);
            types[column] = ReadColumnType(ref reader, "column_types", ctx, 1);
        }

        return types.AsReadOnly();
    }

    /// <summary><c>{"kind":K, "length", "precision", "scale", "name", "values", "item", "db_type"}</c>.</summary>
    private static ColumnType ReadColumnType(ref WireReader reader, string key, ReadContext ctx, int depth)
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
        ctx.Tag('<');
        for (int i = 0; i < count; i++)
        {
            ReadOnlySpan<byte> name = ReadKey(ref reader, key);
            if (name.SequenceEqual("kind"u8))
            {
                kind = ParseColumnTypeKind(ReadToken(ref reader, "kind"));
                ctx.Tag('k');
                ctx.Number((int)kind.Value);
            }
            else if (name.SequenceEqual("length"u8))
            {
                length = ReadOptionalInt32(ref reader, "length", ctx, 'l');
            }
            else if (name.SequenceEqual("precision"u8))
            {
                precision = ReadOptionalInt32(ref reader, "precision", ctx, 'p');
            }
            else if (name.SequenceEqual("scale"u8))
            {
                scale = ReadOptionalInt32(ref reader, "scale", ctx, 's');
            }
            else if (name.SequenceEqual("name"u8))
            {
                enumName = ReadNullableString(ref reader, "name");
                if (enumName is not null)
                {
                    ctx.Tag('n');
                    ctx.Name(enumName);
                }
            }
            else if (name.SequenceEqual("values"u8))
            {
                enumValues = TryReadNil(ref reader, "values") ? null : ReadNames(ref reader, "values", ctx, 'v');
            }
            else if (name.SequenceEqual("item"u8))
            {
                if (!TryReadNil(ref reader, "item"))
                {
                    ctx.Tag('i');
                    item = ReadColumnType(ref reader, "item", ctx, depth + 1);
                }
            }
            else if (name.SequenceEqual("db_type"u8))
            {
                dbType = ReadNullableString(ref reader, "db_type");
                if (dbType is not null)
                {
                    ctx.Tag('t');
                    ctx.Name(dbType);
                }
            }
            else
            {
                Skip(ref reader, key, depth + 1);
            }
        }

        ctx.Tag('>');
        return new ColumnType(kind ?? throw Missing("kind"))
        {
            Length = length,
            Precision = precision,
            Scale = scale,
            EnumName = enumName,
            EnumValues = enumValues is null ? null : Array.AsReadOnly(enumValues),
            Item = item,
            DbType = dbType,
        };
    }

    private static int? ReadOptionalInt32(ref WireReader reader, string key, ReadContext ctx, char tag)
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

    private static ColumnTypeKind ParseColumnTypeKind(ReadOnlySpan<byte> token) =>
        token.SequenceEqual("int64"u8) ? ColumnTypeKind.Int64
        : token.SequenceEqual("float64"u8) ? ColumnTypeKind.Float64
        : token.SequenceEqual("bool"u8) ? ColumnTypeKind.Bool
        : token.SequenceEqual("string"u8) ? ColumnTypeKind.String
        : token.SequenceEqual("text"u8) ? ColumnTypeKind.Text
        : token.SequenceEqual("bytes"u8) ? ColumnTypeKind.Bytes
        : token.SequenceEqual("datetime"u8) ? ColumnTypeKind.DateTime
        : token.SequenceEqual("datetime_tz"u8) ? ColumnTypeKind.DateTimeTz
        : token.SequenceEqual("date"u8) ? ColumnTypeKind.Date
        : token.SequenceEqual("time"u8) ? ColumnTypeKind.Time
        : token.SequenceEqual("timedelta"u8) ? ColumnTypeKind.Timedelta
        : token.SequenceEqual("uuid"u8) ? ColumnTypeKind.Uuid
        : token.SequenceEqual("decimal"u8) ? ColumnTypeKind.Decimal
        : token.SequenceEqual("json"u8) ? ColumnTypeKind.Json
        : token.SequenceEqual("enum"u8) ? ColumnTypeKind.Enum
        : token.SequenceEqual("array"u8) ? ColumnTypeKind.Array
        : throw Unknown("kind", token);
}
