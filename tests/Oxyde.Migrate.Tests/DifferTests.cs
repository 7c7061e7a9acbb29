using System.Text.Json.Nodes;
using Oxyde.Migrate.Diff;
using Oxyde.Migrate.Json;
using Oxyde.Migrate.Ops;
using static Oxyde.Migrate.Tests.Snapshots;

namespace Oxyde.Migrate.Tests;

public sealed class DifferTests
{
    private static IReadOnlyList<MigrationOp> Diff(string old, string next) =>
        SchemaDiffer.Diff(MigrationJson.ReadSnapshot(old, "old"), MigrationJson.ReadSnapshot(next, "new"));

    private static string[] Types(IReadOnlyList<MigrationOp> ops) => [.. ops.Select(o => o.Type)];

    [Fact]
    public void SameSnapshotGivesNoOps()
    {
        var snapshot = Snapshot(Table("users", [Id(), Str("name", 100)], [Index("users_name_idx", false, "name")]));
        Assert.Empty(Diff(snapshot, snapshot));
    }

    [Fact]
    public void NewTablesAreCreatedReferencedFirst()
    {
        var ops = Diff(Empty, Snapshot(
            Table("comments", [Id(), Field("post_id", "big_integer")], fks: [Fk("comments", "post_id", "posts")]),
            Table("posts", [Id(), Field("author_id", "big_integer")], fks: [Fk("posts", "author_id", "authors")]),
            Table("authors", [Id()])));
        Assert.Equal(["authors", "posts", "comments"], ops.Cast<CreateTableOp>().Select(o => o.Table.Name));
    }

    [Fact]
    public void ForeignKeyCycleIsBrokenByAddingOneKeyAfterTheTables()
    {
        var ops = Diff(Empty, Snapshot(
            Table("a", [Id(), Field("b_id", "big_integer", nullable: true)], fks: [Fk("a", "b_id", "b")]),
            Table("b", [Id(), Field("a_id", "big_integer")], fks: [Fk("b", "a_id", "a")])));
        Assert.Equal(["create_table", "create_table", "add_foreign_key"], Types(ops));
        var first = (CreateTableOp)ops[0];
        Assert.Equal("a", first.Table.Name);
        Assert.Empty(first.Table.ForeignKeys);
        Assert.Single(((CreateTableOp)ops[1]).Table.ForeignKeys);
        Assert.Equal("fk_a_b_id", ((AddForeignKeyOp)ops[2]).Fk.Name);
    }

    [Fact]
    public void DroppedTablesGoReferencingFirstAndCarryTheirDefinition()
    {
        var old = Snapshot(
            Table("authors", [Id()]),
            Table("posts", [Id(), Field("author_id", "big_integer")], fks: [Fk("posts", "author_id", "authors")]));
        var ops = Diff(old, Empty);
        Assert.Equal(["posts", "authors"], ops.Cast<DropTableOp>().Select(o => o.Name));
        Assert.All(ops.Cast<DropTableOp>(), o => Assert.Equal(o.Name, o.Table!.Name));
    }

    [Fact]
    public void ColumnsAddedDroppedAndAlteredAndDropsCarryTheOldDefinition()
    {
        var old = Snapshot(Table("users", [Id(), Str("name", 100), Str("nick")]));
        var next = Snapshot(Table("users", [Id(), Str("name", 200), Field("age", "big_integer", nullable: true)]));
        var ops = Diff(old, next);
        Assert.Equal(["add_column", "drop_column", "alter_column"], Types(ops));
        var drop = (DropColumnOp)ops[1];
        Assert.Equal("nick", drop.Field);
        Assert.Equal("nick", drop.FieldDef!.Name);
        var alter = (AlterColumnOp)ops[2];
        Assert.Equal(100, alter.OldField.ColumnType.Length);
        Assert.Equal(200, alter.NewField.ColumnType.Length);
    }

    [Fact]
    public void RenamedColumnIsADropAndAnAddNeverAGuess()
    {
        var ops = Diff(Snapshot(Table("users", [Id(), Str("name")])), Snapshot(Table("users", [Id(), Str("full_name")])));
        Assert.Equal(["add_column", "drop_column"], Types(ops));
    }

    [Fact]
    public void ChangedIndexIsDroppedBeforeColumnsChangeAndCreatedAfter()
    {
        var old = Snapshot(Table("users", [Id(), Str("name"), Str("email")], [Index("users_idx", false, "name")]));
        var next = Snapshot(Table("users", [Id(), Str("email")], [Index("users_idx", true, "email")]));
        var ops = Diff(old, next);
        Assert.Equal(["drop_index", "drop_column", "create_index"], Types(ops));
        Assert.Equal("users_idx", ((DropIndexOp)ops[0]).IndexDef!.Name);
        Assert.False(((DropIndexOp)ops[0]).IndexDef!.Unique);
    }

    [Fact]
    public void ForeignKeyToADroppedTableIsDroppedBeforeTheTable()
    {
        var old = Snapshot(
            Table("authors", [Id()]),
            Table("posts", [Id(), Field("author_id", "big_integer")], fks: [Fk("posts", "author_id", "authors")]));
        var next = Snapshot(Table("posts", [Id(), Field("author_id", "big_integer")]));
        var ops = Diff(old, next);
        Assert.Equal(["drop_foreign_key", "drop_table"], Types(ops));
        Assert.Equal("authors", ((DropForeignKeyOp)ops[0]).FkDef!.RefTable);
    }

    [Fact]
    public void ChangedCheckIsDroppedAndAdded()
    {
        var old = Snapshot(Table("users", [Id(), Field("age", "big_integer")], checks: [Check("age_ok", "age >= 0")]));
        var next = Snapshot(Table("users", [Id(), Field("age", "big_integer")], checks: [Check("age_ok", "age >= 18")]));
        Assert.Equal(["drop_check", "add_check"], Types(Diff(old, next)));
    }

    [Fact]
    public void EnumTypesAreCreatedFirstExtendedByAppendAndDroppedLast()
    {
        static JsonObject Status(params string[] values) =>
            Field("status", "enum", spec: new JsonObject { ["kind"] = "enum", ["name"] = "status_enum", ["values"] = new JsonArray([.. values.Select(v => (JsonNode)v)]) });

        var created = Diff(Empty, Snapshot(Table("tasks", [Id(), Status("new", "done")])));
        Assert.Equal(["create_enum_type", "create_table"], Types(created));

        var appended = Diff(Snapshot(Table("tasks", [Id(), Status("new", "done")])), Snapshot(Table("tasks", [Id(), Status("new", "done", "late", "gone")])));
        Assert.Equal(["add_enum_value", "add_enum_value"], Types(appended));
        var second = (AddEnumValueOp)appended[1];
        Assert.Equal("gone", second.Value);
        Assert.Equal(["new", "done", "late", "gone"], second.Fields.Single().Field.ColumnType.EnumValues!);
        Assert.Equal(["new", "done", "late"], ((AddEnumValueOp)appended[0]).Fields.Single().Field.ColumnType.EnumValues!);

        var reordered = Diff(Snapshot(Table("tasks", [Id(), Status("new", "done")])), Snapshot(Table("tasks", [Id(), Status("done", "new")])));
        Assert.Equal(["alter_enum_type"], Types(reordered));

        var dropped = Diff(Snapshot(Table("tasks", [Id(), Status("new", "done")])), Empty);
        Assert.Equal(["drop_table", "drop_enum_type"], Types(dropped));
        Assert.Equal(["new", "done"], ((DropEnumTypeOp)dropped[1]).Values!);
    }
}
