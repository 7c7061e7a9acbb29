using System.Globalization;
using System.Text.Json.Nodes;
using Oxyde.Migrate.Json;
using Oxyde.Migrate.Sql;
using static Oxyde.Migrate.Tests.Snapshots;

namespace Oxyde.Migrate.Tests.Databases;

/// <summary>
/// Ops the differ never emits (renames, which the CLI makes from a drop and an add) and failures, run
/// on the real databases: a migration that fails leaves the table as it was.
/// </summary>
public sealed class OpRunTests
{
    private static readonly JsonObject Items = Table(
        "items",
        [Id(), Str("name", 50), Field("qty", "big_integer", nullable: true), Field("owner_id", "big_integer", nullable: true)],
        [Index("items_name_idx", false, "name")]);

    private static readonly JsonObject Owners = Table("owners", [Id()]);

    [Fact]
    public void SqliteRenames() => Renames("sqlite");

    [PostgresFact]
    public void PostgresRenames() => Renames("postgres");

    [MySqlFact]
    public void MySqlRenames() => Renames("mysql");

    [Fact]
    public void SqliteFailedRebuildLeavesTheTable() => FailedForeignKeyLeavesTheTable("sqlite");

    [PostgresFact]
    public void PostgresFailedForeignKeyLeavesTheTable() => FailedForeignKeyLeavesTheTable("postgres");

    [MySqlFact]
    public void MySqlFailedForeignKeyLeavesTheTable() => FailedForeignKeyLeavesTheTable("mysql");

    [Fact]
    public void SqliteAltersTypeKeepingValues() => AltersTypeKeepingValues("sqlite");

    [PostgresFact]
    public void PostgresAltersTypeKeepingValues() => AltersTypeKeepingValues("postgres");

    [MySqlFact]
    public void MySqlAltersTypeKeepingValues() => AltersTypeKeepingValues("mysql");

    [Fact]
    public void SqliteDropsTheUniquenessOfALongNamedColumn() => DropsTheUniquenessOfALongNamedColumn("sqlite");

    [PostgresFact]
    public void PostgresDropsTheUniquenessOfALongNamedColumn() => DropsTheUniquenessOfALongNamedColumn("postgres");

    [MySqlFact]
    public void MySqlDropsTheUniquenessOfALongNamedColumn() => DropsTheUniquenessOfALongNamedColumn("mysql");

    /// <summary>
    /// A UNIQUE column whose table and column names together pass 63 bytes loses its uniqueness: the
    /// constraint is dropped under the name the database gave it (PostgreSQL cuts both parts).
    /// </summary>
    private static void DropsTheUniquenessOfALongNamedColumn(string dialect)
    {
        using var db = TestDatabase.Open(dialect);
        var tableName = "subscriptions_of_the_newsletter_" + new string('t', 20);
        var unique = Str("confirmation_address_of_the_reader_" + new string('c', 20), 100, unique: true);
        var table = Table(tableName, [Id(), unique]);
        Run(db, Create(table));
        var alter = new JsonObject { ["type"] = "alter_column", ["table"] = tableName, ["old_field"] = unique.DeepClone(), ["new_field"] = unique.With("unique", false) };
        alter.Merge(StateOf(table));
        Run(db, alter);
        var column = (string)unique["name"]!;
        db.Execute($"INSERT INTO {tableName} (id, {column}) VALUES (1, 'a')");
        db.Execute($"INSERT INTO {tableName} (id, {column}) VALUES (2, 'a')");
    }

    [Fact]
    public void SqliteAddsANotNullColumnWithoutDefaultToAnEmptyTable() => AddsANotNullColumnWithoutDefaultToAnEmptyTable("sqlite");

    [PostgresFact]
    public void PostgresAddsANotNullColumnWithoutDefaultToAnEmptyTable() => AddsANotNullColumnWithoutDefaultToAnEmptyTable("postgres");

    [MySqlFact]
    public void MySqlAddsANotNullColumnWithoutDefaultToAnEmptyTable() => AddsANotNullColumnWithoutDefaultToAnEmptyTable("mysql");

    /// <summary>A NOT NULL column without a default joins an empty table everywhere (SQLite's ADD COLUMN refuses it even then: a rebuild).</summary>
    private static void AddsANotNullColumnWithoutDefaultToAnEmptyTable(string dialect)
    {
        using var db = TestDatabase.Open(dialect);
        Run(db, Create(Owners));
        var add = new JsonObject { ["type"] = "add_column", ["table"] = "owners", ["field"] = Str("name", 40) };
        add.Merge(StateOf(Owners));
        Run(db, add);
        Assert.Equal(["id", "name"], db.Columns("owners"));
        Assert.ThrowsAny<Exception>(() => db.Execute("INSERT INTO owners (id) VALUES (1)"));
    }

    [Fact]
    public void SqliteDropsAnIndexedColumn() => DropsAnIndexedColumn("sqlite");

    [PostgresFact]
    public void PostgresDropsAnIndexedColumn() => DropsAnIndexedColumn("postgres");

    [MySqlFact]
    public void MySqlDropsAnIndexedColumn() => DropsAnIndexedColumn("mysql");

    /// <summary>
    /// drop_column of a column an index and a foreign key still use (a hand-written migration that did
    /// not drop them first): the column goes with them, the other rows stay.
    /// </summary>
    private static void DropsAnIndexedColumn(string dialect)
    {
        using var db = TestDatabase.Open(dialect);
        var items = Items.With("foreign_keys", new JsonArray(Fk("items", "owner_id", "owners")));
        Run(db, Create(Owners), Create(items));
        db.Execute("INSERT INTO owners (id) VALUES (7)");
        db.Execute("INSERT INTO items (id, name, owner_id) VALUES (1, 'bolt', 7)");
        var dropName = new JsonObject { ["type"] = "drop_column", ["table"] = "items", ["field"] = "name" };
        dropName.Merge(StateOf(items));
        var afterFirst = items.With("fields", new JsonArray([.. ((JsonArray)items["fields"]!).Where(f => (string)f!["name"]! != "name").Select(f => f!.DeepClone())]))
            .With("indexes", new JsonArray());
        var dropOwner = new JsonObject { ["type"] = "drop_column", ["table"] = "items", ["field"] = "owner_id" };
        dropOwner.Merge(StateOf(afterFirst));
        Run(db, dropName, dropOwner);
        Assert.Equal(["id", "qty"], db.Columns("items"));
        Assert.Equal(1L, Long(db.Scalar("SELECT COUNT(*) FROM items")));
        db.Execute("DELETE FROM owners");
    }

    /// <summary>rename_column, rename_table, then a hash index and (where there are partial indexes) a partial one on the renamed table.</summary>
    private static void Renames(string dialect)
    {
        using var db = TestDatabase.Open(dialect);
        Run(db, Create(Items));
        db.Execute("INSERT INTO items (id, name, qty) VALUES (1, 'bolt', 3)");
        Run(db, new JsonObject { ["type"] = "rename_column", ["table"] = "items", ["old_name"] = "qty", ["new_name"] = "quantity" });
        Run(db, new JsonObject { ["type"] = "rename_table", ["old_name"] = "items", ["new_name"] = "parts" });
        Run(db, new JsonObject { ["type"] = "create_index", ["table"] = "parts", ["index"] = Index("parts_quantity_idx", false, "quantity").With("method", "hash") });
        if (dialect != "mysql")
        {
            Run(db, new JsonObject { ["type"] = "create_index", ["table"] = "parts", ["index"] = Index("parts_big_idx", false, "name").With("where", "quantity > 2") });
        }

        Assert.Equal(["parts"], db.Tables());
        Assert.Equal(["id", "name", "quantity", "owner_id"], db.Columns("parts"));
        Assert.Equal(3L, Long(db.Scalar("SELECT quantity FROM parts WHERE id = 1")));
    }

    /// <summary>
    /// add_foreign_key over a row that points nowhere fails; afterwards the table has its rows and no
    /// key (on SQLite: the rebuild's foreign_key_check row failed the transaction, which rolled back).
    /// </summary>
    private static void FailedForeignKeyLeavesTheTable(string dialect)
    {
        using var db = TestDatabase.Open(dialect);
        Run(db, Create(Owners), Create(Items));
        db.Execute("INSERT INTO items (id, name, owner_id) VALUES (1, 'bolt', 42)");
        var add = new JsonObject { ["type"] = "add_foreign_key", ["table"] = "items", ["fk"] = Fk("items", "owner_id", "owners") };
        add.Merge(StateOf(Items));
        Assert.ThrowsAny<Exception>(() => Run(db, add));

        Assert.Equal(["items", "owners"], db.Tables());
        Assert.Equal(42L, Long(db.Scalar("SELECT owner_id FROM items WHERE id = 1")));
        db.Execute("INSERT INTO items (id, name, owner_id) VALUES (2, 'nut', 43)");
    }

    /// <summary>alter_column from a string with a default to an integer with a default, with rows in the table.</summary>
    private static void AltersTypeKeepingValues(string dialect)
    {
        using var db = TestDatabase.Open(dialect);
        var code = Str("code", 10, @default: "'0'");
        var table = Table("codes", [Id(), code, Field("note", "text", nullable: true)]);
        Run(db, Create(table));
        db.Execute("INSERT INTO codes (id, code, note) VALUES (1, '17', 'x')");
        var alter = new JsonObject
        {
            ["type"] = "alter_column",
            ["table"] = "codes",
            ["old_field"] = code.DeepClone(),
            ["new_field"] = Field("code", "big_integer", @default: "0"),
        };
        alter.Merge(StateOf(table));
        Run(db, alter);
        Assert.Equal(17L, Long(db.Scalar("SELECT code FROM codes WHERE id = 1")));
        db.Execute("INSERT INTO codes (id, note) VALUES (2, 'y')");
        Assert.Equal(0L, Long(db.Scalar("SELECT code FROM codes WHERE id = 2")));
        Assert.Equal(["id", "code", "note"], db.Columns("codes"));
    }

    private static JsonObject Create(JsonObject table) => new() { ["type"] = "create_table", ["table"] = table.DeepClone() };

    private static JsonObject StateOf(JsonObject table) => new()
    {
        ["table_fields"] = table["fields"]!.DeepClone(),
        ["table_indexes"] = table["indexes"]!.DeepClone(),
        ["table_foreign_keys"] = table["foreign_keys"]!.DeepClone(),
        ["table_checks"] = table["checks"]!.DeepClone(),
    };

    /// <summary>One migration of <paramref name="ops"/>, rendered for the database's dialect.</summary>
    private static void Run(TestDatabase db, params JsonObject[] ops)
    {
        var json = new JsonArray([.. ops.Select(o => (JsonNode)o.DeepClone())]).ToJsonString();
        db.Migrate(new MigrationSqlGenerator(MigrationCalls.Dialect(db.Dialect)).Generate(MigrationJson.ReadOps(json, "ops")));
    }

    private static long Long(object? value) => Convert.ToInt64(value, CultureInfo.InvariantCulture);
}
