using Oxyde.Codec.Errors;

namespace Oxyde.Migrate.Json;

/// <summary>
/// Snapshot or op JSON that is not Oxyde's format: bad JSON, a missing or unknown key, a value of the
/// wrong type (<see cref="ErrorCode.IrMalformed"/>), or an unknown op <c>type</c>, column <c>kind</c>,
/// FK action or index method (<see cref="ErrorCode.IrUnknownValue"/>). <c>details.path</c> names where
/// (<c>ops[2].field.column_type</c>), <c>details.key</c> or <c>details.value</c> what.
/// </summary>
internal sealed class MigrationFormatException(ErrorCode code, string path, string message, IReadOnlyDictionary<string, string> details)
    : OxydeException(code, $"{path}: {message}", details)
{
    public string Path { get; } = path;

    public static MigrationFormatException Malformed(string path, string message, string? key = null) =>
        new(ErrorCode.IrMalformed, path, message, DetailsOf(path, "key", key));

    public static MigrationFormatException UnknownValue(string path, string what, string value) =>
        new(ErrorCode.IrUnknownValue, path, $"unknown {what} '{value}'", DetailsOf(path, "value", value));

    private static Dictionary<string, string> DetailsOf(string path, string name, string? value)
    {
        var details = new Dictionary<string, string> { ["path"] = path };
        if (value is not null)
        {
            details[name] = value;
        }

        return details;
    }
}
