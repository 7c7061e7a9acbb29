using MessagePack;
using Oxyde.Codec.Reader;
using Oxyde.Codec.Tests.Support;

namespace Oxyde.Codec.Tests;

/// <summary>
/// <c>tests/contract/&lt;name&gt;.json</c> and its <c>.msgpack</c> twin: both suites (xunit, pytest) decode
/// them. <c>OXYDE_UPDATE_GOLDEN=1</c> regenerates the twins from the JSON.
/// </summary>
public sealed class ContractSampleTests
{
    public static TheoryData<string> Samples()
    {
        var data = new TheoryData<string>();
        foreach (string path in Directory.GetFiles(RepoPaths.Contract, "*.json").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileNameWithoutExtension(path));
        }

        return data;
    }

    private static byte[] JsonBytes(string name) =>
        MessagePackSerializer.ConvertFromJson(File.ReadAllText(Path.Combine(RepoPaths.Contract, name + ".json")));

    /// <summary>The committed twin; in update mode it is (re)written from the JSON first.</summary>
    private static byte[] TwinBytes(string name)
    {
        string twin = Path.Combine(RepoPaths.Contract, name + ".msgpack");
        if (Environment.GetEnvironmentVariable("OXYDE_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllBytes(twin, JsonBytes(name));
        }

        Assert.True(File.Exists(twin), $"{twin} is missing; run the tests with OXYDE_UPDATE_GOLDEN=1");
        return File.ReadAllBytes(twin);
    }

    [Fact]
    public void There_are_samples() => Assert.True(Samples().Count >= 5);

    [Theory]
    [MemberData(nameof(Samples))]
    public void Msgpack_twin_decodes_like_the_json(string name) =>
        Assert.Equal(MessagePackSerializer.ConvertToJson(JsonBytes(name)), MessagePackSerializer.ConvertToJson(TwinBytes(name)));

    [Theory]
    [MemberData(nameof(Samples))]
    public void Sample_parses_with_the_same_shape_and_values_from_both_forms(string name)
    {
        var fromTwin = IrReader.ReadQuery(TwinBytes(name));
        var fromJson = IrReader.ReadQuery(JsonBytes(name));
        Assert.Equal(fromJson, fromTwin);
        Assert.Equal(fromJson.Values, fromTwin.Values);
    }
}
