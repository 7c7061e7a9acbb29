using Oxyde.Codec.Ir;

namespace Oxyde.Codec.Requests;

/// <summary><c>{"dialect":"postgres","ir":{...}}</c>: render SQL without a database.</summary>
internal sealed record RenderRequest(DialectName Dialect, IrQuery Query);
