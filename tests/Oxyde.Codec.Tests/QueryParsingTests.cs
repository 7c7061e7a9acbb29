using Oxyde.Codec.Errors;
using Oxyde.Codec.Ir;
using Oxyde.Codec.Reader;
using Oxyde.Codec.Tests.Support;

namespace Oxyde.Codec.Tests;

public sealed class QueryParsingTests
{
    [Fact]
    public void Select_parses_columns_filter_order_limit_offset_and_value_indexes()
    {
        var q = Assert.IsType<SelectQuery>(IrReader.ReadQuery(Mp.Json("""
            {'proto':1,'type':'select','table':'users','model':'app.User',
             'columns':['id','name','age'],
             'column_types':{'id':{'kind':'int64'},'name':{'kind':'string','length':100}},
             'filter_tree':{'type':'and','children':[
                 {'type':'condition','field':'age','op':'gte','value':18},
                 {'type':'condition','field':'status','op':'in','value':['a','b']},
                 {'type':'not','child':{'type':'condition','field':'name','op':'isnull','value':true}}]},
             'order_by':[['age','desc'],['name','asc']],
             'limit':10,'offset':20,'distinct':true}
            """)));

        Assert.Equal(QueryKind.Select, q.Kind);
        Assert.Equal("users", q.Table);
        Assert.Equal("app.User", q.Model);
        Assert.Equal(["id", "name", "age"], q.Columns.Select(c => c.Name));
        Assert.All(q.Columns, c => Assert.True(c.IsPlainColumn));
        Assert.Equal(ColumnTypeKind.String, q.ColumnTypes["name"].Kind);
        Assert.Equal(100, q.ColumnTypes["name"].Length);
        Assert.True(q.Distinct);
        Assert.Equal(SelectResult.Rows, q.Result);
        Assert.Equal([new OrderTerm(new ColumnExpr("age"), true), new OrderTerm(new ColumnExpr("name"), false)], q.OrderBy);

        var and = Assert.IsType<AndNode>(q.Filter);
        Assert.Equal(3, and.Children.Count);
        var age = Assert.IsType<ConditionNode>(and.Children[0]);
        Assert.Equal((new ColumnExpr("age") as Expr, LookupKind.Gte), (age.Subject, age.Lookup));
        Assert.Equal(18L, q.Values[age.ValueIndex]);
        var status = Assert.IsType<ConditionNode>(and.Children[1]);
        Assert.Equal(LookupKind.In, status.Lookup);
        Assert.Equal(new object?[] { "a", "b" }, Assert.IsType<object?[]>(q.Values[status.ValueIndex]));
        var not = Assert.IsType<NotNode>(and.Children[2]);
        var isNull = Assert.IsType<ConditionNode>(not.Child);
        Assert.Equal(LookupKind.IsNull, isNull.Lookup);
        Assert.Equal(true, q.Values[isNull.ValueIndex]);

        Assert.Equal(10L, q.Values[q.LimitValue]);
        Assert.Equal(20L, q.Values[q.OffsetValue]);
        Assert.Equal(5, q.Values.Count);
        Assert.Equal([0, 1, 2, 3, 4], new[] { age.ValueIndex, status.ValueIndex, isNull.ValueIndex, q.LimitValue, q.OffsetValue });
    }

    [Fact]
    public void Select_without_filter_limit_or_offset_has_no_values()
    {
        var q = Assert.IsType<SelectQuery>(IrReader.ReadQuery(Mp.Json(
            "{'proto':1,'type':'select','table':'t','columns':['a'],'filter_tree':null,'limit':null,'offset':null}")));
        Assert.Null(q.Filter);
        Assert.Equal(-1, q.LimitValue);
        Assert.Equal(-1, q.OffsetValue);
        Assert.Empty(q.Values);
        Assert.Empty(q.OrderBy);
    }

    [Theory]
    [InlineData("'count':true", 1)]
    [InlineData("'exists':true", 2)]
    [InlineData("'count':false,'exists':false", 0)]
    public void Select_count_and_exists_set_the_result(string flags, int expected)
    {
        var q = Assert.IsType<SelectQuery>(IrReader.ReadQuery(Mp.Json(
            "{'proto':1,'type':'select','table':'t','columns':['a']," + flags + "}")));
        Assert.Equal((SelectResult)expected, q.Result);
    }

    [Fact]
    public void Every_lookup_name_parses()
    {
        string[] names = ["eq", "ne", "gt", "gte", "lt", "lte", "in", "between", "isnull", "contains", "icontains",
            "startswith", "istartswith", "endswith", "iendswith", "iexact"];
        for (int i = 0; i < names.Length; i++)
        {
            string value = names[i] switch { "in" => "[1]", "between" => "[1,2]", "isnull" => "false", _ => "'x'" };
            var q = (SelectQuery)IrReader.ReadQuery(Mp.Json(
                "{'proto':1,'type':'select','table':'t','columns':['a'],'filter_tree':{'type':'condition','field':'a','op':'"
                + names[i] + "','value':" + value + "}}"));
            Assert.Equal((LookupKind)i, Assert.IsType<ConditionNode>(q.Filter).Lookup);
        }
    }

    [Fact]
    public void Insert_rows_become_value_indexes_in_wire_order()
    {
        var q = Assert.IsType<InsertQuery>(IrReader.ReadQuery(Mp.Json(
            "{'proto':1,'type':'insert','table':'users','columns':['name','age'],'rows':[['Ada',36],['Linus',null]],'returning':['id']}")));
        Assert.Equal(QueryKind.Insert, q.Kind);
        Assert.Equal(["name", "age"], q.Columns);
        Assert.Equal(["id"], q.Returning);
        Assert.Equal(2, q.Rows.Count);
        Assert.Equal((0, 1), (q.Rows.ValueIndex(0, 0), q.Rows.ValueIndex(0, 1)));
        Assert.Equal((2, 3), (q.Rows.ValueIndex(1, 0), q.Rows.ValueIndex(1, 1)));
        Assert.Equal(new object?[] { "Ada", 36L, "Linus", null }, q.Values);
    }

    [Fact]
    public void Insert_and_update_carry_the_primary_key_column_when_sent()
    {
        var insert = Assert.IsType<InsertQuery>(IrReader.ReadQuery(Mp.Json(
            "{'proto':1,'type':'insert','table':'users','pk':'id','columns':['name'],'rows':[['Ada']],'returning':['id']}")));
        Assert.Equal("id", insert.PrimaryKey);
        var update = Assert.IsType<UpdateQuery>(IrReader.ReadQuery(Mp.Json(
            "{'proto':1,'type':'update','table':'users','pk':'user_id','values':{'name':'A'},'returning':['user_id']}")));
        Assert.Equal("user_id", update.PrimaryKey);
        var none = Assert.IsType<UpdateQuery>(IrReader.ReadQuery(Mp.Json(
            "{'proto':1,'type':'update','table':'users','pk':null,'values':{'name':'A'}}")));
        Assert.Null(none.PrimaryKey);
    }

    [Fact]
    public void Update_values_and_expressions_become_assignments()
    {
        var q = Assert.IsType<UpdateQuery>(IrReader.ReadQuery(Mp.Json("""
            {'proto':1,'type':'update','table':'posts','values':{'title':'New'},
             'expressions':{'views':{'type':'binary','op':'add','left':{'type':'column','name':'views'},'right':{'type':'value','value':1}},
                            'score':{'type':'neg','operand':{'type':'column','name':'score'}}},
             'filter_tree':{'type':'condition','field':'id','op':'eq','value':7},'returning':['id']}
            """)));
        Assert.Equal(3, q.Assignments.Count);
        Assert.Equal("title", q.Assignments[0].Column);
        Assert.Equal("New", q.Values[Assert.IsType<ValueExpr>(q.Assignments[0].Value).ValueIndex]);
        var views = Assert.IsType<BinaryExpr>(q.Assignments[1].Value);
        Assert.Equal(ArithmeticOp.Add, views.Op);
        Assert.Equal("views", Assert.IsType<ColumnExpr>(views.Left).Column);
        Assert.Equal(1L, q.Values[Assert.IsType<ValueExpr>(views.Right).ValueIndex]);
        var neg = Assert.IsType<NegateExpr>(q.Assignments[2].Value);
        Assert.Equal("score", Assert.IsType<ColumnExpr>(neg.Operand).Column);
        Assert.Equal(7L, q.Values[Assert.IsType<ConditionNode>(q.Filter).ValueIndex]);
        Assert.Equal(["id"], q.Returning);
    }

    [Fact]
    public void Delete_and_raw_parse()
    {
        var d = Assert.IsType<DeleteQuery>(IrReader.ReadQuery(Mp.Json("{'proto':1,'type':'delete','table':'posts','filter_tree':null}")));
        Assert.Equal(QueryKind.Delete, d.Kind);
        Assert.Null(d.Filter);

        var r = Assert.IsType<RawQuery>(IrReader.ReadQuery(Mp.Json("{'proto':1,'type':'raw','sql':'SELECT ?, ?','params':[1,'x']}")));
        Assert.Equal("SELECT ?, ?", r.Sql);
        Assert.Equal([0, 1], r.Params);
        Assert.Equal(new object?[] { 1L, "x" }, r.Values);
        Assert.Equal(string.Empty, r.Table);
    }

    [Fact]
    public void Raw_script_flag_parses_takes_no_params_and_keys_its_own_shape()
    {
        var plain = Assert.IsType<RawQuery>(IrReader.ReadQuery(Mp.Json("{'proto':1,'type':'raw','sql':'SELECT 1; SELECT 2'}")));
        var script = Assert.IsType<RawQuery>(IrReader.ReadQuery(Mp.Json("{'proto':1,'type':'raw','sql':'SELECT 1; SELECT 2','script':true}")));
        var nilFlag = Assert.IsType<RawQuery>(IrReader.ReadQuery(Mp.Json("{'proto':1,'type':'raw','sql':'SELECT 1; SELECT 2','script':null}")));
        Assert.False(plain.Script);
        Assert.True(script.Script);
        Assert.False(nilFlag.Script);
        Assert.NotEqual(plain, script);
        Assert.Equal(plain, nilFlag);

        var error = Assert.Throws<OxydeException>(() => IrReader.ReadQuery(Mp.Json("{'proto':1,'type':'raw','sql':'SELECT ?','params':[1],'script':true}")));
        Assert.Equal(ErrorCode.IrMalformed, error.Code);
        Assert.Equal("params", error.Details["key"]);
    }

    [Fact]
    public void Ddl_statements_parse()
    {
        var c = Assert.IsType<CreateTableQuery>(IrReader.ReadQuery(Mp.Json("""
            {'proto':1,'type':'create_table','table':'posts','if_not_exists':true,
             'columns':[{'name':'id','type':{'kind':'int64'},'nullable':false,'primary_key':true,'auto_increment':true,'unique':false,'default':null},
                        {'name':'tags','type':{'kind':'array','item':{'kind':'string'}},'default':'0'}],
             'foreign_keys':[{'name':'fk','columns':['a'],'ref_table':'authors','ref_columns':['id'],'on_delete':'SET NULL','on_update':'CASCADE'}],
             'indexes':[{'name':'ix','columns':['title'],'unique':true}]}
            """)));
        Assert.True(c.IfNotExists);
        Assert.Equal(2, c.Columns.Count);
        Assert.True(c.Columns[0] is { Name: "id", Nullable: false, PrimaryKey: true, AutoIncrement: true, Unique: false, Default: null });
        Assert.True(c.Columns[1] is { Nullable: true, Default: "0" });
        Assert.Equal(ColumnTypeKind.String, c.Columns[1].Type.Item?.Kind);
        Assert.Equal(ReferentialAction.SetNull, c.ForeignKeys[0].OnDelete);
        Assert.Equal(ReferentialAction.Cascade, c.ForeignKeys[0].OnUpdate);
        Assert.Equal(new IndexDef("ix", ["title"], true).Name, c.Indexes[0].Name);
        Assert.True(c.Indexes[0].Unique);
        Assert.Empty(c.Values);

        Assert.True(Assert.IsType<DropTableQuery>(IrReader.ReadQuery(Mp.Json("{'proto':1,'type':'drop_table','table':'t','if_exists':true}"))).IfExists);
        var ci = Assert.IsType<CreateIndexQuery>(IrReader.ReadQuery(Mp.Json(
            "{'proto':1,'type':'create_index','table':'t','index':{'name':'ix','columns':['a','b']},'if_not_exists':true}")));
        Assert.Equal(["a", "b"], ci.Index.Columns);
        Assert.False(ci.Index.Unique);
        var di = Assert.IsType<DropIndexQuery>(IrReader.ReadQuery(Mp.Json("{'proto':1,'type':'drop_index','table':'t','name':'ix'}")));
        Assert.Equal("ix", di.Name);
        Assert.False(di.IfExists);
    }

    [Theory]
    [InlineData("cascade", 1)]
    [InlineData("set_null", 2)]
    [InlineData("restrict", 0)]
    [InlineData("no_action", 3)]
    [InlineData("NO ACTION", 3)]
    [InlineData("Restrict", 0)]
    public void On_delete_spellings(string spelling, int expected)
    {
        var c = (CreateTableQuery)IrReader.ReadQuery(Mp.Json(
            "{'proto':1,'type':'create_table','table':'t','columns':[],'foreign_keys':[{'name':'f','columns':['a'],'ref_table':'r','ref_columns':['id'],'on_delete':'"
            + spelling + "'}]}"));
        Assert.Equal((ReferentialAction)expected, c.ForeignKeys[0].OnDelete);
    }

    [Fact]
    public void Every_column_kind_parses()
    {
        string[] kinds = ["int64", "float64", "bool", "string", "text", "bytes", "datetime", "datetime_tz", "date", "time",
            "timedelta", "uuid", "decimal", "json", "enum", "array"];
        for (int i = 0; i < kinds.Length; i++)
        {
            var q = IrReader.ReadQuery(Mp.Json("{'proto':1,'type':'delete','table':'t','column_types':{'c':{'kind':'" + kinds[i] + "','db_type':'X'}}}"));
            Assert.Equal((ColumnTypeKind)i, q.ColumnTypes["c"].Kind);
            Assert.Equal("X", q.ColumnTypes["c"].DbType);
        }
    }

    [Fact]
    public void Value_representations()
    {
        byte[] raw = Mp.Write(w =>
        {
            w.Map(4).Str("proto").Int(1).Kv("type", "raw").Kv("sql", "?");
            w.Str("params").Array(8)
                .Nil().Bool(true).Int(-5).UInt(ulong.MaxValue).Float32(1.5f).Str("s").Bin([1, 2, 3]);
            w.Array(2).Int(1).Array(1).Str("nested");
        });
        var r = (RawQuery)IrReader.ReadQuery(raw);
        Assert.Null(r.Values[0]);
        Assert.Equal(true, r.Values[1]);
        Assert.Equal(-5L, r.Values[2]);
        Assert.Equal(ulong.MaxValue, r.Values[3]);
        Assert.Equal(1.5d, r.Values[4]);
        Assert.Equal("s", r.Values[5]);
        Assert.Equal(new byte[] { 1, 2, 3 }, r.Values[6]);
        var list = Assert.IsType<object?[]>(r.Values[7]);
        Assert.Equal(1L, list[0]);
        Assert.Equal(new object?[] { "nested" }, list[1]);
    }

    [Fact]
    public void Insert_on_conflict_parses_into_the_cache_key()
    {
        const string Doc = "{'proto':1,'type':'insert','table':'t','columns':['k','n'],'rows':[['a',1]],'on_conflict':{'columns':['k'],'update':UPDATE}}";
        var upsert = Assert.IsType<InsertQuery>(IrReader.ReadQuery(Mp.Json(Doc.Replace("UPDATE", "['n']"))));
        Assert.Equal(new OnConflict(["k"], ["n"]), upsert.OnConflict);
        var nothing = Assert.IsType<InsertQuery>(IrReader.ReadQuery(Mp.Json(Doc.Replace("UPDATE", "[]"))));
        var nil = Assert.IsType<InsertQuery>(IrReader.ReadQuery(Mp.Json(Doc.Replace("UPDATE", "null"))));
        Assert.Equal(nothing, nil);
        Assert.NotEqual(upsert, nothing);
        var plain = Assert.IsType<InsertQuery>(IrReader.ReadQuery(Mp.Json("{'proto':1,'type':'insert','table':'t','columns':['k','n'],'rows':[['b',2]],'on_conflict':null}")));
        Assert.Null(plain.OnConflict);
        Assert.NotEqual(plain, nothing);
    }

    [Theory]
    [InlineData("{'update':['n']}", "on_conflict.columns")]
    [InlineData("{'columns':[],'update':[]}", "on_conflict.columns")]
    [InlineData("{'columns':['x'],'update':[]}", "on_conflict.columns")]
    [InlineData("{'columns':['k'],'update':['x']}", "on_conflict.update")]
    public void Insert_on_conflict_names_inserted_columns_only(string onConflict, string key)
    {
        var error = Mp.Throws(ErrorCode.IrMalformed, () => IrReader.ReadQuery(Mp.Json(
            "{'proto':1,'type':'insert','table':'t','columns':['k','n'],'rows':[['a',1]],'on_conflict':" + onConflict + "}")));
        Assert.Equal(key, error.Details["key"]);
    }

    [Fact]
    public void Keys_may_come_in_any_order()
    {
        var q = Assert.IsType<SelectQuery>(IrReader.ReadQuery(Mp.Json("""
            {'columns':['a'],'table':'t','type':'select',
             'filter_tree':{'value':3,'op':'eq','field':'a','type':'condition'},'proto':1}
            """)));
        var c = Assert.IsType<ConditionNode>(q.Filter);
        Assert.Equal(3L, q.Values[c.ValueIndex]);
    }

    [Theory]
    [InlineData("{'proto':1,'type':'select','table':'t','columns':['a'],'future':1}", "ir", "future")]
    [InlineData("{'proto':1,'type':'select','table':'t','columns':['a'],'filter_tree':{'type':'condition','field':'a','op':'eq','value':1,'extra':[1]}}", "filter_tree", "extra")]
    [InlineData("{'proto':1,'type':'update','table':'t','expressions':{'a':{'type':'value','value':1,'x':0}}}", "expressions", "x")]
    [InlineData("{'proto':1,'type':'select','table':'t','columns':['a'],'column_types':{'a':{'kind':'int64','size':8}}}", "column_types", "size")]
    [InlineData("{'proto':1,'type':'select','table':'t','columns':[{'expr':{'type':'column','name':'a'},'as':'a','alias':'b'}]}", "columns", "alias")]
    [InlineData("{'proto':1,'type':'select','table':'t','columns':['a'],'joins':[{'alias':'j','table':'u','on':[['a','b']],'how':'left'}]}", "joins", "how")]
    [InlineData("{'proto':1,'type':'create_index','table':'t','index':{'name':'i','columns':['a'],'partial':true}}", "index", "partial")]
    [InlineData("{'proto':1,'type':'insert','table':'t','columns':['a'],'rows':[[1]],'on_conflict':{'columns':['a'],'target':'a'}}", "on_conflict", "target")]
    public void Unknown_keys_are_IrUnknownKey_naming_the_key_and_its_place(string json, string place, string key)
    {
        var error = Mp.Throws(ErrorCode.IrUnknownKey, () => IrReader.ReadQuery(Mp.Json(json)));
        Assert.Equal((key, place), (error.Details["key"], error.Details["place"]));
    }
}
