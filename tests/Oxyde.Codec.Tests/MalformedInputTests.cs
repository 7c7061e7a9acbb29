using Oxyde.Codec.Errors;
using Oxyde.Codec.Reader;
using Oxyde.Codec.Tests.Support;

namespace Oxyde.Codec.Tests;

public sealed class MalformedInputTests
{
    private const string ValidSelect = """
        {'proto':1,'type':'select','table':'users','model':'app.User','columns':['id','name'],
         'column_types':{'id':{'kind':'int64'},'name':{'kind':'string','length':100}},
         'filter_tree':{'type':'and','children':[{'type':'condition','field':'id','op':'in','value':[1,2,3]},
             {'type':'not','child':{'type':'condition','field':'name','op':'eq','value':null}}]},
         'order_by':[['id','desc']],'limit':10,'offset':null}
        """;

    private static void Read(string json) => IrReader.ReadQuery(Mp.Json(json));

    private static void Read(byte[] bytes) => IrReader.ReadQuery(bytes);

    public static TheoryData<string> ValidDocuments() =>
    [
        ValidSelect,
        "{'proto':1,'type':'insert','table':'t','columns':['a','b'],'rows':[['x',1.5],[null,true]],'returning':['id']}",
        "{'proto':1,'type':'update','table':'t','values':{'a':1},'expressions':{'b':{'type':'binary','op':'mul','left':{'type':'column','name':'b'},'right':{'type':'value','value':2}}}}",
        "{'proto':1,'type':'create_table','table':'t','columns':[{'name':'id','type':{'kind':'int64'}}],'foreign_keys':[{'name':'f','columns':['a'],'ref_table':'r','ref_columns':['id'],'on_delete':'cascade'}],'indexes':[{'name':'i','columns':['a']}]}",
    ];

    [Theory]
    [MemberData(nameof(ValidDocuments))]
    public void Every_proper_prefix_throws_OxydeException(string json)
    {
        byte[] full = Mp.Json(json);
        IrReader.ReadQuery(full);
        for (int length = 0; length < full.Length; length++)
        {
            var ex = Assert.Throws<OxydeException>(() => IrReader.ReadQuery(full.AsMemory(0, length)));
            Assert.True(ex.Code is ErrorCode.IrMalformed or ErrorCode.IrTooLarge, $"prefix {length}: {ex.Code}");
        }
    }

    [Fact]
    public void Random_garbage_parses_or_throws_OxydeException()
    {
        var random = new Random(20261123);
        byte[] valid = Mp.Json(ValidSelect);
        for (int i = 0; i < 4000; i++)
        {
            byte[] bytes;
            if (i % 2 == 0)
            {
                bytes = new byte[random.Next(0, 96)];
                random.NextBytes(bytes);
                if (bytes.Length > 0 && i % 4 == 0)
                {
                    bytes[0] = (byte)(0x80 | (bytes[0] & 0x0f)); // start with a fixmap: reach deeper code
                }
            }
            else
            {
                bytes = (byte[])valid.Clone(); // mutate a valid document in a few places
                for (int m = random.Next(1, 4); m > 0; m--)
                {
                    bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
                }
            }

            try
            {
                IrReader.ReadQuery(bytes);
            }
            catch (OxydeException)
            {
            }
        }
    }

    [Fact]
    public void Random_garbage_never_escapes_the_envelope_readers()
    {
        var random = new Random(7);
        Func<ReadOnlyMemory<byte>, object>[] readers =
        [
            b => IrReader.ReadExecute(b), b => IrReader.ReadRender(b), b => IrReader.ReadPoolOpen(b),
            b => IrReader.ReadPoolClose(b), b => IrReader.ReadTransaction(b),
        ];
        for (int i = 0; i < 2000; i++)
        {
            var bytes = new byte[random.Next(1, 48)];
            random.NextBytes(bytes);
            bytes[0] = (byte)(0x80 | (bytes[0] & 0x0f));
            try
            {
                readers[i % readers.Length](bytes);
            }
            catch (OxydeException)
            {
            }
        }
    }

    [Theory]
    [InlineData("{'proto':1,'type':5,'table':'t','columns':['a']}")]
    [InlineData("{'proto':'1','type':'select','table':'t','columns':['a']}")]
    [InlineData("{'proto':1,'type':'select','table':7,'columns':['a']}")]
    [InlineData("{'proto':1,'type':'select','table':'t','columns':'a'}")]
    [InlineData("{'proto':1,'type':'select','table':'t','columns':[1]}")]
    [InlineData("{'proto':1,'type':'select','table':'t','columns':['a'],'limit':'10'}")]
    [InlineData("{'proto':1,'type':'select','table':'t','columns':['a'],'limit':-1}")]
    [InlineData("{'proto':1,'type':'select','table':'t','columns':['a'],'distinct':1}")]
    [InlineData("{'proto':1,'type':'select','table':'t','columns':['a'],'order_by':[['a']]}")]
    [InlineData("{'proto':1,'type':'select','table':'t','columns':['a'],'filter_tree':[]}")]
    [InlineData("{'proto':1,'type':'select','table':'t','columns':['a'],'filter_tree':{'type':'condition','field':'a','op':'eq','value':{'json':1}}}")]
    [InlineData("{'proto':1,'type':'select','table':'t','columns':['a'],'filter_tree':{'type':'condition','field':'a','op':'in','value':1}}")]
    [InlineData("{'proto':1,'type':'select','table':'t','columns':['a'],'filter_tree':{'type':'condition','field':'a','op':'between','value':[1]}}")]
    [InlineData("{'proto':1,'type':'select','table':'t','columns':['a'],'filter_tree':{'type':'condition','field':'a','op':'isnull','value':1}}")]
    [InlineData("{'proto':1,'type':'select','table':'t','columns':['a'],'count':true,'exists':true}")]
    [InlineData("{'proto':1,'type':'insert','table':'t','columns':['a','b'],'rows':[[1,2],[3]]}")]
    [InlineData("{'proto':1,'type':'insert','table':'t','columns':['a'],'rows':[]}")]
    [InlineData("{'proto':1,'type':'insert','table':'t','columns':['a'],'rows':[1]}")]
    [InlineData("{'proto':1,'type':'update','table':'t','values':{}}")]
    [InlineData("{'proto':1,'type':'update','table':'t','values':[1]}")]
    [InlineData("{'proto':1,'type':'create_table','table':'t','columns':[{'name':'id'}]}")]
    [InlineData("{'proto':1,'type':'create_table','table':'t','columns':[{'name':'id','type':{'length':3}}]}")]
    public void Wrong_types_and_broken_structure_are_IrMalformed(string json) =>
        Mp.Throws(ErrorCode.IrMalformed, () => Read(json));

    [Theory]
    [InlineData("{'proto':1,'type':'select','columns':['a']}", "table")]
    [InlineData("{'proto':1,'type':'select','table':'t'}", "columns")]
    [InlineData("{'proto':1,'type':'insert','table':'t','rows':[[1]]}", "columns")]
    [InlineData("{'proto':1,'type':'insert','table':'t','columns':['a']}", "rows")]
    [InlineData("{'proto':1,'type':'raw','params':[]}", "sql")]
    [InlineData("{'proto':1,'table':'t','columns':['a']}", "type")]
    [InlineData("{'type':'select','table':'t','columns':['a']}", "proto")]
    [InlineData("{'proto':1,'type':'drop_index','table':'t'}", "name")]
    [InlineData("{'proto':1,'type':'create_index','table':'t'}", "index")]
    [InlineData("{'proto':1,'type':'select','table':'t','columns':['a'],'filter_tree':{'type':'condition','op':'eq','value':1}}", "field")]
    [InlineData("{'proto':1,'type':'select','table':'t','columns':['a'],'filter_tree':{'type':'condition','field':'a','value':1}}", "op")]
    [InlineData("{'proto':1,'type':'select','table':'t','columns':['a'],'filter_tree':{'type':'condition','field':'a','op':'eq'}}", "value")]
    [InlineData("{'proto':1,'type':'select','table':'t','columns':['a'],'filter_tree':{'type':'and'}}", "children")]
    [InlineData("{'proto':1,'type':'select','table':'t','columns':['a'],'filter_tree':{'type':'not'}}", "child")]
    [InlineData("{'proto':1,'type':'select','table':'t','columns':['a'],'filter_tree':{'field':'a'}}", "type")]
    public void Missing_required_keys_are_IrMalformed_naming_the_key(string json, string key)
    {
        var ex = Mp.Throws(ErrorCode.IrMalformed, () => Read(json));
        Assert.Equal(key, ex.Details["key"]);
    }

    [Theory]
    [InlineData("{'proto':1,'type':'upsert','table':'t'}", "type", "upsert")]
    [InlineData("{'proto':1,'type':'select','table':'t','columns':['a'],'filter_tree':{'type':'condition','field':'a','op':'glob','value':1}}", "op", "glob")]
    [InlineData("{'proto':1,'type':'select','table':'t','columns':['a'],'filter_tree':{'type':'xor','children':[]}}", "type", "xor")]
    [InlineData("{'proto':1,'type':'select','table':'t','columns':['a'],'column_types':{'a':{'kind':'int128'}}}", "kind", "int128")]
    [InlineData("{'proto':1,'type':'select','table':'t','columns':['a'],'order_by':[['a','up']]}", "order_by", "up")]
    [InlineData("{'proto':1,'type':'update','table':'t','expressions':{'a':{'type':'binary','op':'pow','left':{'type':'column','name':'a'},'right':{'type':'column','name':'a'}}}}", "op", "pow")]
    [InlineData("{'proto':1,'type':'update','table':'t','expressions':{'a':{'type':'call'}}}", "type", "call")]
    [InlineData("{'proto':1,'type':'create_table','table':'t','columns':[],'foreign_keys':[{'name':'f','columns':['a'],'ref_table':'r','ref_columns':['id'],'on_delete':'explode'}]}", "on_delete", "explode")]
    public void Unknown_enum_values_are_IrUnknownValue(string json, string key, string value)
    {
        var ex = Mp.Throws(ErrorCode.IrUnknownValue, () => Read(json));
        Assert.Equal(key, ex.Details["key"]);
        Assert.Equal(value, ex.Details["value"]);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(0)]
    public void Other_proto_versions_are_IrUnsupportedProto(int proto) =>
        Mp.Throws(ErrorCode.IrUnsupportedProto, () => Read("{'proto':" + proto + ",'type':'select','table':'t','columns':['a']}"));

    [Fact]
    public void Proto_is_checked_before_the_type() =>
        Mp.Throws(ErrorCode.IrUnsupportedProto, () => Read("{'type':'upsert','proto':2}"));

    private static string NestedNots(int depth)
    {
        string node = "{'type':'condition','field':'a','op':'eq','value':1}";
        for (int i = 1; i < depth; i++)
        {
            node = "{'type':'not','child':" + node + "}";
        }

        return "{'proto':1,'type':'select','table':'t','columns':['a'],'filter_tree':" + node + "}";
    }

    [Fact]
    public void Filter_depth_64_parses_and_65_is_IrTooDeep()
    {
        Read(NestedNots(64));
        Mp.Throws(ErrorCode.IrTooDeep, () => Read(NestedNots(65)));
    }

    [Fact]
    public void Deep_value_arrays_are_IrTooDeep_and_unknown_keys_IrUnknownKey()
    {
        string deepArray = new string('[', 100) + new string(']', 100);
        Mp.Throws(ErrorCode.IrTooDeep, () => Read("{'proto':1,'type':'raw','sql':'?','params':[" + deepArray + "]}"));
        Assert.Equal("junk", Mp.Throws(ErrorCode.IrUnknownKey, () => Read("{'proto':1,'type':'raw','sql':'?','junk':" + deepArray + "}")).Details["key"]);

        // 100,000 nested fixarrays in a value: must not overflow the stack.
        byte[] head = Mp.Json("{'proto':1,'type':'raw','sql':'?','params':0}");
        byte[] bomb = Mp.Concat(head[..^1], Enumerable.Repeat((byte)0x91, 100_000).ToArray(), [0xc0]);
        Mp.Throws(ErrorCode.IrTooDeep, () => Read(bomb));
    }

    [Fact]
    public void Array_header_claiming_2_pow_31_items_is_IrTooLarge()
    {
        byte[] head = Mp.Json("{'proto':1,'type':'raw','sql':'?','params':0}");
        Mp.Throws(ErrorCode.IrTooLarge, () => Read(Mp.Concat(head[..^1], [0xdd, 0x80, 0x00, 0x00, 0x00, 0x01, 0x02])));
        Mp.Throws(ErrorCode.IrTooLarge, () => Read(Mp.Concat(head[..^1], [0xdd, 0x00, 0x0f, 0x42, 0x41, 0x01]))); // 1,000,001
        Mp.Throws(ErrorCode.IrTooLarge, () => Read(Mp.Concat(head[..^1], [0xdc, 0x10, 0x00, 0x01, 0x02]))); // 4096 > bytes left
        Mp.Throws(ErrorCode.IrTooLarge, () => Read([0xdf, 0xff, 0xff, 0xff, 0xff, 0x00]));
    }

    [Fact]
    public void String_and_binary_over_64_MiB_are_IrTooLarge()
    {
        byte[] head = Mp.Json("{'proto':1,'type':'raw','sql':'?','params':[0]}");
        byte[] prefix = head[..^1];
        Mp.Throws(ErrorCode.IrTooLarge, () => Read(Mp.Concat(prefix, [0xdb, 0x04, 0x00, 0x00, 0x01, 0x41])));
        Mp.Throws(ErrorCode.IrTooLarge, () => Read(Mp.Concat(prefix, [0xc6, 0x04, 0x00, 0x00, 0x01, 0x41])));
    }

    [Fact]
    public void Trailing_bytes_empty_input_and_non_map_documents_are_IrMalformed()
    {
        byte[] valid = Mp.Json(ValidSelect);
        Mp.Throws(ErrorCode.IrMalformed, () => Read(Mp.Concat(valid, [0xc0])));
        Mp.Throws(ErrorCode.IrMalformed, () => Read([]));
        Mp.Throws(ErrorCode.IrMalformed, () => Read("[1,2]"));
        Mp.Throws(ErrorCode.IrMalformed, () => Read([0xc1]));
    }

    [Fact]
    public void Non_string_keys_and_invalid_utf8_are_IrMalformed()
    {
        Mp.Throws(ErrorCode.IrMalformed, () => Read(Mp.Write(w => w.Map(1).Int(1).Int(1))));
        byte[] badTable = Mp.Write(w => w.Map(4).Str("proto").Int(1).Kv("type", "select").Str("table").Raw([0xa2, 0xff, 0xfe]).Str("columns").Array(0));
        Mp.Throws(ErrorCode.IrMalformed, () => Read(badTable));
    }
}
