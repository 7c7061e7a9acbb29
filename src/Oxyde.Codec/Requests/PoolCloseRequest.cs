namespace Oxyde.Codec.Requests;

/// <summary><c>{"name":"default"}</c>.</summary>
internal sealed record PoolCloseRequest(string Name);
