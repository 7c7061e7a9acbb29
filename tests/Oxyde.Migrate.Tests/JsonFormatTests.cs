using Oxyde.Codec.Errors;
using Oxyde.Migrate.Json;

namespace Oxyde.Migrate.Tests;

/// <summary>Op JSON is read and written exactly as Oxyde's serde structs spell it (key order included).</summary>
public sealed class JsonFormatTests
{
    private const string Field =
        """{"name":"email","column_type":{"kind":"string","length":200},"db_type":null,"nullable":true,"primary_key":false,"unique":true,"default":null,"auto_increment":false,"max_length":200,"max_digits":null,"decimal_places":null}""";

    [Theory]
    [InlineData("""{"type":"create_table","table":{"name":"posts","fields":[""" + Field + """],"indexes":[{"name":"posts_email_idx","fields":["email"],"unique":false,"method":"btree","where":"email IS NOT NULL"}],"foreign_keys":[{"name":"fk_posts_author_id","columns":["author_id"],"ref_table":"authors","ref_columns":["id"],"on_delete":"SET NULL","on_update":"NO ACTION"}],"checks":[{"name":"chk_posts_0","expression":"views >= 0"}],"comment":null}}""")]
    [InlineData("""{"type":"drop_column","table":"users","field":"email","field_def":""" + Field + "}")]
    [InlineData("""{"type":"alter_column","table":"users","old_field":""" + Field + ""","new_field":""" + Field + "}")]
    [InlineData("""{"type":"drop_index","table":"users","name":"users_email_idx","index_def":{"name":"users_email_idx","fields":["email"],"unique":true,"method":null}}""")]
    [InlineData("""{"type":"add_enum_value","name":"status_enum","value":"late","fields":[{"table":"tasks","field":{"name":"status","column_type":{"kind":"enum","name":"status_enum","values":["new","late"]},"db_type":null,"nullable":false,"primary_key":false,"unique":false,"default":"'new'","auto_increment":false,"max_length":null,"max_digits":null,"decimal_places":null}}]}""")]
    [InlineData("""{"type":"drop_enum_type","name":"status_enum","values":["new","late"]}""")]
    [InlineData("""{"type":"add_column","table":"t","field":{"name":"tags","column_type":{"kind":"array","item":{"kind":"decimal","precision":10,"scale":2}},"db_type":null,"nullable":true,"primary_key":false,"unique":false,"default":null,"auto_increment":false,"max_length":null,"max_digits":10,"decimal_places":2}}""")]
    public void RoundTripsOxydeJson(string op)
    {
        var json = "[" + op + "]";
        Assert.Equal(json, MigrationJson.WriteOps(MigrationJson.ReadOps(json, "ops")));
    }

    [Fact]
    public void AbsentOptionalKeysReadAsTheirDefaults()
    {
        var ops = MigrationJson.ReadOps("""[{"type":"add_column","table":"t","field":{"name":"n","column_type":{"kind":"text"},"nullable":true,"primary_key":false,"unique":false}}]""", "ops");
        Assert.Equal(
            """[{"type":"add_column","table":"t","field":{"name":"n","column_type":{"kind":"text"},"db_type":null,"nullable":true,"primary_key":false,"unique":false,"default":null,"auto_increment":false,"max_length":null,"max_digits":null,"decimal_places":null}}]""",
            MigrationJson.WriteOps(ops));
    }

    [Theory]
    [InlineData("""{"name":"t","fields":[{"name":"a","column_type":{"kind":"text"},"nullable":true,"primary_key":false,"unique":false},{"name":"a","column_type":{"kind":"text"},"nullable":true,"primary_key":false,"unique":false}],"indexes":[]}""", "t.fields")]
    [InlineData("""{"name":"t","fields":[],"indexes":[{"name":"i","fields":["a"],"unique":false},{"name":"i","fields":["b"],"unique":false}]}""", "t.indexes")]
    public void TwoItemsWithOneNameAreRefused(string table, string path)
    {
        var e = Assert.ThrowsAny<OxydeException>(() => MigrationJson.ReadSnapshot("""{"version":1,"tables":{"t":""" + table + "}}", "new"));
        Assert.Equal(ErrorCode.IrMalformed, e.Code);
        Assert.Equal("new.tables." + path, e.Details["path"]);
    }

    [Fact]
    public void MissingRequiredKeyIsNamed()
    {
        var e = Assert.ThrowsAny<OxydeException>(() => MigrationJson.ReadOps("""[{"type":"add_column","table":"t","field":{"name":"n","column_type":{"kind":"text"},"nullable":true,"unique":false}}]""", "ops"));
        Assert.Equal(ErrorCode.IrMalformed, e.Code);
        Assert.Equal("primary_key", e.Details["key"]);
        Assert.Equal("ops[0].field", e.Details["path"]);
    }

    [Fact]
    public void WrongValueTypeIsNamed()
    {
        var e = Assert.ThrowsAny<OxydeException>(() => MigrationJson.ReadOps("""[{"type":"drop_table","name":7}]""", "ops"));
        Assert.Equal(ErrorCode.IrMalformed, e.Code);
        Assert.Equal("ops[0].name", e.Details["path"]);
    }
}
