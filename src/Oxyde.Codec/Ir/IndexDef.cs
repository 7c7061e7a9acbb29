namespace Oxyde.Codec.Ir;

/// <summary>An index: <c>{"name":"posts_title_idx","columns":["title"],"unique":false}</c>.</summary>
internal sealed record IndexDef(string Name, IReadOnlyList<string> Columns, bool Unique);
