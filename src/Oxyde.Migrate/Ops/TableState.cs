using Oxyde.Migrate.Schema;

namespace Oxyde.Migrate.Ops;

/// <summary>
/// The whole definition of an op's table just before the op: <c>table_fields</c>, <c>table_indexes</c>,
/// <c>table_foreign_keys</c>, <c>table_checks</c>. A database that cannot make the change in place
/// (SQLite) rebuilds the table from it; the caller fills it in from its replayed schema, as Oxyde's
/// <c>ctx.alter_column</c> does. The differ leaves it out.
/// </summary>
internal sealed record TableState(
    IReadOnlyList<SchemaField> Fields,
    IReadOnlyList<SchemaIndex> Indexes,
    IReadOnlyList<SchemaForeignKey> ForeignKeys,
    IReadOnlyList<SchemaCheck> Checks)
{
    /// <summary>The state as a table named <paramref name="name"/>.</summary>
    public SchemaTable AsTable(string name) => new(name, Fields, Indexes, ForeignKeys, Checks);

    public static TableState Of(SchemaTable table) => new(table.Fields, table.Indexes, table.ForeignKeys, table.Checks);
}
