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
        using var db = TestDatabase.WithTexts(Texts);
        return db.TextsWhere(op, value);
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
