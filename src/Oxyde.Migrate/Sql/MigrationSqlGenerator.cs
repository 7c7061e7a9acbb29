using Oxyde.Codec.Errors;
using Oxyde.Migrate.Ops;
using Oxyde.Migrate.Schema;
using Oxyde.Query;
using Oxyde.Query.Dialects;

namespace Oxyde.Migrate.Sql;

/// <summary>
/// The SQL of a list of ops for one dialect, in op order, through <see cref="DdlGenerator"/>. A change
/// the dialect cannot make in place (<see cref="SqlDialect.SupportsAlterConstraints"/>,
/// <see cref="SqlDialect.CanAddColumn"/>, <see cref="SqlDialect.CanDropKeyColumn"/>) becomes a table
/// rebuild from the op's <see cref="TableState"/>, which the caller supplies.
/// </summary>
internal sealed class MigrationSqlGenerator(SqlDialect dialect)
{
    private readonly DdlGenerator _ddl = new(dialect);

    public IReadOnlyList<string> Generate(IReadOnlyList<MigrationOp> ops)
    {
        var statements = new List<string>();
        foreach (var op in ops)
        {
            statements.AddRange(Statements(op));
        }

        return statements.AsReadOnly();
    }

    public IReadOnlyList<string> Statements(MigrationOp op) => op switch
    {
        CreateEnumTypeOp o => _ddl.CreateEnumType(o.Name, o.Values),
        DropEnumTypeOp o => _ddl.DropEnumType(o.Name),
        AddEnumValueOp o => _ddl.AddEnumValue(o.Name, o.Value, [.. o.Fields.Select(f => (f.Table, SchemaIr.Column(f.Field, singlePrimaryKey: true)))]),
        AlterEnumTypeOp => [],
        CreateTableOp o => _ddl.CreateTableStatements(SchemaIr.Table(o.Table), withTypes: false),
        DropTableOp o => [_ddl.DropTableStatement(o.Name)],
        RenameTableOp o => [_ddl.RenameTable(o.OldName, o.NewName)],
        AddColumnOp o => AddColumn(o),
        DropColumnOp o => DropColumn(o),
        RenameColumnOp o => [_ddl.RenameColumn(o.Table, o.OldName, o.NewName)],
        AlterColumnOp o => AlterColumn(o),
        CreateIndexOp o => [_ddl.CreateIndexStatement(o.Table, SchemaIr.Index(o.Index))],
        DropIndexOp o => [_ddl.DropIndexStatement(o.Table, o.Name)],
        AddForeignKeyOp o => dialect.SupportsAlterConstraints
            ? [_ddl.AddForeignKey(o.Table, SchemaIr.ForeignKey(o.Fk))]
            : Rebuild(o, o.Table, o.State, t => t with { ForeignKeys = [.. t.ForeignKeys.Where(f => f.Name != o.Fk.Name), o.Fk] }),
        DropForeignKeyOp o => dialect.SupportsAlterConstraints
            ? [_ddl.DropForeignKey(o.Table, o.Name)]
            : Rebuild(o, o.Table, o.State, t => t with { ForeignKeys = [.. t.ForeignKeys.Where(f => f.Name != o.Name)] }),
        AddCheckOp o => dialect.SupportsAlterConstraints
            ? [_ddl.AddCheck(o.Table, SchemaIr.Check(o.Check))]
            : Rebuild(o, o.Table, o.State, t => t with { Checks = [.. t.Checks.Where(c => c.Name != o.Check.Name), o.Check] }),
        DropCheckOp o => dialect.SupportsAlterConstraints
            ? [_ddl.DropCheck(o.Table, o.Name)]
            : Rebuild(o, o.Table, o.State, t => t with { Checks = [.. t.Checks.Where(c => c.Name != o.Name)] }),
        _ => throw new OxydeException(ErrorCode.Internal, "no SQL for op " + op.Type),
    };

    private IReadOnlyList<string> AddColumn(AddColumnOp op)
    {
        var column = SchemaIr.Column(op.Field, singlePrimaryKey: op.Field.PrimaryKey && (op.State is null || !op.State.Fields.Any(f => f.PrimaryKey)));
        return dialect.CanAddColumn(column)
            ? [_ddl.AddColumn(op.Table, column)]
            : Rebuild(op, op.Table, op.State, t => t with { Fields = [.. t.Fields, op.Field] });
    }

    /// <summary>
    /// In place unless the dialect cannot drop a key column and this is one: a primary key or UNIQUE
    /// column (by <c>field_def</c> or the table state), or one that an index or foreign key of the state
    /// uses. The rebuilt table loses those indexes and keys with the column, as PostgreSQL's DROP COLUMN
    /// drops them (https://www.postgresql.org/docs/current/sql-altertable.html#SQL-ALTERTABLE-DESC-DROP-COLUMN).
    /// </summary>
    private IReadOnlyList<string> DropColumn(DropColumnOp op)
    {
        var field = op.FieldDef ?? op.State?.Fields.FirstOrDefault(f => f.Name == op.Field);
        var keyColumn = field is { PrimaryKey: true } or { Unique: true }
            || (op.State is { } state
                && (state.Indexes.Any(i => i.Fields.Contains(op.Field)) || state.ForeignKeys.Any(f => f.Columns.Contains(op.Field))));
        return dialect.CanDropKeyColumn || !keyColumn
            ? [.. ForeignKeysOn(op), _ddl.DropColumn(op.Table, op.Field)]
            : Rebuild(op, op.Table, op.State, t => t with
            {
                Fields = [.. t.Fields.Where(f => f.Name != op.Field)],
                Indexes = [.. t.Indexes.Where(i => !i.Fields.Contains(op.Field))],
                ForeignKeys = [.. t.ForeignKeys.Where(f => !f.Columns.Contains(op.Field))],
            });
    }

    /// <summary>Where DROP COLUMN keeps them (<see cref="SqlDialect.DropColumnDropsForeignKeys"/>), the drops of the state's foreign keys on the column.</summary>
    private IEnumerable<string> ForeignKeysOn(DropColumnOp op) => dialect.DropColumnDropsForeignKeys || op.State is null
        ? []
        : op.State.ForeignKeys.Where(f => f.Columns.Contains(op.Field)).Select(f => _ddl.DropForeignKey(op.Table, f.Name));

    private IReadOnlyList<string> AlterColumn(AlterColumnOp op)
    {
        if (!dialect.SupportsAlterConstraints)
        {
            return Rebuild(op, op.Table, op.State, t => t with { Fields = [.. t.Fields.Select(f => f.Name == op.OldField.Name ? op.NewField : f)] });
        }

        var single = op.State is null || SchemaIr.SinglePrimaryKey(op.State.Fields);
        return _ddl.AlterColumn(op.Table, SchemaIr.Column(op.OldField, single), SchemaIr.Column(op.NewField, single));
    }

    /// <summary>The table rebuilt to <paramref name="change"/>(its state); the rows of the columns both definitions have are copied.</summary>
    private IReadOnlyList<string> Rebuild(MigrationOp op, string table, TableState? state, Func<SchemaTable, SchemaTable> change)
    {
        if (state is null)
        {
            throw new OxydeException(
                ErrorCode.IrMalformed,
                $"{op.Type} on table '{table}' rebuilds the table on {dialect.WireName}, which needs its whole definition before the op: "
                + "pass table_fields, table_indexes, table_foreign_keys and table_checks",
                new Dictionary<string, string> { ["op"] = op.Type, ["table"] = table, ["dialect"] = dialect.WireName, ["key"] = "table_fields" });
        }

        var before = state.AsTable(table);
        var after = change(before);
        var copied = after.Fields.Where(f => before.Field(f.Name) is not null).Select(f => f.Name).ToList();
        return _ddl.RebuildTable(SchemaIr.Table(after), copied);
    }
}
