using Oxyde.Migrate.Json;
using Oxyde.Migrate.Ops;
using Oxyde.Migrate.Schema;

namespace Oxyde.Migrate.Tests;

/// <summary>
/// A schema replayed op by op, as the Python runner replays migration files: it gives each op that a
/// SQLite rebuild may need the table's state before it (<see cref="WithState"/>) and lets tests check
/// that the differ's ops turn the old snapshot into the new one.
/// </summary>
internal sealed class SchemaReplay(Snapshot start)
{
    private readonly Dictionary<string, SchemaTable> _tables = new(start.Tables, StringComparer.Ordinal);

    /// <summary>The op with its table's current state attached where the op can take one.</summary>
    public MigrationOp WithState(MigrationOp op) => op switch
    {
        AddColumnOp o => o with { State = State(o.Table) },
        DropColumnOp o => o with { State = State(o.Table) },
        AlterColumnOp o => o with { State = State(o.Table) },
        AddForeignKeyOp o => o with { State = State(o.Table) },
        DropForeignKeyOp o => o with { State = State(o.Table) },
        AddCheckOp o => o with { State = State(o.Table) },
        DropCheckOp o => o with { State = State(o.Table) },
        _ => op,
    };

    /// <summary>Every op with its state, applied in turn.</summary>
    public IReadOnlyList<MigrationOp> Prepare(IReadOnlyList<MigrationOp> ops)
    {
        var prepared = new List<MigrationOp>(ops.Count);
        foreach (var op in ops)
        {
            prepared.Add(WithState(op));
            Apply(op);
        }

        return prepared;
    }

    public void Apply(MigrationOp op)
    {
        switch (op)
        {
            case CreateTableOp o:
                _tables.Add(o.Table.Name, o.Table);
                break;
            case DropTableOp o:
                _tables.Remove(o.Name);
                break;
            case RenameTableOp o:
                _tables.Add(o.NewName, _tables[o.OldName] with { Name = o.NewName });
                _tables.Remove(o.OldName);
                break;
            case AddColumnOp o:
                Change(o.Table, t => t with { Fields = [.. t.Fields, o.Field] });
                break;
            case DropColumnOp o:
                Change(o.Table, t => t with { Fields = [.. t.Fields.Where(f => f.Name != o.Field)] });
                break;
            case RenameColumnOp o:
                Change(o.Table, t => t with { Fields = [.. t.Fields.Select(f => f.Name == o.OldName ? f with { Name = o.NewName } : f)] });
                break;
            case AlterColumnOp o:
                Change(o.Table, t => t with { Fields = [.. t.Fields.Select(f => f.Name == o.OldField.Name ? o.NewField : f)] });
                break;
            case CreateIndexOp o:
                Change(o.Table, t => t with { Indexes = [.. t.Indexes, o.Index] });
                break;
            case DropIndexOp o:
                Change(o.Table, t => t with { Indexes = [.. t.Indexes.Where(i => i.Name != o.Name)] });
                break;
            case AddForeignKeyOp o:
                Change(o.Table, t => t with { ForeignKeys = [.. t.ForeignKeys, o.Fk] });
                break;
            case DropForeignKeyOp o:
                Change(o.Table, t => t with { ForeignKeys = [.. t.ForeignKeys.Where(f => f.Name != o.Name)] });
                break;
            case AddCheckOp o:
                Change(o.Table, t => t with { Checks = [.. t.Checks, o.Check] });
                break;
            case DropCheckOp o:
                Change(o.Table, t => t with { Checks = [.. t.Checks.Where(c => c.Name != o.Name)] });
                break;
            case AddEnumValueOp o:
                SetEnumValues(o.Name, values => [.. values, o.Value]);
                break;
            case AlterEnumTypeOp o:
                SetEnumValues(o.Name, _ => o.NewValues);
                break;
        }
    }

    /// <summary>The tables in a comparable form: JSON of each, fields and constraints sorted by name.</summary>
    public string Canonical() => CanonicalOf(_tables.Values);

    public static string CanonicalOf(IEnumerable<SchemaTable> tables) => MigrationJson.WriteOps([
        .. tables.OrderBy(t => t.Name, StringComparer.Ordinal).Select(t => new CreateTableOp(t with
        {
            Fields = [.. t.Fields.OrderBy(f => f.Name, StringComparer.Ordinal)],
            Indexes = [.. t.Indexes.OrderBy(i => i.Name, StringComparer.Ordinal)],
            ForeignKeys = [.. t.ForeignKeys.OrderBy(f => f.Name, StringComparer.Ordinal)],
            Checks = [.. t.Checks.OrderBy(c => c.Name, StringComparer.Ordinal)],
        })),
    ]);

    private TableState State(string table) => TableState.Of(_tables[table]);

    private void Change(string table, Func<SchemaTable, SchemaTable> change) => _tables[table] = change(_tables[table]);

    private void SetEnumValues(string name, Func<IReadOnlyList<string>, IReadOnlyList<string>> values)
    {
        foreach (var table in _tables.Values.ToList())
        {
            Change(table.Name, t => t with
            {
                Fields = [.. t.Fields.Select(f => f.ColumnType.Enum is { EnumName: var n, EnumValues: { } v } && n == name ? f with { ColumnType = f.ColumnType.WithEnumValues(values(v)) } : f)],
            });
        }
    }
}
