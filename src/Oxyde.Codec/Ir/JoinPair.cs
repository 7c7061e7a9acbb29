namespace Oxyde.Codec.Ir;

/// <summary>One equality of a join's ON: <c>parent.ParentColumn = alias.Column</c>.</summary>
internal sealed record JoinPair(string ParentColumn, string Column);
