using System.Globalization;
using MessagePack;
using Oxyde.Codec.Errors;
using Oxyde.Codec.Ir;

namespace Oxyde.Codec.Reader;

/// <summary>The IR document: <c>proto</c>/<c>type</c> first, then one reader per statement kind.</summary>
internal static partial class IrReader
{
    private static IrQuery ReadDocument(ref WireReader reader, string key)
    {
        // "columns" means names for select/insert but definitions for create_table, so the type is
        // needed before the body; a peek reader finds proto and type (Python writes them first).
        QueryKind kind = PeekHeader(reader, key);
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

    private static QueryKind PeekHeader(WireReader peek, string key)
    {
        int count = ReadMapHeader(ref peek, key);
        scoped ReadOnlySpan<byte> type = default;
        bool sawType = false, sawProto = false;
        for (int i = 0; i < count && !(sawProto && sawType); i++)
        {
            ReadOnlySpan<byte> name = ReadKey(ref peek, key);
            if (name.SequenceEqual("proto"u8))
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
            else if (name.SequenceEqual("type"u8))
            {
                // Parsed after the loop, so a wrong proto wins over an unknown type.
                type = ReadToken(ref peek, "type");
                sawType = true;
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

        return sawType ? ParseQueryKind(type) : throw Missing("type");
    }

    private static QueryKind ParseQueryKind(ReadOnlySpan<byte> token) =>
        token.SequenceEqual("select"u8) ? QueryKind.Select
        : token.SequenceEqual("insert"u8) ? QueryKind.Insert
        : token.SequenceEqual("update"u8) ? QueryKind.Update
        : token.SequenceEqual("delete"u8) ? QueryKind.Delete
        : token.SequenceEqual("raw"u8) ? QueryKind.Raw
        : token.SequenceEqual("create_table"u8) ? QueryKind.CreateTable
        : token.SequenceEqual("drop_table"u8) ? QueryKind.DropTable
        : token.SequenceEqual("create_index"u8) ? QueryKind.CreateIndex
        : token.SequenceEqual("drop_index"u8) ? QueryKind.DropIndex
        : throw Unknown("type", token);

    /// <summary>Handles <c>proto type table model column_types</c> and skips unknown keys.</summary>
    private static void ReadCommonKey(ref WireReader reader, scoped ReadOnlySpan<byte> name, ReadContext ctx, ref CommonFields common)
    {
        if (name.SequenceEqual("table"u8))
        {
            common.Table = ReadName(ref reader, "table");
            ctx.Tag('T');
            ctx.Name(common.Table);
        }
        else if (name.SequenceEqual("model"u8))
        {
            common.Model = TryReadNil(ref reader, "model") ? null : ReadName(ref reader, "model");
        }
        else if (name.SequenceEqual("column_types"u8))
        {
            common.ColumnTypes = ReadColumnTypes(ref reader, ctx);
        }
        else
        {
            // proto and type were checked by PeekHeader; unknown keys are ignored.
            Skip(ref reader, "ir", 2);
        }
    }

    private static string RequireTable(in CommonFields common) => common.Table ?? throw Missing("table");

    private static SelectQuery ReadSelect(ref WireReader reader, int count, ReadContext ctx)
    {
        var common = default(CommonFields);
        string[]? columns = null;
        FilterNode? filter = null;
        OrderTerm[] orderBy = [];
        int limit = -1, offset = -1;
        bool distinct = false, isCount = false, exists = false;
        for (int i = 0; i < count; i++)
        {
            ReadOnlySpan<byte> name = ReadKey(ref reader, "ir");
            if (name.SequenceEqual("columns"u8)) columns = ReadNames(ref reader, "columns", ctx, 'C');
            else if (name.SequenceEqual("filter_tree"u8)) filter = ReadOptionalFilter(ref reader, ctx);
            else if (name.SequenceEqual("order_by"u8)) orderBy = ReadOrderBy(ref reader, ctx);
            else if (name.SequenceEqual("limit"u8)) limit = ReadOptionalCount(ref reader, "limit", ctx, 'L');
            else if (name.SequenceEqual("offset"u8)) offset = ReadOptionalCount(ref reader, "offset", ctx, 'O');
            else if (name.SequenceEqual("distinct"u8)) distinct = ReadFlag(ref reader, "distinct");
            else if (name.SequenceEqual("count"u8)) isCount = ReadFlag(ref reader, "count");
            else if (name.SequenceEqual("exists"u8)) exists = ReadFlag(ref reader, "exists");
            else ReadCommonKey(ref reader, name, ctx, ref common);
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

    private static OrderTerm[] ReadOrderBy(ref WireReader reader, ReadContext ctx)
    {
        if (TryReadNil(ref reader, "order_by"))
        {
            return [];
        }

        var terms = new OrderTerm[ReadArrayHeader(ref reader, "order_by")];
        ctx.Tag('B');
        ctx.Number(terms.Length);
        for (int i = 0; i < terms.Length; i++)
        {
            if (ReadArrayHeader(ref reader, "order_by") != 2)
            {
                throw Malformed("order_by", "each term is [column, direction]");
            }

            string column = ReadName(ref reader, "order_by");
            ReadOnlySpan<byte> direction = ReadToken(ref reader, "order_by");
            bool descending = direction.SequenceEqual("desc"u8) || direction.SequenceEqual("DESC"u8);
            if (!descending && !direction.SequenceEqual("asc"u8) && !direction.SequenceEqual("ASC"u8))
            {
                throw Unknown("order_by", direction);
            }

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
    private static int ReadOptionalCount(ref WireReader reader, string key, ReadContext ctx, char tag)
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

    private static InsertQuery ReadInsert(ref WireReader reader, int count, ReadContext ctx)
    {
        var common = default(CommonFields);
        string[]? columns = null;
        int[][]? rows = null;
        string[] returning = [];
        string? pk = null;
        for (int i = 0; i < count; i++)
        {
            ReadOnlySpan<byte> name = ReadKey(ref reader, "ir");
            if (name.SequenceEqual("pk"u8)) pk = ReadOptionalPk(ref reader, ctx);
            else if (name.SequenceEqual("columns"u8)) columns = ReadNames(ref reader, "columns", ctx, 'C');
            else if (name.SequenceEqual("rows"u8)) rows = ReadRows(ref reader, ctx);
            else if (name.SequenceEqual("returning"u8)) returning = ReadOptionalNames(ref reader, "returning", ctx, 'R');
            else ReadCommonKey(ref reader, name, ctx, ref common);
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
            PrimaryKey = pk,
            Values = ctx.Values,
            ShapeKey = ctx.BuildShapeKey(),
        };
    }

    private static int[][] ReadRows(ref WireReader reader, ReadContext ctx)
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
