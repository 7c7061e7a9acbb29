namespace Oxyde.Codec.Ir;

/// <summary>The <c>func</c> of an aggregate: <c>count sum avg min max</c>.</summary>
internal enum AggregateFunction
{
    Count,
    Sum,
    Avg,
    Min,
    Max,
}
