namespace Oxyde.Codec.Requests;

/// <summary><c>{"name":"default","url":"sqlite://app.db","settings":{...}}</c>.</summary>
internal sealed record PoolOpenRequest(string Name, string Url, PoolSettings Settings);
