using Oxyde.Codec.Errors;
using Oxyde.Codec.Requests;
using Oxyde.Driver.Execution;
using Oxyde.Query.Dialects;
using static Oxyde.Driver.Tests.Msg;

namespace Oxyde.Driver.Tests.MySql;

/// <summary>
/// RETURNING on MySQL: native INSERT ... RETURNING on MariaDB 10.5+, and the emulation by keys that
/// MySQL 8 (and MariaDB's updates) use, run here on the MariaDB test server by forcing
/// <see cref="MySqlDialect"/>.
/// </summary>
public sealed class MySqlReturningTests
{
    private static readonly Dictionary<string, object?> Types = Map(
        "id", Map("kind", "int64"), "name", Map("kind", "string", "length", 50), "n", Map("kind", "int64"),
        "created", Map("kind", "datetime"));

    public static TheoryData<string> Dialects => new() { "server", "mysql8" };

    [MySqlTheory]
    [MemberData(nameof(Dialects))]
    public void Bulk_insert_returns_every_row_in_input_order_with_generated_keys_and_defaults(string dialect)
    {
        using var db = Fixture(dialect);
        var table = CreateTable(db);
        try
        {
            var rows = Enumerable.Range(0, 25).Select(i => (object?)List($"n{i}", 100 - i)).ToList();
            var result = db.Execute(Insert(table, List("name", "n"), rows));
            var returned = ((List<object?>)result["rows"]!).Cast<List<object?>>().ToList();
            Assert.Equal(25L, result["affected"]);
            Assert.Equal(Enumerable.Range(0, 25).Select(i => $"n{i}"), returned.Select(r => (string)r[1]!));
            Assert.Equal(25, returned.Select(r => r[0]).Distinct().Count());
            Assert.All(returned, r => Assert.Equal("2000-01-01 00:00:00", r[3]));
            var ids = returned.Select(r => (long)r[0]!).ToList();
            Assert.Equal(ids.Order(), ids);
        }
        finally
        {
            db.Raw($"DROP TABLE IF EXISTS `{table}`");
        }
    }

    [MySqlFact]
    public void Explicit_keys_come_back_in_input_order_not_key_order()
    {
        using var db = Fixture("mysql8");
        var table = CreateTable(db);
        try
        {
            var result = db.Execute(Insert(table, List("id", "name", "n"), List(List(30L, "c", 1L), List(10L, "a", 2L), List(20L, "b", 3L))));
            var returned = ((List<object?>)result["rows"]!).Cast<List<object?>>().ToList();
            Assert.Equal(new object?[] { 30L, 10L, 20L }, returned.Select(r => r[0]));
            Assert.Equal(new object?[] { "c", "a", "b" }, returned.Select(r => r[1]));
        }
        finally
        {
            db.Raw($"DROP TABLE IF EXISTS `{table}`");
        }
    }

    [MySqlFact]
    public void Insert_with_no_columns_returns_each_generated_row()
    {
        using var db = Fixture("mysql8");
        var table = CreateTable(db, nameDefault: true);
        try
        {
            var result = db.Execute(Insert(table, List(), List(List(), List())));
            var returned = ((List<object?>)result["rows"]!).Cast<List<object?>>().ToList();
            Assert.Equal(2, returned.Count);
            Assert.Equal((long)returned[0][0]! + 1, returned[1][0]);
        }
        finally
        {
            db.Raw($"DROP TABLE IF EXISTS `{table}`");
        }
    }

    [MySqlTheory]
    [MemberData(nameof(Dialects))]
    public void Update_returning_returns_the_updated_rows_even_when_they_no_longer_match_the_filter(string dialect)
    {
        using var db = Fixture(dialect);
        var table = CreateTable(db);
        try
        {
            db.Execute(Insert(table, List("name", "n"), List(List("a", 1L), List("b", 1L), List("c", 2L))));
            var result = db.Execute(Map(
                "proto", 1, "type", "update", "table", table, "pk", "id", "column_types", Types,
                "values", Map("n", 5L), "expressions", Map("name", Map("type", "column", "name", "name")),
                "filter_tree", Map("type", "condition", "field", "n", "op", "eq", "value", 1L),
                "returning", List("id", "name", "n")));
            var returned = ((List<object?>)result["rows"]!).Cast<List<object?>>().OrderBy(r => (string)r[1]!).ToList();
            Assert.Equal(2L, result["affected"]);
            Assert.Equal(new object?[] { "a", "b" }, returned.Select(r => r[1]));
            Assert.All(returned, r => Assert.Equal(5L, r[2]));
            Assert.Equal(2L, db.Scalar($"SELECT COUNT(*) FROM `{table}` WHERE n = 5"));

            var none = db.Execute(Map(
                "proto", 1, "type", "update", "table", table, "pk", "id", "column_types", Types, "values", Map("n", 9L),
                "filter_tree", Map("type", "condition", "field", "n", "op", "eq", "value", 42L), "returning", List("id")));
            Assert.Empty((List<object?>)none["rows"]!);
            Assert.Equal(0L, none["affected"]);
        }
        finally
        {
            db.Raw($"DROP TABLE IF EXISTS `{table}`");
        }
    }

    [MySqlFact]
    public void Update_returning_runs_in_one_transaction_and_leaves_nothing_open()
    {
        using var db = Fixture("server");
        var table = CreateTable(db);
        var session = db.Pool.Acquire();
        try
        {
            db.Execute(Insert(table, List("name", "n"), List(List("a", 1L))), session);
            db.Execute(Map(
                "proto", 1, "type", "update", "table", table, "pk", "id", "column_types", Types, "values", Map("n", 2L),
                "returning", List("id", "n")), session);
            Assert.False(session.InTransaction);
            Assert.Equal(0L, db.RawOn(session, "SELECT @@in_transaction") is var r ? ((List<object?>)((List<object?>)r["rows"]!)[0]!)[0] : null);
        }
        finally
        {
            db.Pool.Release(session);
            db.Raw($"DROP TABLE IF EXISTS `{table}`");
        }
    }

    [MySqlFact]
    public void A_failing_emulated_insert_rolls_back_its_earlier_statements()
    {
        using var db = Fixture("mysql8");
        var table = CreateTable(db);
        try
        {
            db.Execute(Insert(table, List("id", "name", "n"), List(List(5L, "x", 1L))));
            var error = Assert.ThrowsAny<Codec.Errors.OxydeException>(() =>
                db.Execute(Insert(table, List("id", "name", "n"), List(List(6L, "y", 1L), List(5L, "dup", 1L)))));
            Assert.Equal(ErrorCode.UniqueViolation, error.Code);
            Assert.Equal(1L, db.Scalar($"SELECT COUNT(*) FROM `{table}`"));
        }
        finally
        {
            db.Raw($"DROP TABLE IF EXISTS `{table}`");
        }
    }

    [MySqlTheory]
    [MemberData(nameof(Dialects))]
    public void Upsert_returns_inserted_and_updated_rows_in_input_order_with_their_keys(string dialect)
    {
        using var db = Fixture(dialect);
        var table = CreateTable(db);
        try
        {
            db.Raw($"ALTER TABLE `{table}` ADD UNIQUE (name)");
            var first = Rows(db.Execute(Upsert(table, List(List("b", 1L), List("a", 2L)), List("n"))));
            var second = Rows(db.Execute(Upsert(table, List(List("c", 30L), List("a", 20L), List("b", 10L)), List("n"))));

            // Updated rows keep their keys and come back with the new values, in input order.
            Assert.Equal(new object?[] { "c", "a", "b" }, second.Select(r => r[1]));
            Assert.Equal(new object?[] { 30L, 20L, 10L }, second.Select(r => r[2]));
            Assert.Equal(first[1][0], second[1][0]);
            Assert.Equal(first[0][0], second[2][0]);
            Assert.Equal(3L, db.Scalar($"SELECT COUNT(*) FROM `{table}`"));

            // No update columns: the stored row is left as it is and still comes back (it was read back, not inserted).
            var nothing = Rows(db.Execute(Upsert(table, List(List("a", 99L), List("d", 4L)), List())));
            Assert.Equal(new object?[] { "a", "d" }, nothing.Select(r => r[1]));
            Assert.Equal(20L, nothing[0][2]);
            Assert.Equal(first[1][0], nothing[0][0]);
        }
        finally
        {
            db.Raw($"DROP TABLE IF EXISTS `{table}`");
        }
    }

    [MySqlFact]
    public void Emulated_upsert_reads_back_rows_committed_after_the_transactions_snapshot()
    {
        // REPEATABLE READ: the caller's transaction reads (taking its snapshot) before another connection
        // commits the row its upsert then leaves as it is; the read-back is a locking read, so it sees that row.
        using var db = Fixture("mysql8");
        var table = CreateTable(db);
        var session = db.Pool.Acquire();
        try
        {
            db.Raw($"ALTER TABLE `{table}` ADD UNIQUE (name)");
            session.Begin(TransactionIsolation.RepeatableRead);
            db.RawOn(session, $"SELECT COUNT(*) FROM `{table}`");
            db.Raw($"INSERT INTO `{table}` (name, n) VALUES ('late', 7)");
            var rows = Rows(db.Execute(Upsert(table, List(List("late", 1L)), List()), session));
            Assert.Equal(7L, Assert.Single(rows)[2]);
            session.Commit();
        }
        finally
        {
            if (session.InTransaction)
            {
                session.Rollback(); // else its locks would keep the DROP below waiting
            }

            db.Pool.Release(session);
            db.Raw($"DROP TABLE IF EXISTS `{table}`");
        }
    }

    private static List<List<object?>> Rows(Dictionary<string, object?> result) =>
        ((List<object?>)result["rows"]!).Cast<List<object?>>().ToList();

    private static Dictionary<string, object?> Upsert(string table, List<object?> rows, List<object?> update) => Map(
        "proto", 1, "type", "insert", "table", table, "pk", "id", "column_types", Types,
        "columns", List("name", "n"), "rows", rows, "returning", List("id", "name", "n", "created"),
        "on_conflict", Map("columns", List("name"), "update", update));

    private static MySqlFixture Fixture(string dialect) => new(dialect == "mysql8" ? MySqlDialect.Instance : null);

    private static Dictionary<string, object?> Insert(string table, List<object?> columns, List<object?> rows) => Map(
        "proto", 1, "type", "insert", "table", table, "pk", "id", "column_types", Types,
        "columns", columns, "rows", rows, "returning", List("id", "name", "n", "created"));

    private static string CreateTable(MySqlFixture db, bool nameDefault = false)
    {
        var table = MySqlServer.Table("ret");
        db.Raw($"CREATE TABLE `{table}` (id BIGINT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(50) {(nameDefault ? "DEFAULT 'none'" : "NOT NULL")}, n BIGINT NOT NULL DEFAULT 0, created DATETIME(6) NOT NULL DEFAULT '2000-01-01 00:00:00')");
        return table;
    }
}
