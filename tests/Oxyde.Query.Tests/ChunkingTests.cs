using Oxyde.Query.Dialects;

namespace Oxyde.Query.Tests;

public sealed class ChunkingTests
{
    [Fact]
    public void SqliteInsertSplitsAtTheBindLimit()
    {
        var renderer = new SqlRenderer(SqliteDialect.Instance);
        var statements = renderer.Render(IrDocs.Insert(rows: 40_000, columns: 2));

        // 32766 / 2 = 16383 rows per statement.
        Assert.Equal(3, statements.Count);
        Assert.Equal(16_383 * 2, statements[0].Parameters.Length);
        Assert.Equal(16_383 * 2, statements[1].Parameters.Length);
        Assert.Equal((40_000 - (2 * 16_383)) * 2, statements[2].Parameters.Length);
        foreach (var statement in statements)
        {
            Assert.True(statement.Parameters.Length <= SqliteDialect.Instance.MaxBindParameters);
            Assert.Equal(statement.Parameters.Length, CountChar(statement.Sql, '?'));
        }

        // Values stay in input order across chunks.
        Assert.Equal(0L, statements[0].Parameters[0]);
        Assert.Equal(16_383L * 2, statements[1].Parameters[0]);
        Assert.Equal((40_000L * 2) - 1, statements[2].Parameters[^1]);
    }

    [Fact]
    public void PostgresNumbersPlaceholdersPerStatement()
    {
        var renderer = new SqlRenderer(PostgresDialect.Instance);
        var statements = renderer.Render(IrDocs.Insert(rows: 30_000, columns: 3));

        // 65535 / 3 = 21845 rows per statement.
        Assert.Equal(2, statements.Count);
        Assert.Equal(21_845 * 3, statements[0].Parameters.Length);
        Assert.Equal((30_000 - 21_845) * 3, statements[1].Parameters.Length);
        Assert.StartsWith("INSERT INTO \"t\" (\"c0\", \"c1\", \"c2\") VALUES ($1, $2, $3), ($4,", statements[1].Sql);
        Assert.EndsWith($"${statements[1].Parameters.Length})", statements[1].Sql);
    }

    [Fact]
    public void ChunkTemplatesAreCachedTogether()
    {
        var renderer = new SqlRenderer(SqliteDialect.Instance);
        var query = IrDocs.Insert(rows: 20_000, columns: 2);
        var first = renderer.Render(query);
        var second = renderer.Render(query);

        Assert.Equal(1, renderer.GenerationCount);
        Assert.Equal(1, renderer.CacheCount);
        Assert.Equal(2, second.Count);
        Assert.Same(first[1].Sql, second[1].Sql);
    }

    [Fact]
    public void EmptyInsertRendersNothing()
    {
        var renderer = new SqlRenderer(MySqlDialect.Instance);
        Assert.Empty(renderer.Render(IrDocs.Insert(rows: 0, columns: 2)));
    }

    private static int CountChar(string text, char c)
    {
        var count = 0;
        foreach (var x in text)
        {
            count += x == c ? 1 : 0;
        }

        return count;
    }
}
