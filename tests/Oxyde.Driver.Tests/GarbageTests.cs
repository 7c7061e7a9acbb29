using static Oxyde.Driver.Tests.Msg;

namespace Oxyde.Driver.Tests;

public sealed class GarbageTests
{
    public static TheoryData<int, byte[]> Cases()
    {
        var data = new TheoryData<int, byte[]>();
        foreach (var verb in Enum.GetValues<RuntimeVerb>())
        {
            foreach (var input in Inputs())
            {
                data.Add((int)verb, input);
            }
        }

        return data;
    }

    public static TheoryData<byte[]> InputCases() => new(Inputs());

    private static byte[][] Inputs() =>
        [
            [],
            [0xc1],
            [0x92, 0x01],
            [0xde, 0xff, 0xff],
            [0x81, 0xa3, 0x66, 0x6f, 0x6f, 0xc0],
            [0xdd, 0x7f, 0xff, 0xff, 0xff],
            Pack(Map("pool", 5, "ir", Map("proto", 1, "type", "select"))),
            Pack(Map("pool", "no-such-pool", "ir", Map("proto", 2, "type", "select", "table", "t", "columns", List("a")))),
            Pack(Map("name", "x", "url", 12, "tx", "nope", "savepoint", 3)),
        ];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Garbage_gives_an_error_envelope_and_never_throws(int verb, byte[] request)
    {
        using var db = new TestDatabase();
        using var result = db.Runtime.Dispatch(verb, request);
        Assert.Equal(RuntimeStatus.Error, result.Status);
        var envelope = UnpackMap(result.ToArray());
        Assert.IsType<long>(envelope["code"]);
        Assert.NotEqual(1L, envelope["code"]);
        Assert.IsType<string>(envelope["name"]);
        Assert.IsType<string>(envelope["message"]);
        Assert.IsType<Dictionary<string, object?>>(envelope["details"]);
    }

    [Theory]
    [MemberData(nameof(InputCases))]
    public void Garbage_to_the_async_execute_is_answered_at_once_with_an_envelope(byte[] request)
    {
        using var db = new TestDatabase();
        using var result = db.Runtime.ExecuteOrSubmit(request, out var ticket);
        Assert.Equal(0UL, ticket);
        Assert.NotNull(result);
        Assert.Equal(RuntimeStatus.Error, result.Status);
        Assert.IsType<string>(UnpackMap(result.ToArray())["name"]);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(14)]
    [InlineData(-1)]
    public void Unknown_verbs_are_bad_arguments(int verb)
    {
        using var db = new TestDatabase();
        using var result = db.Runtime.Dispatch(verb, Pack(Map()));
        Assert.Equal(RuntimeStatus.BadArguments, result.Status);
        Assert.Equal("ir_malformed", UnpackMap(result.ToArray())["name"]);
    }
}
