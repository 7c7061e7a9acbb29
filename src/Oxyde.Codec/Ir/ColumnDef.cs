namespace Oxyde.Codec.Ir;

/// <summary>A column of <c>create_table</c>. <see cref="Default"/> is a SQL expression (DDL literal).</summary>
internal sealed record ColumnDef(string Name, ColumnType Type)
{
    public bool Nullable { get; init; } = true;

    public bool PrimaryKey { get; init; }

    public bool AutoIncrement { get; init; }

    public bool Unique { get; init; }

    public string? Default { get; init; }
}
