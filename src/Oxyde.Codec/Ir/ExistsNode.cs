namespace Oxyde.Codec.Ir;

/// <summary><c>{"type":"exists","query":{select document}}</c>: <c>EXISTS (SELECT ...)</c>.</summary>
internal sealed record ExistsNode(SelectQuery Query) : FilterNode;
