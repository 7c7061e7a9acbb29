namespace Oxyde.Codec.Ir;

/// <summary><c>{"all":false,"query":{select document}}</c>: one <c>UNION [ALL]</c> branch.</summary>
internal sealed record UnionPart(SelectQuery Query, bool All);
