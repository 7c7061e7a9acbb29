namespace Oxyde.Codec.Errors;

/// <summary>A dialect cannot express a feature the IR asks for (DESIGN §4).</summary>
public sealed class UnsupportedFeatureException(string dialect, string feature)
    : OxydeException(
        ErrorCode.UnsupportedFeature,
        $"{feature} is not supported on {dialect}",
        new Dictionary<string, string> { ["dialect"] = dialect, ["feature"] = feature })
{
    public string Dialect { get; } = dialect;

    public string Feature { get; } = feature;
}
