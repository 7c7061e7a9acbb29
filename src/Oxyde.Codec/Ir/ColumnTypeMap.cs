namespace Oxyde.Codec.Ir;

/// <summary>Shared empty column-type map.</summary>
internal static class ColumnTypeMap
{
    public static readonly IReadOnlyDictionary<string, ColumnType> Empty = new Dictionary<string, ColumnType>();
}
