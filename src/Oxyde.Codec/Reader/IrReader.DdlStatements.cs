using Oxyde.Codec.Ir;

namespace Oxyde.Codec.Reader;

/// <summary><c>drop_table</c>, <c>create_index</c> and <c>drop_index</c>.</summary>
internal static partial class IrReader
{
    private static DropTableQuery ReadDropTable(ref WireReader reader, int count, ReadContext ctx)
    {
        var common = default(CommonFields);
        bool ifExists = false;
        for (int i = 0; i < count; i++)
        {
            ReadOnlySpan<byte> name = ReadKey(ref reader, "ir");
            if (name.SequenceEqual("if_exists"u8))
            {
                ifExists = ReadFlag(ref reader, "if_exists");
            }
            else
            {
                ReadCommonKey(ref reader, name, ctx, ref common);
            }
        }

        return new DropTableQuery
        {
            Table = RequireTable(common),
            Model = common.Model,
            ColumnTypes = common.ColumnTypes ?? ColumnTypeMap.Empty,
            IfExists = ifExists,
            Values = ctx.Values,
        };
    }

    private static CreateIndexQuery ReadCreateIndex(ref WireReader reader, int count, ReadContext ctx)
    {
        var common = default(CommonFields);
        IndexDef? index = null;
        bool ifNotExists = false;
        for (int i = 0; i < count; i++)
        {
            ReadOnlySpan<byte> name = ReadKey(ref reader, "ir");
            if (name.SequenceEqual("index"u8))
            {
                index = ReadIndex(ref reader, "index", ctx);
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

        return new CreateIndexQuery
        {
            Table = RequireTable(common),
            Model = common.Model,
            ColumnTypes = common.ColumnTypes ?? ColumnTypeMap.Empty,
            Index = index ?? throw Missing("index"),
            IfNotExists = ifNotExists,
            Values = ctx.Values,
        };
    }

    private static DropIndexQuery ReadDropIndex(ref WireReader reader, int count, ReadContext ctx)
    {
        var common = default(CommonFields);
        string? indexName = null;
        bool ifExists = false;
        for (int i = 0; i < count; i++)
        {
            ReadOnlySpan<byte> name = ReadKey(ref reader, "ir");
            if (name.SequenceEqual("name"u8))
            {
                indexName = ReadString(ref reader, "name");
            }
            else if (name.SequenceEqual("if_exists"u8))
            {
                ifExists = ReadFlag(ref reader, "if_exists");
            }
            else
            {
                ReadCommonKey(ref reader, name, ctx, ref common);
            }
        }

        return new DropIndexQuery
        {
            Table = RequireTable(common),
            Model = common.Model,
            ColumnTypes = common.ColumnTypes ?? ColumnTypeMap.Empty,
            Name = indexName ?? throw Missing("name"),
            IfExists = ifExists,
            Values = ctx.Values,
        };
    }
}
