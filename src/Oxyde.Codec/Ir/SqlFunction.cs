namespace Oxyde.Codec.Ir;

/// <summary>
/// Scalar functions of <c>{"type":"func"}</c> (wire names in snake case). Each dialect says how it
/// writes each one (<c>SqlDialect.AppendFunction</c>), or that it cannot.
/// </summary>
internal enum SqlFunction
{
    Lower,
    Upper,
    Length,
    Trim,
    Abs,
    Coalesce,

    /// <summary>Concatenation of every argument as text (<c>Concat(...)</c>).</summary>
    Concat,

    /// <summary>Like <see cref="Concat"/>, the first argument being the separator (<c>Concat(..., separator=)</c>).</summary>
    ConcatWs,
    Now,
    Random,

    /// <summary>Date parts of a date or datetime column: the <c>__year</c>, <c>__month</c>, <c>__day</c>, <c>__date</c> transforms.</summary>
    Year,
    Month,
    Day,
    Hour,
    Minute,
    Second,
    Date,
}
