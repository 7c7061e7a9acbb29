using Oxyde.Migrate.Schema;

namespace Oxyde.Migrate.Diff;

/// <summary>
/// The order to create a set of tables in so that every foreign key points at a table that already
/// exists: a table comes after the tables of the set it references (references outside the set, and
/// to itself, need nothing). Among the tables that can come next, the alphabetically first does, so
/// the order is stable. When none can (a cycle), the alphabetically first remaining table comes next
/// and its foreign keys to tables not yet created are <see cref="Deferred"/>: the differ adds them with
/// <c>add_foreign_key</c> once every table exists. Dropping uses the reverse order, after dropping the
/// deferred keys.
/// </summary>
internal sealed class CreationOrder
{
    private CreationOrder(IReadOnlyList<SchemaTable> tables, IReadOnlyList<(string Table, SchemaForeignKey Fk)> deferred)
    {
        Tables = tables;
        Deferred = deferred;
    }

    /// <summary>The tables in creation order, each without its <see cref="Deferred"/> keys.</summary>
    public IReadOnlyList<SchemaTable> Tables { get; }

    /// <summary>Foreign keys left out of their table because they close a cycle, by table.</summary>
    public IReadOnlyList<(string Table, SchemaForeignKey Fk)> Deferred { get; }

    public static CreationOrder Of(IEnumerable<SchemaTable> set)
    {
        var remaining = new SortedDictionary<string, SchemaTable>(StringComparer.Ordinal);
        foreach (var table in set)
        {
            remaining.Add(table.Name, table);
        }

        var order = new List<SchemaTable>(remaining.Count);
        var deferred = new List<(string, SchemaForeignKey)>();
        while (remaining.Count > 0)
        {
            var next = remaining.Values.FirstOrDefault(t => Waits(t, remaining) is null);
            if (next is null)
            {
                // A cycle: the first table goes now, without its keys to tables still to come.
                next = remaining.Values.First();
                var kept = new List<SchemaForeignKey>(next.ForeignKeys.Count);
                foreach (var fk in next.ForeignKeys)
                {
                    if (Blocks(next, fk, remaining))
                    {
                        deferred.Add((next.Name, fk));
                    }
                    else
                    {
                        kept.Add(fk);
                    }
                }

                next = next with { ForeignKeys = kept.AsReadOnly() };
            }

            remaining.Remove(next.Name);
            order.Add(next);
        }

        return new CreationOrder(order.AsReadOnly(), deferred.AsReadOnly());
    }

    /// <summary>The first key of <paramref name="table"/> that points at a table still to be created, or null.</summary>
    private static SchemaForeignKey? Waits(SchemaTable table, SortedDictionary<string, SchemaTable> remaining)
    {
        foreach (var fk in table.ForeignKeys)
        {
            if (Blocks(table, fk, remaining))
            {
                return fk;
            }
        }

        return null;
    }

    private static bool Blocks(SchemaTable table, SchemaForeignKey fk, SortedDictionary<string, SchemaTable> remaining) =>
        fk.RefTable != table.Name && remaining.ContainsKey(fk.RefTable);
}
