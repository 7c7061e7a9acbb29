using Oxyde.Codec.Errors;
using Oxyde.Migrate.Schema;

namespace Oxyde.Migrate.Diff;

/// <summary>The enum types a snapshot uses (from its fields' <c>enum</c> specs, also array elements), by name.</summary>
internal static class EnumTypes
{
    /// <summary>Name → values, sorted by name; one name with two value lists is an error naming both places.</summary>
    public static SortedDictionary<string, IReadOnlyList<string>> Of(Snapshot snapshot, string which)
    {
        var types = new SortedDictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var seenAt = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var table in snapshot.Tables.Values.OrderBy(t => t.Name, StringComparer.Ordinal))
        {
            foreach (var field in table.Fields)
            {
                if (field.ColumnType.Enum is not { EnumName: { } name, EnumValues: { } values })
                {
                    continue;
                }

                var place = $"{table.Name}.{field.Name}";
                if (!types.TryGetValue(name, out var known))
                {
                    types.Add(name, values);
                    seenAt.Add(name, place);
                }
                else if (!ColumnSpec.SequenceEqual(known, values))
                {
                    throw new OxydeException(
                        ErrorCode.IrMalformed,
                        $"{which} snapshot: enum type '{name}' has different values in {seenAt[name]} and {place}",
                        new Dictionary<string, string> { ["enum"] = name, ["table"] = table.Name, ["column"] = field.Name });
                }
            }
        }

        return types;
    }

    /// <summary>Whether <paramref name="next"/> only appends to <paramref name="previous"/> (PostgreSQL's ADD VALUE can do it).</summary>
    public static bool Appends(IReadOnlyList<string> previous, IReadOnlyList<string> next) =>
        next.Count >= previous.Count && previous.SequenceEqual(next.Take(previous.Count), StringComparer.Ordinal);
}
