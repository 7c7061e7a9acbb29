using MessagePack;
using Oxyde.Codec.Ir;
using Oxyde.Codec.Reader;

namespace Oxyde.Query.Tests;

/// <summary>Parses IR written as JSON (single quotes allowed for readability) through the real reader.</summary>
internal static class IrDocs
{
    public static IrQuery Parse(string json) =>
        IrReader.ReadQuery(MessagePackSerializer.ConvertFromJson(json.Replace('\'', '"')));

    public static InsertQuery Insert(int rows, int columns)
    {
        var names = new string[columns];
        for (var c = 0; c < columns; c++)
        {
            names[c] = "c" + c;
        }

        var values = new object?[rows * columns];
        var rowIndexes = new int[rows][];
        for (var r = 0; r < rows; r++)
        {
            rowIndexes[r] = new int[columns];
            for (var c = 0; c < columns; c++)
            {
                var index = (r * columns) + c;
                values[index] = (long)index;
                rowIndexes[r][c] = index;
            }
        }

        return new InsertQuery
        {
            Table = "t",
            Columns = names,
            Rows = rowIndexes,
            Values = values,
            ShapeKey = $"insert:t:{rows}x{columns}",
        };
    }
}
