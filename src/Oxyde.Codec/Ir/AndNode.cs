namespace Oxyde.Codec.Ir;

/// <summary><c>{"type":"and","children":[...]}</c>; no children means TRUE.</summary>
internal sealed record AndNode(ValueList<FilterNode> Children) : FilterNode;
