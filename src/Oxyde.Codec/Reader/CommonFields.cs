using Oxyde.Codec.Ir;

namespace Oxyde.Codec.Reader;

/// <summary>Keys every IR document may carry (<c>table</c>, <c>model</c>, <c>column_types</c>), gathered while parsing.</summary>
internal struct CommonFields
{
    public string? Table;

    public string? Model;

    public ColumnTypeMap? ColumnTypes;
}
