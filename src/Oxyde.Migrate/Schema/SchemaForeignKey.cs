using Oxyde.Codec.Ir;

namespace Oxyde.Migrate.Schema;

/// <summary>
/// A foreign key (Oxyde's <c>ForeignKeyDef</c>): <c>name</c> (<c>fk_{table}_{column}</c> by default),
/// <c>columns</c>, <c>ref_table</c>, <c>ref_columns</c>, <c>on_delete</c>/<c>on_update</c> (absent or
/// null is NO ACTION).
/// </summary>
internal sealed record SchemaForeignKey(
    string Name,
    IReadOnlyList<string> Columns,
    string RefTable,
    IReadOnlyList<string> RefColumns,
    ReferentialAction OnDelete,
    ReferentialAction OnUpdate)
{
    public bool Equals(SchemaForeignKey? other) =>
        other is not null
        && Name == other.Name
        && Columns.SequenceEqual(other.Columns, StringComparer.Ordinal)
        && RefTable == other.RefTable
        && RefColumns.SequenceEqual(other.RefColumns, StringComparer.Ordinal)
        && OnDelete == other.OnDelete
        && OnUpdate == other.OnUpdate;

    public override int GetHashCode() => HashCode.Combine(Name, RefTable, OnDelete, OnUpdate);
}
