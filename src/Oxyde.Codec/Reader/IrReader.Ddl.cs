using MessagePack;
using Oxyde.Codec.Ir;

namespace Oxyde.Codec.Reader;

/// <summary><c>create_table drop_table create_index drop_index</c>. DDL carries no values: all of it is shape.</summary>
internal static partial class IrReader
{
    private static CreateTableQuery ReadCreateTable(ref MessagePackReader reader, int count, ReadContext ctx)
    {
        var common = default(CommonFields);
        ColumnDef[]? columns = null;
        ForeignKeyDef[] foreignKeys = [];
        IndexDef[] indexes = [];
        bool ifNotExists = false;
        Span<char> buffer = stackalloc char[TokenBufferLength];
        for (int i = 0; i < count; i++)
        {
            ReadOnlySpan<char> name = buffer[..ReadKey(ref reader, "ir", buffer)];
            switch (name)
            {
                case "columns":
                    columns = new ColumnDef[ReadArrayHeader(ref reader, "columns")];
                    ctx.Tag('C');
                    ctx.Number(columns.Length);
                    for (int c = 0; c < columns.Length; c++)
                    {
                        columns[c] = ReadColumnDef(ref reader, ctx);
                    }

                    break;
                case "foreign_keys":
                    if (!TryReadNil(ref reader, "foreign_keys"))
                    {
                        foreignKeys = new ForeignKeyDef[ReadArrayHeader(ref reader, "foreign_keys")];
                        ctx.Tag('G');
                        ctx.Number(foreignKeys.Length);
                        for (int f = 0; f < foreignKeys.Length; f++)
                        {
                            foreignKeys[f] = ReadForeignKey(ref reader, ctx);
                        }
                    }

                    break;
                case "indexes":
                    if (!TryReadNil(ref reader, "indexes"))
                    {
                        indexes = new IndexDef[ReadArrayHeader(ref reader, "indexes")];
                        ctx.Tag('I');
                        ctx.Number(indexes.Length);
                        for (int x = 0; x < indexes.Length; x++)
                        {
                            indexes[x] = ReadIndex(ref reader, "indexes", ctx);
                        }
                    }

                    break;
                case "if_not_exists":
                    ifNotExists = ReadFlag(ref reader, "if_not_exists");
                    break;
                default:
                    ReadCommonKey(ref reader, name, ctx, ref common);
                    break;
            }
        }

        ctx.Tag(ifNotExists ? 'x' : '_');
        return new CreateTableQuery
        {
            Table = RequireTable(common),
            Model = common.Model,
            ColumnTypes = common.ColumnTypes ?? ColumnTypeMap.Empty,
            Columns = columns ?? throw Missing("columns"),
            ForeignKeys = foreignKeys,
            Indexes = indexes,
            IfNotExists = ifNotExists,
            Values = ctx.Values,
            ShapeKey = ctx.BuildShapeKey(),
        };
    }

    private static ColumnDef ReadColumnDef(ref MessagePackReader reader, ReadContext ctx)
    {
        int count = ReadMapHeader(ref reader, "columns");
        string? name = null, defaultSql = null;
        ColumnType? type = null;
        bool nullable = true, primaryKey = false, autoIncrement = false, unique = false;
        Span<char> buffer = stackalloc char[TokenBufferLength];
        ctx.Tag('{');
        for (int i = 0; i < count; i++)
        {
            ReadOnlySpan<char> key = buffer[..ReadKey(ref reader, "columns", buffer)];
            switch (key)
            {
                case "name":
                    name = ReadString(ref reader, "name");
                    ctx.Name(name);
                    break;
                case "type":
                    type = ReadColumnType(ref reader, "type", ctx, 1);
                    break;
                case "nullable":
                    nullable = TryReadNil(ref reader, "nullable") || ReadBool(ref reader, "nullable");
                    break;
                case "primary_key":
                    primaryKey = ReadFlag(ref reader, "primary_key");
                    break;
                case "auto_increment":
                    autoIncrement = ReadFlag(ref reader, "auto_increment");
                    break;
                case "unique":
                    unique = ReadFlag(ref reader, "unique");
                    break;
                case "default":
                    defaultSql = ReadNullableString(ref reader, "default");
                    if (defaultSql is not null)
                    {
                        ctx.Tag('=');
                        ctx.Name(defaultSql);
                    }

                    break;
                default:
                    Skip(ref reader, "columns", 2);
                    break;
            }
        }

        ctx.Tag(nullable ? 'n' : '_');
        ctx.Tag(primaryKey ? 'p' : '_');
        ctx.Tag(autoIncrement ? 'a' : '_');
        ctx.Tag(unique ? 'u' : '_');
        ctx.Tag('}');
        return new ColumnDef(name ?? throw Missing("name"), type ?? throw Missing("type"))
        {
            Nullable = nullable,
            PrimaryKey = primaryKey,
            AutoIncrement = autoIncrement,
            Unique = unique,
            Default = defaultSql,
        };
    }

    private static ForeignKeyDef ReadForeignKey(ref MessagePackReader reader, ReadContext ctx)
    {
        int count = ReadMapHeader(ref reader, "foreign_keys");
        string? name = null, refTable = null;
        string[]? columns = null, refColumns = null;
        ReferentialAction onDelete = ReferentialAction.NoAction, onUpdate = ReferentialAction.NoAction;
        Span<char> buffer = stackalloc char[TokenBufferLength];
        ctx.Tag('{');
        for (int i = 0; i < count; i++)
        {
            ReadOnlySpan<char> key = buffer[..ReadKey(ref reader, "foreign_keys", buffer)];
            switch (key)
            {
                case "name":
                    name = ReadString(ref reader, "name");
                    ctx.Name(name);
                    break;
                case "columns":
                    columns = ReadNames(ref reader, "columns", ctx, 'c');
                    break;
                case "ref_table":
                    refTable = ReadString(ref reader, "ref_table");
                    ctx.Tag('t');
                    ctx.Name(refTable);
                    break;
                case "ref_columns":
                    refColumns = ReadNames(ref reader, "ref_columns", ctx, 'r');
                    break;
                case "on_delete":
                    onDelete = ReadReferentialAction(ref reader, "on_delete", onDelete, buffer);
                    break;
                case "on_update":
                    onUpdate = ReadReferentialAction(ref reader, "on_update", onUpdate, buffer);
                    break;
                default:
                    Skip(ref reader, "foreign_keys", 2);
                    break;
            }
        }

        ctx.Number((int)onDelete);
        ctx.Number((int)onUpdate);
        ctx.Tag('}');
        return new ForeignKeyDef(
            name ?? throw Missing("name"),
            columns ?? throw Missing("columns"),
            refTable ?? throw Missing("ref_table"),
            refColumns ?? throw Missing("ref_columns"),
            onDelete,
            onUpdate);
    }

    /// <summary><c>cascade set_null restrict no_action</c>, any case, with a space or underscore; nil keeps the default.</summary>
    private static ReferentialAction ReadReferentialAction(ref MessagePackReader reader, string key, ReferentialAction fallback, scoped Span<char> buffer)
    {
        if (TryReadNil(ref reader, key))
        {
            return fallback;
        }

        ReadOnlySpan<char> token = buffer[..ReadToken(ref reader, key, buffer)];
        Span<char> lower = stackalloc char[token.Length];
        for (int i = 0; i < token.Length; i++)
        {
            lower[i] = token[i] == ' ' ? '_' : char.ToLowerInvariant(token[i]);
        }

        return lower switch
        {
            "cascade" => ReferentialAction.Cascade,
            "set_null" => ReferentialAction.SetNull,
            "restrict" => ReferentialAction.Restrict,
            "no_action" => ReferentialAction.NoAction,
            _ => throw Unknown(key, token),
        };
    }

    private static IndexDef ReadIndex(ref MessagePackReader reader, string key, ReadContext ctx)
    {
        int count = ReadMapHeader(ref reader, key);
        string? name = null;
        string[]? columns = null;
        bool unique = false;
        Span<char> buffer = stackalloc char[TokenBufferLength];
        ctx.Tag('{');
        for (int i = 0; i < count; i++)
        {
            ReadOnlySpan<char> field = buffer[..ReadKey(ref reader, key, buffer)];
            switch (field)
            {
                case "name":
                    name = ReadString(ref reader, "name");
                    ctx.Name(name);
                    break;
                case "columns":
                    columns = ReadNames(ref reader, "columns", ctx, 'c');
                    break;
                case "unique":
                    unique = ReadFlag(ref reader, "unique");
                    break;
                default:
                    Skip(ref reader, key, 2);
                    break;
            }
        }

        ctx.Tag(unique ? 'u' : '_');
        ctx.Tag('}');
        return new IndexDef(name ?? throw Missing("name"), columns ?? throw Missing("columns"), unique);
    }
}
