using Oxyde.Codec.Reader;
using Oxyde.Codec.Tests.Support;

namespace Oxyde.Codec.Tests;

public sealed class ShapeKeyTests
{
    private static Oxyde.Codec.Ir.IrQuery Key(string json) => IrReader.ReadQuery(Mp.Json(json));

    private static string Select(string filter, string tail = "") =>
        "{'proto':1,'type':'select','table':'users','columns':['id','age'],'filter_tree':" + filter + tail + "}";

    private static string Cond(string op, string value) =>
        "{'type':'condition','field':'age','op':'" + op + "','value':" + value + "}";

    [Fact]
    public void Same_shape_with_different_values_gives_equal_keys()
    {
        Assert.Equal(Key(Select(Cond("gte", "18"), ",'limit':10")), Key(Select(Cond("gte", "99"), ",'limit':10")));
        Assert.Equal(Key(Select(Cond("eq", "'a'"))), Key(Select(Cond("eq", "'bbbbb'"))));
        Assert.Equal(Key(Select(Cond("in", "[1,2,3]"))), Key(Select(Cond("in", "['x','y','z']"))));
        Assert.Equal(
            Key("{'proto':1,'type':'insert','table':'t','columns':['a','b'],'rows':[[1,2],[3,4]]}"),
            Key("{'proto':1,'type':'insert','table':'t','columns':['a','b'],'rows':[['x',null],[5.5,true]]}"));
        Assert.Equal(
            Key("{'proto':1,'type':'update','table':'t','values':{'a':1},'expressions':{'b':{'type':'value','value':2}}}"),
            Key("{'proto':1,'type':'update','table':'t','values':{'a':'z'},'expressions':{'b':{'type':'value','value':9}}}"));
        Assert.Equal(
            Key("{'proto':1,'type':'raw','sql':'SELECT ?','params':[1]}"),
            Key("{'proto':1,'type':'raw','sql':'SELECT ?','params':['x']}"));
    }

    [Fact]
    public void Different_lookups_give_different_keys() =>
        Assert.NotEqual(Key(Select(Cond("gte", "18"))), Key(Select(Cond("gt", "18"))));

    [Fact]
    public void Null_and_non_null_eq_give_different_keys() =>
        Assert.NotEqual(Key(Select(Cond("eq", "null"))), Key(Select(Cond("eq", "1"))));

    [Fact]
    public void Isnull_true_and_false_give_different_keys() =>
        Assert.NotEqual(Key(Select(Cond("isnull", "true"))), Key(Select(Cond("isnull", "false"))));

    [Fact]
    public void In_list_lengths_give_different_keys()
    {
        Assert.NotEqual(Key(Select(Cond("in", "[1,2]"))), Key(Select(Cond("in", "[1,2,3]"))));
        Assert.NotEqual(Key(Select(Cond("in", "[]"))), Key(Select(Cond("in", "[1]"))));
    }

    [Fact]
    public void Limit_and_offset_presence_give_different_keys()
    {
        Assert.NotEqual(Key(Select("null", ",'limit':10")), Key(Select("null")));
        Assert.Equal(Key(Select("null", ",'limit':null")), Key(Select("null")));
        Assert.NotEqual(Key(Select("null", ",'limit':10")), Key(Select("null", ",'offset':10")));
    }

    [Fact]
    public void Limit_and_offset_numbers_give_different_keys()
    {
        // SQLite writes them into the SQL as literals (docs/dialects.md).
        Assert.NotEqual(Key(Select("null", ",'limit':10")), Key(Select("null", ",'limit':20")));
        Assert.NotEqual(Key(Select("null", ",'limit':10,'offset':1")), Key(Select("null", ",'limit':10,'offset':2")));
        Assert.NotEqual(Key(Select("null", ",'limit':1,'offset':23")), Key(Select("null", ",'limit':12,'offset':3")));
    }

    [Fact]
    public void Strings_share_a_key_whatever_they_hold()
    {
        // No dialect renders a string differently by its content (SQLite's pattern lookups are NUL-safe).
        Assert.Equal(Key(Select(Cond("contains", "'a\\u0000b'"))), Key(Select(Cond("contains", "'a b'"))));
    }

    [Fact]
    public void Insert_row_counts_give_different_keys() =>
        Assert.NotEqual(
            Key("{'proto':1,'type':'insert','table':'t','columns':['a'],'rows':[[1],[2]]}"),
            Key("{'proto':1,'type':'insert','table':'t','columns':['a'],'rows':[[1],[2],[3]]}"));

    [Fact]
    public void Everything_that_changes_sql_changes_the_key()
    {
        string[] variants =
        [
            Select(Cond("gte", "1")),
            "{'proto':1,'type':'select','table':'people','columns':['id','age'],'filter_tree':" + Cond("gte", "1") + "}",
            "{'proto':1,'type':'select','table':'users','columns':['id'],'filter_tree':" + Cond("gte", "1") + "}",
            Select("{'type':'condition','field':'id','op':'gte','value':1}"),
            Select("{'type':'not','child':" + Cond("gte", "1") + "}"),
            Select("{'type':'and','children':[" + Cond("gte", "1") + "]}"),
            Select("{'type':'or','children':[" + Cond("gte", "1") + "]}"),
            Select("{'type':'or','children':[" + Cond("gte", "1") + "," + Cond("gte", "1") + "]}"),
            Select(Cond("gte", "1"), ",'distinct':true"),
            Select(Cond("gte", "1"), ",'count':true"),
            Select(Cond("gte", "1"), ",'exists':true"),
            Select(Cond("gte", "1"), ",'order_by':[['age','asc']]"),
            Select(Cond("gte", "1"), ",'order_by':[['age','desc']]"),
            Select(Cond("gte", "1"), ",'column_types':{'age':{'kind':'int64'}}"),
            Select(Cond("gte", "1"), ",'column_types':{'age':{'kind':'float64'}}"),
            Select(Cond("gte", "1"), ",'column_types':{'age':{'kind':'string','length':3}}"),
            Select(Cond("gte", "1"), ",'column_types':{'age':{'kind':'string','length':4}}"),
            Select(Cond("between", "[1,2]")),
            Select(Cond("between", "[1,2]"), ",'limit':1,'offset':2"),
        ];
        Assert.Equal(variants.Length, variants.Select(Key).Distinct().Count());
    }

    [Fact]
    public void Dml_variants_change_the_key()
    {
        string[] variants =
        [
            "{'proto':1,'type':'insert','table':'t','columns':['a'],'rows':[[1]]}",
            "{'proto':1,'type':'insert','table':'t','columns':['b'],'rows':[[1]]}",
            "{'proto':1,'type':'insert','table':'t','columns':['a'],'rows':[[1]],'returning':['id']}",
            "{'proto':1,'type':'update','table':'t','values':{'a':1}}",
            "{'proto':1,'type':'update','table':'t','values':{'a':1},'returning':['a']}",
            "{'proto':1,'type':'update','table':'t','expressions':{'a':{'type':'binary','op':'add','left':{'type':'column','name':'a'},'right':{'type':'value','value':1}}}}",
            "{'proto':1,'type':'update','table':'t','expressions':{'a':{'type':'binary','op':'sub','left':{'type':'column','name':'a'},'right':{'type':'value','value':1}}}}",
            "{'proto':1,'type':'update','table':'t','expressions':{'a':{'type':'neg','operand':{'type':'column','name':'a'}}}}",
            "{'proto':1,'type':'delete','table':'t'}",
            "{'proto':1,'type':'delete','table':'t','filter_tree':" + Cond("eq", "1") + "}",
            "{'proto':1,'type':'raw','sql':'SELECT ?','params':[1]}",
            "{'proto':1,'type':'raw','sql':'SELECT ?, ?','params':[1,2]}",
            "{'proto':1,'type':'raw','sql':'SELECT 1'}",
            "{'proto':1,'type':'drop_table','table':'t'}",
            "{'proto':1,'type':'drop_table','table':'t','if_exists':true}",
        ];
        Assert.Equal(variants.Length, variants.Select(Key).Distinct().Count());
    }

    [Fact]
    public void A_plain_value_and_a_value_expression_render_alike_and_share_a_key() =>
        Assert.Equal(
            Key("{'proto':1,'type':'update','table':'t','values':{'a':1}}"),
            Key("{'proto':1,'type':'update','table':'t','expressions':{'a':{'type':'value','value':1}}}"));

    [Fact]
    public void Names_cannot_run_into_each_other() =>
        Assert.NotEqual(
            Key("{'proto':1,'type':'select','table':'t','columns':['ab','c']}"),
            Key("{'proto':1,'type':'select','table':'t','columns':['a','bc']}"));
}
