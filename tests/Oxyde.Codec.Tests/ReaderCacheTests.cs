using System.Text;
using Oxyde.Codec.Errors;
using Oxyde.Codec.Ir;
using Oxyde.Codec.Reader;
using Oxyde.Codec.Tests.Support;

namespace Oxyde.Codec.Tests;

/// <summary>
/// The reader's caches (names, <c>column_types</c>, shape keys) and the <see cref="ByteKeyCache{TValue}"/>
/// under them: a hit gives exactly what a parse gives, what is kept cannot be changed, and nothing grows.
/// The reader's caches are process-wide, so every test uses names no other test sends.
/// </summary>
public sealed class ReaderCacheTests
{
    private static string Unique(string prefix) => prefix + "_" + Guid.NewGuid().ToString("N");

    private static SelectQuery Select(string columnTypes, string table = "t", string tail = "") =>
        Assert.IsType<SelectQuery>(IrReader.ReadQuery(Mp.Json(
            "{'proto':1,'type':'select','table':'" + table + "','columns':['a'],'column_types':" + columnTypes + tail + "}")));

    [Fact]
    public void Same_bytes_find_the_same_value_and_other_bytes_find_nothing()
    {
        var cache = new ByteKeyCache<string>(16, 64);
        byte[] key = "users"u8.ToArray();
        cache.Add(key, "users");
        key[0] = (byte)'x'; // the cache kept its own copy

        Assert.Equal("users", cache.Find("users"u8));
        Assert.Null(cache.Find("xsers"u8));
        Assert.Null(cache.Find("user"u8));
        Assert.Null(cache.Find("users_"u8));
    }

    [Fact]
    public void The_cache_never_holds_more_than_its_capacity_nor_keys_over_the_limit()
    {
        var cache = new ByteKeyCache<string>(8, 16);
        for (int i = 0; i < 1000; i++)
        {
            string name = "k" + i;
            cache.Add(Encoding.UTF8.GetBytes(name), name);
            Assert.True(cache.Count <= cache.Capacity);
        }

        cache.Add(new byte[17], "long");
        Assert.Null(cache.Find(new byte[17]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ByteKeyCache<string>(12, 16));
    }

    [Fact]
    public void Concurrent_adds_and_finds_only_ever_find_the_value_of_those_bytes()
    {
        var cache = new ByteKeyCache<string>(64, 64);
        Parallel.For(0, 4, worker =>
        {
            for (int i = 0; i < 20_000; i++)
            {
                string name = "n" + ((i * 7) + worker) % 500;
                byte[] key = Encoding.UTF8.GetBytes(name);
                if (cache.Find(key) is { } found)
                {
                    Assert.Equal(name, found);
                }
                else
                {
                    cache.Add(key, name);
                }
            }
        });
    }

    [Fact]
    public void Repeated_column_types_give_the_same_parsed_map_and_shape_key()
    {
        string column = Unique("c");
        string types = "{'" + column + "':{'kind':'string','length':5},'b':{'kind':'enum','name':'e','values':['x','y']}}";
        SelectQuery first = Select(types);
        SelectQuery second = Select(types, tail: ",'limit':null");
        SelectQuery elsewhere = Assert.IsType<SelectQuery>(IrReader.ReadQuery(Mp.Json(
            "{'column_types':" + types + ",'proto':1,'type':'select','table':'t','columns':['a']}")));

        Assert.Same(first.ColumnTypes, second.ColumnTypes);
        Assert.Same(first.ColumnTypes, elsewhere.ColumnTypes);
        Assert.Equal(first, second);
        Assert.Equal(ColumnTypeKind.String, first.ColumnTypes[column].Kind);
        Assert.Equal(5, first.ColumnTypes[column].Length);
        Assert.Equal(["x", "y"], first.ColumnTypes["b"].EnumValues!);
    }

    [Fact]
    public void A_models_usual_column_list_is_one_instance_and_any_order_gets_the_specs()
    {
        string a = Unique("a"), b = Unique("b");
        string types = "{'" + a + "':{'kind':'int64'},'" + b + "':{'kind':'text'}}";
        SelectQuery Read(string doc) => Assert.IsType<SelectQuery>(IrReader.ReadQuery(Mp.Json(doc)));

        // column_types first, then the map's own columns in order (what Python sends): the map's list.
        string usual = "{'proto':1,'type':'select','table':'t','column_types':" + types + ",'columns':['" + a + "','" + b + "']}";
        Assert.Same(Read(usual).Columns, Read(usual).Columns);

        // Another order, a subset, or columns before column_types: items built, each with its spec.
        string reversed = "{'proto':1,'type':'select','table':'t','column_types':" + types + ",'columns':['" + b + "','" + a + "']}";
        string typesLast = "{'proto':1,'type':'select','table':'t','columns':['" + a + "','" + b + "'],'column_types':" + types + "}";
        Assert.Equal([ColumnTypeKind.Text, ColumnTypeKind.Int64], Read(reversed).Columns.Select(c => c.Type!.Kind));
        Assert.Equal([ColumnTypeKind.Int64, ColumnTypeKind.Text], Read(typesLast).Columns.Select(c => c.Type!.Kind));
        Assert.Equal(Read(usual), Read(typesLast));
        Assert.NotEqual(Read(usual), Read(reversed));
    }

    [Fact]
    public void A_hit_keys_like_a_parse()
    {
        string column = Unique("c");
        SelectQuery cold = Select("{'" + column + "':{'kind':'int64'}}");
        SelectQuery warm = Select("{'" + column + "':{'kind':'int64'}}");
        SelectQuery other = Select("{'" + column + "':{'kind':'float64'}}");

        Assert.Equal(cold, warm);
        Assert.NotEqual(cold, other);
    }

    [Fact]
    public void Different_column_types_bytes_give_different_types()
    {
        string column = Unique("c");
        SelectQuery asInt = Select("{'" + column + "':{'kind':'int64'}}");
        SelectQuery asText = Select("{'" + column + "':{'kind':'text'}}");
        SelectQuery withLength = Select("{'" + column + "':{'kind':'string','length':3}}");
        SelectQuery longer = Select("{'" + column + "':{'kind':'string','length':4}}");

        Assert.Equal(ColumnTypeKind.Int64, asInt.ColumnTypes[column].Kind);
        Assert.Equal(ColumnTypeKind.Text, asText.ColumnTypes[column].Kind);
        Assert.Equal(3, withLength.ColumnTypes[column].Length);
        Assert.Equal(4, longer.ColumnTypes[column].Length);
        Assert.Equal(4, new[] { asInt, asText, withLength, longer }.Distinct().Count());
    }

    [Fact]
    public void A_kept_map_cannot_be_changed_by_a_caller()
    {
        string column = Unique("c");
        string types = "{'" + column + "':{'kind':'enum','values':['x','y']}}";
        IReadOnlyDictionary<string, ColumnType> map = Select(types).ColumnTypes;

        Assert.False(map is IDictionary<string, ColumnType>);

        Assert.Equal(ColumnTypeKind.Enum, Select(types).ColumnTypes[column].Kind);
        Assert.Equal(["x", "y"], Select(types).ColumnTypes[column].EnumValues!);
    }

    [Fact]
    public void Bad_column_types_fail_the_same_way_every_time()
    {
        string column = Unique("c");
        for (int i = 0; i < 3; i++)
        {
            var unknown = Mp.Throws(ErrorCode.IrUnknownValue, () => Select("{'" + column + "':{'kind':'int128'}}"));
            Assert.Equal("int128", unknown.Details["value"]);
            Assert.Equal("kind", Mp.Throws(ErrorCode.IrMalformed, () => Select("{'" + column + "':{'length':3}}")).Details["key"]);
        }
    }

    [Fact]
    public void The_column_types_cache_stays_bounded()
    {
        string prefix = Unique("c");
        for (int i = 0; i < IrReader.ColumnTypesCapacity * 4; i++)
        {
            Select("{'" + prefix + i + "':{'kind':'int64'}}");
        }

        Assert.True(IrReader.ColumnTypesCache.Count <= IrReader.ColumnTypesCapacity);
    }

    [Fact]
    public void Column_types_over_the_size_limit_parse_every_time()
    {
        var columns = Enumerable.Range(0, 400).Select(i => "'" + Unique("c") + "':{'kind':'int64'}");
        string types = "{" + string.Join(",", columns) + "}";
        Assert.True(Mp.Json(types).Length > IrReader.MaxKeptColumnTypesBytes);

        SelectQuery first = Select(types);
        SelectQuery second = Select(types);
        Assert.NotSame(first.ColumnTypes, second.ColumnTypes);
        Assert.Equal(400, second.ColumnTypes.Count);
        Assert.Equal(first, second);
    }

    [Fact]
    public void Names_are_one_string_per_spelling_and_still_validated()
    {
        string table = Unique("users");
        SelectQuery first = Select("null", table);
        SelectQuery second = Select("null", table);
        Assert.Same(first.Table, second.Table);
        Assert.Equal(first, second);

        string longName = new('n', IrReader.MaxKeptNameBytes + 1);
        Assert.Equal(longName, Select("null", longName).Table);

        byte[] badName = Mp.Write(w => w.Map(4).Str("proto").Int(1).Kv("type", "select").Str("table").Raw([0xa2, 0xff, 0xfe]).Str("columns").Array(0));
        for (int i = 0; i < 2; i++)
        {
            Assert.Equal("table", Mp.Throws(ErrorCode.IrMalformed, () => IrReader.ReadQuery(badName)).Details["key"]);
        }
    }

    [Fact]
    public void Parallel_parses_of_different_models_each_get_their_own_types()
    {
        string[] columns = Enumerable.Range(0, 8).Select(_ => Unique("c")).ToArray();
        string[] kinds = ["int64", "text", "bool", "uuid", "date", "json", "bytes", "float64"];
        Parallel.For(0, 8, worker =>
        {
            for (int i = 0; i < 300; i++)
            {
                int model = (worker + i) % columns.Length;
                SelectQuery q = Select("{'" + columns[model] + "':{'kind':'" + kinds[model] + "'}}", "t" + model);
                Assert.Equal(Enum.Parse<ColumnTypeKind>(kinds[model], ignoreCase: true), q.ColumnTypes[columns[model]].Kind);
                Assert.Equal("t" + model, q.Table);
            }
        });
    }
}
