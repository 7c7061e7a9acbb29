using static Oxyde.Driver.Tests.Msg;

namespace Oxyde.Driver.Tests;

/// <summary>
/// Pattern lookups where the lookup value or the stored value holds a NUL, on the bundled SQLite: LIKE
/// would stop reading either at the NUL, so SQLite's pattern lookups match every byte instead, with
/// LIKE's case folding (ASCII letters).
/// </summary>
public sealed class PatternLookupTests
{
    private static readonly string[] Texts = ["a\0b", "a\0c", "xa\0by", "A\0B", "a"];

    private static TestDatabase Open()
    {
        var db = TestDatabase.WithTexts(Texts);
        Assert.Equal(5L, db.Count("t"));
        return db;
    }

    private static Dictionary<string, object?> Condition(string op, string value) =>
        Map("type", "condition", "field", "v", "op", op, "value", value);

    private static List<object?> Matches(TestDatabase db, string op, string value) => db.TextsWhere(op, value);

    [Theory]
    [InlineData("contains", "a\0b", "a\0b|xa\0by|A\0B")]
    [InlineData("contains", "A\0B", "a\0b|xa\0by|A\0B")]
    [InlineData("contains", "\0", "a\0b|a\0c|xa\0by|A\0B")]
    [InlineData("contains", "\0c", "a\0c")]
    [InlineData("icontains", "A\0b", "a\0b|xa\0by|A\0B")]
    [InlineData("startswith", "a\0", "a\0b|a\0c|A\0B")]
    [InlineData("startswith", "a\0b", "a\0b|A\0B")]
    [InlineData("startswith", "\0b", "")]
    [InlineData("istartswith", "A\0", "a\0b|a\0c|A\0B")]
    [InlineData("endswith", "\0b", "a\0b|A\0B")]
    [InlineData("endswith", "a\0b", "a\0b|A\0B")]
    [InlineData("endswith", "xa\0by", "xa\0by")]
    [InlineData("endswith", "zxa\0by", "")]
    [InlineData("iendswith", "\0B", "a\0b|A\0B")]
    [InlineData("iexact", "A\0b", "a\0b|A\0B")]
    [InlineData("iexact", "a\0", "")]
    [InlineData("contains", "b", "a\0b|xa\0by|A\0B")]
    [InlineData("endswith", "c", "a\0c")]
    [InlineData("iendswith", "BY", "xa\0by")]
    [InlineData("istartswith", "XA", "xa\0by")]
    [InlineData("iexact", "A", "a")]
    public void Values_with_a_nul_match_literally(string op, string value, string expected)
    {
        using var db = Open();
        Assert.Equal(expected.Split('|', StringSplitOptions.RemoveEmptyEntries), Matches(db, op, value));
    }

    [Theory]
    [InlineData("contains", "A", "a")]
    [InlineData("contains", "A\0B", "a\0b")]
    [InlineData("startswith", "A", "a")]
    [InlineData("startswith", "A\0", "a\0")]
    [InlineData("endswith", "\0B", "\0b")]
    public void Case_sensitive_forms_fold_ascii_case_like_sqlite_like_does(string op, string upper, string lower)
    {
        // LIKE on SQLite is ASCII case-insensitive; the NUL-safe forms keep that, NUL or not.
        using var db = Open();
        var matches = Matches(db, op, lower);
        Assert.NotEmpty(matches);
        Assert.Equal(matches, Matches(db, op, upper));
    }

    [Fact]
    public void A_delete_by_contains_with_a_nul_deletes_only_the_matching_rows()
    {
        using var db = Open();
        var delete = Map("proto", 1, "type", "delete", "table", "t", "filter_tree", Condition("contains", "a\0b"));
        Assert.Equal(3L, db.Execute(delete)["affected"]);
        Assert.Equal(new object?[] { "a\0c", "a" }, Matches(db, "contains", string.Empty));
    }
}
