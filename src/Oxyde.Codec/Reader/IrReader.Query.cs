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
        return kind switch
        {
            QueryKind.Select => ReadSelect(ref reader, count, ctx, 1),
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

    private static QueryKind PeekHeader(WireReader peek, string key, bool requireProto = true)
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

        if (!sawProto && requireProto)
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

    /// <summary>Handles <c>proto type table model column_types</c>; any other key is <c>ir_unknown_key</c>.</summary>
    private static void ReadCommonKey(ref WireReader reader, scoped ReadOnlySpan<byte> name, ReadContext ctx, ref CommonFields common)
    {
        if (name.SequenceEqual("table"u8))
        {
            common.Table = ReadName(ref reader, "table");
        }
        else if (name.SequenceEqual("model"u8))
        {
            common.Model = TryReadNil(ref reader, "model") ? null : ReadName(ref reader, "model");
        }
        else if (name.SequenceEqual("column_types"u8))
        {
            common.ColumnTypes = ReadColumnTypes(ref reader, ctx);
        }
        else if (name.SequenceEqual("proto"u8) || name.SequenceEqual("type"u8))
        {
            // Checked by PeekHeader.
            Skip(ref reader, "ir", 2);
        }
        else
        {
            throw UnknownKey("ir", name);
        }
    }

    private static string RequireTable(in CommonFields common) => common.Table ?? throw Missing("table");

    private static InsertQuery ReadInsert(ref WireReader reader, int count, ReadContext ctx)
    {
        var common = default(CommonFields);
        string[]? columns = null;
        InsertRows? rows = null;
        string[] returning = [];
        string? pk = null;
        OnConflict? onConflict = null;
        for (int i = 0; i < count; i++)
        {
            ReadOnlySpan<byte> name = ReadKey(ref reader, "ir");
            if (name.SequenceEqual("pk"u8)) pk = ReadOptionalPk(ref reader, ctx);
            else if (name.SequenceEqual("on_conflict"u8)) onConflict = ReadOnConflict(ref reader);
            else if (name.SequenceEqual("columns"u8)) columns = ReadNames(ref reader, "columns");
            else if (name.SequenceEqual("rows"u8)) rows = ReadRows(ref reader, ctx);
            else if (name.SequenceEqual("returning"u8)) returning = ReadOptionalNames(ref reader, "returning");
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

        if (rows.Count == 0)
        {
            throw Malformed("rows", "an insert needs at least one row");
        }

        if (rows.Width != columns.Length)
        {
            throw Malformed("rows", $"a row has {rows.Width} values for {columns.Length} columns");
        }

        if (onConflict is not null)
        {
            RequireInserted(onConflict.Columns, columns, "on_conflict.columns");
            RequireInserted(onConflict.Update, columns, "on_conflict.update");
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
            OnConflict = onConflict,
            Values = ctx.Values,
        };
    }

    /// <summary><c>on_conflict</c>: nil, or <c>{"columns": [...], "update": [...]}</c> (docs/ir-protocol.md, insert).</summary>
    private static OnConflict? ReadOnConflict(ref WireReader reader)
    {
        if (TryReadNil(ref reader, "on_conflict"))
        {
            return null;
        }

        int keys = ReadMapHeader(ref reader, "on_conflict");
        string[]? columns = null;
        string[] update = [];
        for (int k = 0; k < keys; k++)
        {
            ReadOnlySpan<byte> name = ReadKey(ref reader, "on_conflict");
            if (name.SequenceEqual("columns"u8)) columns = ReadNames(ref reader, "on_conflict.columns");
            else if (name.SequenceEqual("update"u8)) update = ReadOptionalNames(ref reader, "on_conflict.update");
            else throw UnknownKey("on_conflict", name);
        }

        if (columns is null)
        {
            throw Missing("on_conflict.columns");
        }

        if (columns.Length == 0)
        {
            throw Malformed("on_conflict.columns", "an upsert needs at least one conflict column");
        }

        return new OnConflict(columns, update);
    }

    /// <summary>Every name of <paramref name="names"/> must be one of the inserted <paramref name="columns"/>.</summary>
    private static void RequireInserted(ValueList<string> names, string[] columns, string key)
    {
        foreach (string name in names)
        {
            if (Array.IndexOf(columns, name) < 0)
            {
                throw Malformed(key, $"{name} is not one of the inserted columns");
            }
        }
    }

    /// <summary>Rows of values, appended to the value list one after the other; every row has the same length.</summary>
    private static InsertRows ReadRows(ref WireReader reader, ReadContext ctx)
    {
        int count = ReadArrayHeader(ref reader, "rows");
        int first = ctx.Values.Count, width = -1;
        for (int r = 0; r < count; r++)
        {
            int length = ReadArrayHeader(ref reader, "rows");
            if (width >= 0 && length != width)
            {
                throw Malformed("rows", $"a row has {length} values for {width} columns");
            }

            width = length;
            for (int c = 0; c < length; c++)
            {
                ctx.AddValue(ReadValue(ref reader, "rows", 1));
            }
        }

        return new InsertRows(count, Math.Max(width, 0), first);
    }
}
