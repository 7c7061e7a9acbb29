using Oxyde.Migrate.Diff;
using Oxyde.Migrate.Json;
using Oxyde.Migrate.Schema;
using Oxyde.Migrate.Sql;

namespace Oxyde.Migrate.Tests.Databases;

/// <summary>
/// Each step of <see cref="ModelVersions"/> diffed, rendered and run on the real database: the ops
/// replay to the next snapshot, the database then has exactly its tables and columns, and rows written
/// at step 1 survive every step that keeps their table (on SQLite through table rebuilds, of authors
/// too, which posts references with ON DELETE CASCADE).
/// </summary>
public sealed class MigrationRunTests
{
    [Fact]
    public void SqliteRunsEveryStep() => RunEveryStep("sqlite");

    [PostgresFact]
    public void PostgresRunsEveryStep() => RunEveryStep("postgres");

    [MySqlFact]
    public void MySqlRunsEveryStep() => RunEveryStep("mysql");

    [Fact]
    public void SqliteOrdersColumnsAroundTheTablesReferencingThem() => Run("sqlite", ModelVersions.ColumnReferences);

    [PostgresFact]
    public void PostgresOrdersColumnsAroundTheTablesReferencingThem() => Run("postgres", ModelVersions.ColumnReferences);

    [MySqlFact]
    public void MySqlOrdersColumnsAroundTheTablesReferencingThem() => Run("mysql", ModelVersions.ColumnReferences);

    /// <summary>Each step of <paramref name="versions"/> diffed, replayed, run and checked; <paramref name="afterStep"/> runs after each.</summary>
    private static void Run(string dialect, string[] versions, Action<TestDatabase, int>? afterStep = null)
    {
        using var db = TestDatabase.Open(dialect);
        var generator = new MigrationSqlGenerator(MigrationCalls.Dialect(dialect));
        for (var step = 1; step < versions.Length; step++)
        {
            var old = MigrationJson.ReadSnapshot(versions[step - 1], "old");
            var next = MigrationJson.ReadSnapshot(versions[step], "new");
            var replay = new SchemaReplay(old);
            var ops = replay.Prepare(SchemaDiffer.Diff(old, next));
            Assert.Equal(SchemaReplay.CanonicalOf(next.Tables.Values), replay.Canonical());

            db.Migrate(generator.Generate(ops));
            AssertSchema(db, next, step);
            afterStep?.Invoke(db, step);
        }

        Assert.Empty(db.Tables());
    }

    private static void RunEveryStep(string dialect) => Run(dialect, ModelVersions.All, static (db, step) =>
    {
        if (step == 1)
        {
            db.Execute("INSERT INTO authors (id, name) VALUES (1, 'ann')");
            db.Execute("INSERT INTO posts (id, title, author_id, status) VALUES (1, 'hello', 1, 'new')");
        }

        if (step is >= 2 and <= 5)
        {
            Assert.Equal(1L, Convert.ToInt64(db.Scalar("SELECT COUNT(*) FROM posts WHERE author_id = 1"), System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal("ann", db.Scalar("SELECT name FROM authors WHERE id = 1"));
        }
    });

    private static void AssertSchema(TestDatabase db, Snapshot expected, int step)
    {
        Assert.Equal(expected.Tables.Keys.Order(StringComparer.Ordinal), db.Tables());
        foreach (var table in expected.Tables.Values)
        {
            Assert.True(
                table.Fields.Select(f => f.Name).Order(StringComparer.Ordinal).SequenceEqual(db.Columns(table.Name).Order(StringComparer.Ordinal)),
                $"step {step}: {table.Name} has columns {string.Join(", ", db.Columns(table.Name))}");
        }
    }
}
