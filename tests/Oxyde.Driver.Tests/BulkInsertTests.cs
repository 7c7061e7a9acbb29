using System.Diagnostics;
using static Oxyde.Driver.Tests.Msg;

namespace Oxyde.Driver.Tests;

public sealed class BulkInsertTests
{
    [Fact]
    public void Forty_thousand_rows_in_chunks_keep_input_order()
    {
        using var db = new TestDatabase();
        db.Raw("CREATE TABLE bulk (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL, n INTEGER NOT NULL)");
        var rows = Enumerable.Range(0, 40_000).Select(i => (object?)List($"row {i}", (long)i)).ToList();
        var started = Stopwatch.StartNew();
        var result = db.Execute(Map(
            "proto", 1, "type", "insert", "table", "bulk", "columns", List("name", "n"), "rows", rows,
            "returning", List("id", "n"), "column_types", Map("id", Map("kind", "int64"), "n", Map("kind", "int64"))));
        started.Stop();

        Assert.Equal(40_000L, result["affected"]);
        var returned = (List<object?>)result["rows"]!;
        Assert.Equal(40_000, returned.Count);
        for (var i = 0; i < returned.Count; i++)
        {
            var row = (List<object?>)returned[i]!;
            Assert.Equal((long)i, row[1]);
            Assert.Equal((long)i + 1, row[0]);
        }

        Assert.Equal(40_000, db.Count("bulk"));
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(20), $"bulk insert took {started.Elapsed}");
    }
}
