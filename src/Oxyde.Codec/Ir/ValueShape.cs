namespace Oxyde.Codec.Ir;

/// <summary>What of a condition's value shows in its SQL (NULL renders IS NULL, a list one placeholder per item, isnull's flag the operator).</summary>
internal enum ValueShape
{
    Scalar,
    Null,
    True,
    False,
    List,

    /// <summary>No value: the condition compares with an expression (<c>rhs</c>).</summary>
    Expression,
}
