using Oxyde.Codec.Errors;
using static Oxyde.Driver.Tests.Msg;

namespace Oxyde.Driver.Tests;

public sealed class ConstraintErrorTests
{
    private static TestDatabase Schema()
    {
        var db = new TestDatabase();
        db.Raw("CREATE TABLE author (id INTEGER PRIMARY KEY, email TEXT UNIQUE, name TEXT NOT NULL, age INTEGER CHECK (age >= 0))");
        db.Raw("CREATE TABLE post (id INTEGER PRIMARY KEY, author_id INTEGER REFERENCES author (id))");
        db.Raw("INSERT INTO author (id, email, name, age) VALUES (1, 'a@x', 'Ada', 36)");
        return db;
    }

    private static Dictionary<string, object?> InsertAuthor(long id, string? email, string? name, long age) => Map(
        "proto", 1, "type", "insert", "table", "author", "model", "app.Author",
        "columns", List("id", "email", "name", "age"), "rows", List(List(id, email, name, age)));

    [Fact]
    public void Unique_violation()
    {
        using var db = Schema();
        var error = TestDatabase.Fails(ErrorCode.UniqueViolation, () => db.Execute(InsertAuthor(2, "a@x", "Bob", 1)));
        Assert.Equal("author", error.Details["table"]);
        Assert.Equal("app.Author", error.Details["model"]);
        Assert.Equal("2067", error.Details["sqlite_code"]);
    }

    [Fact]
    public void Primary_key_violation_is_a_unique_violation()
    {
        using var db = Schema();
        TestDatabase.Fails(ErrorCode.UniqueViolation, () => db.Execute(InsertAuthor(1, "b@x", "Bob", 1)));
    }

    [Fact]
    public void Foreign_key_violation()
    {
        using var db = Schema();
        TestDatabase.Fails(ErrorCode.ForeignKeyViolation, () => db.Execute(Map(
            "proto", 1, "type", "insert", "table", "post", "columns", List("author_id"), "rows", List(List(99L)))));
    }

    [Fact]
    public void Not_null_violation()
    {
        using var db = Schema();
        TestDatabase.Fails(ErrorCode.NotNullViolation, () => db.Execute(InsertAuthor(2, "b@x", null, 1)));
    }

    [Fact]
    public void Check_violation()
    {
        using var db = Schema();
        TestDatabase.Fails(ErrorCode.CheckViolation, () => db.Execute(InsertAuthor(2, "b@x", "Bob", -1)));
    }

    [Fact]
    public void Other_errors_are_database_errors_and_the_envelope_carries_the_code()
    {
        using var db = Schema();
        TestDatabase.Fails(ErrorCode.Database, () => db.Raw("SELECT * FROM missing_table"));
        using var result = db.Runtime.Dispatch((int)RuntimeVerb.Execute, Pack(Map("pool", "default", "ir", InsertAuthor(2, "a@x", "Bob", 1))));
        Assert.Equal(RuntimeStatus.Error, result.Status);
        var envelope = UnpackMap(result.ToArray());
        Assert.Equal(50L, envelope["code"]);
        Assert.Equal("unique_violation", envelope["name"]);
    }
}
