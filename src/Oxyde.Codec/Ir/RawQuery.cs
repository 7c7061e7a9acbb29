namespace Oxyde.Codec.Ir;

/// <summary>
/// <c>type: "raw"</c>: SQL in the dialect's own placeholder syntax; every value is a parameter. One
/// statement, unless <see cref="Script"/>: then any number, run in order, without parameters.
/// </summary>
internal sealed record RawQuery : IrQuery
{
    public required string Sql { get; init; }

    /// <summary>Indexes into <see cref="IrQuery.Values"/> of the parameters, in order.</summary>
    public required ValueList<int> Params { get; init; }

    /// <summary><c>"script": true</c>: the SQL may hold several statements (<c>execute_script</c>).</summary>
    public bool Script { get; init; }

    public override QueryKind Kind => QueryKind.Raw;
}
