namespace Oxyde.Codec.Ir;

/// <summary>
/// An index: <c>{"name":"posts_title_idx","columns":["title"],"unique":false}</c>, with an optional
/// access <see cref="Method"/> and an optional <see cref="Where"/> predicate (a partial index; SQL text
/// written as given, like a CHECK expression).
/// </summary>
internal sealed record IndexDef(string Name, ValueList<string> Columns, bool Unique)
{
    /// <summary>The access method, or null for the database's default.</summary>
    public IndexMethod? Method { get; init; }

    /// <summary>The partial index predicate, or null for a full index.</summary>
    public string? Where { get; init; }
}
