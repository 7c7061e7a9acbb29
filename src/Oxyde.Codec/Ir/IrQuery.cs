namespace Oxyde.Codec.Ir;

/// <summary>
/// One parsed IR document. Values never live in the nodes: every value on the wire is appended, in
/// order of appearance, to <see cref="Values"/> and nodes point at it by index. Everything else is the
/// query's shape, summarised in <see cref="ShapeKey"/> so SQL can be cached per shape (DESIGN §4).
/// </summary>
internal abstract record IrQuery
{
    /// <summary>Target table (already the database name, after <c>db_column</c>/<c>table_name</c> mapping).</summary>
    public required string Table { get; init; }

    /// <summary>Python model key (<c>module.Qualname</c>) for error messages; may be null for raw SQL.</summary>
    public string? Model { get; init; }

    /// <summary>Column specs by column name; drive binding and decoding.</summary>
    public IReadOnlyDictionary<string, ColumnType> ColumnTypes { get; init; } = ColumnTypeMap.Empty;

    /// <summary>Every value of the document, in order of appearance on the wire.</summary>
    public required IReadOnlyList<object?> Values { get; init; }

    /// <summary>The document with values taken out (ordinal string); equal keys render equal SQL.</summary>
    public required string ShapeKey { get; init; }

    /// <summary>The statement kind, for dispatch without type tests.</summary>
    public abstract QueryKind Kind { get; }
}
