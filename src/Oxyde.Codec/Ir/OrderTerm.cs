namespace Oxyde.Codec.Ir;

/// <summary>One ORDER BY key: <c>["created_at", "desc"]</c> on the wire.</summary>
internal sealed record OrderTerm(string Column, bool Descending);
