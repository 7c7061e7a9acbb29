using System.Globalization;
using MessagePack;
using Oxyde.Codec.Errors;
using Oxyde.Codec.Ir;

namespace Oxyde.Codec.Reader;

/// <summary>The IR document: <c>proto</c>/<c>type</c> first, then one reader per statement kind.</summary>
internal static partial class IrReader
{
    private static IrQuery ReadDocument(ref MessagePackReader reader, string key)
    {
        // "columns" means names for select/insert but definitions for create_table, so the type is
        // needed before the body; a peek reader finds proto and type (Python writes them first).
        QueryKind kind = PeekHeader(reader.CreatePeekReader(), key);
        int count = ReadMapHeader(ref reader, key);
        var ctx = new ReadContext();
        ctx.Tag((char)('A' + (int)kind));
        return kind switch
        {
            QueryKind.Select => ReadSelect(ref reader, count, ctx),
            QueryKind.Insert => ReadInsert(ref reader, count, ctx),
            QueryKind.Update => ReadUpdate(ref reader, count, ctx),
            QueryKind.Delete => ReadDelete(ref reader, count, ctx),
            QueryKind.Raw => ReadRaw(ref reader, count, ctx),
            QueryKind.CreateTable => ReadCreateTable(ref reader, count, ctx),
            QueryKind.DropTable => ReadDropTable(ref reader, count, ctx),
            QueryKind.CreateIndex => ReadCreateIndex(ref reader, count, ctx),
            _ => ReadDropIndex(ref reader, count, ctx),
        };
    }

    private static QueryKind PeekHeader(MessagePackReader peek, string key)
    {
        int count = ReadMapHeader(ref peek, key);
        Span<char> buffer = stackalloc char[TokenBufferLength];
        Span<char> typeBuffer = stackalloc char[TokenBufferLength];
        int typeLength = -1;
        bool sawProto = false;
        for (int i = 0; i < count && !(sawProto && typeLength >= 0); i++)
        {
            ReadOnlySpan<char> name = buffer[..ReadKey(ref peek, key, buffer)];
            if (name is "proto")
            {
                long proto = ReadInt64(ref peek, "proto");
                if (proto != Proto)
                {
                    throw new OxydeException(
                        ErrorCode.IrUnsupportedProto,
                        $"IR proto {proto} is not supported (this engine speaks {Proto})",
                        new Dictionary<string, string> { ["key"] = "proto", ["value"] = proto.ToString(CultureInfo.InvariantCulture) });
                }

                sawProto = true;
            }
            else if (name is "type")
            {
                // Parsed after the loop, so a wrong proto wins over an unknown type.
                typeLength = ReadToken(ref peek, "type", typeBuffer);
            }
            else
            {
                Skip(ref peek, key, 2);
            }
        }

        if (!sawProto)
        {
            throw Missing("proto");
        }

        return typeLength >= 0 ? ParseQueryKind(typeBuffer[..typeLength]) : throw Missing("type");
    }

    private static QueryKind ParseQueryKind(ReadOnlySpan<char> token) => token switch
    {
        "select" => QueryKind.Select,
        "insert" => QueryKind.Insert,
        "update" => QueryKind.Update,
        "delete" => QueryKind.Delete,
        "raw" => QueryKind.Raw,
        "create_table" => QueryKind.CreateTable,
        "drop_table" => QueryKind.DropTable,
        "create_index" => QueryKind.CreateIndex,
        "drop_index" => QueryKind.DropIndex,
        _ => throw Unknown("type", token),
    };

    /// <summary>Handles <c>proto type table model column_types</c> and skips unknown keys.</summary>
    private static void ReadCommonKey(ref MessagePackReader reader, scoped ReadOnlySpan<char> name, ReadContext ctx, ref CommonFields common)
    {
        switch (name)
        {
            case "table":
                common.Table = ReadString(ref reader, "table");
                ctx.Tag('T');
                ctx.Name(common.Table);
                break;
            case "model":
                common.Model = ReadNullableString(ref reader, "model");
                break;
            case "column_types":
                common.ColumnTypes = ReadColumnTypes(ref reader, ctx);
                break;
            default:
                // proto and type were checked by PeekHeader; unknown keys are ignored.
                Skip(ref reader, "ir", 2);
                break;
        }
    }

    private static string RequireTable(in CommonFields common) => common.Table ?? throw Missing("table");

    private static SelectQuery ReadSelect(ref MessagePackReader reader, int count, ReadContext ctx)
    {
        var common = default(CommonFields);
        string[]? columns = null;
        FilterNode? filter = null;
        OrderTerm[] orderBy = [];
        int limit = -1, offset = -1;
        bool distinct = false, isCount = false, exists = false;
        Span<char> buffer = stackalloc char[TokenBufferLength];
        for (int i = 0; i < count; i++)
        {
            ReadOnlySpan<char> name = buffer[..ReadKey(ref reader, "ir", buffer)];
            switch (name)
            {
                case "columns": columns = ReadNames(ref reader, "columns", ctx, 'C'); break;
                case "filter_tree": filter = ReadOptionalFilter(ref reader, ctx); break;
                case "order_by": orderBy = ReadOrderBy(ref reader, ctx); break;
                case "limit": limit = ReadOptionalCount(ref reader, "limit", ctx, 'L'); break;
                case "offset": offset = ReadOptionalCount(ref reader, "offset", ctx, 'O'); break;
                case "distinct": distinct = ReadFlag(ref reader, "distinct"); break;
                case "count": isCount = ReadFlag(ref reader, "count"); break;
                case "exists": exists = ReadFlag(ref reader, "exists"); break;
                default: ReadCommonKey(ref reader, name, ctx, ref common); break;
            }
        }

        if (isCount && exists)
        {
            throw Malformed("exists", "count and exists cannot both be true");
        }

        // Flags go last so their position in the key never depends on wire order.
        ctx.Tag(distinct ? 'd' : '_');
        ctx.Tag(isCount ? 'n' : exists ? 'e' : 'r');
        return new SelectQuery
        {
            Table = RequireTable(common),
            Model = common.Model,
            ColumnTypes = common.ColumnTypes ?? ColumnTypeMap.Empty,
            Columns = columns ?? throw Missing("columns"),
            Filter = filter,
            OrderBy = orderBy,
            LimitValue = limit,
            OffsetValue = offset,
            Distinct = distinct,
            Result = isCount ? SelectResult.Count : exists ? SelectResult.Exists : SelectResult.Rows,
            Values = ctx.Values,
            ShapeKey = ctx.BuildShapeKey(),
        };
    }

    private static OrderTerm[] ReadOrderBy(ref MessagePackReader reader, ReadContext ctx)
    {
        if (TryReadNil(ref reader, "order_by"))
        {
            return [];
        }

        var terms = new OrderTerm[ReadArrayHeader(ref reader, "order_by")];
        ctx.Tag('B');
        ctx.Number(terms.Length);
        Span<char> buffer = stackalloc char[TokenBufferLength];
        for (int i = 0; i < terms.Length; i++)
        {
            if (ReadArrayHeader(ref reader, "order_by") != 2)
            {
                throw Malformed("order_by", "each term is [column, direction]");
            }

            string column = ReadString(ref reader, "order_by");
            ReadOnlySpan<char> direction = buffer[..ReadToken(ref reader, "order_by", buffer)];
            bool descending = direction switch
            {
                "asc" or "ASC" => false,
                "desc" or "DESC" => true,
                _ => throw Unknown("order_by", direction),
            };
            terms[i] = new OrderTerm(column, descending);
            ctx.Name(column);
            ctx.Tag(descending ? '-' : '+');
        }

        return terms;
    }

    /// <summary>
    /// limit/offset: an int or nil (absent, index -1). The number itself goes into the shape key: a
    /// dialect may write it into the SQL as a literal (SQLite, see docs/dialects.md), and the reader does
    /// not know the dialect.
    /// </summary>
    private static int ReadOptionalCount(ref MessagePackReader reader, string key, ReadContext ctx, char tag)
    {
        if (TryReadNil(ref reader, key))
        {
            return -1;
        }

        long value = ReadInt64(ref reader, key);
        if (value < 0)
        {
            throw Malformed(key, "must not be negative");
        }

        ctx.Tag(tag);
        ctx.Number(value);
        return ctx.AddValue(value);
    }

    private static InsertQuery ReadInsert(ref MessagePackReader reader, int count, ReadContext ctx)
    {
        var common = default(CommonFields);
        string[]? columns = null;
        int[][]? rows = null;
        string[] returning = [];
        Span<char> buffer = stackalloc char[TokenBufferLength];
        for (int i = 0; i < count; i++)
        {
            ReadOnlySpan<char> name = buffer[..ReadKey(ref reader, "ir", buffer)];
            switch (name)
            {
                case "columns": columns = ReadNames(ref reader, "columns", ctx, 'C'); break;
                case "rows": rows = ReadRows(ref reader, ctx); break;
                case "returning": returning = ReadOptionalNames(ref reader, "returning", ctx, 'R'); break;
                default: ReadCommonKey(ref reader, name, ctx, ref common); break;
            }
        }

        if (columns is null)
        {
            throw Missing("columns");
        }

        if (rows is null)
        {
            throw Missing("rows");
        }

        if (rows.Length == 0)
        {
            throw Malformed("rows", "an insert needs at least one row");
        }

        foreach (int[] row in rows)
        {
            if (row.Length != columns.Length)
            {
                throw Malformed("rows", $"a row has {row.Length} values for {columns.Length} columns");
            }
        }

        return new InsertQuery
        {
            Table = RequireTable(common),
            Model = common.Model,
            ColumnTypes = common.ColumnTypes ?? ColumnTypeMap.Empty,
            Columns = columns,
            Rows = rows,
            Returning = returning,
            Values = ctx.Values,
            ShapeKey = ctx.BuildShapeKey(),
        };
    }

    private static int[][] ReadRows(ref MessagePackReader reader, ReadContext ctx)
    {
        var rows = new int[ReadArrayHeader(ref reader, "rows")][];
        for (int r = 0; r < rows.Length; r++)
        {
            var row = new int[ReadArrayHeader(ref reader, "rows")];
            for (int c = 0; c < row.Length; c++)
            {
                row[c] = ctx.AddValue(ReadValue(ref reader, "rows", 1));
            }

            rows[r] = row;
        }

        // The row count changes the SQL (one VALUES tuple per row); the cells do not.
        ctx.Tag('W');
        ctx.Number(rows.Length);
        return rows;
    }
}
