using Oxyde.Codec.Errors;
using Oxyde.Migrate.Json;
using Oxyde.Migrate.Sql;

namespace Oxyde.Migrate.Tests;

/// <summary>Op JSON to SQL: the error paths (the SQL itself is in the golden and database tests).</summary>
public sealed class SqlTests
{
    private static IReadOnlyList<string> Sql(string opsJson, string dialect) =>
        new MigrationSqlGenerator(MigrationCalls.Dialect(dialect)).Generate(MigrationJson.ReadOps(opsJson, "ops"));

    [Fact]
    public void UnknownOpTypeIsNamed()
    {
        var e = Assert.ThrowsAny<OxydeException>(() => Sql("""[{"type": "create_tabel", "table": {}}]""", "sqlite"));
        Assert.Equal(ErrorCode.IrUnknownValue, e.Code);
        Assert.Equal("create_tabel", e.Details["value"]);
        Assert.Equal("ops[0].type", e.Details["path"]);
    }

    [Fact]
    public void UnknownKeyIsNamed()
    {
        var e = Assert.ThrowsAny<OxydeException>(() => Sql("""[{"type": "drop_table", "name": "t", "cascade": true}]""", "sqlite"));
        Assert.Equal(ErrorCode.IrMalformed, e.Code);
        Assert.Equal("cascade", e.Details["key"]);
    }

    [Fact]
    public void UnknownColumnKindIsNamed()
    {
        var e = Assert.ThrowsAny<OxydeException>(() => Sql(
            """[{"type": "add_column", "table": "t", "field": {"name": "n", "column_type": {"kind": "int64"}, "nullable": true, "primary_key": false, "unique": false}}]""",
            "postgres"));
        Assert.Equal(ErrorCode.IrUnknownValue, e.Code);
        Assert.Equal("int64", e.Details["value"]);
        Assert.Equal("ops[0].field.column_type.kind", e.Details["path"]);
    }

    [Fact]
    public void UnknownDialectIsNamed()
    {
        var e = Assert.ThrowsAny<OxydeException>(() => Sql("[]", "oracle"));
        Assert.Equal(ErrorCode.IrUnknownValue, e.Code);
        Assert.Equal("oracle", e.Details["value"]);
    }

    [Fact]
    public void BadJsonIsMalformed()
    {
        var e = Assert.ThrowsAny<OxydeException>(() => Sql("[{", "sqlite"));
        Assert.Equal(ErrorCode.IrMalformed, e.Code);
    }

    [Fact]
    public void SqliteRebuildWithoutTheTableStateNamesWhatIsMissing()
    {
        var e = Assert.ThrowsAny<OxydeException>(() => Sql(
            """[{"type": "drop_check", "table": "users", "name": "age_ok"}]""",
            "sqlite"));
        Assert.Equal(ErrorCode.IrMalformed, e.Code);
        Assert.Equal("table_fields", e.Details["key"]);
        Assert.Equal("users", e.Details["table"]);
    }

    [Fact]
    public void SameOpsRenderInPlaceWhereTheDialectCan()
    {
        Assert.Equal(["ALTER TABLE \"users\" DROP CONSTRAINT \"age_ok\""], Sql("""[{"type": "drop_check", "table": "users", "name": "age_ok"}]""", "postgres"));
        Assert.Equal(["ALTER TABLE `users` DROP CONSTRAINT `users_age_ok`"], Sql("""[{"type": "drop_check", "table": "users", "name": "age_ok"}]""", "mysql"));
    }
}
