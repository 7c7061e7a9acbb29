using System.Collections.ObjectModel;

namespace Oxyde.Codec.Ir;

/// <summary>Shared empty column-type map (read-only, like every map the reader hands out).</summary>
internal static class ColumnTypeMap
{
    public static readonly IReadOnlyDictionary<string, ColumnType> Empty = ReadOnlyDictionary<string, ColumnType>.Empty;
}
