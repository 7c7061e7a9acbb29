using Oxyde.Migrate.Ops;
using Oxyde.Migrate.Schema;

namespace Oxyde.Migrate.Diff;

/// <summary>Changes inside a table that both snapshots have: columns, indexes, checks, foreign keys (matched by name).</summary>
internal static partial class SchemaDiffer
{
    /// <summary>Foreign keys, checks and indexes that went away or changed (a changed one is dropped here and added again later).</summary>
    private static void DropConstraints(List<MigrationOp> ops, SchemaTable before, SchemaTable after)
    {
        foreach (var fk in before.ForeignKeys)
        {
            if (Named(after.ForeignKeys, fk.Name, f => f.Name) is not { } kept || !kept.Equals(fk))
            {
                ops.Add(new DropForeignKeyOp(before.Name, fk.Name, fk));
            }
        }

        foreach (var check in before.Checks)
        {
            if (Named(after.Checks, check.Name, c => c.Name) is not { } kept || kept.Expression != check.Expression)
            {
                ops.Add(new DropCheckOp(before.Name, check.Name, check));
            }
        }

        foreach (var index in before.Indexes)
        {
            if (Named(after.Indexes, index.Name, i => i.Name) is not { } kept || !kept.Equals(index))
            {
                ops.Add(new DropIndexOp(before.Name, index.Name, index));
            }
        }
    }

    /// <summary>Columns added, dropped (with their old definition), and altered (same name, other definition).</summary>
    private static void ChangeColumns(List<MigrationOp> ops, SchemaTable before, SchemaTable after)
    {
        foreach (var field in after.Fields)
        {
            if (before.Field(field.Name) is null)
            {
                ops.Add(new AddColumnOp(after.Name, field));
            }
        }

        foreach (var field in before.Fields)
        {
            if (after.Field(field.Name) is null)
            {
                ops.Add(new DropColumnOp(before.Name, field.Name, field));
            }
        }

        foreach (var field in after.Fields)
        {
            if (before.Field(field.Name) is { } previous && Altered(previous, field))
            {
                ops.Add(new AlterColumnOp(after.Name, previous, field));
            }
        }
    }

    /// <summary>Indexes, checks and foreign keys that are new or changed.</summary>
    private static void AddConstraints(List<MigrationOp> ops, SchemaTable before, SchemaTable after)
    {
        foreach (var index in after.Indexes)
        {
            if (Named(before.Indexes, index.Name, i => i.Name) is not { } previous || !previous.Equals(index))
            {
                ops.Add(new CreateIndexOp(after.Name, index));
            }
        }

        foreach (var check in after.Checks)
        {
            if (Named(before.Checks, check.Name, c => c.Name) is not { } previous || previous.Expression != check.Expression)
            {
                ops.Add(new AddCheckOp(after.Name, check));
            }
        }

        foreach (var fk in after.ForeignKeys)
        {
            if (Named(before.ForeignKeys, fk.Name, f => f.Name) is not { } previous || !previous.Equals(fk))
            {
                ops.Add(new AddForeignKeyOp(after.Name, fk));
            }
        }
    }

    /// <summary>
    /// Whether a column needs <c>alter_column</c>: its type (an enum's values are the enum ops' business,
    /// only its type name counts here), <c>db_type</c>, nullability, default, uniqueness or sizes changed.
    /// </summary>
    private static bool Altered(SchemaField before, SchemaField after) =>
        TypeChanged(before.ColumnType, after.ColumnType)
        || (before.DbType != after.DbType && (TypeChanged(before.ColumnType, after.ColumnType) || before.ColumnType.Enum is null))
        || before.Nullable != after.Nullable
        || before.Default != after.Default
        || before.Unique != after.Unique
        || before.MaxLength != after.MaxLength
        || before.MaxDigits != after.MaxDigits
        || before.DecimalPlaces != after.DecimalPlaces;

    private static bool TypeChanged(ColumnSpec before, ColumnSpec after) => (before.Kind, after.Kind) switch
    {
        (ColumnSpecKind.Enum, ColumnSpecKind.Enum) => before.EnumName != after.EnumName,
        (ColumnSpecKind.Array, ColumnSpecKind.Array) when before.Item is { } a && after.Item is { } b => TypeChanged(a, b),
        _ => !before.Equals(after),
    };

    private static T? Named<T>(IReadOnlyList<T> items, string name, Func<T, string> nameOf)
        where T : class
    {
        foreach (var item in items)
        {
            if (nameOf(item) == name)
            {
                return item;
            }
        }

        return null;
    }
}
