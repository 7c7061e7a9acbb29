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
    internal static readonly ByteKeyCache<ColumnTypeMap> ColumnTypesCache = new(ColumnTypesCapacity, MaxKeptColumnTypesBytes);

    /// <summary>
    /// <c>column_types</c>. Its result depends on its bytes only, so it is looked up by those bytes
    /// first; a miss (or bytes that are not one whole value) parses, and a parse that succeeds is kept.
    /// A repeat is the same instance, which makes comparing cache keys a reference check.
    /// </summary>
    private static ColumnTypeMap ReadColumnTypes(ref WireReader reader, ReadContext ctx)
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
            return cached;
        }

        reader.Rewind(start);
        ColumnTypeMap types = ParseColumnTypes(ref reader, ctx);
        ColumnTypesCache.Add(bytes, types);
        return types;
    }

    private static ColumnTypeMap ParseColumnTypes(ref WireReader reader, ReadContext ctx)
    {
        int count = ReadMapHeader(ref reader, "column_types");
        var types = new Dictionary<string, ColumnType>(count, StringComparer.Ordinal);
        for (int i = 0; i < count; i++)
        {
            string column = ReadName(ref reader, "column_types");
            types[column] = ReadColumnType(ref reader, "column_types", ctx, 1);
        }

        return new ColumnTypeMap(types);
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
        for (int i = 0; i < count; i++)
        {
            ReadOnlySpan<byte> name = ReadKey(ref reader, key);
            if (name.SequenceEqual("kind"u8))
            {
                kind = ParseColumnTypeKind(ReadToken(ref reader, "kind"));
            }
            else if (name.SequenceEqual("length"u8))
            {
                length = ReadOptionalInt32(ref reader, "length");
            }
            else if (name.SequenceEqual("precision"u8))
            {
                precision = ReadOptionalInt32(ref reader, "precision");
            }
            else if (name.SequenceEqual("scale"u8))
            {
                scale = ReadOptionalInt32(ref reader, "scale");
            }
            else if (name.SequenceEqual("name"u8))
            {
                enumName = ReadNullableString(ref reader, "name");
                if (enumName is not null)
                {
                }
            }
            else if (name.SequenceEqual("values"u8))
            {
                enumValues = TryReadNil(ref reader, "values") ? null : ReadNames(ref reader, "values");
            }
            else if (name.SequenceEqual("item"u8))
            {
                if (!TryReadNil(ref reader, "item"))
                {
                    item = ReadColumnType(ref reader, "item", ctx, depth + 1);
                }
            }
            else if (name.SequenceEqual("db_type"u8))
            {
                dbType = ReadNullableString(ref reader, "db_type");
                if (dbType is not null)
                {
                }
            }
            else
            {
                throw UnknownKey(key, name);
            }
        }

        return new ColumnType(kind ?? throw Missing("kind"))
        {
            Length = length,
            Precision = precision,
            Scale = scale,
            EnumName = enumName,
            EnumValues = enumValues is null ? null : new ValueList<string>(enumValues),
            Item = item,
            DbType = dbType,
        };
    }

    private static int? ReadOptionalInt32(ref WireReader reader, string key)
    {
        if (TryReadNil(ref reader, key))
        {
            return null;
        }

        int value = ReadInt32(ref reader, key);
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
