namespace Oxyde.Migrate.Schema;

/// <summary>
/// A table of a snapshot (Oxyde's <c>TableDef</c>): <c>name</c>, <c>fields</c> in column order,
/// <c>indexes</c>, <c>foreign_keys</c>, <c>checks</c> and an optional <c>comment</c>.
/// </summary>
internal sealed record SchemaTable(
    string Name,
    IReadOnlyList<SchemaField> Fields,
    IReadOnlyList<SchemaIndex> Indexes,
    IReadOnlyList<SchemaForeignKey> ForeignKeys,
    IReadOnlyList<SchemaCheck> Checks)
{
    public string? Comment { get; init; }

    /// <summary>The field named <paramref name="name"/>, or null.</summary>
    public SchemaField? Field(string name)
    {
        foreach (var field in Fields)
        {
            if (field.Name == name)
            {
                return field;
            }
        }

        return null;
    }
}
