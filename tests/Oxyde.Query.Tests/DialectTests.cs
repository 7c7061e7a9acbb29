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
        Assert.False(MySqlDialect.Instance.SupportsInsertReturning);
        Assert.False(MySqlDialect.Instance.SupportsCreateIndexIfNotExists);
        Assert.False(MariaDbDialect.Instance.SupportsReturning);
        Assert.True(MariaDbDialect.Instance.SupportsInsertReturning);
        Assert.True(MariaDbDialect.Instance.SupportsCreateIndexIfNotExists);
        Assert.True(SqliteDialect.Instance.SupportsInsertReturning);
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

    [Theory]
    [InlineData("10.11.19-MariaDB-0+deb12u1", "MariaDbDialect")]
    [InlineData("5.5.5-10.5.2-MariaDB", "MariaDbDialect")]
    [InlineData("11.4.2-MariaDB", "MariaDbDialect")]
    [InlineData("10.4.30-MariaDB", "MySqlDialect")]
    [InlineData("8.0.36", "MySqlDialect")]
    [InlineData("8.4.0-commercial", "MySqlDialect")]
    public void MySqlServerVersionPicksTheDialect(string version, string expected) =>
        Assert.Equal(expected, SqlDialects.ForMySqlServer(version).GetType().Name);

    [Fact]
    public void MySqlCheckNamesAreUniquePerSchema()
    {
        Assert.Equal("users_age_positive", MySqlDialect.Instance.CheckConstraintName("users", "age_positive"));
        Assert.Equal("chk_users_0", MySqlDialect.Instance.CheckConstraintName("users", "chk_users_0"));
        Assert.Equal("age_positive", SqliteDialect.Instance.CheckConstraintName("users", "age_positive"));
        var table = new string('t', 40);
        var longName = MySqlDialect.Instance.CheckConstraintName(table, new string('c', 40));
        Assert.Equal(64, longName.Length);
        Assert.NotEqual(longName, MySqlDialect.Instance.CheckConstraintName(table, new string('c', 39) + "d"));
    }

    [Fact]
    public void MySqlUpdateReturningIsEmulatedByKeys()
    {
        var query = IrDocs.Parse(
            "{'proto':1,'type':'update','table':'t','pk':'id','values':{'n':1}," +
            "'filter_tree':{'type':'condition','field':'n','op':'eq','value':0},'returning':['id','n']}");
        var templates = new SqlRenderer(MariaDbDialect.Instance).Templates(query);
        Assert.Equal([ResultPlan.LockKeys, ResultPlan.UpdateByKeys, ResultPlan.ReturningByKeys], templates.Select(t => t.Plan));
        Assert.Equal("SELECT `id` FROM `t` WHERE `n` = ? FOR UPDATE", templates[0].Sql);
        Assert.Equal("UPDATE `t` SET `n` = ? WHERE `id` IN ", templates[1].Sql);
        Assert.Equal("SELECT `id`, `n` FROM `t` WHERE `id` IN ", templates[2].Sql);
    }

    [Fact]
    public void MariaDbUpsertReturnsNativelyAndMySqlReadsBackByTheConflictColumnLocked()
    {
        var query = IrDocs.Parse(
            "{'proto':1,'type':'insert','table':'t','pk':'id','columns':['k','n'],'rows':[['a',1]]," +
            "'on_conflict':{'columns':['k'],'update':['n']},'returning':['id','k','n']}");
        var template = Assert.Single(new SqlRenderer(MariaDbDialect.Instance).Templates(query));
        Assert.Equal(ResultPlan.Returning, template.Plan);
        Assert.Equal("INSERT INTO `t` (`k`, `n`) VALUES (?, ?) ON DUPLICATE KEY UPDATE `n` = VALUES(`n`) RETURNING `id`, `k`, `n`", template.Sql);

        var emulated = new SqlRenderer(MySqlDialect.Instance).Templates(query);
        Assert.Equal([ResultPlan.InsertKeys, ResultPlan.ReturningByKeysLocked], emulated.Select(t => t.Plan));
        Assert.Equal("SELECT `id`, `k`, `n` FROM `t` WHERE `k` IN ", emulated[1].Sql);
    }

    [Theory]
    [InlineData("{'mode':'share'}", " LOCK IN SHARE MODE")]
    [InlineData("{'mode':'share','nowait':true}", " LOCK IN SHARE MODE NOWAIT")]
    [InlineData("{'mode':'share','skip_locked':true}", " LOCK IN SHARE MODE SKIP LOCKED")]
    [InlineData("{'mode':'update','nowait':true}", " FOR UPDATE NOWAIT")]
    public void MariaDbHasNoForShareButLockInShareMode(string lockClause, string expectedTail)
    {
        // MariaDB 10.11 answers FOR SHARE with a syntax error (1064); MySQL 8 keeps FOR SHARE (golden lock_for_share_nowait).
        var query = IrDocs.Parse("{'proto':1,'type':'select','table':'t','columns':['id'],'lock':" + lockClause + "}");
        var template = Assert.Single(new SqlRenderer(MariaDbDialect.Instance).Templates(query));
        Assert.Equal("SELECT `id` FROM `t`" + expectedTail, template.Sql);
    }

    [Fact]
    public void MariaDbInsertReturnsNatively()
    {
        var query = IrDocs.Parse("{'proto':1,'type':'insert','table':'t','pk':'id','columns':['n'],'rows':[[1]],'returning':['id','n']}");
        var template = Assert.Single(new SqlRenderer(MariaDbDialect.Instance).Templates(query));
        Assert.Equal(ResultPlan.Returning, template.Plan);
        Assert.Equal("INSERT INTO `t` (`n`) VALUES (?) RETURNING `id`, `n`", template.Sql);
    }

    [Fact]
    public void ReturningWithoutAPrimaryKeyIsUnsupportedOnMySql()
    {
        var query = IrDocs.Parse("{'proto':1,'type':'insert','table':'t','columns':['n'],'rows':[[1]],'returning':['n']}");
        var e = Assert.Throws<UnsupportedFeatureException>(() => new SqlRenderer(MySqlDialect.Instance).Templates(query));
        Assert.Equal(ErrorCode.UnsupportedFeature, e.Code);
    }
}
