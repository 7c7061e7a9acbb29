namespace Oxyde.Migrate.Schema;

/// <summary>
/// An index (Oxyde's <c>IndexDef</c>): <c>name</c>, <c>fields</c> (column names), <c>unique</c>, the
/// optional access <c>method</c> (<c>btree hash gin gist</c>) and partial-index predicate <c>where</c>
/// (trimmed; blank is none).
/// </summary>
internal sealed record SchemaIndex(string Name, IReadOnlyList<string> Fields, bool Unique)
{
    public string? Method { get; init; }

    public string? Where { get; init; }

    public bool Equals(SchemaIndex? other) =>
        other is not null
        && Name == other.Name
        && Fields.SequenceEqual(other.Fields, StringComparer.Ordinal)
        && Unique == other.Unique
        && Method == other.Method
        && Where == other.Where;

    public override int GetHashCode() => HashCode.Combine(Name, Unique, Method, Where);
}
