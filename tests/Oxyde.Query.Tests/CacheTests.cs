using Oxyde.Query.Dialects;

namespace Oxyde.Query.Tests;

public sealed class CacheTests
{
    private const string Select =
        "{'proto':1,'type':'select','table':'users','columns':['id'],'column_types':{'age':{'kind':'int64'}}," +
        "'filter_tree':{'type':'condition','field':'age','op':'OP','value':VALUE},'limit':LIMIT}";

    private static string Doc(string op, string value, string limit = "10") =>
        Select.Replace("OP", op, StringComparison.Ordinal).Replace("VALUE", value, StringComparison.Ordinal)
            .Replace("LIMIT", limit, StringComparison.Ordinal);

    [Fact]
    public void SameShapeSkipsGenerationAndBindsNewValues()
    {
        var renderer = new SqlRenderer(PostgresDialect.Instance);
        var first = renderer.Render(IrDocs.Parse(Doc("gte", "18")))[0];
        var second = renderer.Render(IrDocs.Parse(Doc("gte", "65")))[0];

        Assert.Equal(1, renderer.GenerationCount);
        Assert.Equal(1, renderer.CacheCount);
        Assert.Same(first.Sql, second.Sql);
        Assert.Equal(new object?[] { 18L, 10L }, first.Parameters);
        Assert.Equal(new object?[] { 65L, 10L }, second.Parameters);
    }

    [Fact]
    public void SqliteWritesTheLimitIntoTheSqlAndCachesPerLimit()
    {
        var renderer = new SqlRenderer(SqliteDialect.Instance);
        var ten = renderer.Render(IrDocs.Parse(Doc("gte", "18", "10")))[0];
        var twenty = renderer.Render(IrDocs.Parse(Doc("gte", "18", "20")))[0];
        var tenAgain = renderer.Render(IrDocs.Parse(Doc("gte", "65", "10")))[0];

        Assert.Equal("SELECT \"id\" FROM \"users\" WHERE \"age\" >= ? LIMIT 10", ten.Sql);
        Assert.Equal("SELECT \"id\" FROM \"users\" WHERE \"age\" >= ? LIMIT 20", twenty.Sql);
        Assert.Same(ten.Sql, tenAgain.Sql);
        Assert.Equal(new object?[] { 65L }, tenAgain.Parameters);
        Assert.Equal(2, renderer.GenerationCount);
    }

    [Fact]
    public void PostgresKeepsLimitAndOffsetAsParameters()
    {
        var renderer = new SqlRenderer(PostgresDialect.Instance);
        var page = renderer.Render(IrDocs.Parse(Doc("gte", "18", "10").Replace("'limit'", "'offset':30,'limit'", StringComparison.Ordinal)))[0];

        Assert.Equal("SELECT \"id\" FROM \"users\" WHERE \"age\" >= $1 LIMIT $2 OFFSET $3", page.Sql);
        Assert.Equal(new object?[] { 18L, 10L, 30L }, page.Parameters);
    }

    [Fact]
    public void DifferentShapeGeneratesAgain()
    {
        var renderer = new SqlRenderer(SqliteDialect.Instance);
        renderer.Render(IrDocs.Parse(Doc("gte", "18")));
        renderer.Render(IrDocs.Parse(Doc("lt", "18")));

        Assert.Equal(2, renderer.GenerationCount);
        Assert.Equal(2, renderer.CacheCount);
    }

    [Theory]
    [InlineData("eq", "1", "null")]
    [InlineData("ne", "1", "null")]
    [InlineData("in", "[1, 2]", "[1, 2, 3]")]
    [InlineData("in", "[1]", "[]")]
    [InlineData("isnull", "true", "false")]
    public void ValuesThatChangeSqlAreNotSharedThroughTheCache(string op, string a, string b)
    {
        var renderer = new SqlRenderer(SqliteDialect.Instance);
        var first = renderer.Render(IrDocs.Parse(Doc(op, a)))[0];
        var second = renderer.Render(IrDocs.Parse(Doc(op, b)))[0];
        var fresh = new SqlRenderer(SqliteDialect.Instance).Render(IrDocs.Parse(Doc(op, b)))[0];

        Assert.NotEqual(first.Sql, second.Sql);
        Assert.Equal(fresh.Sql, second.Sql);
        Assert.Equal(2, renderer.GenerationCount);
    }

    [Fact]
    public void InsertRowCountIsPartOfTheShape()
    {
        var renderer = new SqlRenderer(MySqlDialect.Instance);
        var two = renderer.Render(IrDocs.Parse("{'proto':1,'type':'insert','table':'t','columns':['a'],'rows':[[1],[2]]}"))[0];
        var three = renderer.Render(IrDocs.Parse("{'proto':1,'type':'insert','table':'t','columns':['a'],'rows':[[1],[2],[3]]}"))[0];

        Assert.Equal("INSERT INTO `t` (`a`) VALUES (?), (?)", two.Sql);
        Assert.Equal("INSERT INTO `t` (`a`) VALUES (?), (?), (?)", three.Sql);
        Assert.Equal(new object?[] { 1L, 2L, 3L }, three.Parameters);
    }

    [Fact]
    public void CacheIsBounded()
    {
        var renderer = new SqlRenderer(SqliteDialect.Instance);
        for (var i = 0; i <= SqlRenderer.MaxCacheEntries + 5; i++)
        {
            renderer.Render(IrDocs.Parse(Select.Replace("'id'", $"'c{i}'", StringComparison.Ordinal)
                .Replace("OP", "eq", StringComparison.Ordinal).Replace("VALUE", "1", StringComparison.Ordinal)
                .Replace("LIMIT", "1", StringComparison.Ordinal)));
        }

        Assert.True(renderer.CacheCount <= SqlRenderer.MaxCacheEntries);
        Assert.Equal(SqlRenderer.MaxCacheEntries + 6, renderer.GenerationCount);
    }
}
