using Oxyde.Codec.Ir;

namespace Oxyde.Codec.Requests;

/// <summary><c>{"pool":"default","tx":7|nil,"ir":{...}}</c>: run one IR document.</summary>
internal sealed record ExecuteRequest(string Pool, long? Tx, IrQuery Query);
