namespace Oxyde.Driver.Providers.Sqlite.Functions;

/// <summary>The <c>oxyde_dec_*</c> SQL functions (<see cref="SqliteFunctions.FunctionName"/>).</summary>
internal enum DecimalOp
{
    Add,
    Subtract,
    Multiply,
    Divide,
    Negate,

    /// <summary><c>oxyde_dec_round(value, scale)</c>: exactly <c>scale</c> fraction digits, half away from zero.</summary>
    Round,
}
