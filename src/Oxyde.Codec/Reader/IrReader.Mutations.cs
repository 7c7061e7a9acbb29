using Oxyde.Codec.Ir;

namespace Oxyde.Codec.Reader;

/// <summary><c>update</c>, <c>delete</c> and <c>raw</c> documents.</summary>
internal static partial class IrReader
{
    private static UpdateQuery ReadUpdate(ref WireReader reader, int count, ReadContext ctx)
    {
        var common = default(CommonFields);
        var assignments = new List<Assignment>();
        FilterNode? filter = null;
        string[] returning = [];
        string? pk = null;
        for (int i = 0; i < count; i++)
        {
            ReadOnlySpan<byte> name = ReadKey(ref reader, "ir");
            if (name.SequenceEqual("pk"u8)) pk = ReadOptionalPk(ref reader, ctx);
            else if (name.SequenceEqual("values"u8)) ReadAssignments(ref reader, "values", ctx, assignments);
            else if (name.SequenceEqual("expressions"u8)) ReadAssignments(ref reader, "expressions", ctx, assignments);
            else if (name.SequenceEqual("filter_tree"u8)) filter = ReadOptionalFilter(ref reader, "filter_tree", ctx, 1);
            else if (name.SequenceEqual("returning"u8)) returning = ReadOptionalNames(ref reader, "returning");
            else ReadCommonKey(ref reader, name, ctx, ref common);
        }

        if (assignments.Count == 0)
        {
            throw Missing("values");
        }

        return new UpdateQuery
        {
            Table = RequireTable(common),
            Model = common.Model,
            ColumnTypes = common.ColumnTypes ?? ColumnTypeMap.Empty,
            Assignments = assignments,
            Filter = filter,
            Returning = returning,
            PrimaryKey = pk,
            Values = ctx.Values,
        };
    }

    /// <summary><c>pk</c>: the model's primary-key column, or nil (docs/ir-protocol.md, insert and update).</summary>
    private static string? ReadOptionalPk(ref WireReader reader, ReadContext ctx)
    {
        if (TryReadNil(ref reader, "pk"))
        {
            return null;
        }

        string column = ReadName(ref reader, "pk");
        return column;
    }

    /// <summary><c>values</c> (column → value) or <c>expressions</c> (column → expression tree).</summary>
    private static void ReadAssignments(ref WireReader reader, string key, ReadContext ctx, List<Assignment> into)
    {
        if (TryReadNil(ref reader, key))
        {
            return;
        }

        bool plain = key == "values";
        int count = ReadMapHeader(ref reader, key);
        for (int i = 0; i < count; i++)
        {
            string column = ReadName(ref reader, key);
            Expr value = plain ? new ValueExpr(ReadValueSlot(ref reader, key, ctx)) : ReadExpr(ref reader, ctx, 1);
            into.Add(new Assignment(column, value));
        }
    }

    private static DeleteQuery ReadDelete(ref WireReader reader, int count, ReadContext ctx)
    {
        var common = default(CommonFields);
        FilterNode? filter = null;
        for (int i = 0; i < count; i++)
        {
            ReadOnlySpan<byte> name = ReadKey(ref reader, "ir");
            if (name.SequenceEqual("filter_tree"u8))
            {
                filter = ReadOptionalFilter(ref reader, "filter_tree", ctx, 1);
            }
            else
            {
                ReadCommonKey(ref reader, name, ctx, ref common);
            }
        }

        return new DeleteQuery
        {
            Table = RequireTable(common),
            Model = common.Model,
            ColumnTypes = common.ColumnTypes ?? ColumnTypeMap.Empty,
            Filter = filter,
            Values = ctx.Values,
        };
    }

    private static RawQuery ReadRaw(ref WireReader reader, int count, ReadContext ctx)
    {
        var common = default(CommonFields);
        string? sql = null;
        int[] parameters = [];
        var script = false;
        for (int i = 0; i < count; i++)
        {
            ReadOnlySpan<byte> name = ReadKey(ref reader, "ir");
            if (name.SequenceEqual("sql"u8))
            {
                sql = ReadString(ref reader, "sql");
            }
            else if (name.SequenceEqual("params"u8))
            {
                parameters = ReadParams(ref reader, ctx);
            }
            else if (name.SequenceEqual("script"u8))
            {
                script = ReadFlag(ref reader, "script");
            }
            else
            {
                ReadCommonKey(ref reader, name, ctx, ref common);
            }
        }

        if (script && parameters.Length > 0)
        {
            throw Malformed("params", "a script takes no parameters");
        }

        return new RawQuery
        {
            Script = script,
            Table = common.Table ?? string.Empty,
            Model = common.Model,
            ColumnTypes = common.ColumnTypes ?? ColumnTypeMap.Empty,
            Sql = sql ?? throw Missing("sql"),
            Params = parameters,
            Values = ctx.Values,
        };
    }

    private static int[] ReadParams(ref WireReader reader, ReadContext ctx)
    {
        if (TryReadNil(ref reader, "params"))
        {
            return [];
        }

        var indexes = new int[ReadArrayHeader(ref reader, "params")];
        for (int i = 0; i < indexes.Length; i++)
        {
            indexes[i] = ctx.AddValue(ReadValue(ref reader, "params", 1));
        }

        return indexes;
    }
}
