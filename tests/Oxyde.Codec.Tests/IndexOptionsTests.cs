using Oxyde.Codec.Errors;
using Oxyde.Codec.Ir;
using Oxyde.Codec.Reader;
using Oxyde.Codec.Tests.Support;

namespace Oxyde.Codec.Tests;

/// <summary>An index's optional <c>method</c> and <c>where</c>, in <c>create_table</c> and <c>create_index</c> (docs/ir-protocol.md "DDL").</summary>
public sealed class IndexOptionsTests
{
    private const string TableHead = "{'proto':1,'type':'create_table','table':'users','columns':[{'name':'email','type':{'kind':'string'}}],'indexes':[{'name':'ix','columns':['email'],'unique':true";

    private static IndexDef InTable(string extra) =>
        Assert.Single(Assert.IsType<CreateTableQuery>(IrReader.ReadQuery(Mp.Json(TableHead + extra + "}]}"))).Indexes);

    private static CreateIndexQuery CreateIndex(string extra) =>
        Assert.IsType<CreateIndexQuery>(IrReader.ReadQuery(Mp.Json(
            "{'proto':1,'type':'create_index','table':'users','index':{'name':'ix','columns':['email']" + extra + "}}")));

    [Theory]
    [InlineData("'btree'", (int)IndexMethod.BTree)]
    [InlineData("'hash'", (int)IndexMethod.Hash)]
    [InlineData("'gin'", (int)IndexMethod.Gin)]
    [InlineData("'gist'", (int)IndexMethod.Gist)]
    [InlineData("'GiST'", (int)IndexMethod.Gist)]
    [InlineData("'BTREE'", (int)IndexMethod.BTree)]
    public void Methods_parse_case_insensitively(string method, int expected)
    {
        Assert.Equal((IndexMethod)expected, InTable(",'method':" + method).Method);
        Assert.Equal((IndexMethod)expected, CreateIndex(",'method':" + method).Index.Method);
    }

    [Fact]
    public void Where_parses_as_written_in_both_statements()
    {
        var index = InTable(",'where':'deleted = 0','method':'btree'");
        Assert.Equal("deleted = 0", index.Where);
        Assert.Equal(IndexMethod.BTree, index.Method);
        Assert.Equal("deleted_at IS NULL", CreateIndex(",'where':'deleted_at IS NULL'").Index.Where);
    }

    [Theory]
    [InlineData("")]
    [InlineData(",'method':null,'where':null")]
    public void Missing_or_nil_method_and_where_are_absent(string extra)
    {
        var index = InTable(extra);
        Assert.Null(index.Method);
        Assert.Null(index.Where);
        Assert.True(CreateIndex(extra).Index is { Method: null, Where: null });
    }

    [Theory]
    [InlineData("'brin'", "brin")]
    [InlineData("'b tree'", "b tree")]
    [InlineData("''", "")]
    [InlineData("'fulltext'", "fulltext")]
    public void Unknown_methods_are_IrUnknownValue_naming_method(string method, string value)
    {
        foreach (var read in new Action[] { () => InTable(",'method':" + method), () => CreateIndex(",'method':" + method) })
        {
            var ex = Mp.Throws(ErrorCode.IrUnknownValue, read);
            Assert.Equal("method", ex.Details["key"]);
            Assert.Equal(value, ex.Details["value"]);
        }
    }

    [Theory]
    [InlineData(",'method':1", "method")]
    [InlineData(",'method':['gin']", "method")]
    [InlineData(",'where':1", "where")]
    [InlineData(",'where':true", "where")]
    [InlineData(",'where':{'sql':'x'}", "where")]
    public void Non_string_method_or_where_is_IrMalformed_naming_the_key(string extra, string key)
    {
        Assert.Equal(key, Mp.Throws(ErrorCode.IrMalformed, () => InTable(extra)).Details["key"]);
        Assert.Equal(key, Mp.Throws(ErrorCode.IrMalformed, () => CreateIndex(extra)).Details["key"]);
    }

    [Fact]
    public void Method_and_where_are_part_of_the_shape_key()
    {
        string[] variants =
        [
            "",
            ",'method':'btree'",
            ",'method':'hash'",
            ",'method':'gin'",
            ",'method':'gist'",
            ",'where':'deleted = 0'",
            ",'where':'deleted = 1'",
            ",'where':''",
            ",'method':'hash','where':'deleted = 0'",
        ];
        Assert.Equal(variants.Length, variants.Select(v => IrReader.ReadQuery(Mp.Json(TableHead + v + "}]}"))).Distinct().Count());
        Assert.Equal(variants.Length, variants.Select(v => CreateIndex(v)).Distinct().Count());

        // nil is absent, and the method's spelling does not matter.
        Assert.Equal(CreateIndex(""), CreateIndex(",'method':null,'where':null"));
        Assert.Equal(CreateIndex(",'method':'gin'"), CreateIndex(",'method':'GIN'"));
    }
}
