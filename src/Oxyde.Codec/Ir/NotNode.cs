namespace Oxyde.Codec.Ir;

/// <summary><c>{"type":"not","child":{...}}</c>.</summary>
internal sealed record NotNode(FilterNode Child) : FilterNode;
