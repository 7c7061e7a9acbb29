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
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = (long)i;
        }

        return new InsertQuery
        {
            Table = "t",
            Columns = names,
            Rows = new InsertRows(rows, columns, 0),
            Values = values,
        };
    }
}
