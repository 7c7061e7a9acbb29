using Oxyde.Codec.Errors;
using Oxyde.Codec.Ir;
using Oxyde.Codec.Reader;
using Oxyde.Codec.Tests.Support;

namespace Oxyde.Codec.Tests;

/// <summary><c>create_table</c>'s <c>checks</c>: <c>[{"name", "expression"}, ...]</c> (docs/ir-protocol.md "DDL").</summary>
public sealed class CreateTableChecksTests
{
    private const string Head = "{'proto':1,'type':'create_table','table':'users','columns':[{'name':'age','type':{'kind':'int64'}}]";

    private static CreateTableQuery Read(string checks) =>
        Assert.IsType<CreateTableQuery>(IrReader.ReadQuery(Mp.Json(Head + ",'checks':" + checks + "}")));

    private static CreateTableQuery Key(string checks) => Read(checks);

    [Fact]
    public void Checks_parse_in_order_with_names_and_expressions()
    {
        var c = Read("[{'name':'chk_users_0','expression':'age >= 0'},{'expression':'age < 200','name':'not_ancient'}]");
        Assert.Equal([new CheckDef("chk_users_0", "age >= 0"), new CheckDef("not_ancient", "age < 200")], c.Checks);
        Assert.Empty(c.Values);
    }

    [Fact]
    public void Missing_nil_and_empty_checks_are_none()
    {
        Assert.Empty(Assert.IsType<CreateTableQuery>(IrReader.ReadQuery(Mp.Json(Head + "}"))).Checks);
        Assert.Empty(Read("null").Checks);
        Assert.Empty(Read("[]").Checks);
    }

    [Theory]
    [InlineData("'age >= 0'", "checks")]
    [InlineData("{'name':'c','expression':'x'}", "checks")]
    [InlineData("['age >= 0']", "checks")]
    [InlineData("[null]", "checks")]
    [InlineData("[{'name':1,'expression':'x'}]", "name")]
    [InlineData("[{'name':null,'expression':'x'}]", "name")]
    [InlineData("[{'name':'c','expression':['x']}]", "expression")]
    [InlineData("[{'name':'c','expression':null}]", "expression")]
    [InlineData("[{'name':'c'}]", "expression")]
    [InlineData("[{'expression':'x'}]", "name")]
    public void Bad_checks_are_IrMalformed_naming_the_key(string checks, string key)
    {
        var ex = Mp.Throws(ErrorCode.IrMalformed, () => Read(checks));
        Assert.Equal(key, ex.Details["key"]);
    }

    [Fact]
    public void Non_string_keys_and_invalid_utf8_in_a_check_are_IrMalformed()
    {
        byte[] Valid(Action<MessagePackWriterBox> check) => Mp.Write(w =>
        {
            w.Map(5).Str("proto").Int(1);
            w.Kv("type", "create_table").Kv("table", "t").Str("columns").Array(0).Str("checks").Array(1);
            check(w);
        });

        IrReader.ReadQuery(Valid(w => w.Map(2).Kv("name", "c").Kv("expression", "x")));
        var key = Mp.Throws(ErrorCode.IrMalformed, () => IrReader.ReadQuery(Valid(w => w.Map(1).Int(1).Str("x"))));
        Assert.Equal("checks", key.Details["key"]);
        var utf8 = Mp.Throws(ErrorCode.IrMalformed, () => IrReader.ReadQuery(
            Valid(w => w.Map(2).Kv("name", "c").Str("expression").Raw([0xa2, 0xff, 0xfe]))));
        Assert.Equal("expression", utf8.Details["key"]);
    }

    [Fact]
    public void Limits_apply_to_checks()
    {
        byte[] head = Mp.Json(Head + ",'checks':0}");
        var tooMany = Mp.Throws(ErrorCode.IrTooLarge, () => IrReader.ReadQuery(Mp.Concat(head[..^1], [0xdd, 0x00, 0x0f, 0x42, 0x41, 0x01])));
        Assert.Equal("checks", tooMany.Details["key"]);
        Mp.Throws(ErrorCode.IrTooLarge, () => IrReader.ReadQuery(Mp.Concat(head[..^1], [0xdc, 0x10, 0x00, 0x80])));

        byte[] expressionHead = Mp.Json(Head + ",'checks':[{'name':'c','expression':0}]}");
        var tooLong = Mp.Throws(ErrorCode.IrTooLarge, () => IrReader.ReadQuery(Mp.Concat(expressionHead[..^1], [0xdb, 0x04, 0x00, 0x00, 0x01, 0x41])));
        Assert.Equal("expression", tooLong.Details["key"]);

        string deep = new string('[', 100) + new string(']', 100);
        var unknown = Mp.Throws(ErrorCode.IrUnknownKey, () => Read("[{'name':'c','expression':'x','junk':" + deep + "}]"));
        Assert.Equal("checks", unknown.Details["place"]);
    }

    [Fact]
    public void Every_proper_prefix_throws_OxydeException()
    {
        byte[] full = Mp.Json(Head + ",'checks':[{'name':'chk_users_0','expression':'age >= 0'}],'indexes':[{'name':'u','columns':['age'],'unique':true}]}");
        IrReader.ReadQuery(full);
        for (int length = 0; length < full.Length; length++)
        {
            var ex = Assert.Throws<OxydeException>(() => IrReader.ReadQuery(full.AsMemory(0, length)));
            Assert.True(ex.Code is ErrorCode.IrMalformed or ErrorCode.IrTooLarge, $"prefix {length}: {ex.Code}");
        }
    }

    [Fact]
    public void Names_and_expressions_are_part_of_the_shape_key()
    {
        string[] variants =
        [
            "[]",
            "[{'name':'chk_users_0','expression':'age >= 0'}]",
            "[{'name':'chk_users_1','expression':'age >= 0'}]",
            "[{'name':'chk_users_0','expression':'age >= 1'}]",
            "[{'name':'chk_users_0','expression':'age >= 0'},{'name':'chk_users_1','expression':'age >= 0'}]",
            "[{'name':'a','expression':'bc'}]",
            "[{'name':'ab','expression':'c'}]",
        ];
        Assert.Equal(variants.Length, variants.Select(Key).Distinct().Count());
        Assert.Equal(Key("[{'name':'chk_users_0','expression':'age >= 0'}]"), Key("[{'expression':'age >= 0','name':'chk_users_0'}]"));
        var unknown = Mp.Throws(ErrorCode.IrUnknownKey, () => Key("[{'name':'chk_users_0','expression':'age >= 0','note':'x'}]"));
        Assert.Equal("note", unknown.Details["key"]);
    }
}
