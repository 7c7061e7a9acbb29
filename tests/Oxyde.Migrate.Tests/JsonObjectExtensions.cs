using System.Text.Json.Nodes;

namespace Oxyde.Migrate.Tests;

/// <summary>Small JSON helpers for building test ops.</summary>
internal static class JsonObjectExtensions
{
    /// <summary>The object with <paramref name="key"/> set (a copy).</summary>
    public static JsonObject With(this JsonObject o, string key, JsonNode? value)
    {
        var copy = (JsonObject)o.DeepClone();
        copy[key] = value;
        return copy;
    }

    /// <summary>Copies every key of <paramref name="other"/> into <paramref name="o"/>.</summary>
    public static void Merge(this JsonObject o, JsonObject other)
    {
        foreach (var (key, value) in other)
        {
            o[key] = value?.DeepClone();
        }
    }
}
