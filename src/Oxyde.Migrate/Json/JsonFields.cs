using System.Text.Json;

namespace Oxyde.Migrate.Json;

/// <summary>
/// The keys of one JSON object, read once each: every key must be one the caller names (an unknown
/// key is an error naming it, so a typo never passes silently), required keys must be present, and
/// each value must have its type. <see cref="Path"/> locates the object in error messages.
/// </summary>
internal readonly struct JsonFields
{
    private readonly JsonElement _object;

    private JsonFields(JsonElement element, string path)
    {
        _object = element;
        Path = path;
    }

    /// <summary>Where this object is: <c>ops[1].table.fields[0]</c>.</summary>
    public string Path { get; }

    /// <summary>The object at <paramref name="path"/>, whose keys must all be among <paramref name="allowed"/>.</summary>
    public static JsonFields Of(JsonElement element, string path, ReadOnlySpan<string> allowed)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw MigrationFormatException.Malformed(path, "expected an object, got " + Describe(element));
        }

        foreach (var property in element.EnumerateObject())
        {
            if (!allowed.Contains(property.Name))
            {
                throw MigrationFormatException.Malformed(path, $"unknown key '{property.Name}'", property.Name);
            }
        }

        return new JsonFields(element, path);
    }

    /// <summary>The value of <paramref name="key"/>; absent or null is null.</summary>
    public JsonElement? Optional(string key) =>
        _object.TryGetProperty(key, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    public JsonElement Required(string key) =>
        Optional(key) ?? throw MigrationFormatException.Malformed(Path, $"missing '{key}'", key);

    public string Child(string key) => Path + "." + key;

    public string RequiredString(string key) => AsString(Required(key), Child(key));

    public string? OptionalString(string key) => Optional(key) is { } value ? AsString(value, Child(key)) : null;

    public bool RequiredBool(string key) => AsBool(Required(key), Child(key));

    public bool OptionalBool(string key) => Optional(key) is { } value && AsBool(value, Child(key));

    public int? OptionalInt(string key)
    {
        if (Optional(key) is not { } value)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) && number >= 0
            ? number
            : throw MigrationFormatException.Malformed(Child(key), "expected a non-negative integer, got " + Describe(value));
    }

    public IReadOnlyList<string> RequiredStrings(string key) => Strings(Required(key), Child(key));

    public IReadOnlyList<string>? OptionalStrings(string key) => Optional(key) is { } value ? Strings(value, Child(key)) : null;

    /// <summary>The array at <paramref name="key"/>, each item read by <paramref name="item"/> with its own path.</summary>
    public IReadOnlyList<T> RequiredList<T>(string key, Func<JsonElement, string, T> item) => List(Required(key), Child(key), item);

    /// <summary>As <see cref="RequiredList{T}"/>; absent or null is null.</summary>
    public IReadOnlyList<T>? OptionalList<T>(string key, Func<JsonElement, string, T> item) =>
        Optional(key) is { } value ? List(value, Child(key), item) : null;

    public static IReadOnlyList<T> List<T>(JsonElement array, string path, Func<JsonElement, string, T> item)
    {
        if (array.ValueKind != JsonValueKind.Array)
        {
            throw MigrationFormatException.Malformed(path, "expected an array, got " + Describe(array));
        }

        var items = new List<T>(array.GetArrayLength());
        var i = 0;
        foreach (var element in array.EnumerateArray())
        {
            items.Add(item(element, $"{path}[{i++}]"));
        }

        return items.AsReadOnly();
    }

    public static string AsString(JsonElement value, string path) =>
        value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw MigrationFormatException.Malformed(path, "expected a string, got " + Describe(value));

    private static bool AsBool(JsonElement value, string path) => value.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw MigrationFormatException.Malformed(path, "expected true or false, got " + Describe(value)),
    };

    private static IReadOnlyList<string> Strings(JsonElement value, string path) => List(value, path, AsString);

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };
}
