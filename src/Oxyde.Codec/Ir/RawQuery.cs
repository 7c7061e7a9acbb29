namespace Oxyde.Codec.Ir;

/// <summary><c>type: "raw"</c>: SQL in the dialect's own placeholder syntax; every value is a parameter.</summary>
internal sealed record RawQuery : IrQuery
{
    public required string Sql { get; init; }

    /// <summary>Indexes into <see cref="IrQuery.Values"/> of the parameters, in order.</summary>
    public required IReadOnlyList<int> Params { get; init; }

    public override QueryKind Kind => QueryKind.Raw;
}
