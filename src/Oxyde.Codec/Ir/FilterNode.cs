namespace Oxyde.Codec.Ir;

/// <summary>A node of <c>filter_tree</c>.</summary>
internal abstract record FilterNode;
