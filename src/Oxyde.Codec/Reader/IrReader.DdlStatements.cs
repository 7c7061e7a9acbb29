using MessagePack;
using Oxyde.Codec.Ir;

namespace Oxyde.Codec.Reader;

/// <summary><c>drop_table</c>, <c>create_index</c> and <c>drop_index</c>.</summary>
internal static partial class IrReader
{
    private static DropTableQuery ReadDropTable(ref MessagePackReader reader, int count, ReadContext ctx)
    {
        var common = default(CommonFields);
        bool ifExists = false;
        Span<char> buffer = stackalloc char[TokenBufferLength];
        for (int i = 0; i < count; i++)
        {
            ReadOnlySpan<char> name = buffer[..ReadKey(ref reader, "ir", buffer)];
            if (name is "if_exists")
            {
                ifExists = ReadFlag(ref reader, "if_exists");
            }
            else
            {
                ReadCommonKey(ref reader, name, ctx, ref common);
            }
        }

        ctx.Tag(ifExists ? 'x' : '_');
        return new DropTableQuery
        {
            Table = RequireTable(common),
            Model = common.Model,
            ColumnTypes = common.ColumnTypes ?? ColumnTypeMap.Empty,
            IfExists = ifExists,
            Values = ctx.Values,
            ShapeKey = ctx.BuildShapeKey(),
        };
    }

    private static CreateIndexQuery ReadCreateIndex(ref MessagePackReader reader, int count, ReadContext ctx)
    {
        var common = default(CommonFields);
        IndexDef? index = null;
        bool ifNotExists = false;
        Span<char> buffer = stackalloc char[TokenBufferLength];
        for (int i = 0; i < count; i++)
        {
            ReadOnlySpan<char> name = buffer[..ReadKey(ref reader, "ir", buffer)];
            switch (name)
            {
                case "index":
                    ctx.Tag('I');
                    index = ReadIndex(ref reader, "index", ctx);
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
        return new CreateIndexQuery
        {
            Table = RequireTable(common),
            Model = common.Model,
            ColumnTypes = common.ColumnTypes ?? ColumnTypeMap.Empty,
            Index = index ?? throw Missing("index"),
            IfNotExists = ifNotExists,
            Values = ctx.Values,
            ShapeKey = ctx.BuildShapeKey(),
        };
    }

    private static DropIndexQuery ReadDropIndex(ref MessagePackReader reader, int count, ReadContext ctx)
    {
        var common = default(CommonFields);
        string? indexName = null;
        bool ifExists = false;
        Span<char> buffer = stackalloc char[TokenBufferLength];
        for (int i = 0; i < count; i++)
        {
            ReadOnlySpan<char> name = buffer[..ReadKey(ref reader, "ir", buffer)];
            switch (name)
            {
                case "name":
                    indexName = ReadString(ref reader, "name");
                    ctx.Tag('N');
                    ctx.Name(indexName);
                    break;
                case "if_exists":
                    ifExists = ReadFlag(ref reader, "if_exists");
                    break;
                default:
                    ReadCommonKey(ref reader, name, ctx, ref common);
                    break;
            }
        }

        ctx.Tag(ifExists ? 'x' : '_');
        return new DropIndexQuery
        {
            Table = RequireTable(common),
            Model = common.Model,
            ColumnTypes = common.ColumnTypes ?? ColumnTypeMap.Empty,
            Name = indexName ?? throw Missing("name"),
            IfExists = ifExists,
            Values = ctx.Values,
            ShapeKey = ctx.BuildShapeKey(),
        };
    }
}
