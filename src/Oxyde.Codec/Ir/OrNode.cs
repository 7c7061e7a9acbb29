namespace Oxyde.Codec.Ir;

/// <summary><c>{"type":"or","children":[...]}</c>; no children means FALSE.</summary>
internal sealed record OrNode(ValueList<FilterNode> Children) : FilterNode;
