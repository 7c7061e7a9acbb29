using Oxyde.Codec.Errors;
using Oxyde.Codec.Ir;
using Oxyde.Query.Dialects;

namespace Oxyde.Query.Tests;

public sealed class DialectTests
{
    [Theory]
    [InlineData("postgres", "SAVEPOINT \"sp_1\"", "RELEASE SAVEPOINT \"sp_1\"", "ROLLBACK TO SAVEPOINT \"sp_1\"")]
    [InlineData("sqlite", "SAVEPOINT \"sp_1\"", "RELEASE SAVEPOINT \"sp_1\"", "ROLLBACK TO SAVEPOINT \"sp_1\"")]
    [InlineData("mysql", "SAVEPOINT `sp_1`", "RELEASE SAVEPOINT `sp_1`", "ROLLBACK TO SAVEPOINT `sp_1`")]
    public void SavepointStatements(string name, string create, string release, string rollback)
    {
        var dialect = SqlDialects.For(GoldenTests.DialectFor(name));
        Assert.Equal(name, dialect.WireName);
        Assert.Equal(create, dialect.SavepointSql("sp_1"));
        Assert.Equal(release, dialect.ReleaseSavepointSql("sp_1"));
        Assert.Equal(rollback, dialect.RollbackToSavepointSql("sp_1"));
    }

    [Theory]
    [InlineData("postgres", "\"a\"\"b`c\"")]
    [InlineData("sqlite", "\"a\"\"b`c\"")]
    [InlineData("mysql", "`a\"b``c`")]
    public void QuoteIdentifierDoublesTheQuote(string name, string expected) =>
        Assert.Equal(expected, SqlDialects.For(GoldenTests.DialectFor(name)).QuoteIdentifier("a\"b`c"));

    [Theory]
    [InlineData("postgres")]
    [InlineData("sqlite")]
    [InlineData("mysql")]
    public void DbTypeIsUsedVerbatim(string name)
    {
        var type = new ColumnType(ColumnTypeKind.Json) { DbType = "my_type(3)" };
        Assert.Equal("my_type(3)", SqlDialects.For(GoldenTests.DialectFor(name)).ColumnTypeSql(type));
    }

    [Fact]
    public void CapabilitiesMatchTheMatrix()
    {
        Assert.True(PostgresDialect.Instance.SupportsReturning);
        Assert.True(SqliteDialect.Instance.SupportsReturning);
        Assert.False(MySqlDialect.Instance.SupportsReturning);
        Assert.Equal(65535, PostgresDialect.Instance.MaxBindParameters);
        Assert.Equal(32766, SqliteDialect.Instance.MaxBindParameters);
        Assert.Equal(65535, MySqlDialect.Instance.MaxBindParameters);
    }

    [Fact]
    public void AutoIncrementOutsideTheSinglePrimaryKeyIsUnsupported()
    {
        var query = IrDocs.Parse(
            "{'proto':1,'type':'create_table','table':'t','columns':[" +
            "{'name':'n','type':{'kind':'int64'},'auto_increment':true}]}");
        var e = Assert.Throws<UnsupportedFeatureException>(() => new SqlRenderer(SqliteDialect.Instance).Render(query));
        Assert.Equal(ErrorCode.UnsupportedFeature, e.Code);
        Assert.Equal("sqlite", e.Dialect);
    }
}
