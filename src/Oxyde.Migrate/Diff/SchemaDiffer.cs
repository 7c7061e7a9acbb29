using Oxyde.Migrate.Ops;
using Oxyde.Migrate.Schema;

namespace Oxyde.Migrate.Diff;

/// <summary>
/// The ops that turn the schema of one snapshot into the schema of another, in an order every database
/// can run them in. Each phase says why it comes where it does:
/// <list type="number">
/// <item>create enum types, then add enum values (or an <c>alter_enum_type</c> for values removed or
/// reordered): columns created or altered below may use them;</item>
/// <item>on tables kept, drop the foreign keys, checks and indexes that went away or changed: a column
/// dropped or altered below may be in them, and a table dropped below may be referenced;</item>
/// <item>drop the tables that went away, referencing tables first (keys closing a cycle dropped
/// first): a column dropped below may be referenced by them;</item>
/// <item>on tables kept, add columns, drop columns, alter columns;</item>
/// <item>create the new tables in foreign-key order (<see cref="CreationOrder"/>; keys closing a cycle
/// wait for the next phase): their keys may reference the columns just added;</item>
/// <item>on tables kept, create indexes, add checks, add foreign keys (new or changed), then the keys
/// the new tables deferred: every column and table they name exists by now;</item>
/// <item>drop the enum types no column uses any more.</item>
/// </list>
/// Tables are visited alphabetically, so the same snapshots always give the same ops. A rename is never
/// guessed: a renamed table or column is a drop and an add here, and the caller (the CLI) asks the user
/// and replaces the pair with a <c>rename_*</c> op. Every drop op carries the old definition, so the
/// migration can be reversed.
/// </summary>
internal static partial class SchemaDiffer
{
    public static IReadOnlyList<MigrationOp> Diff(Snapshot old, Snapshot next)
    {
        var ops = new List<MigrationOp>();
        var oldEnums = EnumTypes.Of(old, "old");
        var newEnums = EnumTypes.Of(next, "new");

        foreach (var (name, values) in newEnums)
        {
            if (!oldEnums.ContainsKey(name))
            {
                ops.Add(new CreateEnumTypeOp(name, values));
            }
        }

        foreach (var (name, values) in newEnums)
        {
            if (oldEnums.TryGetValue(name, out var previous) && !ColumnSpec.SequenceEqual(previous, values))
            {
                AddEnumChanges(ops, old, next, name, previous, values);
            }
        }

        var kept = next.Tables.Values
            .Where(t => old.Tables.ContainsKey(t.Name))
            .OrderBy(t => t.Name, StringComparer.Ordinal)
            .Select(t => (Old: old.Tables[t.Name], New: t))
            .ToList();

        foreach (var (before, after) in kept)
        {
            DropConstraints(ops, before, after);
        }

        var dropped = CreationOrder.Of(old.Tables.Values.Where(t => !next.Tables.ContainsKey(t.Name)));
        foreach (var (table, fk) in dropped.Deferred)
        {
            ops.Add(new DropForeignKeyOp(table, fk.Name, fk));
        }

        for (var i = dropped.Tables.Count - 1; i >= 0; i--)
        {
            ops.Add(new DropTableOp(dropped.Tables[i].Name, dropped.Tables[i]));
        }

        foreach (var (before, after) in kept)
        {
            ChangeColumns(ops, before, after);
        }

        var created = CreationOrder.Of(next.Tables.Values.Where(t => !old.Tables.ContainsKey(t.Name)));
        foreach (var table in created.Tables)
        {
            ops.Add(new CreateTableOp(table));
        }

        foreach (var (before, after) in kept)
        {
            AddConstraints(ops, before, after);
        }

        foreach (var (table, fk) in created.Deferred)
        {
            ops.Add(new AddForeignKeyOp(table, fk));
        }

        foreach (var (name, values) in oldEnums)
        {
            if (!newEnums.ContainsKey(name))
            {
                ops.Add(new DropEnumTypeOp(name, values));
            }
        }

        return ops.AsReadOnly();
    }

    /// <summary>
    /// Values only appended: one <c>add_enum_value</c> per value, in order, each naming the kept columns
    /// that use the enum with the values they hold after it (MySQL rewrites their ENUM lists). Anything
    /// else: one <c>alter_enum_type</c>, which the user completes by hand.
    /// </summary>
    private static void AddEnumChanges(List<MigrationOp> ops, Snapshot old, Snapshot next, string name, IReadOnlyList<string> previous, IReadOnlyList<string> values)
    {
        if (!EnumTypes.Appends(previous, values))
        {
            ops.Add(new AlterEnumTypeOp(name, previous, values));
            return;
        }

        for (var count = previous.Count + 1; count <= values.Count; count++)
        {
            var prefix = values.Take(count).ToList().AsReadOnly();
            ops.Add(new AddEnumValueOp(name, values[count - 1], ColumnsUsing(old, next, name, prefix)));
        }
    }

    /// <summary>The columns of kept tables whose type is the enum <paramref name="name"/> before and after, holding <paramref name="values"/>.</summary>
    private static IReadOnlyList<EnumFieldRef> ColumnsUsing(Snapshot old, Snapshot next, string name, IReadOnlyList<string> values)
    {
        var fields = new List<EnumFieldRef>();
        foreach (var table in next.Tables.Values.OrderBy(t => t.Name, StringComparer.Ordinal))
        {
            if (!old.Tables.TryGetValue(table.Name, out var before))
            {
                continue;
            }

            foreach (var field in table.Fields)
            {
                if (field.ColumnType is { Kind: ColumnSpecKind.Enum } spec && spec.EnumName == name
                    && before.Field(field.Name)?.ColumnType is { Kind: ColumnSpecKind.Enum, EnumName: var oldName } && oldName == name)
                {
                    fields.Add(new EnumFieldRef(table.Name, field with { ColumnType = spec.WithEnumValues(values) }));
                }
            }
        }

        return fields.AsReadOnly();
    }
}
