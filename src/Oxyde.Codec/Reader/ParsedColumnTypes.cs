using Oxyde.Codec.Ir;

namespace Oxyde.Codec.Reader;

/// <summary>A parsed <c>column_types</c> map and the shape text it wrote, kept by <see cref="IrReader.ColumnTypesCache"/>.</summary>
internal sealed record ParsedColumnTypes(IReadOnlyDictionary<string, ColumnType> Types, string Shape);
