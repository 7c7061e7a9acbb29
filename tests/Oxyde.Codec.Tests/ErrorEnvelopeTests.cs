using MessagePack;
using Oxyde.Codec.Errors;

namespace Oxyde.Codec.Tests;

public sealed class ErrorEnvelopeTests
{
    [Theory]
    [InlineData(ErrorCode.UniqueViolation, "unique_violation")]
    [InlineData(ErrorCode.IrMalformed, "ir_malformed")]
    [InlineData(ErrorCode.IrUnsupportedProto, "ir_unsupported_proto")]
    [InlineData(ErrorCode.Internal, "internal")]
    [InlineData(ErrorCode.ForeignKeyViolation, "foreign_key_violation")]
    public void NameOf_is_snake_case(ErrorCode code, string expected) => Assert.Equal(expected, ErrorEnvelope.NameOf(code));

    [Fact]
    public void Every_code_has_a_distinct_lower_case_name()
    {
        var names = Enum.GetValues<ErrorCode>().Select(ErrorEnvelope.NameOf).ToList();
        Assert.Equal(names.Count, names.Distinct().Count());
        Assert.All(names, n => Assert.Matches("^[a-z]+(_[a-z]+)*$", n));
    }

    [Fact]
    public void Write_produces_code_name_message_details()
    {
        byte[] bytes = ErrorEnvelope.Write(new OxydeException(
            ErrorCode.UniqueViolation, "duplicate key", new Dictionary<string, string> { ["table"] = "users", ["column"] = "email" }));
        Assert.Equal(
            """{"code":50,"name":"unique_violation","message":"duplicate key","details":{"table":"users","column":"email"}}""",
            MessagePackSerializer.ConvertToJson(bytes));

        byte[] empty = ErrorEnvelope.Write(ErrorCode.Internal, "boom", new Dictionary<string, string>());
        Assert.Equal("""{"code":1,"name":"internal","message":"boom","details":{}}""", MessagePackSerializer.ConvertToJson(empty));
    }
}
