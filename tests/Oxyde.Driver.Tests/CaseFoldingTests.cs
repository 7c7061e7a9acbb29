using static Oxyde.Driver.Tests.Msg;

namespace Oxyde.Driver.Tests;

/// <summary>
/// Case-insensitive lookups on the bundled SQLite, whose LOWER() folds only ASCII letters: the bound
/// pattern is lowered the same way, so a value always finds itself, and non-ASCII case differences
/// are not folded (docs/dialects.md).
/// </summary>
public sealed class CaseFoldingTests
{
    private static readonly string[] Texts = ["Élan", "élan", "ADA", "Ünïcode ÄÖ"];

    private static List<object?> Matches(string op, string value)
    {
        using var db = new TestDatabase();
        db.Raw("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)");
        db.Execute(Map("proto", 1, "type", "insert", "table", "t", "columns", List("v"), "rows", Texts.Select(text => (object?)List(text)).ToList()));
        var select = Map(
            "proto", 1, "type", "select", "table", "t", "columns", List("v"), "order_by", List(List("id", "asc")),
            "filter_tree", Map("type", "condition", "field", "v", "op", op, "value", value));
        return Assert.IsType<List<object?>>(db.Execute(select)["rows"]).Select(row => ((List<object?>)row!)[0]).ToList();
    }

    [Theory]
    [InlineData("icontains", "Élan", "Élan")]
    [InlineData("icontains", "élan", "élan")]
    [InlineData("iexact", "ÉLAN", "Élan")]
    [InlineData("istartswith", "ünï", "")]
    [InlineData("istartswith", "ÜNï", "Ünïcode ÄÖ")]
    [InlineData("iendswith", "äö", "")]
    [InlineData("iendswith", "DE ÄÖ", "Ünïcode ÄÖ")]
    [InlineData("icontains", "ada", "ADA")]
    [InlineData("iexact", "Ada", "ADA")]
    public void Case_insensitive_lookups_fold_ascii_only_and_a_value_finds_itself(string op, string value, string expected)
    {
        Assert.Equal(expected.Split('|', StringSplitOptions.RemoveEmptyEntries), Matches(op, value));
    }
}
