using Oxyde.Codec.Ir;

namespace Oxyde.Codec.Reader;

/// <summary><c>create_table</c> and its parts (columns, foreign keys, checks, indexes). DDL carries no values: all of it is shape.</summary>
internal static partial class IrReader
{
    private static CreateTableQuery ReadCreateTable(ref WireReader reader, int count, ReadContext ctx)
    {
        var common = default(CommonFields);
        ColumnDef[]? columns = null;
        ForeignKeyDef[] foreignKeys = [];
        IndexDef[] indexes = [];
        CheckDef[] checks = [];
        bool ifNotExists = false;
        for (int i = 0; i < count; i++)
        {
            ReadOnlySpan<byte> name = ReadKey(ref reader, "ir");
            if (name.SequenceEqual("columns"u8))
            {
                columns = ReadDefs(ref reader, "columns", ctx, static (ref WireReader r, ReadContext c) => ReadColumnDef(ref r, c));
            }
            else if (name.SequenceEqual("foreign_keys"u8))
            {
                foreignKeys = ReadOptionalDefs(ref reader, "foreign_keys", ctx, static (ref WireReader r, ReadContext c) => ReadForeignKey(ref r, c));
            }
            else if (name.SequenceEqual("indexes"u8))
            {
                indexes = ReadOptionalDefs(ref reader, "indexes", ctx, static (ref WireReader r, ReadContext c) => ReadIndex(ref r, "indexes", c));
            }
            else if (name.SequenceEqual("checks"u8))
            {
                checks = ReadOptionalDefs(ref reader, "checks", ctx, static (ref WireReader r, ReadContext c) => ReadCheck(ref r, c));
            }
            else if (name.SequenceEqual("if_not_exists"u8))
            {
                ifNotExists = ReadFlag(ref reader, "if_not_exists");
            }
            else
            {
                ReadCommonKey(ref reader, name, ctx, ref common);
            }
        }

        return new CreateTableQuery
        {
            Table = RequireTable(common),
            Model = common.Model,
            ColumnTypes = common.ColumnTypes ?? ColumnTypeMap.Empty,
            Columns = columns ?? throw Missing("columns"),
            ForeignKeys = foreignKeys,
            Indexes = indexes,
            Checks = checks,
            IfNotExists = ifNotExists,
            Values = ctx.Values,
        };
    }

    private delegate T DefReader<T>(ref WireReader reader, ReadContext ctx);

    /// <summary>An array of definitions; the shape gets <paramref name="tag"/>, the count, then what each item adds.</summary>
    private static T[] ReadDefs<T>(ref WireReader reader, string key, ReadContext ctx, DefReader<T> item)
    {
        var defs = new T[ReadArrayHeader(ref reader, key)];
        for (int i = 0; i < defs.Length; i++)
        {
            defs[i] = item(ref reader, ctx);
        }

        return defs;
    }

    /// <summary>Like <see cref="ReadDefs"/>, with nil read as none.</summary>
    private static T[] ReadOptionalDefs<T>(ref WireReader reader, string key, ReadContext ctx, DefReader<T> item) =>
        TryReadNil(ref reader, key) ? [] : ReadDefs(ref reader, key, ctx, item);

    private static ColumnDef ReadColumnDef(ref WireReader reader, ReadContext ctx)
    {
        int count = ReadMapHeader(ref reader, "columns");
        string? name = null, defaultSql = null;
        ColumnType? type = null;
        bool nullable = true, primaryKey = false, autoIncrement = false, unique = false;
        for (int i = 0; i < count; i++)
        {
            ReadOnlySpan<byte> key = ReadKey(ref reader, "columns");
            if (key.SequenceEqual("name"u8))
            {
                name = ReadName(ref reader, "name");
            }
            else if (key.SequenceEqual("type"u8))
            {
                type = ReadColumnType(ref reader, "type", ctx, 1);
            }
            else if (key.SequenceEqual("nullable"u8))
            {
                nullable = TryReadNil(ref reader, "nullable") || ReadBool(ref reader, "nullable");
            }
            else if (key.SequenceEqual("primary_key"u8))
            {
                primaryKey = ReadFlag(ref reader, "primary_key");
            }
            else if (key.SequenceEqual("auto_increment"u8))
            {
                autoIncrement = ReadFlag(ref reader, "auto_increment");
            }
            else if (key.SequenceEqual("unique"u8))
            {
                unique = ReadFlag(ref reader, "unique");
            }
            else if (key.SequenceEqual("default"u8))
            {
                defaultSql = ReadNullableString(ref reader, "default");
                if (defaultSql is not null)
                {
                }
            }
            else
            {
                throw UnknownKey("columns", key);
            }
        }

        return new ColumnDef(name ?? throw Missing("name"), type ?? throw Missing("type"))
        {
            Nullable = nullable,
            PrimaryKey = primaryKey,
            AutoIncrement = autoIncrement,
            Unique = unique,
            Default = defaultSql,
        };
    }

    private static ForeignKeyDef ReadForeignKey(ref WireReader reader, ReadContext ctx)
    {
        int count = ReadMapHeader(ref reader, "foreign_keys");
        string? name = null, refTable = null;
        string[]? columns = null, refColumns = null;
        ReferentialAction onDelete = ReferentialAction.NoAction, onUpdate = ReferentialAction.NoAction;
        for (int i = 0; i < count; i++)
        {
            ReadOnlySpan<byte> key = ReadKey(ref reader, "foreign_keys");
            if (key.SequenceEqual("name"u8))
            {
                name = ReadString(ref reader, "name");
            }
            else if (key.SequenceEqual("columns"u8))
            {
                columns = ReadNames(ref reader, "columns");
            }
            else if (key.SequenceEqual("ref_table"u8))
            {
                refTable = ReadName(ref reader, "ref_table");
            }
            else if (key.SequenceEqual("ref_columns"u8))
            {
                refColumns = ReadNames(ref reader, "ref_columns");
            }
            else if (key.SequenceEqual("on_delete"u8))
            {
                onDelete = ReadReferentialAction(ref reader, "on_delete", onDelete);
            }
            else if (key.SequenceEqual("on_update"u8))
            {
                onUpdate = ReadReferentialAction(ref reader, "on_update", onUpdate);
            }
            else
            {
                throw UnknownKey("foreign_keys", key);
            }
        }

        return new ForeignKeyDef(
            name ?? throw Missing("name"),
            columns ?? throw Missing("columns"),
            refTable ?? throw Missing("ref_table"),
            refColumns ?? throw Missing("ref_columns"),
            onDelete,
            onUpdate);
    }

    /// <summary><c>cascade set_null restrict no_action</c>, any case, with a space or underscore; nil keeps the default.</summary>
    private static ReferentialAction ReadReferentialAction(ref WireReader reader, string key, ReferentialAction fallback)
    {
        if (TryReadNil(ref reader, key))
        {
            return fallback;
        }

        Span<char> buffer = stackalloc char[MaxReportedTokenBytes];
        ReadOnlySpan<char> token = TokenChars(ReadToken(ref reader, key), buffer);
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

    /// <summary>
    /// <c>{"name", "expression"}</c>, both required. The expression is SQL text rendered as written, so
    /// the shape gets it whole, like the name.
    /// </summary>
    private static CheckDef ReadCheck(ref WireReader reader, ReadContext ctx)
    {
        int count = ReadMapHeader(ref reader, "checks");
        string? name = null, expression = null;
        for (int i = 0; i < count; i++)
        {
            ReadOnlySpan<byte> key = ReadKey(ref reader, "checks");
            if (key.SequenceEqual("name"u8))
            {
                name = ReadString(ref reader, "name");
            }
            else if (key.SequenceEqual("expression"u8))
            {
                expression = ReadString(ref reader, "expression");
            }
            else
            {
                throw UnknownKey("checks", key);
            }
        }

        return new CheckDef(name ?? throw Missing("name"), expression ?? throw Missing("expression"));
    }

    private static IndexDef ReadIndex(ref WireReader reader, string key, ReadContext ctx)
    {
        int count = ReadMapHeader(ref reader, key);
        string? name = null;
        string[]? columns = null;
        string? where = null;
        IndexMethod? method = null;
        bool unique = false;
        for (int i = 0; i < count; i++)
        {
            ReadOnlySpan<byte> field = ReadKey(ref reader, key);
            if (field.SequenceEqual("name"u8))
            {
                name = ReadString(ref reader, "name");
            }
            else if (field.SequenceEqual("columns"u8))
            {
                columns = ReadNames(ref reader, "columns");
            }
            else if (field.SequenceEqual("unique"u8))
            {
                unique = ReadFlag(ref reader, "unique");
            }
            else if (field.SequenceEqual("method"u8))
            {
                method = ReadIndexMethod(ref reader);
            }
            else if (field.SequenceEqual("where"u8))
            {
                where = ReadNullableString(ref reader, "where");
            }
            else
            {
                throw UnknownKey(key, field);
            }
        }

        if (where is not null)
        {
        }

        return new IndexDef(name ?? throw Missing("name"), columns ?? throw Missing("columns"), unique)
        {
            Method = method,
            Where = where,
        };
    }

    /// <summary><c>btree hash gin gist</c>, any case; nil is no method (the database's default).</summary>
    private static IndexMethod? ReadIndexMethod(ref WireReader reader)
    {
        if (TryReadNil(ref reader, "method"))
        {
            return null;
        }

        Span<char> buffer = stackalloc char[MaxReportedTokenBytes];
        ReadOnlySpan<char> token = TokenChars(ReadToken(ref reader, "method"), buffer);
        Span<char> lower = stackalloc char[token.Length];
        token.ToLowerInvariant(lower);
        return lower switch
        {
            "btree" => IndexMethod.BTree,
            "hash" => IndexMethod.Hash,
            "gin" => IndexMethod.Gin,
            "gist" => IndexMethod.Gist,
            _ => throw Unknown("method", token),
        };
    }
}
