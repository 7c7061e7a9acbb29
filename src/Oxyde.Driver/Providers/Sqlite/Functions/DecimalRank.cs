namespace Oxyde.Driver.Providers.Sqlite.Functions;

/// <summary>The classes of decimal text in the order the <c>oxyde_decimal</c> collation sorts them.</summary>
internal enum DecimalRank
{
    NegativeInfinity,
    NegativeFinite,
    Zero,
    PositiveFinite,
    PositiveInfinity,

    /// <summary>Every NaN (quiet, signalling, any sign or payload) is one value, above +∞ as in PostgreSQL.</summary>
    NaN,

    /// <summary>Text that is not a decimal: after every number, ordered by its bytes.</summary>
    Text,
}
